/**
 * Cross-checks of one app against the rest of the cluster: its tier and sizes, its image, its
 * dependencies, GPUs, probes and exposure. Storage and secrets have files of their own.
 */
import type { ClusterView, FileApp } from './app-model';
import type { SchemaIssue } from './validate';
import { tierNamespace } from './tier-names';
import { isZeroQuantity, setKeys, suggest, type At, type Path } from './check-helpers';
import { memoryBytes } from './quantity';
import { dnsNameProblem, imageReferenceProblem, parseCidr, portNameProblem } from './formats';
import { tierResources } from './tier-resources';
import { sizedChoice } from './headroom';
import { checkAppStorage } from './checks-app-storage';
import { checkAppSecrets } from './checks-secrets';
import { checkExpose, usesPools } from './checks-load-balancer';
import type { TierSpec } from './tiers';

export function checkApp(name: string, app: FileApp, view: ClusterView): SchemaIssue[] {
  const at: At = (...path) => ['apps', name, ...path];
  return [
    ...checkTier(app, view, at),
    ...checkNamespaceLength(name, app),
    ...checkImage(name, app, at),
    ...checkArch(app, view, at),
    ...(app.serviceAccountToken && view.minimalRbac
      ? [
          {
            path: at('serviceAccountToken'),
            message: 'the cluster runs with minimal RBAC: apps get no API token',
            fix: 'remove serviceAccountToken, or deliver the app as a platform utility',
          },
        ]
      : []),
    ...checkDependencies(name, app, view, at),
    ...checkGpus(app, view, at),
    ...checkPorts(app, at),
    ...checkProbes(app, at),
    ...checkPrivileges(app, at),
    ...checkExposure(app, view, at),
    ...checkEgress(app, at),
    ...checkAppStorage(name, app, view, at),
    ...checkAppSecrets(name, app, view, at),
    ...(app.strategy && app.kind !== 'Deployment'
      ? [{ path: at('strategy'), message: `strategy applies to Deployments; a ${app.kind} updates its pods one by one`, fix: 'remove strategy' }]
      : []),
  ];
}

function checkTier(app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const tiers = view.tiers;
  const tier = tiers[app.tier];
  if (!tier) return [{ path: at('tier'), message: `tier "${app.tier}" does not exist`, fix: suggest(app.tier, Object.keys(tiers), 'tiers') }];
  const zeros = zeroQuantities(app, tier, at);
  if (zeros.length) return zeros;
  const issues: SchemaIssue[] = [];
  if (app.gpus > 0 && !tier.gpu) {
    const gpuTiers = Object.keys(tiers).filter((t) => tiers[t].gpu);
    issues.push({
      path: at('gpus'),
      message: `app asks for ${app.gpus} GPU(s) but tier "${app.tier}" is not a GPU tier`,
      fix: `move it to ${gpuTiers.join(' or ') || 'a tier with gpu: true'}, or remove gpus`,
    });
  }
  if (tier.memoryRequestEqualsLimit && app.memory && app.memoryLimit && memoryBytes(app.memory) !== memoryBytes(app.memoryLimit)) {
    issues.push({
      path: at('memoryLimit'),
      message: `tier "${app.tier}" needs memory request = limit, got request ${app.memory} and limit ${app.memoryLimit}`,
      fix: `drop memoryLimit (it defaults to the request) or set both to the same value`,
    });
  }
  for (const [field, sized] of [
    ['cpu', 'cpu'],
    ['memory', 'memory'],
    ['memoryLimit', 'memory'],
  ] as const) {
    if (app[field] !== undefined && app.upperBound?.[sized] !== undefined && !(field === 'memory' && !tier.memoryRequestEqualsLimit)) {
      issues.push({
        path: at(field),
        message: `${field} is given and also derived from upperBound.${sized}`,
        fix: `keep one: upperBound.${sized} (sized with headroom) or ${field}`,
      });
    }
  }
  const { requests, limits } = tierResources(tier, sizedChoice(app, tier));
  const field = app.memoryLimit ? 'memoryLimit' : 'memory';
  if (memoryBytes(requests.memory) > memoryBytes(limits.memory)) {
    issues.push({
      path: at(field),
      message: `memory request ${requests.memory} is above the memory limit ${limits.memory}`,
      fix: 'a limit must be at least the request: raise memoryLimit or lower memory',
    });
  }
  if (memoryBytes(limits.memory) > memoryBytes(tier.memory.max)) {
    issues.push({
      path: at(field),
      message: `memory limit ${limits.memory} is above tier "${app.tier}"'s per-container maximum ${tier.memory.max}`,
      fix: `lower it to ${tier.memory.max} or less, or move the app to a tier with a higher maximum`,
    });
  }
  return issues;
}

