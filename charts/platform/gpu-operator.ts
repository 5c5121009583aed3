/**
 * The NVIDIA GPU operator, on clusters with GPU nodes: driver (optional), container toolkit,
 * device plugin and monitoring on the GPU nodes, tolerating exactly those nodes' taints, and
 * Node Feature Discovery on every node. Operands the product does not size get the tier
 * namespace's LimitRange defaults.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { gpuTolerations, timeSlicingConfig } from '../../lib/gpu';
import { k8s } from '../../lib/k8s';
import { TOLERATE_EVERYTHING } from '../../lib/platform/node-runtime';
import { MANAGED_BY } from '../../lib/workloads/labels';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const GPU_OPERATOR = 'gpu-operator';

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
        operator: { priorityClassName, resources: resources('operator') },
        daemonsets: { priorityClassName, tolerations: gpuTolerations(cluster) },
        ...(slicing ? { devicePlugin: { config: { name: slicing.name, default: slicing.default } } } : {}),
        driver: { enabled: utility.driver, resources: resources('driver') },
        'node-feature-discovery': {
          priorityClassName,
          master: { resources: resources('nodeFeatureDiscovery') },
          worker: { resources: resources('nodeFeatureDiscovery'), tolerations: [...TOLERATE_EVERYTHING] },
          gc: { resources: resources('nodeFeatureDiscovery') },
        },
      }),
    });
    if (slicing) new k8s.KubeConfigMap(this, 'time-slicing', { metadata: { name: slicing.name, namespace: this.utility.namespace, labels: { ...MANAGED_BY } }, data: slicing.data });
  }
}
