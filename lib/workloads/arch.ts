/**
 * Multi-architecture clusters (a Ryzen beside Raspberry Pis): a pod whose image lacks one of the
 * cluster's architectures must not land on those nodes, or it dies with `exec format error`.
 */
import type { AppModel, ClusterModel } from '../config';

const ARCH_LABEL = 'kubernetes.io/arch';

/** The node selector that keeps the app on nodes its image runs on; empty when every node will do. */
export function archSelector(cluster: Pick<ClusterModel, 'nodes'>, app: Pick<AppModel, 'arch'>): Record<string, string> {
  const clusterArchs = new Set(cluster.nodes.map((n) => n.arch));
  const usable = app.arch.filter((a) => clusterArchs.has(a));
  // with two architectures in all, an image lacking one of them runs on exactly the other
  return usable.length === 1 && clusterArchs.size > 1 ? { [ARCH_LABEL]: usable[0] } : {};
}
