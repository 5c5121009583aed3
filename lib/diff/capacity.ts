/**
 * Capacity deltas: requested CPU, memory and GPUs (per pod x replicas) added or removed per tier
 * and per node. Only changed workloads contribute, so the sums are exact deltas without reading
 * the unchanged rest of the tree. A pod's request follows the scheduler: the sum of its
 * containers and sidecars, or its largest init container (plus the sidecars started before it).
 */
import type { K8sObject } from '../output/collect';
import { cpuMillis, memoryBytes } from '../config/quantity';
import type { CapacityDelta, ObjectChange } from './model';
import { podSpec, ROLLING_KINDS } from './pods';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

interface Requests {
  cpuMillis: number;
  memoryBytes: number;
  gpus: number;
}

/** `tiersOf(cluster)`: the tier names, which are the PriorityClass names and namespace prefixes. */
export function capacityDeltas(changes: readonly ObjectChange[], tiersOf: (cluster: string) => readonly string[]): CapacityDelta[] {
  const rows = new Map<string, CapacityDelta & Requests>();
  const add = (cluster: string, object: K8sObject | undefined, sign: 1 | -1) => {
    if (!object || !ROLLING_KINDS.has(object.kind)) return;
    const spec = podSpec(object) ?? {};
    const nodes = nodesOf(spec);
    // A DaemonSet runs one pod on every node it selects, unless it is held to one node.
    const perNode = object.kind === 'DaemonSet' && !nodes?.single;
    const replicas = object.kind === 'DaemonSet' ? 1 : ((object.spec as { replicas?: number }).replicas ?? 1);
    const pod = podRequests(spec, object);
    const rowsOf: [CapacityDelta['scope'], string][] = [['tier', tierOf(object, spec, tiersOf(cluster))]];
    if (nodes) rowsOf.push(['node', nodes.name]);
    for (const [scope, name] of rowsOf) {
      const key = [cluster, scope, name, perNode].join('\u0000');
      const row = rows.get(key) ?? { cluster, scope, name, perNode, cpuMillis: 0, memoryBytes: 0, gpus: 0 };
      row.cpuMillis += sign * replicas * pod.cpuMillis;
      row.memoryBytes += sign * replicas * pod.memoryBytes;
      row.gpus += sign * replicas * pod.gpus;
      rows.set(key, row);
    }
  };
  for (const c of changes) {
    add(c.cluster, c.before, -1);
    add(c.cluster, c.after, 1);
  }
  return [...rows.values()].filter((r) => r.cpuMillis || r.memoryBytes || r.gpus);
}

/** The PriorityClass when it names a tier, else the tier prefix of the namespace. */
function tierOf(object: K8sObject, spec: Record<string, any>, tiers: readonly string[]): string {
  if (tiers.includes(spec.priorityClassName)) return spec.priorityClassName;
  const namespace = object.metadata.namespace ?? '';
  return tiers.filter((t) => namespace.startsWith(`${t}-`)).sort((a, b) => b.length - a.length)[0] ?? '(no tier)';
}

/** The one node the pods are held to (spec.nodeName, a hostname nodeSelector), or the node selector that picks their nodes. */
function nodesOf(spec: Record<string, any>): { name: string; single: boolean } | undefined {
  const selector = (spec.nodeSelector ?? {}) as Record<string, string>;
  const keys = Object.keys(selector).sort();
  if (spec.nodeName) return { name: spec.nodeName, single: true };
  if (keys.length === 1 && keys[0] === HOSTNAME_LABEL) return { name: selector[HOSTNAME_LABEL], single: true };
  return keys.length ? { name: keys.map((k) => `${k}=${selector[k]}`).join(','), single: false } : undefined;
}

function podRequests(spec: Record<string, any>, object: K8sObject): Requests {
  const requestsOf = (container: Record<string, any>): Requests => {
    const r = (container.resources?.requests ?? {}) as Record<string, string | number>;
    try {
      const gpus = Object.entries(r).filter(([k]) => k.endsWith('/gpu')).reduce((n, [, v]) => n + Number(v), 0);
      return { cpuMillis: r.cpu === undefined ? 0 : cpuMillis(r.cpu), memoryBytes: r.memory === undefined ? 0 : memoryBytes(r.memory), gpus };
    } catch (e) {
      throw new Error(`${object.kind} ${object.metadata.namespace}/${object.metadata.name} container ${container.name}: ${(e as Error).message}`, { cause: e });
    }
  };
  const sum = (a: Requests, b: Requests): Requests => ({ cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes, gpus: a.gpus + b.gpus });
  const max = (a: Requests, b: Requests): Requests => ({ cpuMillis: Math.max(a.cpuMillis, b.cpuMillis), memoryBytes: Math.max(a.memoryBytes, b.memoryBytes), gpus: Math.max(a.gpus, b.gpus) });
  const zero: Requests = { cpuMillis: 0, memoryBytes: 0, gpus: 0 };
  let sidecars = zero;
  let initPeak = zero;
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') sidecars = sum(sidecars, requestsOf(c));
    else initPeak = max(initPeak, sum(sidecars, requestsOf(c)));
  }
  const running = (spec.containers ?? []).map(requestsOf).reduce(sum, sidecars);
  return max(running, initPeak);
}
