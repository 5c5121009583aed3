/**
 * The LimitRange and ResourceQuota specs of a tier, as plain objects: the same data is rendered
 * into every git-managed tier namespace and handed to Kyverno to generate into namespaces created
 * outside git, so the two can never disagree.
 *
 * What is left out on purpose (DESIGN.md "Kubernetes semantics"): `default.cpu` would inject a
 * CPU limit into every container without one; `max.cpu` is copied into `default.cpu` by API
 * defaulting; `maxLimitRequestRatio.cpu` demands a limit; a `limits.cpu` (or `cpu`) quota rejects
 * every pod whose containers do not all declare a CPU limit.
 */
import type { ClusterModel, TierSpec } from '../config';
import { advertisedGpus } from '../gpu';

export const LIMIT_RANGE_NAME = 'tier-defaults';
export const RESOURCE_QUOTA_NAME = 'tier-quota';

export function limitRangeSpec(tier: TierSpec) {
  return {
    limits: [
      {
        type: 'Container',
        defaultRequest: { cpu: tier.cpu.defaultRequest, memory: tier.memory.defaultRequest },
        default: { memory: tier.memory.defaultLimit },
        max: { memory: tier.memory.max },
      },
    ],
  };
}

/**
 * GPU quota: the GPU tier may request every GPU of the cluster (per resource name); other tiers
 * get a quota of 0, so a GPU request outside the GPU tier is refused by the API server too.
 * Extended resources are quota'd by `requests.` keys only, and such a quota does not demand
 * anything of pods that do not ask for the resource.
 */
export function resourceQuotaSpec(tier: TierSpec, cluster: Pick<ClusterModel, 'nodes'>) {
  const gpus: Record<string, string> = {};
  for (const [resource, count] of Object.entries(gpuTotals(cluster))) gpus[`requests.${resource}`] = String(tier.gpu ? count : 0);
  return {
    hard: {
      'requests.cpu': tier.quota.cpu,
      'requests.memory': tier.quota.memory,
      'limits.memory': tier.quota.memoryLimits,
      pods: String(tier.quota.pods),
      ...gpus,
    },
  };
}

/** GPUs the cluster's device plugins advertise, by extended resource name (`nvidia.com/gpu` -> 3). */
export function gpuTotals(cluster: Pick<ClusterModel, 'nodes'>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const node of cluster.nodes) if (node.gpus) totals[node.gpus.resource] = (totals[node.gpus.resource] ?? 0) + advertisedGpus(node);
  return totals;
}
