/** A flag rule reads the object changes (and a little context) and says what a reviewer must not miss. */
import type { Flag, FlagCategory, Located, ObjectChange } from '../model';

export interface FlagContext {
  /** Names of the internet-facing address pools of a cluster. */
  readonly internetPools: (cluster: string) => ReadonlySet<string>;
  /** Workloads of the new tree that carry Reloader annotations (changed or not). */
  readonly reloaderWatchers: readonly Located[];
}

export type FlagRule = (changes: readonly ObjectChange[], context: FlagContext) => Flag[];

export function flag(category: FlagCategory, change: Pick<ObjectChange, 'cluster' | 'app' | 'object'>, message: string): Flag {
  return { category, cluster: change.cluster, app: change.app, object: change.object, message };
}
