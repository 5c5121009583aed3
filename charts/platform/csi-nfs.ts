/**
 * csi-driver-nfs, and one StorageClass per NFS export of the cluster file (`storage.classes`).
 * The node plugin runs on every node (it tolerates every taint); no snapshots: the controller's
 * csi-snapshotter sidecar and the chart's snapshot controller are off (no snapshot CRDs here).
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { k8s } from '../../lib/k8s';
import { csiDriver } from '../../lib/gitops/capabilities';
import { TOLERATE_EVERYTHING } from '../../lib/config/tolerations';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';
import { MANAGED_BY } from '../../lib/config/labels';

const CSI_NFS = 'csi-nfs';
const NFS_CSI_DRIVER = 'nfs.csi.k8s.io';

export class CsiNfs extends UtilityChart<'csi-nfs'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: CSI_NFS,
      chart: CHARTS.csiDriverNfs,
      podSecurity: 'privileged', // the node plugin mounts on the host
      provides: [csiDriver(NFS_CSI_DRIVER)],
      values: ({ priorityClassName, resources }) => ({
        driver: { name: NFS_CSI_DRIVER },
        controller: {
          priorityClassName,
          // no VolumeSnapshot CRDs in our clusters: no csi-snapshotter sidecar
          enableSnapshotter: false,
          resources: {
            csiProvisioner: resources('sidecars'),
            csiResizer: resources('sidecars'),
            livenessProbe: resources('sidecars'),
            nfs: resources('controller'),
          },
        },
        node: {
          priorityClassName,
          // the chart's default, said here: the node plugin runs on every node
          tolerations: [...TOLERATE_EVERYTHING],
          resources: { livenessProbe: resources('sidecars'), nodeDriverRegistrar: resources('sidecars'), nfs: resources('node') },
        },
        // nor the chart's snapshot controller (nor its CRDs)
        externalSnapshotter: { enabled: false },
        // our StorageClasses live in the folder, typed and checked
        storageClass: { create: false },
      }),
    });
    for (const [name, nfs] of Object.entries(cluster.storage.classes)) {
      new k8s.KubeStorageClass(this, `class-${name}`, {
        metadata: {
          name,
          labels: { ...MANAGED_BY },
          ...(nfs.default ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
        },
        provisioner: NFS_CSI_DRIVER,
        parameters: { server: nfs.server, share: nfs.path },
        reclaimPolicy: nfs.reclaimPolicy,
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: true,
        mountOptions: [...nfs.mountOptions],
      });
    }
  }
}
