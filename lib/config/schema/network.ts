/** `network:` the load balancer and its address pools, L2 announcement, ingress and DNS. */
import { Type } from '@sinclair/typebox';
import { DnsName, Labels, NamedMap, Strict } from './common';

const Pool = Strict({
  /** CIDRs ("192.0.2.0/28", "2001:db8::/120") or ranges ("192.0.2.10-192.0.2.20"); a single IP needs /32 or /128. */
  addresses: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  autoAssign: Type.Boolean({ default: true }),
  /** Internet-facing: only apps that ask for internet exposure may draw from it. */
  internet: Type.Boolean({ default: false }),
});

/** An IP family, as Kubernetes names it in a Service's `ipFamilies`. */
export const IpFamily = Type.Union([Type.Literal('IPv4'), Type.Literal('IPv6')]);

export const Network = Strict(
  {
    /**
     * The cluster's IP families, primary first, as its API server is configured (service and pod
     * networks): [IPv4], [IPv6], or both for a dual-stack cluster. Services list both families only
     * on a dual-stack cluster (a single-stack API server refuses them), and every pool address
     * must be of one of them.
     */
    ipFamilies: Type.Array(IpFamily, { default: ['IPv4'], minItems: 1, maxItems: 2, uniqueItems: true, description: '[IPv4], [IPv6], [IPv4, IPv6] or [IPv6, IPv4]' }),
    /**
     * What gives LoadBalancer Services their addresses (README "Load balancers"): `metallb` (MetalLB in
     * layer 2 mode, any distribution: it announces the pools), `cilium` (Cilium's LB-IPAM and L2
     * announcements, when Cilium is the CNI with kube-proxy replacement: the pools), `servicelb`
     * (k3s's built-in ServiceLB: the nodes' own addresses, no pools) or `none` (no LoadBalancer
     * Services at all: `expose` and the ingress controller are refused).
     */
    loadBalancer: Type.Union([Type.Literal('metallb'), Type.Literal('cilium'), Type.Literal('servicelb'), Type.Literal('none')], { default: 'metallb' }),
    pools: NamedMap(Pool, { default: {} }),
    /** Where the pools are announced (metallb and cilium): interfaces and nodes. */
    l2: Strict(
      {
        /** Linux interface names: at most 15 characters, no "/", ":" or white space. */
        interfaces: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,15}$', title: 'network interface name', description: 'a Linux interface name such as eth0 or enp3s0 (at most 15 characters)' }))),
        nodeSelectors: Type.Optional(Type.Array(Labels)),
      },
      { default: {} },
    ),
    ingress: Type.Optional(Strict({ className: DnsName, issuer: Type.Optional(DnsName) })),
    dns: Type.Optional(
      Strict({
        domain: DnsName,
        /** external-dns's --provider, e.g. coredns, pihole, rfc2136. */
        provider: Type.Optional(Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', title: 'external-dns provider', description: 'a provider name such as coredns or pihole' })),
      }),
    ),
  },
  { default: {} },
);
