/**
 * The effective QoS class of the pods of each tier, computed on the final objects and on the pods
 * the utilities' charts will run (their profiles), as admitted: the namespace's LimitRange
 * defaults filled in.
 */
import type { ClusterObjects } from '../gitops/collect';
import { podSources } from '../verify/pods';
import { schedule } from '../verify/scheduling/simulate';
import { qosClass, type QosClass } from '../tiers/qos';
import { tierOfPod } from '../objects/tier';

/** tier -> QoS class -> number of pod templates. */
export function qosByTier(tree: ClusterObjects): Map<string, Map<QosClass, number>> {
  const tiers = Object.keys(tree.cluster.tiers);
  const report = new Map<string, Map<QosClass, number>>();
  for (const source of podSources(tree)) {
    const namespace = source.object.metadata.namespace ?? '';
    const tier = tierOfPod(tiers, source.spec, namespace);
    if (!tier) continue;
    // as admitted (LimitRange defaults filled in): what the scheduling simulation computed for it
    const admitted = schedule(tree).resources.get(source)!;
    const qos = qosClass({ containers: admitted.containers.map((c) => ({ resources: { requests: c.requests, limits: c.limits } })) });
    const classes = report.get(tier) ?? new Map<QosClass, number>();
    classes.set(qos, (classes.get(qos) ?? 0) + 1);
    report.set(tier, classes);
  }
  return new Map([...report].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function formatQosReport(report: Map<string, Map<QosClass, number>>): string {
  const tiers = [...report].map(([tier, classes]) => `${tier} ${[...classes].map(([q, n]) => `${q} x${n}`).join(', ')}`);
  return `QoS by tier: ${tiers.join('; ') || 'no pods'} (no CPU limits, so no pod is Guaranteed; tiers 0-2 are protected by memory request = limit and priority)`;
}
