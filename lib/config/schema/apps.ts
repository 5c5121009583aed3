/** `apps:` the generic app: most self-hosted software fits it. Keys are app names. */
import { Type } from '@sinclair/typebox';
import { Cpu, Memory, Name, NamedMap, Strict } from './common';

export const Port = Strict({
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  protocol: Type.Union([Type.Literal('TCP'), Type.Literal('UDP')], { default: 'TCP' }),
});

export const Expose = Strict({
  /** The address pool the LoadBalancer Service draws from. */
  pool: Name,
  /** A fixed address from that pool. */
  ip: Type.Optional(Type.String({ minLength: 1 })),
  /** Published by external-dns. */
  hostname: Type.Optional(Type.String({ minLength: 1 })),
  /** Opt-in for internet-facing pools. */
  internet: Type.Boolean({ default: false }),
  /** Apps with the same key may share one fixed `ip` on different ports (MetalLB's `allow-shared-ip`). */
  sharedIPKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][-A-Za-z0-9_.]*$', maxLength: 63, description: 'a key such as "dns" shared by the apps on one address' })),
});

export const App = Strict({
  /** A pinned image: a tag other than `latest`, or a digest. */
  image: Type.String({ minLength: 1 }),
  tier: Type.String({ minLength: 1 }),
  kind: Type.Union([Type.Literal('Deployment'), Type.Literal('StatefulSet'), Type.Literal('DaemonSet')], { default: 'Deployment' }),
  replicas: Type.Integer({ minimum: 0, default: 1 }),
  /** CPU request; there is never a CPU limit. Defaults to the tier's default request. */
  cpu: Type.Optional(Cpu),
  /** Memory request. Defaults to the tier's default request. */
  memory: Type.Optional(Memory),
  /** Memory limit; tiers 0-2 require it to equal the request (and default it so). */
  memoryLimit: Type.Optional(Memory),
  /**
   * The VPA upper bound Goldilocks recommends: sizes derive from it with headroom (x1.2, or x1.3
   * for GPU and volatile apps). Memory: the limit (and the request where request = limit).
   */
  upperBound: Type.Optional(Strict({ cpu: Type.Optional(Cpu), memory: Type.Optional(Memory) })),
  /** Volatile usage (user-facing, ML inference): x1.3 headroom instead of x1.2. */
  volatile: Type.Boolean({ default: false }),
  gpus: Type.Integer({ minimum: 0, default: 0 }),
  ports: NamedMap(Port, { default: {} }),
  env: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String(), { default: {}, additionalProperties: false }),
  expose: Type.Optional(Expose),
  /** Apps this one needs first (Argo CD sync order). */
  dependsOn: Type.Array(Name, { default: [], uniqueItems: true }),
});

export const Apps = NamedMap(App, { default: {} });
