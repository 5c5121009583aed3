/**
 * Cross-checks of the `utilities:` section against the rest of the cluster file: a utility's
 * tier and sizes, what a utility needs from the file (pools, GPUs, a DNS provider...), what the
 * file needs from a utility (pools need MetalLB, StorageClasses need csi-nfs...).
 */
import type { ClusterFile } from './schema';
import type { TierSpec } from './tiers';
import type { SchemaIssue } from './validate';
import { didYouMean } from './problems';
import { isZeroQuantity } from './check-helpers';
import { memoryBytes } from './quantity';
import { componentResources, isEnabled } from './utilities';
import { CILIUM_LB_APP, GENERATED_APPS } from './generated-apps';
import { usesPools } from './checks-load-balancer';
import { UTILITY_NAMES, componentsOf, type UtilityName } from './utility-defaults';

export function utilityIssues(file: ClusterFile, tiers: Record<string, TierSpec>): SchemaIssue[] {
  return [...tierIssues(file, tiers), ...requirementIssues(file), ...settingIssues(file), ...nameIssues(file), ...storageIssues(file)];
}

const at = (utility: UtilityName, ...path: (string | number)[]) => ['utilities', utility, ...path];

function tierIssues(file: ClusterFile, tiers: Record<string, TierSpec>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const name of UTILITY_NAMES) {
    const components = componentsOf(name) as string[];
    for (const component of Object.keys(file.utilities[name].resources).filter((c) => !components.includes(c))) {
      const guess = didYouMean(component, components);
      issues.push({
        path: at(name, 'resources'),
        key: component,
        message: `${name} has no component "${component}"`,
        fix: guess ? `did you mean "${guess}"?` : `use one of: ${components.join(', ')}`,
      });
    }
    for (const [component, size] of Object.entries(file.utilities[name].resources)) {
      for (const kind of ['cpu', 'memory'] as const) {
        // a zero request means nothing is reserved, and a memory limit of 0 means no limit at all
        if (isZeroQuantity(size[kind], kind))
          issues.push({
            path: at(name, 'resources', component, kind),
            message: `a ${kind} of 0 for ${name} ${component} is no size at all`,
            fix: `give it a real ${kind} request, or leave it out for the product's default`,
          });
      }
    }
    const tierName = file.utilities[name].tier;
    const tier = tiers[tierName];
    if (!tier) {
      const guess = didYouMean(tierName, Object.keys(tiers));
      issues.push({
        path: at(name, 'tier'),
        message: `tier "${tierName}" does not exist`,
        fix: guess ? `did you mean "${guess}"?` : `use one of: ${Object.keys(tiers).join(', ')}`,
      });
      continue;
    }
    for (const component of componentsOf(name)) {
      const { limits } = componentResources(file, tier, name, component);
      if (memoryBytes(limits.memory) > memoryBytes(tier.memory.max)) {
        const overridden = (file.utilities[name].resources as Record<string, unknown>)[component] !== undefined;
        issues.push({
          path: overridden ? at(name, 'resources', component, 'memory') : at(name, 'tier'),
          message: `${name} ${component} needs a memory limit of ${limits.memory}, above tier "${tierName}"'s per-container maximum ${tier.memory.max}`,
          fix: overridden
            ? `lower it to ${tier.memory.max} or less`
            : `pick a tier whose maximum allows ${limits.memory}, or lower utilities.${name}.resources.${component}.memory`,
        });
      }
    }
  }
  return issues;
}

/** What an enabled utility needs from the file, and what the file needs from a utility. */
function requirementIssues(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const need = (utility: UtilityName, message: string, fix: string) => issues.push({ path: at(utility, 'enabled'), message, fix });
  const explicit = (utility: UtilityName) => file.utilities[utility].enabled === true;
  const pools = Object.keys(file.network.pools);

  if (explicit('metallb') && file.network.loadBalancer !== 'metallb')
    need(
      'metallb',
      `MetalLB is enabled but network.loadBalancer is "${file.network.loadBalancer}"`,
      'set network.loadBalancer: metallb, or disable metallb: one load balancer hands out the addresses',
    );
  else if (explicit('metallb') && !pools.length)
    need('metallb', 'MetalLB is enabled but network.pools declares no address pool to announce', 'declare a pool under network.pools');
  if (file.network.loadBalancer === 'metallb' && pools.length && !isEnabled(file, 'metallb')) {
    need('metallb', `network.pools declares ${pools.join(', ')} but MetalLB is disabled: nothing would announce them`, 'enable metallb or remove the pools');
  }
  const classes = Object.keys(file.storage.classes);
  if (classes.length && !isEnabled(file, 'csi-nfs'))
    need(
      'csi-nfs',
      `storage.classes declares ${classes.join(', ')} but csi-nfs is disabled: nothing would provision them`,
      'enable csi-nfs or remove the classes',
    );
  if (explicit('gpu-operator') && !Object.values(file.nodes).some((n) => n.gpus))
    need('gpu-operator', 'the GPU operator is enabled but no node declares gpus', 'declare the GPUs under nodes.<name>.gpus or disable the operator');

  const issuer = file.network.ingress?.issuer;
  const issuerSpec = file.utilities['cert-manager'].issuer;
  if (issuer !== undefined && !isEnabled(file, 'cert-manager'))
    need('cert-manager', `network.ingress.issuer names "${issuer}" but cert-manager is disabled`, 'enable cert-manager or remove the issuer');
  else if (issuer !== undefined && !issuerSpec) {
    issues.push({
      path: ['network', 'ingress', 'issuer'],
      message: `ClusterIssuer "${issuer}" is not described`,
      fix: 'add utilities.cert-manager.issuer with one of acme, ca or selfSigned',
    });
  }
  if (issuerSpec && issuer === undefined)
    issues.push({
      path: at('cert-manager', 'issuer'),
      message: 'the ClusterIssuer has no name',
      fix: 'name it in network.ingress.issuer (ingresses use it from there)',
    });

  if (isEnabled(file, 'external-dns') && file.network.dns?.provider === undefined)
    need('external-dns', 'external-dns is enabled but network.dns.provider is not set', 'set network.dns.provider (e.g. coredns) and network.dns.domain');
  if (isEnabled(file, 'ingress') && !file.network.ingress)
    need('ingress', 'the ingress controller is enabled but network.ingress is not set', 'set network.ingress.className (and issuer, for TLS)');
  if (isEnabled(file, 'goldilocks') && !isEnabled(file, 'vpa'))
    need('goldilocks', 'Goldilocks reads the recommendations of the Vertical Pod Autoscaler, which is disabled', 'enable vpa or disable goldilocks');
  return issues;
}

