/**
 * The default kube-scheduler's scoring (v1.30+, default profile) for the plugins that decide
 * between our nodes, with their default weights: TaintToleration 3, NodeResourcesFit
 * (LeastAllocated over cpu and memory) 1, NodeResourcesBalancedAllocation 1. Each plugin scores
 * a feasible node 0..100 and the weighted sum picks the node.
 *
 * Left out, and so where synth may still place differently: NodeAffinity's preferred terms and
 * InterPodAffinity (we render neither), PodTopologySpread's default spreading of a workload's
 * replicas over nodes, ImageLocality, and the random choice among equally scored nodes (synth
 * takes the first in inventory order).
 */
import type { Resources } from '../../objects/resources';
import { tolerates, type Toleration } from './filters';
import type { SchedulingNode } from './nodes';

const WEIGHTS = { taintToleration: 3, leastAllocated: 1, balancedAllocation: 1 } as const;

const MAX_SCORE = 100;

/** What the scheduler assumes for a container that requests nothing (NonZeroRequest): 100m, 200Mi. */
const NON_ZERO = { cpu: 100, memory: 200 * 1024 * 1024 };

export interface Candidate {
  readonly node: SchedulingNode;
  /** What is already requested on the node (before this pod). */
  readonly requested: Resources;
}

/** The scores of feasible nodes for a pod, in the candidates' order. */
export function scoreNodes(candidates: readonly Candidate[], request: Resources, tolerations: readonly Toleration[]): number[] {
  const intolerable = candidates.map((c) => intolerablePreferNoSchedule(c.node, tolerations));
  const worst = Math.max(0, ...intolerable);
  return candidates.map((c, i) => {
    // TaintToleration: fewer untolerated PreferNoSchedule taints is better, normalized (reversed) over the feasible nodes
    const taint = worst === 0 ? MAX_SCORE : MAX_SCORE - Math.trunc((intolerable[i] * MAX_SCORE) / worst);
    return WEIGHTS.taintToleration * taint + WEIGHTS.leastAllocated * leastAllocated(c, request) + WEIGHTS.balancedAllocation * balancedAllocation(c, request);
  });
}

/** The node's PreferNoSchedule taints the pod does not tolerate (only tolerations with an empty or PreferNoSchedule effect count). */
function intolerablePreferNoSchedule(node: SchedulingNode, tolerations: readonly Toleration[]): number {
  const relevant = tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return node.taints.filter((t) => t.effect === 'PreferNoSchedule' && !relevant.some((tol) => tolerates(tol, t))).length;
}

/** NodeResourcesFit, LeastAllocated: the share of cpu and memory left free with the pod, equally weighted. */
function leastAllocated(c: Candidate, request: Resources): number {
  const share = (r: 'cpu' | 'memory') => {
    const allocatable = c.node.allocatable[r] ?? 0;
    const requested = (c.requested[r] ?? 0) + (request[r] || NON_ZERO[r]);
    return allocatable && requested <= allocatable ? Math.trunc(((allocatable - requested) * MAX_SCORE) / allocatable) : 0;
  };
  return Math.trunc((share('cpu') + share('memory')) / 2);
}

/** NodeResourcesBalancedAllocation: cpu and memory used in the same proportion scores best. */
function balancedAllocation(c: Candidate, request: Resources): number {
  const fraction = (r: 'cpu' | 'memory') => {
    const allocatable = c.node.allocatable[r] ?? 0;
    return allocatable ? Math.min(1, ((c.requested[r] ?? 0) + (request[r] ?? 0)) / allocatable) : 1;
  };
  // the standard deviation of two fractions is half their distance
  const deviation = Math.abs(fraction('cpu') - fraction('memory')) / 2;
  return Math.trunc((1 - deviation) * MAX_SCORE);
}
