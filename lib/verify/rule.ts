/** A verification rule: a plain function of the final objects (with the cluster model) and the synth's context. */
import type { ClusterObjects } from '../gitops/collect';
import type { Finding } from './finding';
import type { PreviousTree } from './previous';

export interface VerifyContext {
  /** The objects of the last synth (the committed dist/ of this cluster) that this one changes or removes. */
  readonly previous?: PreviousTree;
  /** `Kind/namespace/name` of objects the user allows to be deleted or recreated (`--allow-destroy`). */
  readonly allowDestroy: ReadonlySet<string>;
}

/** What a synth without a previous tree or flags gives the rules. */
export const NO_CONTEXT: VerifyContext = { allowDestroy: new Set() };

export type Rule = (tree: ClusterObjects, context?: VerifyContext) => Finding[];
