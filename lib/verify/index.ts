/**
 * lib/verify: rules over the final objects of every chart (escape hatches included) and the
 * cluster model, run on every synth before anything is written. Errors stop the synth.
 */
import type { ClusterObjects } from '../output/collect';
import type { Finding } from './finding';
import type { Rule, VerifyContext } from './rule';
import { destructive } from './rules/destructive';
import { gitopsTopology } from './rules/gitops-topology';
import { pinnedImages } from './rules/images';
import { quotaFit } from './rules/quota';
import { scheduling } from './rules/scheduling';
import { schema } from './rules/schema';
import { secrets } from './rules/secrets';

export * from './finding';
export type { Rule, VerifyContext } from './rule';

export const RULES: readonly Rule[] = [schema, gitopsTopology, secrets, pinnedImages, scheduling, quotaFit, destructive];

export function verify(tree: ClusterObjects, context: VerifyContext = { allowDestroy: new Set() }, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((rule) => rule(tree, context));
}
