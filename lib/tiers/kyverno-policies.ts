/**
 * Kyverno ClusterPolicies from the tier table, a safety net for namespaces created outside git:
 * each `<tier>-*` namespace not managed by this repository gets the tier's LimitRange and
 * ResourceQuota generated (also for namespaces that already exist), and every pod created in a
 * tier namespace loses its CPU limits at admission (`tier-no-cpu-limits`, a mutate policy).
 */
import { Construct } from 'constructs';
import {
  ClusterPolicy,
  ClusterPolicySpecRulesMatchAnyResourcesOperations,
  ClusterPolicySpecWebhookConfigurationFailurePolicy,
} from '../../imports/kyverno-clusterpolicies-kyverno.io';
import type { ClusterModel } from '../config';
import { MANAGED_BY } from '../config/labels';
import { LIMIT_RANGE_NAME, RESOURCE_QUOTA_NAME, limitRangeSpec, resourceQuotaSpec } from './policy-objects';

export const NO_CPU_LIMITS_POLICY = 'tier-no-cpu-limits';

/** Namespaces this repository renders carry these labels and get their objects from git. */
const notManagedHere = { any: [{ resources: { selector: { matchLabels: { ...MANAGED_BY } } } }] };

export class TierKyvernoPolicies extends Construct {
  constructor(scope: Construct, id: string, cluster: Pick<ClusterModel, 'nodes' | 'tiers'>) {
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
    // No CPU limit reaches a tier namespace, whoever renders the pod: operators' operands and
    // chart hooks that no Helm value can size, and pods created outside git. A JSON patch remove
    // (a strategic-merge null would not delete the key), on Pods only: Kyverno never copies JSON
    // patches onto Deployments and the like, so Argo CD sees no drift; CREATE only, since a pod's
    // resources are immutable. Kyverno down must not block pods: the failure policy is Ignore.
    const removeCpuLimits = (list: 'containers' | 'initContainers') => ({
      list: list === 'containers' ? 'request.object.spec.containers' : 'request.object.spec.initContainers || `[]`',
      patchesJson6902: `- op: remove\n  path: /spec/${list}/{{elementIndex}}/resources/limits/cpu`,
    });
    new ClusterPolicy(this, 'no-cpu-limits', {
      metadata: { name: NO_CPU_LIMITS_POLICY, labels: { ...MANAGED_BY }, annotations: { 'pod-policies.kyverno.io/autogen-controllers': 'none' } },
      spec: {
        background: false,
        webhookConfiguration: { failurePolicy: ClusterPolicySpecWebhookConfigurationFailurePolicy.IGNORE },
        rules: [
          {
            name: 'remove-cpu-limits',
            match: {
              any: [{ resources: { kinds: ['Pod'], operations: [ClusterPolicySpecRulesMatchAnyResourcesOperations.CREATE], namespaces: tierNamespaces } }],
            },
            mutate: { foreach: [removeCpuLimits('containers'), removeCpuLimits('initContainers')] },
          },
        ],
      },
    });
  }
}
