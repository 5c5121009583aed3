/**
 * Persistent volume claims of an app, as the model decides them: their names, access modes,
 * whether they are mounted read-only, and the annotation that keeps them (and their data) when
 * Argo CD prunes or deletes the app.
 */
import type { FileApp } from './app-model';
import type { ClusterModel } from './model';

type AppVolume = FileApp['volumes'][string];
export type AccessMode = NonNullable<AppVolume['accessMode']>;

/**
 * Argo CD never prunes these objects (when they leave git) nor deletes them when their
 * Application is deleted (the resources finalizer skips them): removing an app from git must
 * not delete its data.
 */
export const KEEP_DATA_ANNOTATIONS = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } as const;

/** The claim of a Deployment's or DaemonSet's volume: `<app>-<volume>`. A StatefulSet's are `<volume>-<app>-<ordinal>`. */
export function claimName(app: string, volume: string): string {
  return `${app}-${volume}`;
}

/** Whether several pods mount the same claim: a Deployment's replicas, or a DaemonSet's pods on every node (a StatefulSet's get one each). */
export function claimSharedByPods(app: Pick<FileApp, 'kind' | 'replicas'>): boolean {
  return app.kind === 'DaemonSet' || (app.kind === 'Deployment' && app.replicas > 1);
}

/** A claim from a class: ReadWriteOnce unless several pods share it (then ReadWriteMany). */
export function claimAccessMode(app: Pick<FileApp, 'kind' | 'replicas'>, volume: AppVolume): AccessMode {
  return volume.accessMode ?? (claimSharedByPods(app) ? 'ReadWriteMany' : 'ReadWriteOnce');
}

/** Whether the app keeps data in claims (its namespace is then kept on deletion too: deleting it would delete them). */
export function hasPersistentData(app: Pick<FileApp, 'volumes'>): boolean {
  return Object.values(app.volumes).some((v) => v.class !== undefined || v.volume !== undefined);
}

/** Whether the app mounts the volume read-only: as it says, else read-only for a ReadOnlyMany export. */
export function mountsReadOnly(cluster: Pick<ClusterModel, 'storage'>, volume: AppVolume): boolean {
  return volume.readOnly ?? (volume.volume !== undefined && cluster.storage.volumes[volume.volume]?.accessMode === 'ReadOnlyMany');
}
