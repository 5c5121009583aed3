/**
 * The NVIDIA GPU operator, on clusters with GPU nodes: driver (optional), container toolkit,
 * device plugin and monitoring on the GPU nodes, tolerating exactly those nodes' taints, and
 * Node Feature Discovery on every node.
 *
 * Values for chart gpu-operator v25.10.1 (profile: lib/platform/profiles/gpu-operator.ts). The
 * operands are the operator's, not Helm's: it copies each ClusterPolicy `<operand>.resources`
 * onto that DaemonSet's containers (the device plugin's and GFD's config-manager sidecars too), so
 * every operand the cluster runs is sized here; their init containers (validations, driver
 * manager, config-manager-init) take no value and get the tier namespace's LimitRange defaults.
 * The CRD upgrade hook is off: Argo CD applies the chart's CRDs (its own and NFD's) on every sync,
 * which is all that hook did, unsized and without a PriorityClass. NFD's post-delete prune Job
 * (Argo CD PostDelete) takes no PriorityClass value. The MIG manager is off: it runs only on
 * MIG-capable cards, which the node model does not describe.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { gpuTolerations, timeSlicingConfig } from '../../lib/gpu';
import { k8s } from '../../lib/k8s';
import { TOLERATE_EVERYTHING } from '../../lib/config/tolerations';
import { MANAGED_BY } from '../../lib/config/labels';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const GPU_OPERATOR = 'gpu-operator';

export class GpuOperator extends UtilityChart<'gpu-operator'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    // a time-sliced card is advertised `timeSlicing` times (lib/gpu.ts advertisedGpus)
    const slicing = timeSlicingConfig(cluster);
    super(scope, {
      cluster,
      utility: GPU_OPERATOR,
      chart: CHARTS.gpuOperator,
      podSecurity: 'privileged', // the driver and toolkit change the host
      crds: ['nvidia.com', 'nfd.k8s-sigs.io'],
      values: ({ utility, priorityClassName, resources }) => ({
        // no upgrade-crd hook: Argo CD applies the chart's CRDs itself
        operator: { priorityClassName, resources: resources('operator'), upgradeCRD: false },
        daemonsets: { priorityClassName, tolerations: gpuTolerations(cluster) },
        driver: { enabled: utility.driver, resources: resources('driver') },
        toolkit: { resources: resources('toolkit') },
        // sizes the config-manager sidecar too, when a config is named
        devicePlugin: { resources: resources('devicePlugin'), ...(slicing ? { config: { name: slicing.name, default: slicing.default } } : {}) },
        gfd: { resources: resources('gfd') },
        dcgmExporter: { resources: resources('dcgmExporter') },
        // the validator's main container (it only sleeps); its init containers take no value
        validator: { resources: resources('validator') },
        // runs only on MIG-capable cards, which the node model does not describe
        migManager: { enabled: false },
        'node-feature-discovery': {
          priorityClassName,
          master: { resources: resources('nodeFeatureDiscovery') },
          worker: { resources: resources('nodeFeatureDiscovery'), tolerations: [...TOLERATE_EVERYTHING] },
          gc: { resources: resources('nodeFeatureDiscovery') },
        },
      }),
    });
    if (slicing)
      new k8s.KubeConfigMap(this, 'time-slicing', {
        metadata: { name: slicing.name, namespace: this.utility.namespace, labels: { ...MANAGED_BY } },
        data: slicing.data,
      });
  }
}
