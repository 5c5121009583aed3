/**
 * A LoadBalancer Service on a MetalLB address pool: the pool, a fixed address (or one per family)
 * and IP sharing as MetalLB's annotations (the `metallb.universe.tf/` ones are deprecated), the
 * client's source address kept, the IP families of its addresses within the cluster's, and the
 * hostname external-dns publishes.
 */
import type { AppModel, ClusterModel } from '../config';
import type { k8s } from '../k8s';

export const METALLB_ANNOTATIONS = { pool: 'metallb.io/address-pool', ips: 'metallb.io/loadBalancerIPs', sharedIP: 'metallb.io/allow-shared-ip' } as const;
export const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';

type Expose = NonNullable<AppModel['expose']>;
type IpFamily = ClusterModel['network']['ipFamilies'][number];

/** A host name as published: a name without a dot lives under the cluster's DNS domain. */
export function fullHostname(cluster: ClusterModel, host: string): string {
  return host.includes('.') || !cluster.network.dns ? host : `${host}.${cluster.network.dns.domain}`;
}

export function loadBalancerAnnotations(cluster: ClusterModel, expose: Expose): Record<string, string> {
  return {
    [METALLB_ANNOTATIONS.pool]: expose.pool,
    ...(expose.ip ? { [METALLB_ANNOTATIONS.ips]: fixedIps(expose.ip).join(',') } : {}),
    ...(expose.sharedIPKey ? { [METALLB_ANNOTATIONS.sharedIP]: expose.sharedIPKey } : {}),
    ...(expose.hostname ? { [EXTERNAL_DNS_HOSTNAME]: fullHostname(cluster, expose.hostname) } : {}),
  };
}

/** `expose.ip` as written: one address, or one per family separated by a comma. */
const fixedIps = (ip: string) => ip.split(',').map((a) => a.trim());
const familyOf = (address: string): IpFamily => (address.includes(':') ? 'IPv6' : 'IPv4');

/**
 * The IP families of an exposed app's Service, in the cluster's order (its primary family first):
 * those of its fixed addresses, else those of its pool. The config checks keep them within the
 * cluster's families (`network.ipFamilies`).
 */
export function serviceFamilies(cluster: ClusterModel, expose: Expose): IpFamily[] {
  const addresses = expose.ip ? fixedIps(expose.ip) : cluster.network.pools[expose.pool].addresses;
  const wanted = new Set(addresses.map(familyOf));
  return cluster.network.ipFamilies.filter((f) => wanted.has(f));
}

export function loadBalancerSpec(cluster: ClusterModel, expose: Expose): Pick<k8s.ServiceSpec, 'type' | 'externalTrafficPolicy' | 'ipFamilyPolicy' | 'ipFamilies'> {
  const families = serviceFamilies(cluster, expose);
  // the API server's default is one family, the cluster's primary: say more only when it is not that
  const primaryOnly = families.length === 1 && families[0] === cluster.network.ipFamilies[0];
  return {
    type: 'LoadBalancer',
    // Local keeps the client's address (logs, rate limits, fail2ban) and MetalLB announces from a node
    // running the app; sharing an address between apps needs Cluster (Local needs the very same pods)
    externalTrafficPolicy: expose.externalTrafficPolicy ?? (expose.sharedIPKey ? 'Cluster' : 'Local'),
    // both families only on a dual-stack cluster (a single-stack API server refuses two); MetalLB takes one address of each
    ...(families.length && !primaryOnly ? { ipFamilyPolicy: families.length > 1 ? 'PreferDualStack' : 'SingleStack', ipFamilies: families } : {}),
  };
}
