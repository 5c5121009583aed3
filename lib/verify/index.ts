/**
 * lib/verify: rules over the final objects of every chart (escape hatches included) and the
 * cluster model, run on every synth before anything is written. Errors stop the synth.
 */
import type { ClusterObjects } from '../gitops/collect';
import type { Finding } from './finding';
import { NO_CONTEXT, type Rule, type VerifyContext } from './rule';
import { destructive } from './rules/destructive';
import { gitopsTopology } from './rules/gitops-topology';
import { pinnedImages } from './rules/images';
import { platformPods } from './rules/platform-pods';
import { quotaFit } from './rules/quota';
import { scheduling } from './rules/scheduling';
import { schema } from './rules/schema';
import { secrets } from './rules/secrets';
import { tierHelmValues } from './rules/tier-helm-values';
import { tierPolicy } from './rules/tier-policy';

export * from './finding';
export type { Rule, VerifyContext } from './rule';

export const RULES: readonly Rule[] = [
  schema,
  gitopsTopology,
  tierPolicy,
  tierHelmValues,
  platformPods,
  secrets,
  pinnedImages,
  scheduling,
  quotaFit,
  destructive,
];

export function verify(tree: ClusterObjects, context: VerifyContext = NO_CONTEXT, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((rule) => rule(tree, context));
}
