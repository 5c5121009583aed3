/**
 * Placement of every pod of the final objects on the declared nodes, the way the scheduler
 * filters and scores them (./score.ts): DaemonSet pods on every node they may run on, then the
 * other pods by priority and size, each on the feasible node the default scheduler scores best,
 * then the rolling-update surge pods. What is left over cannot be scheduled.
 */
import type { ClusterObjects } from '../../gitops/collect';
import { objectRef } from '../../objects/identity';
import { namespaceLimits, perTree } from '../objects';
import { podSources, type PodSource } from '../pods';
import { add, podResources, type PodResources, type Resources } from '../../objects/resources';
import { insufficient, placementProblem, type Toleration } from './filters';
import { schedulingNodes, type SchedulingNode } from './nodes';
import { scoreNodes, type Candidate } from './score';
import { tierOfPod } from '../../objects/tier';

interface NodeCapacity {
  readonly name: string;
  readonly allocatable: Resources;
  /** Tier -> requests of the pods placed on the node (surge pods included). */
  readonly byTier: ReadonlyMap<string, Resources>;
  /** Application -> requests of the pods its Helm chart (or operator) runs on the node, surge excluded: the platform's footprint. */
  readonly platform: ReadonlyMap<string, Resources>;
}

export interface UnscheduledPod {
  readonly source: PodSource;
  /** The node a DaemonSet pod was meant for. */
  readonly node?: string;
  /** A surge pod of a rolling update rather than a replica. */
  readonly surge: boolean;
  /** The scheduler's own summary: `0/5 nodes are available: 1 Insufficient nvidia.com/gpu, ...`. */
  readonly message: string;
  /** No node that passes the filters could take the pod even empty. */
  readonly tooBig: boolean;
  /** Who holds the extended resources (GPUs) the pod is short of. */
  readonly holders: readonly string[];
}

export interface Schedule {
  readonly nodes: readonly NodeCapacity[];
  readonly unscheduled: readonly UnscheduledPod[];
  /** Pods each source creates (replicas plus surge; per eligible node for DaemonSets): what a quota counts. */
  readonly podCounts: ReadonlyMap<PodSource, number>;
  /** The resources of one pod of each source, LimitRange defaults applied. */
  readonly resources: ReadonlyMap<PodSource, PodResources>;
}

interface Pod {
  readonly source: PodSource;
  readonly request: Resources;
  readonly priority: number;
  readonly tier: string;
  readonly surge: boolean;
}

interface NodeState {
  readonly node: SchedulingNode;
  free: Record<string, number>;
  readonly byTier: Map<string, Resources>;
  readonly platform: Map<string, Resources>;
  /** Extended resource -> the workloads holding it. */
  readonly holders: Map<string, string[]>;
}