/**
 * A quantity of 0 silently changes meaning: a memory limit of 0 is no limit at all, and a request
 * of 0 reserves nothing (the scheduler places the pod as if it used nothing).
 */
function zeroQuantities(app: FileApp, tier: TierSpec, at: At): SchemaIssue[] {
  const sizes: [Path, string | number | undefined, 'cpu' | 'memory'][] = [
    [at('cpu'), app.cpu, 'cpu'],
    [at('memory'), app.memory, 'memory'],
    [at('memoryLimit'), app.memoryLimit, 'memory'],
    [at('upperBound', 'cpu'), app.upperBound?.cpu, 'cpu'],
    [at('upperBound', 'memory'), app.upperBound?.memory, 'memory'],
  ];
  return sizes.flatMap(([path, value, kind]): SchemaIssue[] => {
    if (!isZeroQuantity(value, kind)) return [];
    const field = String(path[path.length - 1]);
    const label = path.includes('upperBound') ? `upperBound.${field}` : field;
    const meaning =
      kind === 'cpu'
        ? ZERO_MEANS.cpuRequest
        : field === 'memoryLimit'
          ? ZERO_MEANS.memoryLimit
          : tier.memoryRequestEqualsLimit || path.includes('upperBound')
            ? ZERO_MEANS.memory
            : ZERO_MEANS.memoryRequest;
    const fallback = path.includes('upperBound')
      ? `remove upperBound.${field}`
      : `leave ${field} out for the tier's default (${kind === 'cpu' ? tier.cpu.defaultRequest : field === 'memoryLimit' ? tier.memory.defaultLimit : tier.memory.defaultRequest})`;
    return [
      {
        path,
        message: `${label} ${JSON.stringify(value)} is zero; ${meaning}`,
        fix: `write what the app needs (e.g. ${kind === 'cpu' ? '100m' : '256Mi'}), or ${fallback}`,
      },
    ];
  });
}

/** What a zero CPU or memory quantity would silently mean; shared with the tier checks. */
export const ZERO_MEANS = {
  cpuRequest: 'a CPU request of 0 reserves nothing: the pod is placed as if it used no CPU and gets the smallest share under load',
  memory: 'a memory limit of 0 is no limit at all, and a request of 0 reserves nothing',
  memoryLimit: 'a memory limit of 0 is no limit at all',
  memoryRequest: 'a memory request of 0 reserves nothing: the pod is placed as if it used no memory and is evicted first',
  memoryMax: 'a per-container maximum of 0 admits no container, since every container has a memory limit',
  quota: 'a quota of 0 admits no pod, since every pod of a tier requests CPU and memory',
} as const;

/** An image no node can run is a config error, not a pod stuck in Pending. */
function checkArch(app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const nodeArchs = [...new Set(view.nodes.map((n) => n.arch))];
  if (app.arch.some((a) => nodeArchs.includes(a))) return [];
  return [
    {
      path: at('arch'),
      message: `the image is built for ${app.arch.join(', ')} and every node is ${nodeArchs.join(', ')}`,
      fix: `use an image built for ${nodeArchs.join(' or ')} (and list it in arch), or add a node that runs it`,
    },
  ];
}

function checkImage(name: string, app: FileApp, at: At): SchemaIssue[] {
  const images: [Path, string][] = [
    [at('image'), app.image],
    ...app.init.flatMap((step, i): [Path, string][] => (step.image ? [[at('init', i, 'image'), step.image]] : [])),
  ];
  const issues = images.flatMap(([path, image]): SchemaIssue[] => {
    const invalid = imageReferenceProblem(image);
    if (invalid) return [{ path, ...invalid }];
    const pinned = imagePinProblem(image);
    return pinned ? [{ path, message: pinned, fix: PIN_FIX }] : [];
  });
  const names = new Set([name]);
  app.init.forEach((step, i) => {
    if (names.has(step.name))
      issues.push({
        path: at('init', i, 'name'),
        message: `container name "${step.name}" is taken${step.name === name ? ' by the app itself' : ''}`,
        fix: 'give each init step a name of its own',
      });
    names.add(step.name);
  });
  return issues;
}

