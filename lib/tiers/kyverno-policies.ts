/**
 * Kyverno ClusterPolicies from the tier table, a safety net for namespaces created outside git:
 * each `<tier>-*` namespace not managed by this repository gets the tier's LimitRange and
 * ResourceQuota generated (also for namespaces that already exist), and pods with a CPU limit
 * are reported (Audit) in every tier namespace.
 */
import { Construct } from 'constructs';
import { ClusterPolicy, ClusterPolicySpecRulesValidateFailureAction } from '../../imports/kyverno-clusterpolicies-kyverno.io';
import type { ClusterModel } from '../config';
import { MANAGED_BY } from '../workloads/labels';
import { LIMIT_RANGE_NAME, RESOURCE_QUOTA_NAME, limitRangeSpec, resourceQuotaSpec } from './policy-objects';

export const NO_CPU_LIMITS_POLICY = 'tier-no-cpu-limits';

/** Namespaces this repository renders carry these labels and get their objects from git. */
const notManagedHere = { any: [{ resources: { selector: { matchLabels: { ...MANAGED_BY } } } }] };

export class TierKyvernoPolicies extends Construct {
  constructor(scope: Construct, id: string, cluster: ClusterModel) {
    super(scope, id);
    const tierNamespaces = Object.keys(cluster.tiers).map((t) => `${t}-*`);
    for (const [name, tier] of Object.entries(cluster.tiers)) {
      const generate = (kind: string, objectName: string, data: object) => ({
        name: kind.toLowerCase(),
        match: { any: [{ resources: { kinds: ['Namespace'], names: [`${name}-*`] } }] },
        exclude: notManagedHere,
        generate: {
          apiVersion: 'v1',
          kind,
          name: objectName,
          namespace: '{{request.object.metadata.name}}',
          synchronize: true,
          generateExisting: true,
          data: { metadata: { labels: { 'app.kubernetes.io/managed-by': 'kyverno' } }, spec: data },
        },
      });
      new ClusterPolicy(this, name, {
        metadata: { name: `tier-${name}-defaults`, labels: { ...MANAGED_BY } },
        spec: {
          background: true,
          rules: [
            generate('LimitRange', LIMIT_RANGE_NAME, limitRangeSpec(tier)),
            generate('ResourceQuota', RESOURCE_QUOTA_NAME, resourceQuotaSpec(tier, cluster)),
          ],
        },
      });
    }
    const noCpuLimit = { '=(resources)': { '=(limits)': { 'X(cpu)': 'null' } } };
    new ClusterPolicy(this, 'no-cpu-limits', {
      metadata: { name: NO_CPU_LIMITS_POLICY, labels: { ...MANAGED_BY } },
      spec: {
        background: true,
        rules: [
          {
            name: 'no-cpu-limits',
            match: { any: [{ resources: { kinds: ['Pod'], namespaces: tierNamespaces } }] },
            validate: {
              failureAction: ClusterPolicySpecRulesValidateFailureAction.AUDIT,
              message: 'CPU limits are not used in tier namespaces: they throttle through CFS even when CPUs are idle. Set a CPU request only.',
              pattern: { spec: { '=(initContainers)': [noCpuLimit], containers: [noCpuLimit] } },
            },
          },
        ],
      },
    });
  }
}
