/** Goldilocks: a dashboard of the VPA's recommendations for every namespace labelled for it. */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { crdGroup } from '../../lib/platform/capabilities';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const GOLDILOCKS = 'goldilocks';

export class Goldilocks extends UtilityChart<'goldilocks'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: GOLDILOCKS,
      chart: CHARTS.goldilocks,
      podSecurity: 'baseline',
      // it creates VerticalPodAutoscalers at run time
      uses: [crdGroup('autoscaling.k8s.io')],
      // The chart has no priorityClassName value: its pods get the cluster's default priority.
      values: ({ resources }) => ({
        // the VPA is its own application
        vpa: { enabled: false },
        controller: { resources: resources('controller') },
        dashboard: { replicaCount: 1, resources: resources('dashboard') },
      }),
    });
  }
}
