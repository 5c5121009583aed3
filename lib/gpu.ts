/**
 * GPUs, from the node inventory: what each node's device plugin advertises (the one source of GPU
 * capacity for quotas and scheduling checks) and how a GPU pod reaches those nodes.
 */
import type { ClusterModel } from './config';
import type { k8s } from './k8s';

export const DEFAULT_GPU_RESOURCE = 'nvidia.com/gpu';

interface GpuNode {
  readonly gpus?: { readonly count: number; readonly resource: string; readonly timeSlicing: number };
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

/** GPUs a node advertises: with time-slicing, the device plugin counts each card `timeSlicing` times. */
export function advertisedGpus(node: GpuNode): number {
  return node.gpus ? node.gpus.count * node.gpus.timeSlicing : 0;
}

/** The extended resource a GPU app requests: the GPU nodes' (nvidia.com/gpu unless they say otherwise). */
export function gpuResource(cluster: ClusterModel): string {
  return cluster.nodes.find((n) => n.gpus)?.gpus?.resource ?? DEFAULT_GPU_RESOURCE;
}

/**
 * A toleration for every taint of every GPU node, matching it exactly: a toleration only matches
 * a taint of the same effect (a NoSchedule toleration does not tolerate `PreferNoSchedule`).
 * Only GPU apps get these, so the GPU node stays free for them.
 */
export function gpuTolerations(cluster: ClusterModel): k8s.Toleration[] {
  const seen = new Map<string, k8s.Toleration>();
  for (const node of cluster.nodes) {
    if (!node.gpus) continue;
    for (const t of node.taints) {
      const toleration: k8s.Toleration = t.value === undefined ? { key: t.key, operator: 'Exists', effect: t.effect } : { key: t.key, operator: 'Equal', value: t.value, effect: t.effect };
      seen.set(JSON.stringify(toleration), toleration);
    }
  }
  return [...seen.values()];
}

/** k3s keeps runc as containerd's default runtime and registers the NVIDIA one as RuntimeClass `nvidia`. */
export function gpuRuntimeClassName(cluster: ClusterModel): string | undefined {
  return cluster.gpu.runtimeClassName ?? (cluster.kubernetes.distribution === 'k3s' ? 'nvidia' : undefined);
}
