/**
 * `utilities:` the cluster services delivered as Argo CD applications, each on/off with its
 * settings. Every utility takes `enabled` (the default depends on the rest of the file, e.g.
 * MetalLB when there are address pools), `tier` and per-component `resources`.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { Cpu, Memory, Name, Strict } from './common';
import { MAX_REPLICAS } from './apps';
import { DEFAULT_MIRRORED_REGISTRIES, UTILITY_DEFAULTS, componentsOf, type UtilityName } from '../utility-defaults';

const Size = Strict({ cpu: Type.Optional(Cpu), memory: Type.Optional(Memory) });

function Utility<T extends TProperties>(name: UtilityName, settings: T) {
  // A record, not one property per component: ajv compiles each inline schema, and ~40 component
  // schemas would triple the validator's start-up time. Component names are cross-checked.
  const components = componentsOf(name).join(', ');
  return Strict(
    {
      /** Omitted: on when the cluster needs it (see the README's "Platform services"). */
      enabled: Type.Optional(Type.Boolean()),
      tier: Type.String({ minLength: 1, default: UTILITY_DEFAULTS[name].tier }),
      /** CPU and memory requests per component; the tier decides the memory limit, there is no CPU limit. */
      resources: Type.Record(Type.String(), Size, { default: {}, description: `per component: ${components}` }),
      ...settings,
    },
    { default: {} },
  );
}

/** A registry host as containerd names it: `docker.io`, `git.example.com:3000`. */
const Registry = Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$', title: 'registry host', description: 'a host name, optionally with :port (e.g. ghcr.io)' });
const Percent = Type.Integer({ minimum: 0, maximum: 100 });
const Thresholds = (cpu: number, memory: number, pods: number) =>
  Strict({ cpu: Percent, memory: Percent, pods: Percent }, { default: { cpu, memory, pods } });

export const Utilities = Strict(
  {
    metallb: Utility('metallb', {}),
    'csi-nfs': Utility('csi-nfs', {}),
    spegel: Utility('spegel', {
      /** Registries mirrored between the nodes. */
      registries: Type.Array(Registry, { default: DEFAULT_MIRRORED_REGISTRIES, uniqueItems: true }),
      /** More registries on top of those, e.g. the cluster's own Gitea registry. */
      extraRegistries: Type.Array(Registry, { default: [], uniqueItems: true }),
    }),
    descheduler: Utility('descheduler', {
      interval: Type.String({ pattern: '^[0-9]+(s|m|h)$', default: '5m', title: 'duration', description: 'a duration such as 5m or 1h' }),
      /** LowNodeUtilization: a node below every threshold (percent of allocatable) is underused... */
      thresholds: Thresholds(20, 20, 20),
      /** ...and pods are evicted from nodes above any target threshold. */
      targetThresholds: Thresholds(50, 50, 50),
      /** Never evicted from, on top of every namespace of a GPU tier. */
      excludeNamespaces: Type.Array(Name, { default: [], uniqueItems: true }),
    }),
    reloader: Utility('reloader', {
      /**
       * A PodMonitor for Reloader's metrics. The chart renders it without checking that the
       * Prometheus Operator's API exists, so turn it on only where the operator is installed.
       */
      podMonitor: Type.Boolean({ default: false }),
    }),
    'gpu-operator': Utility('gpu-operator', {
      /** Install the NVIDIA driver as a container; false when the nodes already have it. */
      driver: Type.Boolean({ default: true }),
    }),
    'cert-manager': Utility('cert-manager', {
      /** The ClusterIssuer named by network.ingress.issuer: exactly one of acme, ca, selfSigned. */
      issuer: Type.Optional(
        Strict({
          acme: Type.Optional(
            Strict({
              email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', title: 'e-mail address', description: 'the address the CA writes to, e.g. admin@example.com' }),
              server: Type.String({ pattern: '^https://[^\\s/]+(/\\S*)?$', default: 'https://acme-v02.api.letsencrypt.org/directory', title: 'ACME directory URL', description: 'an https:// URL such as https://acme-v02.api.letsencrypt.org/directory' }),
            }),
          ),
          /** A CA key pair kept in this Secret of cert-manager's namespace. */
          ca: Type.Optional(Strict({ secretName: Name })),
          selfSigned: Type.Optional(Strict({})),
        }),
      ),
    }),
    'external-dns': Utility('external-dns', {
      sources: Type.Array(Type.Union([Type.Literal('service'), Type.Literal('ingress')]), { default: ['service', 'ingress'], minItems: 1, uniqueItems: true }),
      /** `upsert-only` never deletes records; `sync` also deletes those it owns. */
      policy: Type.Union([Type.Literal('upsert-only'), Type.Literal('sync')], { default: 'upsert-only' }),
      /** Plain provider settings (e.g. ETCD_URLS for CoreDNS); never credentials. */
      env: Type.Record(Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$' }), Type.String(), { default: {}, additionalProperties: false }),
      /**
       * Provider credentials from an existing Secret in external-dns's namespace: each key becomes
       * the environment variable of the same name (e.g. ETCD_USERNAME, ETCD_PASSWORD).
       */
      credentials: Type.Optional(
        Strict({
          secret: Name,
          keys: Type.Array(Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$', title: 'environment variable name' }), { minItems: 1, uniqueItems: true }),
        }),
      ),
    }),
    ingress: Utility('ingress', {
      /** Traefik, or F5's NGINX Ingress Controller (`nginx`). */
      controller: Type.Union([Type.Literal('traefik'), Type.Literal('nginx')], { default: 'traefik' }),
      replicas: Type.Integer({ minimum: 1, maximum: MAX_REPLICAS, default: 1 }),
      /** The address pool its LoadBalancer Service draws from, and optionally a fixed address. */
      pool: Type.Optional(Name),
      ip: Type.Optional(Type.String({ minLength: 1 })),
    }),
    'external-secrets': Utility('external-secrets', {
      /** The ClusterSecretStore every ExternalSecret of the cluster reads from. */
      store: Type.Optional(
        Strict({
          name: Type.String({ pattern: Name.pattern, default: 'vault' }),
          vault: Strict({
            server: Type.String({ pattern: '^https?://[^\\s/]+(/\\S*)?$', title: 'Vault URL', description: 'an http(s):// URL such as https://vault.example.com:8200' }),
            /** The KV secrets engine's mount path. */
            path: Type.String({ minLength: 1, default: 'secret' }),
            version: Type.Union([Type.Literal('v1'), Type.Literal('v2')], { default: 'v2' }),
            /** Vault's Kubernetes auth: the role bound to External Secrets' service account, and its mount. */
            role: Type.String({ minLength: 1 }),
            mountPath: Type.String({ minLength: 1, default: 'kubernetes' }),
          }),
        }),
      ),
    }),
    'sealed-secrets': Utility('sealed-secrets', {}),
    kyverno: Utility('kyverno', {}),
    vpa: Utility('vpa', {}),
    goldilocks: Utility('goldilocks', {}),
    argocd: Utility('argocd', {}),
  },
  { default: {} },
);