export const schedule = perTree((tree: ClusterObjects): Schedule => {
  const cluster = tree.cluster;
  const nodes: NodeState[] = schedulingNodes(cluster).map((node) => ({
    node,
    free: { ...node.allocatable },
    byTier: new Map(),
    platform: new Map(),
    holders: new Map(),
  }));
  const objects = [...tree.folders.flatMap((f) => f.objects), ...tree.bootstrap];
  const limits = namespaceLimits(tree);
  const priorities = priorityClasses(objects);
  const unscheduled: UnscheduledPod[] = [];
  const podCounts = new Map<PodSource, number>();
  const resources = new Map<PodSource, PodResources>();

  const pods: Pod[] = [];
  for (const source of podSources(tree)) {
    const namespace = source.object.metadata.namespace ?? '';
    const own = podResources(source, limits.get(namespace));
    resources.set(source, own);
    const request = { ...own.requests, pods: 1 };
    const pod = {
      source,
      request,
      priority: priorities.value(source.spec.priorityClassName),
      tier: tierOfPod(Object.keys(cluster.tiers), source.spec, namespace) ?? 'other',
      surge: false,
    };
    if (source.replicas === 'per-node') {
      const eligible = nodes.filter((n) => !placementProblem(n.node, source.spec));
      podCounts.set(source, eligible.length * (1 + source.surge));
      for (const n of eligible) {
        for (let i = 0; i <= source.surge; i++) placeOn([n], { ...pod, surge: i > 0 }, n.node.name);
      }
    } else {
      podCounts.set(source, source.replicas + source.surge);
      for (let i = 0; i < source.replicas + source.surge; i++) pods.push({ ...pod, surge: i >= source.replicas });
    }
  }

  const largest = largestAllocatable(nodes);
  const size = (p: Pod) => Object.entries(p.request).reduce((s, [r, n]) => s + n / (largest[r] || 1), 0);
  const keyed = pods.map((p) => ({ p, size: size(p), ref: objectRef(p.source.object) }));
  keyed.sort((a, b) => Number(a.p.surge) - Number(b.p.surge) || b.p.priority - a.p.priority || b.size - a.size || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const { p } of keyed) placeOn(nodes, p);

  return {
    nodes: nodes.map((n) => ({ name: n.node.name, allocatable: n.node.allocatable, byTier: n.byTier, platform: n.platform })),
    unscheduled,
    podCounts,
    resources,
  };

  function placeOn(candidates: NodeState[], pod: Pod, node?: string): void {
    const reasons = new Map<string, number>();
    const count = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const feasible: NodeState[] = [];
    const short: NodeState[] = [];
    for (const n of candidates) {
      const problem = placementProblem(n.node, pod.source.spec);
      if (problem) {
        count(problem);
        continue;
      }
      const lacking = insufficient(n.free, pod.request);
      if (lacking.length) {
        lacking.forEach(count);
        short.push(n);
        continue;
      }
      feasible.push(n);
    }
    if (feasible.length) {
      const scores = scoreNodes(feasible.map(requestedOn), pod.request, (pod.source.spec.tolerations as Toleration[] | undefined) ?? []);
      return take(feasible[scores.indexOf(Math.max(...scores))], pod);
    }
    const tooBig = short.length > 0 && short.every((n) => insufficient(n.node.allocatable, pod.request).length > 0);
    const holders = [
      ...new Set(
        short.flatMap((n) =>
          Object.keys(pod.request)
            .filter((r) => n.holders.has(r) && pod.request[r] > (n.free[r] ?? 0))
            .flatMap((r) => n.holders.get(r)!),
        ),
      ),
    ];
    unscheduled.push({ source: pod.source, node, surge: pod.surge, message: fitError(candidates.length, reasons), tooBig, holders });
  }

  function take(n: NodeState, pod: Pod): void {
    for (const [r, amount] of Object.entries(pod.request)) {
      n.free[r] = (n.free[r] ?? 0) - amount;
      if (r !== 'cpu' && r !== 'memory' && r !== 'pods' && amount > 0) {
        if (!n.holders.has(r)) n.holders.set(r, []);
        n.holders.get(r)!.push(objectRef(pod.source.object));
      }
    }
    n.byTier.set(pod.tier, add(n.byTier.get(pod.tier) ?? {}, pod.request));
    if (pod.source.predicted && !pod.surge) n.platform.set(pod.source.app, add(n.platform.get(pod.source.app) ?? {}, pod.request));
  }
});

/** `0/5 nodes are available: 1 Insufficient nvidia.com/gpu, 4 node(s) didn't match ...`: reasons counted, sorted. */
function fitError(nodes: number, reasons: ReadonlyMap<string, number>): string {
  const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${nodes} nodes are available: ${parts.join(', ')}.`;
}

/** A node as the scorer sees it: what is requested on it so far. */
function requestedOn(n: NodeState): Candidate {
  const requested: Record<string, number> = {};
  for (const [r, total] of Object.entries(n.node.allocatable)) requested[r] = total - (n.free[r] ?? 0);
  return { node: n.node, requested };
}

function largestAllocatable(nodes: readonly NodeState[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of nodes) for (const [r, v] of Object.entries(n.node.allocatable)) out[r] = Math.max(out[r] ?? 0, v);
  return out;
}

/** PriorityClass values from the final objects; a pod without a class gets the global default (or 0). */
function priorityClasses(objects: readonly { kind: string; metadata: { name: string }; [k: string]: unknown }[]) {
  const classes = objects.filter((o) => o.kind === 'PriorityClass');
  const values = new Map(classes.map((o) => [o.metadata.name, Number(o.value ?? 0)]));
  const fallback = Number(classes.find((o) => o.globalDefault === true)?.value ?? 0);
  return { value: (name?: string) => (name ? (values.get(name) ?? fallback) : fallback) };
}
