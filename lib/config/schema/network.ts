/** `network:` load-balancer address pools, L2 announcement, ingress and DNS. */
import { Type } from '@sinclair/typebox';
import { Labels, NamedMap, Strict } from './common';

export const Pool = Strict({
  /** CIDRs ("192.0.2.0/28", "2001:db8::/120") or ranges ("192.0.2.10-192.0.2.20"); a single IP needs /32 or /128. */
  addresses: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  autoAssign: Type.Boolean({ default: true }),
  /** Internet-facing: only apps that ask for internet exposure may draw from it. */
  internet: Type.Boolean({ default: false }),
});

export const Network = Strict(
  {
    loadBalancer: Type.Union([Type.Literal('metallb'), Type.Literal('cilium')], { default: 'metallb' }),
    pools: NamedMap(Pool, { default: {} }),
    l2: Strict(
      {
        interfaces: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
        nodeSelectors: Type.Optional(Type.Array(Labels)),
      },
      { default: {} },
    ),
    ingress: Type.Optional(Strict({ className: Type.String({ minLength: 1 }), issuer: Type.Optional(Type.String({ minLength: 1 })) })),
    dns: Type.Optional(Strict({ domain: Type.String({ minLength: 1 }), provider: Type.Optional(Type.String({ minLength: 1 })) })),
  },
  { default: {} },
);
