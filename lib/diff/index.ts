/**
 * lib/diff: two rendered trees -> a review of what changed (objects, fields, flags, capacity).
 * Pure functions of their inputs; reading trees from git lives in ./git, output in ./render.
 */
import type { ClusterModel } from '../config';
import { DEFAULT_TIERS } from '../config/tiers';
import { capacityDeltas } from './capacity';
import { containerLimitsByNamespace, type ContainerLimits } from '../objects/resources';
import { flagsOf, isInternetPool } from './flags';
import { changedObjects } from './match';
import type { DiffReport, Located, Tree } from './model';
import { objectsOf } from './objects';
import { ROLLING_KINDS } from './pods';

export * from './model';
export { TreeError } from './objects';
/** The pool label that marks an address pool internet-facing (for pool objects rendered without a model at hand). */
export { INTERNET_POOL_LABEL } from './flags';

export interface DiffInput {
  /** Labels for the headings: a revision, `working tree`. */
  readonly from: string;
  readonly to: string;
  readonly before: Tree;
  readonly after: Tree;
  /** The cluster models behind `after`, when it is a fresh render: their pools and tiers are authoritative. */
  readonly clusters?: readonly ClusterModel[];
}

export function diffTrees(input: DiffInput): DiffReport {
  const changes = changedObjects(input.before, input.after);
  const models = new Map((input.clusters ?? []).map((c) => [c.name, c]));
  const pools = internetPools([input.before, input.after]);
  for (const c of models.values())
    pools.set(
      c.name,
      new Set(
        Object.entries(c.network.pools)
          .filter(([, p]) => p.internet)
          .map(([n]) => n),
      ),
    );
  const tiers = (cluster: string) => Object.keys(models.get(cluster)?.tiers ?? DEFAULT_TIERS);
  const context = {
    internetPools: (cluster: string) => pools.get(cluster) ?? new Set<string>(),
    reloaderWatchers: objectsMatching(input.after, /reloader\.stakater\.com\//).filter((o) => ROLLING_KINDS.has(o.object.kind)),
  };
  // the namespaces' LimitRanges fill in what a container leaves out, as they do for synth's capacity table
  const limits = { before: limitRangesOf(input.before), after: limitRangesOf(input.after) };
  const limitsOf = (cluster: string, side: 'before' | 'after') => limits[side].get(cluster);
  return { from: input.from, to: input.to, changes, flags: flagsOf(changes, context), capacity: capacityDeltas(changes, tiers, limitsOf) };
}

/** Cluster -> namespace -> its LimitRanges' container items, read off a tree's `limitrange-*` files. */
function limitRangesOf(tree: Tree): Map<string, Map<string, ContainerLimits[]>> {
  const byCluster = new Map<string, Located[]>();
  for (const located of objectsMatching(tree, /^kind: LimitRange$/m)) byCluster.set(located.cluster, [...(byCluster.get(located.cluster) ?? []), located]);
  return new Map([...byCluster].map(([cluster, objects]) => [cluster, containerLimitsByNamespace(objects.map((o) => o.object))]));
}

const POOL_KINDS = ['IPAddressPool', 'CiliumLoadBalancerIPPool'];
const POOL_KIND = new RegExp(`^kind: (${POOL_KINDS.join('|')})$`, 'm');

/** Internet-facing pools per cluster, from the pool objects' label (both trees: a pool may be gone). */
function internetPools(trees: readonly Tree[]): Map<string, Set<string>> {
  const pools = new Map<string, Set<string>>();
  for (const pool of trees.flatMap((t) => objectsMatching(t, POOL_KIND))) {
    if (!POOL_KINDS.includes(pool.object.kind) || !isInternetPool(pool.object)) continue;
    pools.set(pool.cluster, (pools.get(pool.cluster) ?? new Set()).add(pool.object.metadata.name));
  }
  return pools;
}

/** The objects of the files whose text matches: a cheap filter before parsing. */
function objectsMatching(tree: Tree, pattern: RegExp): Located[] {
  return [...tree].filter(([, text]) => pattern.test(text)).flatMap(([path, text]) => objectsOf(path, text));
}
