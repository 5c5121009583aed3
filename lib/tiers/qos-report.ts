/** The effective QoS class of the pods of each tier, computed on the final objects. */
import type { ClusterObjects } from '../output/collect';
import { podTemplateOf } from '../verify/pods';
import { qosClass, type QosClass } from './qos';

/** tier -> QoS class -> number of pod templates. */
export function qosByTier(tree: ClusterObjects): Map<string, Map<QosClass, number>> {
  const tiers = Object.keys(tree.cluster.tiers).sort((a, b) => b.length - a.length);
  const report = new Map<string, Map<QosClass, number>>();
  for (const folder of tree.folders) {
    for (const o of folder.objects) {
      const pod = podTemplateOf(o);
      const tier = pod && tiers.find((t) => (o.metadata.namespace ?? '').startsWith(`${t}-`));
      if (!pod || !tier) continue;
      const classes = report.get(tier) ?? new Map<QosClass, number>();
      const qos = qosClass(pod.spec);
      classes.set(qos, (classes.get(qos) ?? 0) + 1);
      report.set(tier, classes);
    }
  }
  return new Map([...report].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function formatQosReport(report: Map<string, Map<QosClass, number>>): string {
  const tiers = [...report].map(([tier, classes]) => `${tier} ${[...classes].map(([q, n]) => `${q} x${n}`).join(', ')}`);
  return `QoS by tier: ${tiers.join('; ') || 'no pods'} (no CPU limits, so no pod is Guaranteed; tiers 0-2 are protected by memory request = limit and priority)`;
}
