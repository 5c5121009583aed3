/**
 * The utilities of a schema-valid cluster file, resolved: whether each runs (an omitted
 * `enabled` follows from the rest of the file), its namespace, and each component's resources
 * under its tier's rules.
 */
import type { ClusterFile } from './schema';
import type { TierSpec } from './tiers';
import { UTILITY_DEFAULTS, UTILITY_NAMES, componentsOf, type ComponentOf, type UtilityName } from './utility-defaults';
import { tierNamespace } from './tier-names';
import { tierResources, type PlainResources } from './tier-resources';

type FileUtilities = ClusterFile['utilities'];

export type UtilityModel<U extends UtilityName> = Omit<FileUtilities[U], 'enabled' | 'resources'> & {
  readonly name: U;
  readonly enabled: boolean;
  /** `<tier>-<utility>`, so the tier's LimitRange, quota and policies apply; Argo CD stays in its own. */
  readonly namespace: string;
  readonly resources: Readonly<Record<ComponentOf<U>, PlainResources>>;
};

export type UtilitiesModel = { readonly [U in UtilityName]: UtilityModel<U> };

/** When the cluster file says nothing, a utility runs when the cluster needs it. */
const ENABLED_BY_DEFAULT: { readonly [U in UtilityName]: (file: ClusterFile) => boolean } = {
  metallb: (f) => f.network.loadBalancer === 'metallb' && Object.keys(f.network.pools).length > 0,
  'csi-nfs': (f) => Object.keys(f.storage.classes).length > 0,
  spegel: () => true,
  descheduler: () => true,
  reloader: () => true,
  'gpu-operator': (f) => Object.values(f.nodes).some((n) => n.gpus),
  'cert-manager': (f) => f.network.ingress?.issuer !== undefined,
  'external-dns': (f) => f.network.dns?.provider !== undefined,
  ingress: (f) => f.network.ingress !== undefined,
  'external-secrets': (f) => f.utilities['external-secrets'].store !== undefined,
  'sealed-secrets': (f) => f.secrets?.provider === 'sealed-secrets',
  kyverno: () => true,
  vpa: () => true,
  goldilocks: (f) => isEnabled(f, 'vpa'),
  argocd: () => true,
};

export function isEnabled(file: ClusterFile, utility: UtilityName): boolean {
  return file.utilities[utility].enabled ?? ENABLED_BY_DEFAULT[utility](file);
}

/** The requests and limits of one component: the product's size, the file's override, the tier's rules. */
export function componentResources<U extends UtilityName>(file: ClusterFile, tier: TierSpec, utility: U, component: ComponentOf<U>): PlainResources {
  const size = (UTILITY_DEFAULTS[utility].components as Record<string, { cpu: string; memory: string }>)[component];
  const override = (file.utilities[utility].resources as Record<string, { cpu?: string | number; memory?: string } | undefined>)[component];
  return tierResources(tier, { cpu: override?.cpu ?? size.cpu, memory: override?.memory ?? size.memory });
}

export function resolveUtilities(file: ClusterFile, tiers: Readonly<Record<string, TierSpec>>): UtilitiesModel {
  const resolve = <U extends UtilityName>(name: U): UtilityModel<U> => {
    const { enabled: _enabled, resources: _resources, ...settings } = file.utilities[name];
    const tier = file.utilities[name].tier;
    const resources = Object.fromEntries(componentsOf(name).map((c) => [c, componentResources(file, tiers[tier], name, c)]));
    const namespace = name === 'argocd' ? file.gitops.argocdNamespace : tierNamespace(tier, name);
    return { ...settings, name, enabled: isEnabled(file, name), namespace, resources } as unknown as UtilityModel<U>;
  };
  return Object.fromEntries(UTILITY_NAMES.map((name) => [name, resolve(name)])) as unknown as UtilitiesModel;
}
