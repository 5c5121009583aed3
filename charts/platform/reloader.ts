/**
 * Reloader: restarts workloads whose ConfigMaps or Secrets changed (e.g. after a Vault
 * rotation), with a read-only root filesystem. The chart (2.2.7) renders its PodMonitor whenever
 * `reloader.podMonitor.enabled` is true, without checking that the Prometheus Operator's API
 * (monitoring.coreos.com/v1) exists, and the sync of a cluster without it fails: so the PodMonitor
 * is off unless the cluster file asks for it (`utilities.reloader.podMonitor: true`), which it
 * should only do where the Prometheus Operator is installed. The Deployment is the chart's only pod
 * (lib/platform/profiles/reloader.ts).
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const RELOADER = 'reloader';

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
