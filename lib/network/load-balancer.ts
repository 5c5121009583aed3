/**
 * A LoadBalancer Service as the cluster's load balancer (`network.loadBalancer`) reads it:
 *
 * - MetalLB: the pool, a fixed address (or one per family) and IP sharing as MetalLB's
 *   annotations (the `metallb.universe.tf/` ones are deprecated);
 * - Cilium LB-IPAM: the pool as the label `homelab.dev/address-pool`, which the pools'
 *   `serviceSelector`s match (charts/cilium-lb.ts), the fixed addresses and the sharing key as
 *   `lbipam.cilium.io/` annotations (sharing across namespaces named on both sides);
 * - k3s's ServiceLB: nothing: the Service gets the addresses of the nodes its pods run on.
 *
 * Also the client's source address kept where the load balancer allows it, the IP families of its
 * addresses within the cluster's, and the hostname external-dns publishes.
 */
import type { AppModel, ClusterModel } from '../config';
import type { k8s } from '../k8s';

export const METALLB_ANNOTATIONS = { pool: 'metallb.io/address-pool', ips: 'metallb.io/loadBalancerIPs', sharedIP: 'metallb.io/allow-shared-ip' } as const;
export const CILIUM_ANNOTATIONS = {
  ips: 'lbipam.cilium.io/ips',
  sharingKey: 'lbipam.cilium.io/sharing-key',
  sharingCrossNamespace: 'lbipam.cilium.io/sharing-cross-namespace',
} as const;
/** On a Service under Cilium LB-IPAM: the pool it draws from, matched by the pools' `serviceSelector`. */
export const ADDRESS_POOL_LABEL = 'homelab.dev/address-pool';
/** On an address pool object (MetalLB's or Cilium's): `"true"` marks it internet-facing, for readers without the cluster model (the review diff). */
export const INTERNET_POOL_LABEL = 'homelab.dev/internet';
export const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';

type Expose = NonNullable<AppModel['expose']>;
type IpFamily = ClusterModel['network']['ipFamilies'][number];

/** What a LoadBalancer Service asks of the load balancer. */
interface AddressRequest {
  readonly pool?: string;
  /** One address, or one per family separated by a comma. */
  readonly ip?: string;
  readonly sharedIPKey?: string;
  /** The namespaces of the other Services with the same `sharedIPKey` (Cilium shares across namespaces only when both sides name each other). */
  readonly sharedWith?: readonly string[];
}

