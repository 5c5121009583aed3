/**
 * Where the pods are in the final objects: every kind that carries a pod template (escape
 * hatches included), how many replicas it runs, and how many extra pods a rolling update adds.
 */
import type { ClusterObjects, K8sObject } from '../gitops/collect';
import { HELM_HOOK } from '../platform/predict';
import { ownedObjects, perTree } from './objects';
import { podTemplateOf, replicasOf, surgeOf, type PodTemplate } from '../objects/pods';

/** A pod template of the cluster with the number of pods it runs. */
export interface PodSource extends PodTemplate {
  readonly app: string;
  readonly object: K8sObject;
  /** Pods that run at all times; `per-node` for a DaemonSet (one on each node it may run on). */
  readonly replicas: number | 'per-node';
  /** Extra pods while a rolling update runs (per node for a DaemonSet). */
  readonly surge: number;
  /** Created by the application's Helm chart (or its operator), predicted from the chart's profile: not in dist/. */
  readonly predicted: boolean;
}

/**
 * Every resident pod template: our objects, and what each application's Helm chart and operator
 * will run (hooks run during a sync and are gone after it: they are checked, not counted).
 */
export const podSources = perTree((tree): PodSource[] => {
  const source = (app: string, object: K8sObject, predicted: boolean): PodSource[] => {
    const template = podTemplateOf(object);
    return template ? [{ ...template, app, object, replicas: replicasOf(object), surge: surgeOf(object), predicted }] : [];
  };
  return [
    ...ownedObjects(tree).flatMap(({ app, object }) => source(app, object, false)),
    ...chartWorkloads(tree)
      .filter((w) => !isHook(w.object))
      .flatMap(({ app, object }) => source(app, object, true)),
  ];
});

/** The pod-bearing objects each application's Helm chart will create, hooks and operands included. */
function chartWorkloads(tree: ClusterObjects): { app: string; object: K8sObject }[] {
  return tree.folders.flatMap((f) => (f.helm?.workloads ?? []).map((object) => ({ app: f.name, object })));
}

export function isHook(o: K8sObject): boolean {
  return o.metadata.annotations?.[HELM_HOOK] !== undefined;
}
