/**
 * The `cilium-lb` application, with `network.loadBalancer: cilium`: Cilium's LB-IPAM and L2
 * announcements configured from the cluster file. Cilium itself is the CNI, installed outside
 * this repository (with `l2announcements.enabled=true` and kube-proxy replacement), so there is no
 * Helm chart here and the CRDs come from elsewhere: every object says so with Argo CD's
 * SkipDryRunOnMissingResource.
 *
 * - One CiliumLoadBalancerIPPool per pool (`cilium.io/v2`, Cilium 1.18 and later): its blocks
 *   (a CIDR, or a range as start and stop), every address allocatable as with MetalLB, and a
 *   `serviceSelector` on the label `homelab.dev/address-pool` that lib/network/load-balancer.ts
 *   puts on the Services. A pool with `autoAssign: false` serves only the Services that name it;
 *   an auto-assign pool also serves the Services that name no pool (MetalLB's semantics), through
 *   `NotIn` the other pools. Internet-facing pools carry `homelab.dev/internet: "true"`.
 * - One CiliumL2AnnouncementPolicy (`cilium.io/v2alpha1`) announcing the load-balancer addresses
 *   on `network.l2.interfaces` (Go regular expressions, anchored to the exact names) from the nodes
 *   `network.l2.nodeSelectors` select; a policy takes one node selector, so several selectors
 *   become one policy each (`l2-1`, `l2-2`...), as MetalLB ORs them.
 *
 * It provides the cluster's load balancer: LoadBalancer Services sync after it.
 */
import type { Construct } from 'constructs';
import { CiliumL2AnnouncementPolicy } from '../imports/cilium-l2-announcements-cilium.io';
import {
  CiliumLoadBalancerIpPool,
  CiliumLoadBalancerIpPoolSpecAllowFirstLastIPs,
  CiliumLoadBalancerIpPoolSpecServiceSelectorMatchExpressionsOperator as Operator,
  type CiliumLoadBalancerIpPoolSpecBlocks,
  type CiliumLoadBalancerIpPoolSpecServiceSelector,
} from '../imports/cilium-lb-ippools-cilium.io';
import type { ClusterModel } from '../lib/config';
import { CILIUM_LB_APP } from '../lib/config/generated-apps';
import { AppChart } from '../lib/gitops/app-chart';
import { ADDRESS_POOL_LABEL, INTERNET_POOL_LABEL } from '../lib/network/load-balancer';
import { LOAD_BALANCER } from '../lib/gitops/capabilities';

export { CILIUM_LB_APP };

/** The CRDs come with Cilium, installed outside this repository. */
const CRD_FROM_ELSEWHERE = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } as const;

export class CiliumLoadBalancerChart extends AppChart {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, { cluster, name: CILIUM_LB_APP, namespace: 'default', project: 'platform', provides: [LOAD_BALANCER] });
    const pools = Object.entries(cluster.network.pools);
    const names = pools.map(([name]) => name);
    for (const [name, pool] of pools) {
      new CiliumLoadBalancerIpPool(this, `pool-${name}`, {
        metadata: { name, ...(pool.internet ? { labels: { [INTERNET_POOL_LABEL]: 'true' } } : {}), annotations: { ...CRD_FROM_ELSEWHERE } },
        spec: {
          blocks: pool.addresses.map(block),
          // every address of a CIDR is handed out, as MetalLB does and as the pool-size check counts
          allowFirstLastIPs: CiliumLoadBalancerIpPoolSpecAllowFirstLastIPs.YES,
          ...serviceSelector(name, pool.autoAssign, names),
        },
      });
    }
    const { interfaces, nodeSelectors } = cluster.network.l2;
    const selectors = nodeSelectors?.length ? nodeSelectors : [undefined];
    selectors.forEach((labels, i) => {
      const id = selectors.length > 1 ? `l2-${i + 1}` : 'l2';
      new CiliumL2AnnouncementPolicy(this, id, {
        metadata: { name: id, annotations: { ...CRD_FROM_ELSEWHERE } },
        spec: {
          loadBalancerIPs: true,
          ...(interfaces ? { interfaces: interfaces.map((name) => `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) } : {}),
          ...(labels ? { nodeSelector: { matchLabels: { ...labels } } } : {}),
        },
      });
    });
  }
}

/** `192.0.2.0/28` -> a CIDR block, `192.0.2.10-192.0.2.20` -> a range (the config checks parsed both). */
function block(address: string): CiliumLoadBalancerIpPoolSpecBlocks {
  const dash = address.indexOf('-');
  return dash < 0 ? { cidr: address.trim() } : { start: address.slice(0, dash).trim(), stop: address.slice(dash + 1).trim() };
}

/** Which Services a pool serves: those that name it, and (auto-assign) those that name no pool. */
function serviceSelector(pool: string, autoAssign: boolean, pools: readonly string[]): { serviceSelector?: CiliumLoadBalancerIpPoolSpecServiceSelector } {
  if (!autoAssign) return { serviceSelector: { matchLabels: { [ADDRESS_POOL_LABEL]: pool } } };
  const others = pools.filter((p) => p !== pool).sort();
  // no selector: every Service; NotIn matches Services without the label too
  return others.length ? { serviceSelector: { matchExpressions: [{ key: ADDRESS_POOL_LABEL, operator: Operator.NOT_IN, values: others }] } } : {};
}
