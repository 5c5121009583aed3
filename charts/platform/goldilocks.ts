/** Goldilocks: a dashboard of the VPA's recommendations for every namespace labelled for it. */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { crdGroup } from '../../lib/gitops/capabilities';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const GOLDILOCKS = 'goldilocks';

export class Goldilocks extends UtilityChart<'goldilocks'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: GOLDILOCKS,
      chart: CHARTS.goldilocks,
      podSecurity: 'baseline',
      // it creates VerticalPodAutoscalers at run time
      uses: [crdGroup('autoscaling.k8s.io')],
      // The chart (11.0.0) has no priorityClassName value in any template: its pods get the
      // cluster's default priority. Its only hook (the deprecated `uninstallVPA` Job) stays off.
      values: ({ resources }) => ({
        // the VPA is its own application
        vpa: { enabled: false },
        controller: { resources: resources('controller') },
        dashboard: { replicaCount: 1, resources: resources('dashboard') },
      }),
    });
  }
}
