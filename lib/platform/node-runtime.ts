/**
 * Where each Kubernetes distribution keeps containerd's socket, content store and registry
 * configuration (`certs.d`, the `config_path` Spegel writes mirrors into), and tolerations
 * derived from the node inventory's real taints.
 */
import type { ClusterModel, NodeModel } from '../config';

export interface Containerd {
  readonly socket: string;
  readonly contentPath: string;
  readonly registryConfigPath: string;
}

const CONTAINERD: Readonly<Record<ClusterModel['kubernetes']['distribution'], Containerd>> = {
  kubeadm: { socket: '/run/containerd/containerd.sock', contentPath: '/var/lib/containerd/io.containerd.content.v1.content', registryConfigPath: '/etc/containerd/certs.d' },
  k3s: {
    socket: '/run/k3s/containerd/containerd.sock',
    contentPath: '/var/lib/rancher/k3s/agent/containerd/io.containerd.content.v1.content',
    registryConfigPath: '/var/lib/rancher/k3s/agent/etc/containerd/certs.d',
  },
  talos: { socket: '/run/containerd/containerd.sock', contentPath: '/var/lib/containerd/io.containerd.content.v1.content', registryConfigPath: '/etc/cri/conf.d/hosts' },
};

export function containerdOf(cluster: ClusterModel): Containerd {
  return CONTAINERD[cluster.kubernetes.distribution];
}

/** Tolerates every taint, whatever its effect: for agents that must run on every node. */
export const TOLERATE_EVERYTHING = [{ operator: 'Exists' }] as const;

/**
 * Tolerations matching the given nodes' taints exactly: same key, value and effect (a
 * NoSchedule toleration would not match a PreferNoSchedule taint).
 */
export function tolerationsFor(nodes: readonly NodeModel[]): { key: string; operator: string; value?: string; effect: string }[] {
  const seen = new Map<string, { key: string; operator: string; value?: string; effect: string }>();
  for (const taint of nodes.flatMap((n) => n.taints)) {
    const toleration = taint.value === undefined ? { key: taint.key, operator: 'Exists', effect: taint.effect } : { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect };
    seen.set(JSON.stringify(toleration), toleration);
  }
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}
