/**
 * GPUs, from the node inventory: what each node's device plugin advertises (the one source of GPU
 * capacity for quotas and scheduling checks) and how a GPU pod reaches those nodes.
 */
import { stringify } from 'yaml';
import type { ClusterModel } from './config';
import type { k8s } from './k8s';
import { tolerationsFor } from './config/tolerations';

const DEFAULT_GPU_RESOURCE = 'nvidia.com/gpu';

interface GpuNode {
  readonly gpus?: { readonly count: number; readonly timeSlicing: number };
}

/** GPUs a node advertises: with time-slicing, the device plugin counts each card `timeSlicing` times. */
export function advertisedGpus(node: GpuNode): number {
  return node.gpus ? node.gpus.count * node.gpus.timeSlicing : 0;
}

/** The extended resource a GPU app requests: the GPU nodes' (nvidia.com/gpu unless they say otherwise). */
export function gpuResource(cluster: Pick<ClusterModel, 'gpu' | 'kubernetes' | 'nodes'>): string {
  return cluster.nodes.find((n) => n.gpus)?.gpus?.resource ?? DEFAULT_GPU_RESOURCE;
}

/**
 * Tolerations for the GPU nodes' taints, matching each exactly (a NoSchedule toleration does not
 * tolerate `PreferNoSchedule`). Only GPU apps get these, so the GPU nodes stay free for them.
 */
export function gpuTolerations(cluster: Pick<ClusterModel, 'gpu' | 'kubernetes' | 'nodes'>): k8s.Toleration[] {
  return tolerationsFor(cluster.nodes.filter((n) => n.gpus));
}

/**
 * The device plugin's time-slicing config (the GPU operator reads it from a ConfigMap), or
 * undefined when no card is shared. The config checks make every GPU node slice alike, so one
 * config, the plugin's default, fits them all.
 */
export function timeSlicingConfig(
  cluster: Pick<ClusterModel, 'gpu' | 'kubernetes' | 'nodes'>,
): { readonly name: string; readonly default: string; readonly data: Record<string, string> } | undefined {
  const sliced = cluster.nodes.find((n) => n.gpus && n.gpus.timeSlicing > 1)?.gpus;
  if (!sliced) return undefined;
  const config = {
    version: 'v1',
    flags: { migStrategy: 'none' },
    sharing: { timeSlicing: { resources: [{ name: sliced.resource, replicas: sliced.timeSlicing }] } },
  };
  return { name: 'time-slicing', default: 'any', data: { any: stringify(config) } };
}

/** k3s keeps runc as containerd's default runtime and registers the NVIDIA one as RuntimeClass `nvidia`. */
export function gpuRuntimeClassName(cluster: Pick<ClusterModel, 'gpu' | 'kubernetes' | 'nodes'>): string | undefined {
  return cluster.gpu.runtimeClassName ?? (cluster.kubernetes.distribution === 'k3s' ? 'nvidia' : undefined);
}
