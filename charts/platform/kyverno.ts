/**
 * Kyverno, installed only: the tier policies are another application (charts/tier-policies),
 * which declares `dependsOn: [KYVERNO]`.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const KYVERNO = 'kyverno';

export class Kyverno extends UtilityChart<'kyverno'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: KYVERNO,
      chart: CHARTS.kyverno,
      podSecurity: 'baseline',
      crds: ['kyverno.io', 'policies.kyverno.io', 'reports.kyverno.io', 'wgpolicyk8s.io'],
      values: ({ priorityClassName, resources }) => ({
        crds: { install: true },
        admissionController: { priorityClassName, container: { resources: resources('admission') } },
        backgroundController: { priorityClassName, resources: resources('background') },
        cleanupController: { priorityClassName, resources: resources('cleanup') },
        reportsController: { priorityClassName, resources: resources('reports') },
      }),
    });
  }
}