export const PIN_FIX = 'pin a version tag (e.g. "vaultwarden/server:1.34.3") or a digest ("...@sha256:...")';

/** Why an image reference is not pinned, or undefined when it is. */
export function imagePinProblem(image: string): string | undefined {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
  if (!tag) return `image "${image}" has no tag, so it means :latest and changes under you`;
  if (tag === 'latest') return `image "${image}" uses the moving tag "latest"`;
  return undefined;
}

function checkDependencies(name: string, app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  return app.dependsOn.flatMap((dep, i): SchemaIssue[] => {
    if (dep === name) return [{ path: at('dependsOn', i), message: 'an app cannot depend on itself', fix: 'remove it' }];
    if (!view.appNames.includes(dep)) return [{ path: at('dependsOn', i), message: `app "${dep}" does not exist`, fix: suggest(dep, view.appNames, 'apps') }];
    return [];
  });
}

function checkGpus(app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  if (app.gpus === 0 || view.nodes.some((n) => n.gpus)) return [];
  return [
    {
      path: at('gpus'),
      message: `app asks for ${app.gpus} GPU(s) but no node has a GPU`,
      fix: "declare the GPU node's cards under nodes.<name>.gpus, or remove gpus",
    },
  ];
}

/**
 * Kubernetes names container ports like services in /etc/services (IANA_SVC_NAME), and a Service
 * refuses two ports with the same number and protocol.
 */
function checkPorts(app: FileApp, at: At): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Map<string, string>();
  for (const [name, port] of Object.entries(app.ports)) {
    const problem = portNameProblem(name);
    if (problem) issues.push({ path: at('ports'), key: name, ...problem });
    const id = `${port.port}/${port.protocol}`;
    const first = seen.get(id);
    if (first)
      issues.push({
        path: at('ports', name, 'port'),
        message: `port ${id} is already port "${first}"; a Service refuses two ports with one number and protocol`,
        fix: `give each port its own number, or remove "${name}"`,
      });
    else seen.set(id, name);
  }
  return issues;
}

/** The capabilities of Linux, as Kubernetes names them (no CAP_ prefix); the runtime refuses any other. */
const LINUX_CAPABILITIES = [
  'ALL',
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYSLOG',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'WAKE_ALARM',
];

function checkPrivileges(app: FileApp, at: At): SchemaIssue[] {
  return (app.privileges?.capabilities ?? []).flatMap((cap, i): SchemaIssue[] => {
    if (LINUX_CAPABILITIES.includes(cap)) return [];
    const path = at('privileges', 'capabilities', i);
    if (cap.startsWith('CAP_') && LINUX_CAPABILITIES.includes(cap.slice(4))) {
      return [{ path, message: `"${cap}" would reach the runtime as CAP_${cap}, which is no capability`, fix: `drop the CAP_ prefix: ${cap.slice(4)}` }];
    }
    return [
      {
        path,
        message: `"${cap}" is not a Linux capability; the container runtime would refuse to start the container`,
        fix: suggest(cap, LINUX_CAPABILITIES, 'capabilities'),
      },
    ];
  });
}

/** Egress destinations are NetworkPolicy ipBlocks: the API server takes only real CIDRs. */
function checkEgress(app: FileApp, at: At): SchemaIssue[] {
  return app.egress.cidrs.flatMap((cidr, i): SchemaIssue[] => {
    const { problem } = parseCidr(cidr);
    return problem ? [{ path: at('egress', 'cidrs', i), ...problem }] : [];
  });
}

function checkProbes(app: FileApp, at: At): SchemaIssue[] {
  const ports = Object.keys(app.ports);
  return Object.entries(app.probes).flatMap(([kind, probe]): SchemaIssue[] => {
    if (!probe) return [];
    const handlers = setKeys(probe, ['http', 'tcp', 'exec']);
    if (handlers.length !== 1) {
      return [
        {
          path: at('probes', kind),
          message: handlers.length ? `a probe has one check, got ${handlers.join(' and ')}` : 'the probe says nothing to check',
          fix: 'keep exactly one of http, tcp or exec',
        },
      ];
    }
    const port = probe.http?.port ?? probe.tcp?.port;
    if (!probe.exec && port === undefined && !ports.length) {
      return [{ path: at('probes', kind, handlers[0]), message: 'the probe needs a port and the app has none', fix: 'declare the port under ports' }];
    }
    if (port !== undefined && !ports.includes(port))
      return [{ path: at('probes', kind, handlers[0], 'port'), message: `port "${port}" is not one of the app's ports`, fix: suggest(port, ports, 'ports') }];
    return [];
  });
}

