/**
 * The QoS class Kubernetes assigns to a pod (kubernetes pkg/apis/core/v1/helper/qos GetPodQOS),
 * computed on the final pod spec. Under a no-CPU-limit policy no pod can be Guaranteed: what
 * protects tiers 0-2 is memory request = limit (usage never exceeds the request, the first key
 * of kubelet eviction) plus their PriorityClass (evicted and preempted last).
 */

interface ContainerLike {
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
}

interface PodSpecLike {
  readonly containers: readonly ContainerLike[];
  readonly initContainers?: readonly ContainerLike[];
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const COMPUTE = ['cpu', 'memory'] as const;

export function qosClass(pod: PodSpecLike): QosClass {
  const containers = [...(pod.initContainers ?? []), ...pod.containers];
  let anySet = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of COMPUTE) {
      if (requests[r] !== undefined || limits[r] !== undefined) anySet = true;
      // a request left out defaults to the limit; without a limit the container is not Guaranteed
      if (limits[r] === undefined || (requests[r] !== undefined && String(requests[r]) !== String(limits[r]))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export const QOS_EXPLANATION =
  'Every pod is Burstable: Guaranteed QoS needs a CPU limit equal to the request on every container, and this cluster ' +
  'sets no CPU limits (they throttle through CFS even when CPUs are idle). Tiers 0-2 are protected instead by memory ' +
  'request = limit (their usage never exceeds their request, the first key the kubelet evicts by) and by their ' +
  'PriorityClass (preempted and evicted last); tiers 3-4 may use memory above their request and are evicted first.';
