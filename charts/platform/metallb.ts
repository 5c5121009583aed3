/**
 * MetalLB in layer 2 mode: the controller and speakers, the cluster's address pools as
 * IPAddressPools and one L2Advertisement announcing them (on the given interfaces and nodes).
 * The speaker DaemonSet tolerates the control-plane (and legacy master) NoSchedule taints only
 * (the chart's `speaker.tolerateMaster`); without FRR it has no init containers.
 */
import type { Construct } from 'constructs';
import { IpAddressPool } from '../../imports/metallb-ipaddresspools-metallb.io';
import { L2Advertisement } from '../../imports/metallb-l2advertisements-metallb.io';
import type { ClusterModel } from '../../lib/config';
import { LOAD_BALANCER } from '../../lib/gitops/capabilities';
import { CUSTOM_RESOURCE_ANNOTATIONS, UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const METALLB = 'metallb';

export class MetalLB extends UtilityChart<'metallb'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: METALLB,
      chart: CHARTS.metallb,
      podSecurity: 'privileged', // speakers use the host network and raw sockets
      crds: ['metallb.io'],
      provides: [LOAD_BALANCER],
      values: ({ priorityClassName, resources }) => ({
        crds: { enabled: true },
        // layer 2 only: no BGP backend
        frrk8s: { enabled: false },
        controller: { priorityClassName, resources: resources('controller') },
        speaker: { priorityClassName, resources: resources('speaker'), frr: { enabled: false } },
      }),
    });
    const namespace = this.utility.namespace;
    const pools = Object.entries(cluster.network.pools);
    for (const [name, pool] of pools) {
      new IpAddressPool(this, `pool-${name}`, {
        metadata: { name, namespace, annotations: { ...CUSTOM_RESOURCE_ANNOTATIONS } },
        spec: { addresses: [...pool.addresses], autoAssign: pool.autoAssign },
      });
    }
    const { interfaces, nodeSelectors } = cluster.network.l2;
    new L2Advertisement(this, 'l2', {
      metadata: { name: 'l2', namespace, annotations: { ...CUSTOM_RESOURCE_ANNOTATIONS } },
      spec: {
        ipAddressPools: pools.map(([name]) => name),
        ...(interfaces ? { interfaces: [...interfaces] } : {}),
        ...(nodeSelectors ? { nodeSelectors: nodeSelectors.map((labels) => ({ matchLabels: { ...labels } })) } : {}),
      },
    });
  }
}
