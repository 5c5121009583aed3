/**
 * Cross-checks of one app against the rest of the cluster: its tier and sizes, its image, its
 * dependencies, GPUs, probes and exposure. Storage and secrets have files of their own.
 */
import type { ClusterView, FileApp } from './app-model';
import type { SchemaIssue } from './validate';
import { setKeys, suggest, type At, type Path } from './check-helpers';
import { memoryBytes } from './quantity';
import { tierResources } from '../tiers/resources';
import { sizedChoice } from '../tiers/headroom';
import { checkAppStorage } from './checks-app-storage';
import { checkAppSecrets } from './checks-secrets';

export function checkApp(name: string, app: FileApp, view: ClusterView): SchemaIssue[] {
  const at: At = (...path) => ['apps', name, ...path];
  return [
    ...checkTier(app, view, at),
    ...checkImage(name, app, at),
    ...checkArch(app, view, at),
    ...(app.serviceAccountToken && view.minimalRbac
      ? [{ path: at('serviceAccountToken'), message: 'the cluster runs with minimal RBAC: apps get no API token', fix: 'remove serviceAccountToken, or deliver the app as a platform utility' }]
      : []),
    ...checkDependencies(name, app, view, at),
    ...checkGpus(app, view, at),
    ...checkPorts(app, at),
    ...checkProbes(app, at),
    ...checkExposure(app, view, at),
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
  const issues: SchemaIssue[] = [];
  if (app.gpus > 0 && !tier.gpu) {
    const gpuTiers = Object.keys(tiers).filter((t) => tiers[t].gpu);
    issues.push({ path: at('gpus'), message: `app asks for ${app.gpus} GPU(s) but tier "${app.tier}" is not a GPU tier`, fix: `move it to ${gpuTiers.join(' or ') || 'a tier with gpu: true'}, or remove gpus` });
  }
  if (tier.memoryRequestEqualsLimit && app.memory && app.memoryLimit && memoryBytes(app.memory) !== memoryBytes(app.memoryLimit)) {
    issues.push({ path: at('memoryLimit'), message: `tier "${app.tier}" needs memory request = limit, got request ${app.memory} and limit ${app.memoryLimit}`, fix: `drop memoryLimit (it defaults to the request) or set both to the same value` });
  }
  for (const [field, sized] of [['cpu', 'cpu'], ['memory', 'memory'], ['memoryLimit', 'memory']] as const) {
    if (app[field] !== undefined && app.upperBound?.[sized] !== undefined && !(field === 'memory' && !tier.memoryRequestEqualsLimit)) {
      issues.push({ path: at(field), message: `${field} is given and also derived from upperBound.${sized}`, fix: `keep one: upperBound.${sized} (sized with headroom) or ${field}` });
    }
  }
  const { requests, limits } = tierResources(tier, sizedChoice(app, tier));
  const field = app.memoryLimit ? 'memoryLimit' : 'memory';
  if (memoryBytes(requests.memory) > memoryBytes(limits.memory)) {
    issues.push({ path: at(field), message: `memory request ${requests.memory} is above the memory limit ${limits.memory}`, fix: 'a limit must be at least the request: raise memoryLimit or lower memory' });
  }
  if (memoryBytes(limits.memory) > memoryBytes(tier.memory.max)) {
    issues.push({ path: at(field), message: `memory limit ${limits.memory} is above tier "${app.tier}"'s per-container maximum ${tier.memory.max}`, fix: `lower it to ${tier.memory.max} or less, or move the app to a tier with a higher maximum` });
  }
  return issues;
}

/** An image no node can run is a config error, not a pod stuck in Pending. */
function checkArch(app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const nodeArchs = [...new Set(view.nodes.map((n) => n.arch))];
  if (app.arch.some((a) => nodeArchs.includes(a))) return [];
  return [{ path: at('arch'), message: `the image is built for ${app.arch.join(', ')} and every node is ${nodeArchs.join(', ')}`, fix: `use an image built for ${nodeArchs.join(' or ')} (and list it in arch), or add a node that runs it` }];
}

function checkImage(name: string, app: FileApp, at: At): SchemaIssue[] {
  const images: [Path, string][] = [[at('image'), app.image], ...app.init.flatMap((step, i): [Path, string][] => (step.image ? [[at('init', i, 'image'), step.image]] : []))];
  const issues = images.flatMap(([path, image]) => {
    const pinned = imagePinProblem(image);
    return pinned ? [{ path, message: pinned, fix: PIN_FIX }] : [];
  });
  const names = new Set([name]);
  app.init.forEach((step, i) => {
    if (names.has(step.name)) issues.push({ path: at('init', i, 'name'), message: `container name "${step.name}" is taken${step.name === name ? ' by the app itself' : ''}`, fix: 'give each init step a name of its own' });
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
  return [{ path: at('gpus'), message: `app asks for ${app.gpus} GPU(s) but no node has a GPU`, fix: "declare the GPU node's cards under nodes.<name>.gpus, or remove gpus" }];
}

/** Kubernetes names container ports like services in /etc/services: at most 15 characters. */
function checkPorts(app: FileApp, at: At): SchemaIssue[] {
  return Object.keys(app.ports).flatMap((port) => (port.length > 15 ? [{ path: at('ports'), key: port, message: `port name "${port}" is longer than 15 characters`, fix: 'shorten it (e.g. http, ssh, metrics)' }] : []));
}

function checkProbes(app: FileApp, at: At): SchemaIssue[] {
  const ports = Object.keys(app.ports);
  return Object.entries(app.probes).flatMap(([kind, probe]): SchemaIssue[] => {
    if (!probe) return [];
    const handlers = setKeys(probe, ['http', 'tcp', 'exec']);
    if (handlers.length !== 1) {
      return [{ path: at('probes', kind), message: handlers.length ? `a probe has one check, got ${handlers.join(' and ')}` : 'the probe says nothing to check', fix: 'keep exactly one of http, tcp or exec' }];
    }
    const port = probe.http?.port ?? probe.tcp?.port;
    if (!probe.exec && port === undefined && !ports.length) {
      return [{ path: at('probes', kind, handlers[0]), message: 'the probe needs a port and the app has none', fix: 'declare the port under ports' }];
    }
    if (port !== undefined && !ports.includes(port)) return [{ path: at('probes', kind, handlers[0], 'port'), message: `port "${port}" is not one of the app's ports`, fix: suggest(port, ports, 'ports') }];
    return [];
  });
}

function checkExposure(app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const ports = Object.keys(app.ports);
  const { expose, ingress } = app;
  if ((expose || ingress) && !ports.length) issues.push({ path: at(expose ? 'expose' : 'ingress'), message: 'the app is exposed but has no ports', fix: 'declare its ports under ports' });
  if (expose) {
    const pools = Object.keys(view.network.pools);
    if (!view.network.pools[expose.pool]) issues.push({ path: at('expose', 'pool'), message: `address pool "${expose.pool}" does not exist`, fix: suggest(expose.pool, pools, 'network.pools') });
    if (expose.sharedIPKey && expose.externalTrafficPolicy === 'Local') {
      issues.push({ path: at('expose', 'externalTrafficPolicy'), message: 'MetalLB shares an address between apps only with externalTrafficPolicy Cluster (Local needs the very same pods behind every service)', fix: 'drop externalTrafficPolicy (a shared IP defaults to Cluster) or drop sharedIPKey' });
    }
    if (expose.hostname) issues.push(...checkHostname(expose.hostname, view, at('expose', 'hostname')));
  }
  if (ingress) {
    if (!view.network.ingress) issues.push({ path: at('ingress'), message: 'the cluster has no ingress controller', fix: 'declare network.ingress (className, and issuer for TLS), or expose the app through a pool' });
    if (ingress.port !== undefined && !ports.includes(ingress.port)) issues.push({ path: at('ingress', 'port'), message: `port "${ingress.port}" is not one of the app's ports`, fix: suggest(ingress.port, ports, 'ports') });
    issues.push(...checkHostname(ingress.host, view, at('ingress', 'host')));
  }
  return issues;
}

function checkHostname(host: string, view: ClusterView, path: Path): SchemaIssue[] {
  return host.includes('.') || view.network.dns ? [] : [{ path, message: `"${host}" is not a full DNS name and the cluster has no DNS domain`, fix: `write the full name (e.g. ${host}.home.arpa) or set network.dns.domain` }];
}
