/**
 * The Vertical Pod Autoscaler's recommender only: recommendations are read (Goldilocks, the
 * tier tooling), never applied by evicting pods, so no updater and no admission webhook.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const VPA = 'vpa';

export class Vpa extends UtilityChart<'vpa'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: VPA,
      chart: CHARTS.vpa,
      podSecurity: 'baseline',
      crds: ['autoscaling.k8s.io'],
      values: ({ priorityClassName, resources }) => ({
        priorityClassName,
        recommender: { enabled: true, resources: resources('recommender') },
        updater: { enabled: false },
        admissionController: { enabled: false },
      }),
    });
  }
}
