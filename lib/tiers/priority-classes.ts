/** One PriorityClass per tier, with the tier table's value and preemption policy. */
import { Construct } from 'constructs';
import type { ClusterModel } from '../config';
import { k8s } from '../k8s';
import { MANAGED_BY } from '../config/labels';
import { priorityClassName } from '../config/tier-names';

export class TierPriorityClasses extends Construct {
  constructor(scope: Construct, id: string, cluster: Pick<ClusterModel, 'tiers'>) {
    super(scope, id);
    for (const [name, tier] of Object.entries(cluster.tiers)) {
      new k8s.KubePriorityClass(this, name, {
        metadata: { name: priorityClassName(name), labels: { ...MANAGED_BY } },
        value: tier.priority,
        preemptionPolicy: tier.preemptionPolicy,
        globalDefault: false,
        description: `Tier ${name}: every pod of the tier runs at this priority.`,
      });
    }
  }
}
