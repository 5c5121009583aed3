/**
 * One app of the cluster file -> its AppModel (tier defaults and headroom applied), and the view
 * of the cluster an app's checks need. Shared by the loader (apps of the cluster file) and by
 * `appModel()` (apps of TypeScript charts), so both get the very same model and checks.
 */
import type { ClusterFile } from './schema';
import type { AppModel, ClusterModel } from './model';
import type { TierSpec } from './tiers';
import { resolveSecrets } from './secrets';
import { tierNamespace } from './tier-names';
import { tierResources } from './tier-resources';
import { sizedChoice } from './headroom';

export type FileApp = ClusterFile['apps'][string];

/** What an app's checks read about the rest of the cluster. */
export interface ClusterView extends Pick<ClusterFile, 'network' | 'storage' | 'secrets' | 'gpu'> {
  readonly tiers: Readonly<Record<string, TierSpec>>;
  readonly nodes: readonly ClusterFile['nodes'][string][];
  readonly appNames: readonly string[];
  readonly minimalRbac: boolean;
}

export function fileView(file: ClusterFile, tiers: Readonly<Record<string, TierSpec>>): ClusterView {
  return {
    network: file.network,
    storage: file.storage,
    secrets: resolveSecrets(file),
    gpu: file.gpu,
    tiers,
    nodes: Object.values(file.nodes),
    appNames: Object.keys(file.apps),
    minimalRbac: file.gitops.minimalRbac,
  };
}

export function modelView(cluster: ClusterModel, extraApps: readonly string[] = []): ClusterView {
  return { ...cluster, appNames: [...cluster.apps.map((a) => a.name), ...extraApps], minimalRbac: cluster.gitops.minimalRbac };
}

export function toAppModel(name: string, app: FileApp, tiers: Readonly<Record<string, TierSpec>>): AppModel {
  const tier = tiers[app.tier];
  const { requests, limits } = tierResources(tier, sizedChoice(app, tier));
  return { ...app, name, namespace: tierNamespace(app.tier, name), cpu: requests.cpu, memory: requests.memory, memoryLimit: limits.memory };
}
