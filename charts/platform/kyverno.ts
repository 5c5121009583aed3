/**
 * Kyverno, installed only: the tier policies are another application (charts/tier-policies),
 * which declares `dependsOn: [KYVERNO]`.
 *
 * Every container the chart renders is sized (lib/platform/profiles/kyverno.ts): the four
 * controllers, the admission controller's `kyverno-pre` init container, and the two pre-delete hook
 * Jobs (they run only on uninstall). The init container and the hooks default a 100m CPU limit,
 * which our `limits.cpu=null` parameters remove. The chart has no priorityClassName value for its
 * hook Jobs, and Kyverno's webhooks ignore its own namespace, so no policy can add one (or remove a
 * CPU limit) there: only these values reach them.
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
        // The CRD migration hook keeps the chart's 100m CPU limit whatever we set (its values live
        // under `crds`, also the name of the chart's CRD subchart, where Helm keeps nulls), and
        // Argo CD would run it after every sync: off. After a Kyverno upgrade that changes a CRD's
        // storage version, run `kyverno migrate` by hand (README, "Platform services").
        crds: { install: true, migration: { enabled: false } },
        webhooksCleanup: { resources: resources('hooks') },
        admissionController: {
          priorityClassName,
          initContainer: { resources: resources('admissionInit') },
          container: { resources: resources('admission') },
        },
        backgroundController: { priorityClassName, resources: resources('background') },
        cleanupController: { priorityClassName, resources: resources('cleanup') },
        reportsController: { priorityClassName, resources: resources('reports') },
      }),
    });
  }
}
