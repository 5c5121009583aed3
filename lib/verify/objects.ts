/** Walking the final objects: who owns each one, and the memoized views several rules share. */
import type { ClusterObjects, K8sObject } from '../gitops/collect';
import { containerLimitsByNamespace } from '../objects/resources';

interface OwnedObject {
  /** The application (dist folder) it is written to, or `argocd/<cluster>.yaml` for bootstrap objects. */
  readonly app: string;
  readonly object: K8sObject;
}

export function ownedObjects(tree: ClusterObjects): OwnedObject[] {
  const bootstrap = `argocd/${tree.cluster.name}.yaml`;
  return [
    ...tree.folders.flatMap((f) => f.objects.map((object) => ({ app: f.name, object }))),
    ...tree.bootstrap.map((object) => ({ app: bootstrap, object })),
  ];
}

/** A view computed once per cluster tree however many rules ask for it. */
export function perTree<T>(compute: (tree: ClusterObjects) => T): (tree: ClusterObjects) => T {
  const cache = new WeakMap<ClusterObjects, T>();
  return (tree) => {
    if (!cache.has(tree)) cache.set(tree, compute(tree));
    return cache.get(tree)!;
  };
}

/** Namespace -> its LimitRanges' container items: what fills in a container's missing requests and limits. */
export const namespaceLimits = perTree((tree: ClusterObjects) => containerLimitsByNamespace(ownedObjects(tree).map((o) => o.object)));
