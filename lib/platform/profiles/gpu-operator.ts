/**
 * NVIDIA GPU operator: chart `gpu-operator` from NVIDIA/gpu-operator (deployments/gpu-operator),
 * read at tag `v25.10.1` (commit 84601875; versions.mk says v25.10.1, and the repository's gh-pages
 * stable/index.yaml lists chart version v25.10.1, whose packaged templates and values.yaml are the
 * tag's). Read from values.yaml and templates/ (no values.schema.json), with its subchart
 * node-feature-discovery 0.18.2 (charts/node-feature-discovery, condition `nfd.enabled`, no
 * values.schema.json either).
 *
 * Resources: only `operator.resources` defaults a CPU limit (500m). NFD's master, worker and gc
 * default a memory limit and no CPU limit; every ClusterPolicy `<operand>.resources` defaults `{}`.
 *
 * The operands (`operand: true`) are DaemonSets the operator creates from the ClusterPolicy, read
 * from assets/<state>/*daemonset*.yaml and controllers/object_controls.go at the same tag. For each,
 * the ClusterPolicy's `<operand>.resources` (the chart value of the same path) is copied onto EVERY
 * regular container of the DaemonSet (sidecars included) and onto no init container: the driver is
 * the exception, it sizes `nvidia-driver-ctr` only. No value sizes an operand's init containers
 * (the `*-validation` waits, `k8s-driver-manager`, `config-manager-init`): the namespace's
 * LimitRange defaults apply to them. `daemonsets.priorityClassName` and `daemonsets.tolerations`
 * replace every operand's own (non-empty values only). Operands run on the nodes the operator
 * labels `nvidia.com/gpu.deploy.<operand>=true`, i.e. those it finds GPUs on
 * (`nvidia.com/gpu.present=true`).
 *
 * Not profiled (no resident pod with our values):
 * - nvidia-device-plugin-mps-control-daemon: created with the device plugin, but it selects
 *   `nvidia.com/mps.capable=true` too, which only an MPS sharing config sets (ours time-slices);
 * - nvidia-mig-manager: selects `nvidia.com/gpu.deploy.mig-manager=true`, set only on MIG-capable
 *   cards (we turn it off anyway);
 * - the sandbox operands (vfio-manager, vgpu-manager, vgpu-device-manager, sandbox-device-plugin,
 *   sandbox-validator, kata-manager, cc-manager): only with `sandboxWorkloads.enabled` (default false);
 * - the driver's sidecars nvidia-peermem-ctr, nvidia-fs-ctr, nvidia-gdrcopy-ctr and
 *   openshift-driver-toolkit-ctr, and the validator's nvidia-fs-validation / gdrcopy-validation
 *   init containers: removed unless RDMA, GDS, GDRCopy or OpenShift are on (all off);
 * - the pods the validator's cuda-validation init container creates on each GPU node
 *   (`nvidia-cuda-validator-*`, init cuda-validation + nvidia-cuda-validator): short-lived, they
 *   stay Succeeded; no value sizes them or gives them a PriorityClass. plugin-validation runs with
 *   its workload off, so it creates no pod (and asks for no GPU);
 * - the pre-delete `gpu-operator-cleanup-crd` Job (`operator.cleanupCRD`, default false; Argo CD
 *   ignores pre-delete hooks anyway) and NFD's topology updater (`topologyUpdater.enable`, false).
 */
import { type ChartProfile, type ContainerProfile, type Values, on, count, valueAt } from '../profile';

/** `operator.tolerations`' chart default: the control plane, NoSchedule (Equal ""). */
const OPERATOR_TOLERATIONS = ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'].map(
  (key) => ({ key, operator: 'Equal', value: '', effect: 'NoSchedule' }) as const,
);
/** NFD's `master.tolerations` chart default: the control plane, NoSchedule. */
const NFD_MASTER_TOLERATIONS = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', value: '', effect: 'NoSchedule' }] as const;

const NFD = 'node-feature-discovery';
const nfd = on('nfd.enabled', true);
const nfdOn = (flag: string) => (v: Values) => nfd(v) && on(`${NFD}.${flag}`, true)(v);

/** A ClusterPolicy operand: one per GPU node, placed by the `daemonsets` values. */
const operand = {
  kind: 'DaemonSet',
  operand: true,
  priorityClassName: 'daemonsets.priorityClassName',
  tolerations: 'daemonsets.tolerations',
  nodeSelector: { 'nvidia.com/gpu.present': 'true' },
} as const;