function settingIssues(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const { issuer } = file.utilities['cert-manager'];
  if (issuer) {
    const kinds = Object.keys(issuer);
    if (kinds.length !== 1)
      issues.push({
        path: at('cert-manager', 'issuer'),
        message: `an issuer is exactly one of acme, ca or selfSigned; got ${kinds.join(', ') || 'none'}`,
        fix: 'keep one of them',
      });
  }

  const dns = file.utilities['external-dns'];
  if (isEnabled(file, 'external-dns') && file.network.dns?.provider === 'coredns' && !dns.env.ETCD_URLS) {
    issues.push({
      path: ['network', 'dns', 'provider'],
      message: 'the CoreDNS provider writes records into the etcd CoreDNS reads, and no etcd is given',
      fix: 'set utilities.external-dns.env.ETCD_URLS (e.g. http://etcd.example.com:2379)',
    });
  }
  for (const key of dns.credentials?.keys ?? []) {
    if (key in dns.env)
      issues.push({
        path: at('external-dns', 'env', key),
        message: `${key} is also a key of the credentials Secret ${dns.credentials!.secret}`,
        fix: 'keep it in one place: a credential only in the Secret',
      });
  }

  const ingress = file.utilities.ingress;
  const pools = Object.keys(file.network.pools);
  // without pools (servicelb, none), checks-load-balancer.ts says what becomes of pool and ip
  const poolsUsed = usesPools(file.network.loadBalancer);
  if (poolsUsed && ingress.pool !== undefined && !file.network.pools[ingress.pool]) {
    const guess = didYouMean(ingress.pool, pools);
    issues.push({
      path: at('ingress', 'pool'),
      message: `address pool "${ingress.pool}" does not exist`,
      fix: guess ? `did you mean "${guess}"?` : pools.length ? `use one of: ${pools.join(', ')}` : 'declare it under network.pools',
    });
  }
  if (poolsUsed && ingress.ip !== undefined && ingress.pool === undefined)
    issues.push({ path: at('ingress', 'ip'), message: 'a fixed address needs the pool it belongs to', fix: 'set utilities.ingress.pool' });

  const { thresholds, targetThresholds } = file.utilities.descheduler;
  for (const resource of ['cpu', 'memory', 'pods'] as const) {
    if (thresholds[resource] > targetThresholds[resource]) {
      issues.push({
        path: at('descheduler', 'thresholds', resource),
        message: `the ${resource} threshold ${thresholds[resource]}% is above the target threshold ${targetThresholds[resource]}%`,
        fix: 'underused nodes must be below overused ones: lower the threshold or raise targetThresholds',
      });
    }
  }
  return issues;
}

/** App folders, utility folders and the generated applications share dist/<cluster>/ and Argo CD's Application names. */
function nameIssues(file: ClusterFile): SchemaIssue[] {
  return Object.keys(file.apps).flatMap((app): SchemaIssue[] => {
    if ((UTILITY_NAMES as string[]).includes(app))
      return [
        {
          path: ['apps'],
          key: app,
          message: `"${app}" is the name of a cluster utility`,
          fix: `rename the app (its folder would clash with the ${app} utility's)`,
        },
      ];
    if (GENERATED_APPS.includes(app))
      return [
        {
          path: ['apps'],
          key: app,
          message: `"${app}" is the name of an application synth generates for every cluster (${GENERATED_APPS.join(', ')})`,
          fix: `rename the app: an Application "${app}" of its own would replace synth's`,
        },
      ];
    if (app === CILIUM_LB_APP && file.network.loadBalancer === 'cilium') {
      return [
        {
          path: ['apps'],
          key: app,
          message: `"${app}" is the name of the application that holds Cilium's address pools and L2 announcement policy (network.loadBalancer: cilium)`,
          fix: `rename the app: an Application "${app}" of its own would replace synth's`,
        },
      ];
    }
    return [];
  });
}

/** One default StorageClass at most (mount options are checked with the rest of storage, in checks-storage.ts). */
function storageIssues(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const defaults = Object.keys(file.storage.classes).filter((name) => file.storage.classes[name].default);
  for (const extra of defaults.slice(1)) {
    issues.push({
      path: ['storage', 'classes', extra, 'default'],
      message: `"${defaults[0]}" is already the default StorageClass`,
      fix: 'keep default: true on one class only',
    });
  }
  return issues;
}
