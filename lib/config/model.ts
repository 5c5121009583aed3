/**
 * The typed, frozen cluster model every chart and check reads: the validated cluster file with
 * defaults filled in, the tier table resolved, and the values derived once (namespaces, requests).
 */
import type { ClusterFile } from './schema';
import type { TierSpec } from './tiers';
import type { UtilitiesModel } from './utilities';

type FileApp = ClusterFile['apps'][string];
type FileNode = ClusterFile['nodes'][string];

export interface NodeModel extends FileNode {
  readonly name: string;
}

export interface AppModel extends Omit<FileApp, 'cpu' | 'memory' | 'memoryLimit'> {
  readonly name: string;
  /** `<tier>-<app>`: every app lives in a namespace of its own. */
  readonly namespace: string;
  /** Resolved requests and limit (tier defaults applied). There is no CPU limit. */
  readonly cpu: string;
  readonly memory: string;
  readonly memoryLimit: string;
}

export interface ClusterModel extends Omit<ClusterFile, 'nodes' | 'apps' | 'tiers' | 'utilities'> {
  /** The cluster file, relative to the project root (for messages). */
  readonly file: string;
  readonly nodes: readonly NodeModel[];
  readonly tiers: Readonly<Record<string, TierSpec>>;
  readonly apps: readonly AppModel[];
  /** Every utility, enabled or not, resolved (lib/config/utilities.ts). */
  readonly utilities: UtilitiesModel;
  /** Where each app, utility and node is written in the cluster file (`apps.gitea` -> 12:3), for messages about what it became. */
  readonly positions: Readonly<Record<string, SourcePosition>>;
}

interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

/** `clusters/x/cluster.yaml:12:3` for an app, utility or node of the cluster, if the file names it. */
export function sourceOf(cluster: ClusterModel, section: 'apps' | 'utilities' | 'nodes', name: string): string | undefined {
  const p = cluster.positions[`${section}.${name}`];
  return p && `${cluster.file}:${p.line}:${p.col}`;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
