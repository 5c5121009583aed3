/** `apps:` the generic app: most self-hosted software fits it. Keys are app names. */
import { Type } from '@sinclair/typebox';
import { Cpu, DnsName, INT32_MAX, Memory, Name, NamedMap, Strict } from './common';

/** An absolute file or directory path inside the container. */
export const AbsolutePath = Type.String({ pattern: '^(/[-._a-zA-Z0-9]+)+$', title: 'absolute path', description: 'an absolute path such as /etc/app/config.yaml' });
export const EnvName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', title: 'environment variable name', description: 'letters, digits and "_", not starting with a digit (an environment variable name)' });
/** A key of a Secret: what the app reads, by name. */
export const SecretKey = Type.String({ pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253, title: 'secret key', description: 'letters, digits, "-", "_" and "."' });
/** The name of one of the app's `ports`. */
const PortName = Type.String({ pattern: Name.pattern, title: 'port name', description: 'the name of one of the app\'s ports' });
const Seconds = Type.Integer({ minimum: 1, maximum: INT32_MAX });
const AccessMode = Type.Union([Type.Literal('ReadWriteOnce'), Type.Literal('ReadWriteMany'), Type.Literal('ReadOnlyMany'), Type.Literal('ReadWriteOncePod')]);

/** The most replicas an app may ask for. */
export const MAX_REPLICAS = 1000;

export const Port = Strict({
  /** The port clients connect to (the Service's). */
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  /** The port the container listens on, when it differs (e.g. 8080 for a non-root app behind port 80). */
  targetPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  protocol: Type.Union([Type.Literal('TCP'), Type.Literal('UDP')], { default: 'TCP' }),
});

/** A health check: exactly one of `http`, `tcp` or `exec`. Ports default to the app's first port. */
export const Probe = Strict({
  http: Type.Optional(Strict({ path: Type.String({ pattern: '^/' }), port: Type.Optional(PortName) })),
  tcp: Type.Optional(Strict({ port: Type.Optional(PortName) })),
  exec: Type.Optional(Strict({ command: Type.Array(Type.String(), { minItems: 1 }) })),
  initialDelaySeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: INT32_MAX })),
  periodSeconds: Type.Optional(Seconds),
  timeoutSeconds: Type.Optional(Seconds),
  failureThreshold: Type.Optional(Seconds),
});

/** Persistent storage mounted into the app: exactly one of `class`, `volume` or `nfs`. */
export const Volume = Strict({
  mountPath: AbsolutePath,
  /** Defaults to true for a ReadOnlyMany volume, false otherwise. */
  readOnly: Type.Optional(Type.Boolean()),
  /** A new claim provisioned from this storage class (`storage.classes`). */
  class: Type.Optional(Name),
  /** Size of the claim from `class`. */
  size: Type.Optional(Memory),
  /** Access mode of the claim from `class`; defaults to ReadWriteOnce, or ReadWriteMany when several Deployment replicas share it. */
  accessMode: Type.Optional(AccessMode),
  /** An existing export declared under `storage.volumes`, bound through a static PersistentVolume. */
  volume: Type.Optional(Name),
  /**
   * An inline NFS mount. It cannot carry mount options (nfsvers, nconnect...): declare the export
   * under `storage.volumes` when you need any.
   */
  nfs: Type.Optional(Strict({ server: Type.String({ minLength: 1 }), path: Type.String({ pattern: '^/' }), mountOptions: Type.Optional(Type.Array(Type.String())) })),
});

/**
 * A Secret the app reads, fetched by External Secrets or decrypted by Sealed Secrets (see the
 * cluster's `secrets:`); never a value in this file.
 */
const SecretRef = Strict({
  /** external-secrets: the secret's path in the store (default `<app>/<name>`); each key is a property of it. */
  remoteKey: Type.Optional(Type.String({ minLength: 1 })),
  /** sealed-secrets: the values encrypted by `kubeseal --raw`, by key. */
  sealed: Type.Optional(Type.Record(SecretKey, Type.String(), { additionalProperties: false })),
  /** Environment variables set from keys of the secret: `ADMIN_TOKEN: admin-token`. */
  env: Type.Record(EnvName, SecretKey, { default: {}, additionalProperties: false }),
  /** Files mounted from keys of the secret: `/run/secrets/db-password: db-password`. */
  files: Type.Record(AbsolutePath, SecretKey, { default: {}, additionalProperties: false }),
});

/** Relaxations of the restricted Pod Security profile, each one a decision a reviewer can read. */
const Privileges = Strict({
  reason: Type.String({ minLength: 1, description: 'why the app needs these privileges, for the reviewer' }),
  /** Run as uid 0 (the namespace enforces Pod Security "baseline"). */
  root: Type.Boolean({ default: false }),
  /** Linux capabilities to add back after dropping ALL, e.g. CHOWN, SETUID (baseline beyond NET_BIND_SERVICE). */
  capabilities: Type.Array(Type.String({ pattern: '^[A-Z][A-Z_]*$' }), { default: [], uniqueItems: true }),
  /** Let the app write anywhere in its image instead of only its volumes and `writablePaths`. */
  writableRootFilesystem: Type.Boolean({ default: false }),
  /** Share the node's network namespace (Pod Security "privileged"). */
  hostNetwork: Type.Boolean({ default: false }),
  /** A privileged container: full access to the node (Pod Security "privileged"). */
  privileged: Type.Boolean({ default: false }),
});

