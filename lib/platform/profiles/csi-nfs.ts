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
        {
          name: 'csi-provisioner',
          resources: 'controller.resources.csiProvisioner',
          chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '400Mi' } },
        },
        {
          name: 'csi-resizer',
          resources: 'controller.resources.csiResizer',
          chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '400Mi' } },
        },
        {
          name: 'liveness-probe',
          resources: 'controller.resources.livenessProbe',
          chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '100Mi' } },
        },
        { name: 'nfs', resources: 'controller.resources.nfs', chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '200Mi' } } },
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
        {
          name: 'liveness-probe',
          resources: 'node.resources.livenessProbe',
          chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '100Mi' } },
        },
        {
          name: 'node-driver-registrar',
          resources: 'node.resources.nodeDriverRegistrar',
          chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '100Mi' } },
        },
        { name: 'nfs', resources: 'node.resources.nfs', chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '300Mi' } } },
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
      containers: [
        {
          name: 'snapshot-controller',
          resources: 'externalSnapshotter.resources',
          chartDefault: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '300Mi' } },
        },
      ],
    },
  ],
};