/** The labels and annotations a LoadBalancer Service carries for the cluster's load balancer. */
interface LoadBalancerMetadata {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** A host name as published: a name without a dot lives under the cluster's DNS domain. */
export function fullHostname(cluster: Pick<ClusterModel, 'apps' | 'network'>, host: string): string {
  return host.includes('.') || !cluster.network.dns ? host : `${host}.${cluster.network.dns.domain}`;
}

export function loadBalancerMetadata(cluster: Pick<ClusterModel, 'apps' | 'network'>, request: AddressRequest): LoadBalancerMetadata {
  const { pool, ip, sharedIPKey } = request;
  const ips = ip ? fixedIps(ip).join(',') : undefined;
  switch (cluster.network.loadBalancer) {
    case 'metallb':
      return {
        labels: {},
        annotations: {
          ...(pool ? { [METALLB_ANNOTATIONS.pool]: pool } : {}),
          ...(ips ? { [METALLB_ANNOTATIONS.ips]: ips } : {}),
          ...(sharedIPKey ? { [METALLB_ANNOTATIONS.sharedIP]: sharedIPKey } : {}),
        },
      };
    case 'cilium': {
      const others = [...new Set(request.sharedWith ?? [])].sort();
      return {
        labels: pool ? { [ADDRESS_POOL_LABEL]: pool } : {},
        annotations: {
          ...(ips ? { [CILIUM_ANNOTATIONS.ips]: ips } : {}),
          ...(sharedIPKey ? { [CILIUM_ANNOTATIONS.sharingKey]: sharedIPKey } : {}),
          ...(sharedIPKey && others.length ? { [CILIUM_ANNOTATIONS.sharingCrossNamespace]: others.join(',') } : {}),
        },
      };
    }
    default:
      // ServiceLB publishes the nodes' addresses and reads nothing; `none` exposes nothing (the config checks refuse it)
      return { labels: {}, annotations: {} };
  }
}

/** An exposed app's Service: the load balancer's labels and annotations, and its published hostname. */
export function exposeMetadata(
  cluster: Pick<ClusterModel, 'apps' | 'network'>,
  app: Pick<AppModel, 'name' | 'namespace'>,
  expose: Expose,
): LoadBalancerMetadata {
  const sharedWith = expose.sharedIPKey
    ? cluster.apps.filter((a) => a.name !== app.name && a.expose?.sharedIPKey === expose.sharedIPKey && a.namespace !== app.namespace).map((a) => a.namespace)
    : [];
  const { labels, annotations } = loadBalancerMetadata(cluster, { ...expose, sharedWith });
  return { labels, annotations: { ...annotations, ...(expose.hostname ? { [EXTERNAL_DNS_HOSTNAME]: fullHostname(cluster, expose.hostname) } : {}) } };
}

/** `expose.ip` as written: one address, or one per family separated by a comma. */
const fixedIps = (ip: string) => ip.split(',').map((a) => a.trim());
const familyOf = (address: string): IpFamily => (address.includes(':') ? 'IPv6' : 'IPv4');

/**
 * The IP families of an exposed app's Service, in the cluster's order (its primary family first):
 * those of its fixed addresses, else those of its pool; none said (the API server's default, the
 * primary family) without either, as with ServiceLB. The config checks keep them within the
 * cluster's families (`network.ipFamilies`).
 */
function serviceFamilies(cluster: Pick<ClusterModel, 'apps' | 'network'>, expose: Expose): IpFamily[] {
  const addresses = expose.ip ? fixedIps(expose.ip) : expose.pool ? (cluster.network.pools[expose.pool]?.addresses ?? []) : [];
  const wanted = new Set(addresses.map(familyOf));
  return cluster.network.ipFamilies.filter((f) => wanted.has(f));
}

/**
 * The traffic policy of a LoadBalancer Service when the file says none. Local keeps the client's
 * address (logs, rate limits, fail2ban): MetalLB then announces from a node running the app and
 * ServiceLB publishes only those nodes. Cilium's L2 announcements do not support Local (the
 * address may be announced from a node without the app's pods), and sharing an address between
 * apps needs Cluster (Local needs the very same pods).
 */
export function defaultTrafficPolicy(cluster: Pick<ClusterModel, 'apps' | 'network'>, shared: boolean): 'Local' | 'Cluster' {
  return cluster.network.loadBalancer === 'cilium' || shared ? 'Cluster' : 'Local';
}

export function loadBalancerSpec(
  cluster: Pick<ClusterModel, 'apps' | 'network'>,
  expose: Expose,
): Pick<k8s.ServiceSpec, 'type' | 'externalTrafficPolicy' | 'ipFamilyPolicy' | 'ipFamilies'> {
  const families = serviceFamilies(cluster, expose);
  // the API server's default is one family, the cluster's primary: say more only when it is not that
  const primaryOnly = families.length === 1 && families[0] === cluster.network.ipFamilies[0];
  return {
    type: 'LoadBalancer',
    externalTrafficPolicy: expose.externalTrafficPolicy ?? defaultTrafficPolicy(cluster, expose.sharedIPKey !== undefined),
    // both families only on a dual-stack cluster (a single-stack API server refuses two); the load balancer takes one address of each
    ...(families.length && !primaryOnly ? { ipFamilyPolicy: families.length > 1 ? 'PreferDualStack' : 'SingleStack', ipFamilies: families } : {}),
  };
}
