/**
 * The `tiers` application: one PriorityClass per tier. Every chart whose pods name a priority
 * class depends on it (a pod naming a missing PriorityClass is rejected), so it syncs first.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { TierPriorityClasses } from '../lib/tiers/priority-classes';

export { TIERS_APP } from '../lib/config/generated-apps';
import { TIERS_APP } from '../lib/config/generated-apps';

export class TiersChart extends AppChart {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, { cluster, name: TIERS_APP, namespace: 'default', project: 'platform' });
    new TierPriorityClasses(this, 'priority-classes', cluster);
  }
}
