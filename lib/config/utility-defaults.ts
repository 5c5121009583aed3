/**
 * The cluster utilities a cluster file can switch on, each with the tier its pods run in and
 * the resources the product gives each of its containers: the one source of these numbers for
 * the schema (which components exist), the checks (do they fit the tier) and the charts.
 * A cluster file may move a utility to another tier or resize any component.
 */

interface ComponentSize {
  /** CPU request; there is never a CPU limit. */
  readonly cpu: string;
  /** Memory request (= limit in tiers 0-2; tiers 3-4 get at least the tier's default limit). */
  readonly memory: string;
}

const size = (cpu: string, memory: string): ComponentSize => ({ cpu, memory });

export const UTILITY_DEFAULTS = {
  metallb: { tier: '0-core', components: { controller: size('50m', '128Mi'), speaker: size('50m', '128Mi') } },
  'csi-nfs': { tier: '0-core', components: { controller: size('10m', '128Mi'), node: size('10m', '128Mi'), sidecars: size('10m', '64Mi') } },
  spegel: { tier: '0-core', components: { spegel: size('50m', '128Mi') } },
  descheduler: { tier: '1-cluster', components: { descheduler: size('100m', '256Mi') } },
  reloader: { tier: '1-cluster', components: { reloader: size('10m', '128Mi') } },
  'gpu-operator': {
    tier: '1-cluster',
    components: {
      operator: size('100m', '256Mi'),
      nodeFeatureDiscovery: size('10m', '128Mi'),
      // the operands, through the ClusterPolicy (each sizes its main containers, never its init containers)
      driver: size('100m', '1Gi'),
      toolkit: size('10m', '128Mi'),
      devicePlugin: size('10m', '128Mi'),
      gfd: size('10m', '128Mi'),
      dcgmExporter: size('50m', '512Mi'),
      validator: size('10m', '64Mi'),
    },
  },
  'cert-manager': {
    tier: '0-core',
    components: { controller: size('50m', '128Mi'), webhook: size('10m', '64Mi'), cainjector: size('10m', '128Mi'), startupapicheck: size('10m', '64Mi') },
  },
  'external-dns': { tier: '1-cluster', components: { externalDns: size('10m', '64Mi') } },
  ingress: { tier: '0-core', components: { traefik: size('100m', '256Mi'), nginx: size('100m', '256Mi') } },
  'external-secrets': { tier: '0-core', components: { controller: size('10m', '128Mi'), webhook: size('10m', '64Mi'), certController: size('10m', '128Mi') } },
  'sealed-secrets': { tier: '0-core', components: { controller: size('10m', '64Mi') } },
  kyverno: {
    tier: '0-core',
    components: {
      admission: size('100m', '384Mi'),
      admissionInit: size('10m', '256Mi'),
      background: size('50m', '128Mi'),
      cleanup: size('50m', '128Mi'),
      reports: size('50m', '128Mi'),
      // the CRD migration and webhook cleanup Jobs (sync and uninstall hooks)
      hooks: size('10m', '256Mi'),
    },
  },
  vpa: { tier: '1-cluster', components: { recommender: size('50m', '512Mi') } },
  goldilocks: { tier: '4-aux', components: { controller: size('25m', '256Mi'), dashboard: size('25m', '256Mi') } },
  argocd: {
    tier: '0-core',
    components: {
      controller: size('250m', '1Gi'),
      server: size('50m', '256Mi'),
      repoServer: size('100m', '512Mi'),
      applicationSet: size('50m', '128Mi'),
      notifications: size('10m', '64Mi'),
      redis: size('50m', '128Mi'),
      redisSecretInit: size('10m', '128Mi'),
    },
  },
} as const satisfies Record<string, { tier: string; components: Record<string, ComponentSize> }>;

export type UtilityName = keyof typeof UTILITY_DEFAULTS;
export type ComponentOf<U extends UtilityName> = keyof (typeof UTILITY_DEFAULTS)[U]['components'] & string;

export const UTILITY_NAMES = Object.keys(UTILITY_DEFAULTS) as UtilityName[];

export function componentsOf<U extends UtilityName>(utility: U): ComponentOf<U>[] {
  return Object.keys(UTILITY_DEFAULTS[utility].components) as ComponentOf<U>[];
}

/** The public registries Spegel mirrors unless the cluster file lists its own. */
export const DEFAULT_MIRRORED_REGISTRIES = ['docker.io', 'ghcr.io', 'quay.io', 'gcr.io', 'registry.k8s.io', 'mcr.microsoft.com', 'public.ecr.aws'];
