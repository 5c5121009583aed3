/** A verification rule: a plain function of the final objects (with the cluster model) and the synth's context. */
import type { ClusterObjects } from '../output/collect';
import type { Finding } from './finding';
import type { PreviousTree } from './previous';

export interface VerifyContext {
  /** The objects of the last synth (the committed dist/ of this cluster), when there is one. */
  readonly previous?: PreviousTree;
  /** `Kind/namespace/name` of objects the user allows to be deleted or recreated (`--allow-destroy`). */
  readonly allowDestroy: ReadonlySet<string>;
}

export type Rule = (tree: ClusterObjects, context: VerifyContext) => Finding[];
