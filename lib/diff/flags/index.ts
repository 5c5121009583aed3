/** Every flag rule, in the order the categories are reported. */
import { FLAG_CATEGORIES, type Flag, type ObjectChange } from '../model';
import { exposureChanges } from './exposure';
import type { FlagContext, FlagRule } from './flag-rule';
import { immutableChanges } from './immutable';
import { policyChanges } from './policy';
import { restarts } from './restarts';
import { statefulChanges } from './stateful';
import { versionBumps } from './versions';

export type { FlagContext } from './flag-rule';
export { INTERNET_POOL_LABEL, isInternetPool } from './exposure';

const RULES: readonly FlagRule[] = [restarts, statefulChanges, immutableChanges, exposureChanges, versionBumps, policyChanges];

export function flagsOf(changes: readonly ObjectChange[], context: FlagContext): Flag[] {
  const order = (f: Flag) => FLAG_CATEGORIES.indexOf(f.category);
  const place = (f: Flag) => [f.cluster, f.app, f.object.kind, f.object.namespace ?? '', f.object.name].join('\u0000');
  return RULES.flatMap((rule) => rule(changes, context)).sort((a, b) => order(a) - order(b) || (place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : 0));
}
