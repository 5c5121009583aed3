/**
 * How a new version replaces the old. Rolling (one extra pod at a time, never one fewer) keeps
 * the app serving; Recreate stops the old pod first, for apps whose two copies must not overlap.
 */
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { mountsReadOnly } from '../config/claims';

/**
 * Recreate by default for a GPU app (the new pod would wait for the GPU the old one holds) and
 * for a single-replica app writing a volume: two copies of a single-instance app must not write
 * its data at once (SQLite, lock files), and a ReadWriteOnce claim cannot attach on a second node.
 */
export function deploymentStrategy(cluster: Pick<ClusterModel, 'name' | 'storage'>, app: AppModel): k8s.DeploymentStrategy {
  const writesVolume = Object.values(app.volumes).some((v) => !mountsReadOnly(cluster, v));
  const type = app.strategy ?? (app.gpus > 0 || (app.replicas <= 1 && writesVolume) ? 'Recreate' : 'RollingUpdate');
  if (type === 'Recreate') return { type };
  return { type, rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) } };
}
