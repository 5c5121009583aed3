/**
 * Reloader: restarts workloads whose ConfigMaps or Secrets changed (e.g. after a Vault
 * rotation), with a read-only root filesystem and a PodMonitor. The chart renders the PodMonitor
 * only once the Prometheus Operator's API exists, so a cluster without one still syncs.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const RELOADER = 'reloader';

export class Reloader extends UtilityChart<'reloader'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: RELOADER,
      chart: CHARTS.reloader,
      podSecurity: 'baseline',
      values: ({ utility, priorityClassName, resources }) => ({
        reloader: {
          readOnlyRootFileSystem: true,
          podMonitor: { enabled: utility.podMonitor },
          deployment: { priorityClassName, resources: resources('reloader') },
        },
      }),
    });
  }
}
