/**
 * Capacity deltas: requested CPU, memory and GPUs (per pod x replicas) added or removed per tier
 * and per node. Only changed workloads contribute, so the sums are exact deltas without reading
 * the unchanged rest of the tree. A pod's request is the one synth's checks count
 * (lib/objects/resources.ts), so the delta matches the capacity table.
 */
import type { K8sObject } from '../objects/object';
import { podTemplateOf } from '../objects/pods';
import { podResources, type ContainerLimits } from '../objects/resources';
import { tierOfPod } from '../objects/tier';
import type { CapacityDelta, ObjectChange } from './model';
import { ROLLING_KINDS } from './pods';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

interface Requests {
  cpuMillis: number;
  memoryBytes: number;
  gpus: number;
}

/** `tiersOf(cluster)`: the tier names, which are the PriorityClass names and namespace prefixes. */
export function capacityDeltas(
  changes: readonly ObjectChange[],
  tiersOf: (cluster: string) => readonly string[],
  limitsOf: (cluster: string, side: 'before' | 'after') => ReadonlyMap<string, readonly ContainerLimits[]> | undefined = () => undefined,
): CapacityDelta[] {
  const rows = new Map<string, CapacityDelta & Requests>();
  const add = (cluster: string, object: K8sObject | undefined, sign: 1 | -1) => {
    const side = sign < 0 ? 'before' : 'after';
    if (!object || !ROLLING_KINDS.has(object.kind)) return;
    const spec = podTemplateOf(object)?.spec ?? {};
    const nodes = nodesOf(spec);
    // A DaemonSet runs one pod on every node it selects, unless it is held to one node.
    const perNode = object.kind === 'DaemonSet' && !nodes?.single;
    const replicas = object.kind === 'DaemonSet' ? 1 : ((object.spec as { replicas?: number }).replicas ?? 1);
    const pod = podRequests(object, limitsOf(cluster, side)?.get(object.metadata.namespace ?? ''));
    const rowsOf: [CapacityDelta['scope'], string][] = [['tier', tierOfPod(tiersOf(cluster), spec, object.metadata.namespace) ?? '(no tier)']];
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

/** The one node the pods are held to (spec.nodeName, a hostname nodeSelector), or the node selector that picks their nodes. */
function nodesOf(spec: Record<string, any>): { name: string; single: boolean } | undefined {
  const selector = (spec.nodeSelector ?? {}) as Record<string, string>;
  const keys = Object.keys(selector).sort();
  if (spec.nodeName) return { name: spec.nodeName, single: true };
  if (keys.length === 1 && keys[0] === HOSTNAME_LABEL) return { name: selector[HOSTNAME_LABEL], single: true };
  return keys.length ? { name: keys.map((k) => `${k}=${selector[k]}`).join(','), single: false } : undefined;
}

/** What one pod asks for, as lib/objects computes it for the checks (a request defaults to its limit; init containers one at a time). */
function podRequests(object: K8sObject, limitRanges?: readonly ContainerLimits[]): Requests {
  const template = podTemplateOf(object);
  const { requests } = template ? podResources(template, limitRanges) : { requests: {} as Record<string, number> };
  const gpus = Object.entries(requests)
    .filter(([k]) => k.endsWith('/gpu'))
    .reduce((n, [, v]) => n + v, 0);
  return { cpuMillis: requests.cpu ?? 0, memoryBytes: requests.memory ?? 0, gpus };
}
