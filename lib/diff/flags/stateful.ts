/**
 * Deletions that lose data or take much with them: claims, volumes, namespaces, StorageClasses,
 * and Applications whose finalizer deletes everything they manage. Also such objects moving to
 * another Argo CD application: the old one may prune the object before the new one adopts it.
 */
import type { ObjectChange } from '../model';
import { flag, type FlagRule } from './flag-rule';

const DELETION: Record<string, string> = {
  PersistentVolumeClaim: 'the claim is deleted, and with it the volume and its data unless the PersistentVolume reclaim policy is Retain',
  PersistentVolume: 'the volume is deleted; with reclaim policy Delete its storage is erased too',
  Namespace: 'the namespace is deleted, and everything in it (claims and their data included)',
  StorageClass: 'the StorageClass is deleted: claims that name it can no longer be provisioned',
};

const CASCADE_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export const statefulChanges: FlagRule = (changes) =>
  changes.flatMap((c) => {
    if (c.type === 'removed') {
      const why = DELETION[c.object.kind] ?? (cascades(c) ? `the Application is deleted and its finalizer deletes every object it manages` : undefined);
      return why ? [flag('stateful', c, why)] : [];
    }
    if (c.type === 'moved' && c.from && c.from.app !== c.app && DELETION[c.object.kind]) {
      return [
        flag(
          'stateful',
          c,
          `moves from Argo CD application ${c.from.app} to ${c.app}: if ${c.from.app} prunes it before ${c.app} adopts it, it is deleted (annotate it argocd.argoproj.io/sync-options: Prune=false for the move)`,
        ),
      ];
    }
    return [];
  });

function cascades(change: ObjectChange): boolean {
  const finalizers = change.before?.metadata.finalizers;
  return change.object.kind === 'Application' && Array.isArray(finalizers) && finalizers.includes(CASCADE_FINALIZER);
}
