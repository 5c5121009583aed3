/** The declared nodes as the scheduler sees them: labels (well-known ones included), taints, allocatable. */
import type { ClusterModel } from '../../config';
import { cpuMillis, memoryBytes } from '../../config/quantity';
import { advertisedGpus } from '../../gpu';
import type { Resources } from '../../objects/resources';

/** The label GPU feature discovery puts on a node with an NVIDIA GPU. */
const GPU_PRESENT_LABEL = 'nvidia.com/gpu.present';

/** The kubelet's default maxPods. */
const MAX_PODS = 110;

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface SchedulingNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Capacity minus what the kubelet reserves; `pods` included. */
  readonly allocatable: Resources;
}

export function schedulingNodes(cluster: ClusterModel): SchedulingNode[] {
  return cluster.nodes.map((n) => ({
    name: n.name,
    labels: {
      'kubernetes.io/hostname': n.name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': n.arch,
      ...(n.roles.includes('control-plane') ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      // GPU feature discovery (run by the GPU operator) labels every node with an NVIDIA card
      ...(n.gpus && cluster.utilities['gpu-operator'].enabled ? { [GPU_PRESENT_LABEL]: 'true' } : {}),
      ...n.labels,
    },
    taints: n.taints,
    allocatable: {
      cpu: cpuMillis(n.cpu) - cpuMillis(n.reserved.cpu),
      memory: memoryBytes(n.memory) - memoryBytes(n.reserved.memory),
      pods: MAX_PODS,
      // what the device plugin advertises: a time-sliced card counts `timeSlicing` times
      ...(n.gpus ? { [n.gpus.resource]: advertisedGpus(n) } : {}),
    },
  }));
}
