/**
 * Where the pods are in the final objects: every kind that carries a pod template (escape
 * hatches included), how many replicas it runs, and how many extra pods a rolling update adds.
 */
import type { ClusterObjects, K8sObject } from '../gitops/collect';
import { HELM_HOOK } from '../platform/predict';
import { ownedObjects, perTree } from './objects';
import { podTemplateOf, type PodTemplate } from '../objects/pods';

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
    return template ? [{ ...template, app, object, replicas: replicas(object), surge: surge(object), predicted }] : [];
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
  return tree.folders.flatMap((f) => (f.helm?.workloads ?? []).map((object) => ({ app: f.name, object: object as K8sObject })));
}

export function isHook(o: K8sObject): boolean {
  return o.metadata.annotations?.[HELM_HOOK] !== undefined;
}

function replicas(o: K8sObject): number | 'per-node' {
  const spec = o.spec as any;
  switch (o.kind) {
    case 'DaemonSet':
      return 'per-node';
    case 'Pod':
      return 1;
    case 'Job':
      return jobPods(spec);
    case 'CronJob':
      return jobPods(spec?.jobTemplate?.spec);
    default:
      return spec?.replicas ?? 1;
  }
}

/** A Job runs `parallelism` pods at once, never more than it has completions. */
function jobPods(job: any): number {
  const parallelism = job?.parallelism ?? 1;
  return Math.min(parallelism, job?.completions ?? parallelism);
}

/**
 * A Deployment's RollingUpdate adds maxSurge pods (default 25%, rounded up); Recreate adds none.
 * A DaemonSet surges only when it sets maxSurge; a StatefulSet replaces pods one by one.
 */
function surge(o: K8sObject): number {
  const spec = o.spec as any;
  if (o.kind === 'Deployment') {
    if (spec?.strategy?.type === 'Recreate') return 0;
    return scaled(spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', spec?.replicas ?? 1);
  }
  // a surging DaemonSet runs at most one extra pod on a node
  if (o.kind === 'DaemonSet' && spec?.updateStrategy?.type !== 'OnDelete') return Math.min(1, scaled(spec?.updateStrategy?.rollingUpdate?.maxSurge ?? 0, 1));
  return 0;
}

/** An int-or-percent of `total`, rounded up (as the Deployment controller rounds maxSurge). */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  return percent ? Math.ceil((Number(percent[1]) * total) / 100) : Number(value) || 0;
}