export const Expose = Strict({
  /** The address pool the LoadBalancer Service draws from (metallb and cilium; k3s's ServiceLB has none). */
  pool: Type.Optional(Name),
  /** A fixed address from that pool (two, comma-separated, for IPv4 and IPv6); not with ServiceLB. */
  ip: Type.Optional(Type.String({ minLength: 1 })),
  /** Published by external-dns; a name without a dot gets `network.dns.domain` appended. */
  hostname: Type.Optional(Type.String({ minLength: 1 })),
  /** Opt-in for internet-facing pools. */
  internet: Type.Boolean({ default: false }),
  /** Apps with the same key may share one fixed `ip` on different ports (MetalLB's `allow-shared-ip`, Cilium's `sharing-key`). */
  sharedIPKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][-A-Za-z0-9_.]*$', maxLength: 63, description: 'a key such as "dns" shared by the apps on one address' })),
  /** `Local` keeps the client's source address; defaults to Local, or Cluster for a shared IP. */
  externalTrafficPolicy: Type.Optional(Type.Union([Type.Literal('Local'), Type.Literal('Cluster')])),
});

/** HTTP(S) through the cluster's ingress controller (`network.ingress`), with a cert-manager certificate. */
export const Ingress = Strict({
  host: Type.String({ pattern: DnsName.pattern, maxLength: 253, title: 'host name', description: 'a DNS name such as rss.example.com (or rss, under network.dns.domain)' }),
  /** The port the controller forwards to; defaults to the app's first port. */
  port: Type.Optional(PortName),
  path: Type.String({ pattern: '^/', default: '/' }),
});

export const App = Strict({
  /** A pinned image: a tag other than `latest`, or a digest. */
  image: Type.String({ minLength: 1 }),
  tier: Type.String({ minLength: 1 }),
  kind: Type.Union([Type.Literal('Deployment'), Type.Literal('StatefulSet'), Type.Literal('DaemonSet')], { default: 'Deployment' }),
  /** At most 1000: far above a homelab's needs, and far below what would exhaust synth's capacity check. */
  replicas: Type.Integer({ minimum: 0, maximum: MAX_REPLICAS, default: 1 }),
  /** Deployments only; defaults to Recreate when two copies must not overlap (see README "Apps"). */
  strategy: Type.Optional(Type.Union([Type.Literal('RollingUpdate'), Type.Literal('Recreate')])),
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
  /**
   * The CPU architectures the image is built for. A single-arch image is pinned to nodes of
   * that arch (`kubernetes.io/arch`), and the capacity check places it there only.
   */
  arch: Type.Array(Type.Union([Type.Literal('amd64'), Type.Literal('arm64')]), { default: ['amd64', 'arm64'], minItems: 1, uniqueItems: true }),
  /** GPUs (`nvidia.com/gpu`, or the GPU nodes' resource), from a GPU tier only. */
  gpus: Type.Integer({ minimum: 0, default: 0 }),
  /** Replaces the image's ENTRYPOINT. */
  command: Type.Optional(Type.Array(Type.String())),
  /** Replaces the image's CMD. */
  args: Type.Optional(Type.Array(Type.String())),
  /** Steps run in order before the app starts, with its env, mounts, resources and security (e.g. migrations). */
  init: Type.Array(
    Strict({
      name: Name,
      /** Defaults to the app's image. */
      image: Type.Optional(Type.String({ minLength: 1 })),
      command: Type.Array(Type.String(), { minItems: 1 }),
      args: Type.Optional(Type.Array(Type.String())),
    }),
    { default: [] },
  ),
  ports: NamedMap(Port, { default: {} }),
  env: Type.Record(EnvName, Type.String(), { default: {}, additionalProperties: false }),
  /** Config files, by mount path: rendered into a ConfigMap and mounted read-only. */
  files: Type.Record(AbsolutePath, Type.String(), { default: {}, additionalProperties: false }),
  secrets: NamedMap(SecretRef, { default: {} }),
  volumes: NamedMap(Volume, { default: {} }),
  /** Scratch directories (emptyDir) in the otherwise read-only root filesystem; /tmp by default, which most programs expect to write. */
  writablePaths: Type.Array(AbsolutePath, { default: ['/tmp'], uniqueItems: true }),
  probes: Strict({ startup: Type.Optional(Probe), readiness: Type.Optional(Probe), liveness: Type.Optional(Probe) }, { default: {} }),
  /** The user and group the app runs as (non-root); 1000, the first regular uid, is the one most images that run unprivileged use. */
  runAs: Strict({ user: Type.Integer({ minimum: 1, maximum: INT32_MAX }), group: Type.Integer({ minimum: 1, maximum: INT32_MAX }) }, { default: { user: 1000, group: 1000 } }),
  privileges: Type.Optional(Privileges),
  /** Mount a Kubernetes API token into the pods (only for apps that talk to the API). */
  serviceAccountToken: Type.Boolean({ default: false }),
  expose: Type.Optional(Expose),
  ingress: Type.Optional(Ingress),
  /** Outbound traffic beyond DNS and declared dependencies (denied by default). */
  egress: Strict(
    {
      /** Public addresses (everything but private, link-local and unique-local ranges). */
      internet: Type.Boolean({ default: false }),
      /** Further destinations, e.g. a NAS's API on the LAN: "192.168.1.0/24". */
      cidrs: Type.Array(Type.String({ pattern: '^[0-9a-fA-F.:]+/[0-9]{1,3}$', title: 'CIDR', description: 'a CIDR such as 192.168.1.0/24' }), { default: [], uniqueItems: true }),
    },
    { default: {} },
  ),
  /** Apps this one needs first (Argo CD sync order) and may talk to (network policies). */
  dependsOn: Type.Array(Name, { default: [], uniqueItems: true }),
});

/** Bounded, so no file can make synth run out of memory: far above any homelab (the bench renders 10,000). */
const MAX_APPS = 20_000;
export const Apps = NamedMap(App, { default: {}, maxProperties: MAX_APPS, description: 'split the apps over several clusters' });
