/**
 * lib/verify: rules over the final objects of every chart (escape hatches included) and the
 * cluster model, run on every synth before anything is written. Errors stop the synth.
 */
import type { ClusterObjects } from '../output/collect';
import type { Finding } from './finding';
import type { Rule } from './rule';
import { gitopsTopology } from './rules/gitops-topology';
import { tierHelmValues } from './rules/tier-helm-values';
import { tierPolicy } from './rules/tier-policy';

export * from './finding';

export const RULES: readonly Rule[] = [gitopsTopology, tierPolicy, tierHelmValues];

export function verify(tree: ClusterObjects, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((rule) => rule(tree));
}
