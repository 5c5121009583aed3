/**
 * csi-driver-nfs chart 4.13.0, read from github.com/kubernetes-csi/csi-driver-nfs: the package
 * charts/v4.13.0/csi-driver-nfs-4.13.0.tgz on master (the one the Helm index at master/charts
 * serves, digest 2bfc17ab...), which differs from tag v4.13.0's charts/v4.13.0 only in two
 * controller sidecar args; values.yaml, the node and snapshot-controller templates are identical.
 * No values.schema.json, no hooks. Workload names come from `controller.name`, `node.name` and
 * `externalSnapshotter.name`, not from the release name. Every default resources block has
 * requests and a memory limit, no CPU limit.
 */
import { type ChartProfile, count, on } from '../profile';

/** `controller.tolerations`' chart default: the control plane (three spellings) and CriticalAddonsOnly, NoSchedule. */
const CONTROLLER_TOLERATIONS = [
  'node-role.kubernetes.io/master',
  'node-role.kubernetes.io/controlplane',
  'node-role.kubernetes.io/control-plane',
  'CriticalAddonsOnly',
].map((key) => ({ key, operator: 'Exists', effect: 'NoSchedule' }) as const);

const LINUX = { 'kubernetes.io/os': 'linux' } as const;

/** Every container of this chart defaults 10m and 20Mi of requests and a memory limit of its own. */
const sized = (name: string, resources: string, memoryLimit: string) => ({
  name,
  resources,
  chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: memoryLimit } },
});

export const PROFILE: ChartProfile = {
  version: '4.13.0',
  workloads: [
    {
      kind: 'Deployment',
      name: 'csi-nfs-controller',
      replicas: count('controller.replicas', 1),
      priorityClassName: 'controller.priorityClassName', // chart default system-cluster-critical
      tolerations: { values: 'controller.tolerations', chartDefault: CONTROLLER_TOLERATIONS },
      // fixed in the template; `controller.nodeSelector` (default {}) is added to it
      nodeSelector: LINUX,
      // csi-snapshotter (controller.resources.csiSnapshotter: 10m/20Mi, memory limit 200Mi) runs
      // only with `controller.enableSnapshotter` (chart default true); our values set it false
      containers: [
        sized('csi-provisioner', 'controller.resources.csiProvisioner', '400Mi'),
        sized('csi-resizer', 'controller.resources.csiResizer', '400Mi'),
        sized('liveness-probe', 'controller.resources.livenessProbe', '100Mi'),
        sized('nfs', 'controller.resources.nfs', '200Mi'),
      ],
    },
    {
      kind: 'DaemonSet',
      name: 'csi-nfs-node',
      priorityClassName: 'node.priorityClassName', // chart default system-cluster-critical
      tolerations: 'node.tolerations', // chart default: [{ operator: Exists }], every taint
      // fixed in the template; `node.nodeSelector` (default {}) is added to it
      nodeSelector: LINUX,
      containers: [
        sized('liveness-probe', 'node.resources.livenessProbe', '100Mi'),
        sized('node-driver-registrar', 'node.resources.nodeDriverRegistrar', '100Mi'),
        sized('nfs', 'node.resources.nfs', '300Mi'),
      ],
    },
    {
      // the CSI snapshot controller, off by default (it also gates the snapshot CRDs and RBAC)
      kind: 'Deployment',
      name: 'snapshot-controller',
      when: on('externalSnapshotter.enabled', false),
      replicas: count('externalSnapshotter.controller.replicas', 1),
      priorityClassName: 'externalSnapshotter.priorityClassName', // chart default system-cluster-critical
      // the template reuses the controller's tolerations
      tolerations: { values: 'controller.tolerations', chartDefault: CONTROLLER_TOLERATIONS },
      // fixed in the template, no values key
      nodeSelector: LINUX,
      containers: [sized('snapshot-controller', 'externalSnapshotter.resources', '300Mi')],
    },
  ],
};