function checkExposure(app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const ports = Object.keys(app.ports);
  const { expose, ingress } = app;
  if ((expose || ingress) && !ports.length)
    issues.push({ path: at(expose ? 'expose' : 'ingress'), message: 'the app is exposed but has no ports', fix: 'declare its ports under ports' });
  if (expose) {
    const pools = Object.keys(view.network.pools);
    const lb = view.network.loadBalancer;
    issues.push(...checkExpose(expose, view, at));
    if (usesPools(lb) && expose.pool !== undefined && !view.network.pools[expose.pool])
      issues.push({ path: at('expose', 'pool'), message: `address pool "${expose.pool}" does not exist`, fix: suggest(expose.pool, pools, 'network.pools') });
    if (lb === 'metallb' && expose.sharedIPKey && expose.externalTrafficPolicy === 'Local') {
      issues.push({
        path: at('expose', 'externalTrafficPolicy'),
        message: 'MetalLB shares an address between apps only with externalTrafficPolicy Cluster (Local needs the very same pods behind every service)',
        fix: 'drop externalTrafficPolicy (a shared IP defaults to Cluster) or drop sharedIPKey',
      });
    }
    if (expose.hostname) issues.push(...checkHostname(expose.hostname, view, at('expose', 'hostname')));
  }
  if (ingress) {
    if (!view.network.ingress)
      issues.push({
        path: at('ingress'),
        message: 'the cluster has no ingress controller',
        fix: 'declare network.ingress (className, and issuer for TLS), or expose the app through a pool',
      });
    if (ingress.port !== undefined && !ports.includes(ingress.port))
      issues.push({ path: at('ingress', 'port'), message: `port "${ingress.port}" is not one of the app's ports`, fix: suggest(ingress.port, ports, 'ports') });
    issues.push(...checkHostname(ingress.host, view, at('ingress', 'host')));
    // the API server refuses these in a Prefix path
    const bad = ['//', '/./', '/../', '%2f', '%2F'].find((seq) => ingress.path.includes(seq)) ?? ['/..', '/.'].find((end) => ingress.path.endsWith(end));
    if (bad)
      issues.push({
        path: at('ingress', 'path'),
        message: `path "${ingress.path}" holds "${bad}", which an Ingress path may not`,
        fix: 'write the plain path, e.g. /rss',
      });
    else if (/[\s\x00-\x1f\x7f]/.test(ingress.path))
      issues.push({
        path: at('ingress', 'path'),
        message: `path ${JSON.stringify(ingress.path)} holds white space or a control character`,
        fix: 'write the path as the URL has it, e.g. /my%20app',
      });
  }
  return issues;
}

function checkHostname(host: string, view: ClusterView, path: Path): SchemaIssue[] {
  if (!host.includes('.') && !view.network.dns)
    return [
      {
        path,
        message: `"${host}" is not a full DNS name and the cluster has no DNS domain`,
        fix: `write the full name (e.g. ${host}.home.arpa) or set network.dns.domain`,
      },
    ];
  const full = host.includes('.') ? host : `${host}.${view.network.dns!.domain}`;
  const problem = dnsNameProblem(full.replace(/^\*\./, ''), 'host name');
  return problem ? [{ path, ...problem }] : [];
}

/** A namespace is a DNS label: `<tier>-<app>` must fit in 63 characters. */
function checkNamespaceLength(name: string, app: FileApp): SchemaIssue[] {
  const namespace = tierNamespace(app.tier, name);
  if (namespace.length <= 63) return [];
  return [
    {
      path: ['apps'],
      key: name,
      message: `its namespace ${namespace} would be ${namespace.length} characters long; a namespace has at most 63`,
      fix: `shorten the app's name to ${63 - app.tier.length - 1} characters or fewer`,
    },
  ];
}