/** A device plugin config named in values adds the config-manager init container and sidecar. */
const pluginConfig = (v: Values): boolean => Boolean(valueAt(v, 'devicePlugin.config.name'));

/** Waits for a file another operand writes; no value sizes it. */
const wait = (name: string): ContainerProfile => ({ name, init: true });

const operator = {
  name: 'gpu-operator',
  resources: 'operator.resources',
  chartDefault: { requests: { cpu: '200m', memory: '100Mi' }, limits: { cpu: '500m', memory: '350Mi' } },
} as const;

export const PROFILE: ChartProfile = {
  version: 'v25.10.1',
  workloads: [
    // replicas hard-coded to 1
    {
      kind: 'Deployment',
      name: 'gpu-operator',
      replicas: 1,
      priorityClassName: 'operator.priorityClassName',
      tolerations: { values: 'operator.tolerations', chartDefault: OPERATOR_TOLERATIONS },
      nodeSelector: 'operator.nodeSelector',
      containers: [operator],
    },
    // hook: Argo CD runs pre-upgrade as PreSync, on every sync; no priority, no resources value
    {
      kind: 'Job',
      name: 'gpu-operator-upgrade-crd',
      hook: 'pre-upgrade',
      when: on('operator.upgradeCRD', true),
      replicas: 1,
      tolerations: { values: 'operator.tolerations', chartDefault: OPERATOR_TOLERATIONS },
      containers: [{ name: 'upgrade-crd' }],
    },

    // --- node-feature-discovery subchart (fullname gpu-operator-node-feature-discovery) ----------
    {
      kind: 'Deployment',
      name: 'gpu-operator-node-feature-discovery-master',
      when: nfdOn('master.enable'),
      replicas: count(`${NFD}.master.replicaCount`, 1),
      priorityClassName: `${NFD}.priorityClassName`,
      tolerations: { values: `${NFD}.master.tolerations`, chartDefault: NFD_MASTER_TOLERATIONS },
      nodeSelector: `${NFD}.master.nodeSelector`,
      containers: [
        { name: 'master', resources: `${NFD}.master.resources`, chartDefault: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '4Gi' } } },
      ],
    },
    // `worker.priorityClassName` exists too, but with the top-level one set the pod gets the key twice
    {
      kind: 'DaemonSet',
      name: 'gpu-operator-node-feature-discovery-worker',
      when: nfdOn('worker.enable'),
      priorityClassName: `${NFD}.priorityClassName`,
      tolerations: `${NFD}.worker.tolerations`,
      nodeSelector: `${NFD}.worker.nodeSelector`,
      containers: [
        { name: 'worker', resources: `${NFD}.worker.resources`, chartDefault: { requests: { cpu: '5m', memory: '64Mi' }, limits: { memory: '512Mi' } } },
      ],
    },
    {
      kind: 'Deployment',
      name: 'gpu-operator-node-feature-discovery-gc',
      when: nfdOn('gc.enable'),
      replicas: count(`${NFD}.gc.replicaCount`, 1),
      priorityClassName: `${NFD}.priorityClassName`,
      tolerations: `${NFD}.gc.tolerations`,
      nodeSelector: `${NFD}.gc.nodeSelector`,
      containers: [{ name: 'gc', resources: `${NFD}.gc.resources`, chartDefault: { requests: { cpu: '10m', memory: '128Mi' }, limits: { memory: '1Gi' } } }],
    },
    // hook: PostDelete in Argo CD (runs only when the Application is deleted); no priority value.
    // The template puts `master.resources` at POD level (spec.resources), not on the container.
    {
      kind: 'Job',
      name: 'gpu-operator-node-feature-discovery-prune',
      hook: 'post-delete',
      when: (v) => nfd(v) && on(`${NFD}.postDeleteCleanup`, true)(v),
      replicas: 1,
      tolerations: { values: `${NFD}.master.tolerations`, chartDefault: NFD_MASTER_TOLERATIONS },
      nodeSelector: `${NFD}.master.nodeSelector`,
      containers: [{ name: 'nfd-master' }],
    },
    {
      kind: 'DaemonSet',
      name: 'gpu-operator-node-feature-discovery-topology-updater',
      when: (v) => nfd(v) && on(`${NFD}.topologyUpdater.enable`, false)(v),
      priorityClassName: `${NFD}.priorityClassName`,
      tolerations: `${NFD}.topologyUpdater.tolerations`,
      nodeSelector: `${NFD}.topologyUpdater.nodeSelector`,
      containers: [
        {
          name: 'topology-updater',
          resources: `${NFD}.topologyUpdater.resources`,
          chartDefault: { requests: { cpu: '50m', memory: '40Mi' }, limits: { memory: '60Mi' } },
        },
      ],
    },

    // --- operands (ClusterPolicy cluster-policy) --------------------------------------------------
    // driver: `driver.resources` sizes nvidia-driver-ctr only; skipped when an NVIDIADriver CR manages it
    {
      ...operand,
      name: 'nvidia-driver-daemonset',
      when: (v) => on('driver.enabled', true)(v) && !on('driver.nvidiaDriverCRD.enabled', false)(v),
      containers: [
        // uninstalls a previous driver before the new one loads
        { name: 'k8s-driver-manager', init: true },
        { name: 'nvidia-driver-ctr', resources: 'driver.resources' },
      ],
    },
    {
      ...operand,
      name: 'nvidia-container-toolkit-daemonset',
      when: on('toolkit.enabled', true),
      containers: [wait('driver-validation'), { name: 'nvidia-container-toolkit-ctr', resources: 'toolkit.resources' }],
    },
    // device plugin without a config: one container
    {
      ...operand,
      name: 'nvidia-device-plugin-daemonset',
      when: (v) => on('devicePlugin.enabled', true)(v) && !pluginConfig(v),
      containers: [wait('toolkit-validation'), { name: 'nvidia-device-plugin', resources: 'devicePlugin.resources' }],
    },
    // device plugin with `devicePlugin.config.name` (time-slicing): config-manager sidecar, sized alike
    {
      ...operand,
      name: 'nvidia-device-plugin-daemonset',
      when: (v) => on('devicePlugin.enabled', true)(v) && pluginConfig(v),
      containers: [
        wait('toolkit-validation'),
        { name: 'config-manager-init', init: true },
        { name: 'nvidia-device-plugin', resources: 'devicePlugin.resources' },
        { name: 'config-manager', resources: 'devicePlugin.resources' },
      ],
    },
    {
      ...operand,
      name: 'gpu-feature-discovery',
      when: (v) => on('gfd.enabled', true)(v) && !pluginConfig(v),
      containers: [wait('toolkit-validation'), { name: 'gpu-feature-discovery', resources: 'gfd.resources' }],
    },
    // GFD reads the device plugin's config too: with one named, the same config-manager pair
    {
      ...operand,
      name: 'gpu-feature-discovery',
      when: (v) => on('gfd.enabled', true)(v) && pluginConfig(v),
      containers: [
        wait('toolkit-validation'),
        { name: 'config-manager-init', init: true },
        { name: 'gpu-feature-discovery', resources: 'gfd.resources' },
        { name: 'config-manager', resources: 'gfd.resources' },
      ],
    },
    // standalone DCGM host engine; off by default (the exporter embeds one)
    {
      ...operand,
      name: 'nvidia-dcgm',
      when: on('dcgm.enabled', false),
      containers: [wait('toolkit-validation'), { name: 'nvidia-dcgm-ctr', resources: 'dcgm.resources' }],
    },
    {
      ...operand,
      name: 'nvidia-dcgm-exporter',
      when: on('dcgmExporter.enabled', true),
      containers: [wait('toolkit-validation'), { name: 'nvidia-dcgm-exporter', resources: 'dcgmExporter.resources' }],
    },
    // always created; its init containers validate in turn, the main container only sleeps
    {
      ...operand,
      name: 'nvidia-operator-validator',
      containers: [
        wait('driver-validation'),
        wait('toolkit-validation'),
        // starts a short-lived nvidia-cuda-validator pod on the node and waits for it
        wait('cuda-validation'),
        // removed when the device plugin is off
        wait('plugin-validation'),
        { name: 'nvidia-operator-validator', resources: 'validator.resources' },
      ],
    },
    {
      ...operand,
      name: 'nvidia-node-status-exporter',
      when: on('nodeStatusExporter.enabled', false),
      containers: [{ name: 'nvidia-node-status-exporter', resources: 'nodeStatusExporter.resources' }],
    },
  ],
};
