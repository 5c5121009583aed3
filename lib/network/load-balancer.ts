/**
 * A LoadBalancer Service on a MetalLB address pool: the pool, a fixed address and IP sharing as
 * MetalLB's annotations (the `metallb.universe.tf/` ones are deprecated), the client's source
 * address kept, dual-stack when the pool has IPv6, and the hostname external-dns publishes.
 */
import type { AppModel, ClusterModel } from '../config';
import type { k8s } from '../k8s';

export const METALLB_ANNOTATIONS = { pool: 'metallb.io/address-pool', ips: 'metallb.io/loadBalancerIPs', sharedIP: 'metallb.io/allow-shared-ip' } as const;
export const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';

type Expose = NonNullable<AppModel['expose']>;

/** A host name as published: a name without a dot lives under the cluster's DNS domain. */
export function fullHostname(cluster: ClusterModel, host: string): string {
  return host.includes('.') || !cluster.network.dns ? host : `${host}.${cluster.network.dns.domain}`;
}

export function loadBalancerAnnotations(cluster: ClusterModel, expose: Expose): Record<string, string> {
  return {
    [METALLB_ANNOTATIONS.pool]: expose.pool,
    ...(expose.ip ? { [METALLB_ANNOTATIONS.ips]: expose.ip } : {}),
    ...(expose.sharedIPKey ? { [METALLB_ANNOTATIONS.sharedIP]: expose.sharedIPKey } : {}),
    ...(expose.hostname ? { [EXTERNAL_DNS_HOSTNAME]: fullHostname(cluster, expose.hostname) } : {}),
  };
}

export function loadBalancerSpec(cluster: ClusterModel, expose: Expose): Pick<k8s.ServiceSpec, 'type' | 'externalTrafficPolicy' | 'ipFamilyPolicy' | 'ipFamilies'> {
  const addresses = cluster.network.pools[expose.pool].addresses;
  const families = [addresses.some((a) => !a.includes(':')) && 'IPv4', addresses.some((a) => a.includes(':')) && 'IPv6'].filter((f): f is string => !!f);
  return {
    type: 'LoadBalancer',
    // Local keeps the client's address (logs, rate limits, fail2ban) and MetalLB announces from a node
    // running the app; sharing an address between apps needs Cluster (Local needs the very same pods)
    externalTrafficPolicy: expose.externalTrafficPolicy ?? (expose.sharedIPKey ? 'Cluster' : 'Local'),
    // a pool with IPv6 serves IPv6 too: both families when it has both (MetalLB takes one of each from it)
    ...(families.includes('IPv6') ? { ipFamilyPolicy: families.length > 1 ? 'PreferDualStack' : 'SingleStack', ipFamilies: families } : {}),
  };
}
