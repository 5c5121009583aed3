/** A verification rule: a plain function of the final objects and the cluster model. */
import type { ClusterObjects } from '../output/collect';
import type { Finding } from './finding';

export type Rule = (tree: ClusterObjects) => Finding[];
