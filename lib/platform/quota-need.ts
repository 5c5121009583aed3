/**
 * What a utility's chart runs in its namespace, at most, as its ResourceQuota counts it: every
 * DaemonSet pod on every declared node (tolerated or not: an upper bound), every replica with its
 * rolling-update surge, and every hook (they run during a sync, beside the rest), each container
 * with the namespace's LimitRange defaults filled in. The tier's quota is raised to it, so the
 * quota never refuses the platform's own pods, however many nodes the cluster has.
 */
import type { K8sObject } from '../objects/object';
import { podTemplateOf, replicasOf, surgeOf } from '../objects/pods';
import { containerLimitsByNamespace, podResources } from '../objects/resources';

export interface QuotaNeed {
  /** Millicores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
  readonly memoryLimits: number;
  readonly pods: number;
}

export function quotaNeed(workloads: readonly K8sObject[], limitRange: K8sObject, nodes: number): QuotaNeed {
  const limits = containerLimitsByNamespace([limitRange]).get(limitRange.metadata.namespace!) ?? [];
  const need = { cpu: 0, memory: 0, memoryLimits: 0, pods: 0 };
  for (const w of workloads) {
    const template = podTemplateOf(w);
    if (!template) continue;
    const replicas = replicasOf(w);
    const pods = (replicas === 'per-node' ? nodes : replicas) + (replicas === 'per-node' ? nodes : 1) * surgeOf(w);
    const { requests, limits: podLimits } = podResources(template, limits);
    need.cpu += pods * (requests.cpu ?? 0);
    need.memory += pods * (requests.memory ?? 0);
    need.memoryLimits += pods * (podLimits.memory ?? 0);
    need.pods += pods;
  }
  return need;
}
