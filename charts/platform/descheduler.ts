/**
 * The descheduler, continuously (a Deployment), with LowNodeUtilization only: pods move from
 * overused to underused nodes. It never evicts from a GPU tier's namespaces (a model reload
 * costs minutes) nor from those the cluster file lists.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const DESCHEDULER = 'descheduler';

export class Descheduler extends UtilityChart<'descheduler'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: DESCHEDULER,
      chart: CHARTS.descheduler,
      podSecurity: 'baseline',
      values: ({ utility, priorityClassName, resources }) => ({
        kind: 'Deployment',
        deschedulingInterval: utility.interval,
        priorityClassName,
        resources: resources('descheduler'),
        deschedulerPolicyAPIVersion: 'descheduler/v1alpha2',
        deschedulerPolicy: {
          profiles: [
            {
              name: 'low-node-utilization',
              pluginConfig: [
                {
                  name: 'LowNodeUtilization',
                  args: {
                    thresholds: { ...utility.thresholds },
                    targetThresholds: { ...utility.targetThresholds },
                    evictableNamespaces: { exclude: excludedNamespaces(cluster) },
                  },
                },
              ],
              plugins: { balance: { enabled: ['LowNodeUtilization'] } },
            },
          ],
        },
      }),
    });
  }
}

/** Every namespace of an app or utility in a GPU tier, and those the cluster file lists. */
function excludedNamespaces(cluster: ClusterModel): string[] {
  const gpuTier = (tier: string) => cluster.tiers[tier]?.gpu === true;
  const gpuApps = cluster.apps.filter((a) => gpuTier(a.tier)).map((a) => a.namespace);
  const gpuUtilities = Object.values(cluster.utilities)
    .filter((u) => u.enabled && gpuTier(u.tier))
    .map((u) => u.namespace);
  return [...new Set([...gpuApps, ...gpuUtilities, ...cluster.utilities.descheduler.excludeNamespaces])].sort();
}
