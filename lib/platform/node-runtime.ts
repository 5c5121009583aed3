/**
 * Where each Kubernetes distribution keeps containerd's socket, content store and registry
 * configuration (`certs.d`, the `config_path` Spegel writes mirrors into), and tolerations
 * derived from the node inventory's real taints.
 */
import type { ClusterModel } from '../config';

interface Containerd {
  readonly socket: string;
  readonly contentPath: string;
  readonly registryConfigPath: string;
}

const CONTAINERD: Readonly<Record<ClusterModel['kubernetes']['distribution'], Containerd>> = {
  kubeadm: {
    socket: '/run/containerd/containerd.sock',
    contentPath: '/var/lib/containerd/io.containerd.content.v1.content',
    registryConfigPath: '/etc/containerd/certs.d',
  },
  k3s: {
    socket: '/run/k3s/containerd/containerd.sock',
    contentPath: '/var/lib/rancher/k3s/agent/containerd/io.containerd.content.v1.content',
    registryConfigPath: '/var/lib/rancher/k3s/agent/etc/containerd/certs.d',
  },
  talos: {
    socket: '/run/containerd/containerd.sock',
    contentPath: '/var/lib/containerd/io.containerd.content.v1.content',
    registryConfigPath: '/etc/cri/conf.d/hosts',
  },
};

export function containerdOf(cluster: Pick<ClusterModel, 'kubernetes'>): Containerd {
  return CONTAINERD[cluster.kubernetes.distribution];
}
