/**
 * The Vertical Pod Autoscaler's recommender only: recommendations are read (Goldilocks, the
 * tier tooling), never applied by evicting pods, so no updater and no admission webhook (which
 * also leaves out the admission controller's certgen hook Jobs). The recommender's chart default
 * has no CPU limit (none since chart 4.0.1); `priorityClassName` reaches all three Deployments.
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
