/**
 * An app's persistent volumes, as Kubernetes objects and as what its pods mount:
 * - `class`: a claim provisioned from a csi-driver-nfs StorageClass (mount options live on the
 *   class); for a StatefulSet, a volumeClaimTemplate, so every replica gets a claim of its own;
 * - `volume`: an existing export, through a static PersistentVolume (mount options, Retain, no
 *   class) bound both ways to a claim of the app;
 * - `nfs`: an inline NFS volume (no mount options: the config checks refuse them).
 */
import { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { appLabels } from '../config/labels';
import { claimSpec } from './claims';
import { KEEP_DATA_ANNOTATIONS, claimAccessMode, claimName, mountsReadOnly } from '../config/claims';

export interface AppStorageProps {
  readonly cluster: Pick<ClusterModel, 'storage'>;
  readonly app: AppModel;
}

export class AppStorage extends Construct {
  /** Pod volumes (claims and inline NFS); a StatefulSet's class volumes are claim templates instead. */
  readonly volumes: k8s.Volume[] = [];
  readonly claimTemplates: k8s.KubePersistentVolumeClaimProps[] = [];
  readonly mounts: k8s.VolumeMount[] = [];

  constructor(scope: Construct, id: string, { cluster, app }: AppStorageProps) {
    super(scope, id);
    const labels = appLabels(app.name);
    const metadata = (name: string) => ({ name, namespace: app.namespace, labels, annotations: { ...KEEP_DATA_ANNOTATIONS } });
    for (const [name, v] of Object.entries(app.volumes)) {
      const readOnly = mountsReadOnly(cluster, v);
      if (v.class !== undefined) {
        const spec = claimSpec(claimAccessMode(app, v), v.size!, v.class);
        if (app.kind === 'StatefulSet') {
          this.claimTemplates.push({ metadata: { name, labels, annotations: { ...KEEP_DATA_ANNOTATIONS } }, spec });
        } else {
          new k8s.KubePersistentVolumeClaim(this, `claim-${name}`, { metadata: metadata(claimName(app.name, name)), spec });
          this.volumes.push({ name, persistentVolumeClaim: { claimName: claimName(app.name, name) } });
        }
      } else if (v.volume !== undefined) {
        const exported = cluster.storage.volumes[v.volume];
        const claim = claimName(app.name, name);
        // cluster-scoped, so named after the app's namespace: unique even when apps share the export
        const pv = `${app.namespace}-${name}`;
        const shared = exported.accessMode === 'ReadOnlyMany';
        new k8s.KubePersistentVolume(this, `volume-${name}`, {
          metadata: { name: pv, labels, annotations: { ...KEEP_DATA_ANNOTATIONS } },
          spec: {
            capacity: { storage: k8s.Quantity.fromString(exported.size) },
            accessModes: [exported.accessMode],
            // the export exists before the app and outlives it
            persistentVolumeReclaimPolicy: 'Retain',
            // no class: no provisioner acts on it, and only a claim asking for no class binds it
            storageClassName: '',
            mountOptions: [...exported.mountOptions],
            nfs: { server: exported.server, path: exported.path, readOnly: shared },
            // reserved for the app's claim, which names it back through volumeName
            claimRef: { namespace: app.namespace, name: claim },
          },
        });
        new k8s.KubePersistentVolumeClaim(this, `claim-${name}`, { metadata: metadata(claim), spec: claimSpec(exported.accessMode, exported.size, '', pv) });
        this.volumes.push({ name, persistentVolumeClaim: { claimName: claim, ...(readOnly ? { readOnly } : {}) } });
      } else if (v.nfs) {
        this.volumes.push({ name, nfs: { server: v.nfs.server, path: v.nfs.path, ...(readOnly ? { readOnly } : {}) } });
      }
      this.mounts.push({ name, mountPath: v.mountPath, ...(readOnly ? { readOnly } : {}) });
    }
  }
}
