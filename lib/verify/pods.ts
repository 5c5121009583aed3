/**
 * The pods the final objects will run: every pod template (escape hatches and Helm-less raw
 * objects included), how many replicas it runs, and how many extra pods a rolling update adds.
 */
import type { K8sObject } from '../output/collect';
import { ownedObjects, perTree } from './objects';

export interface PodSource {
  readonly app: string;
  readonly object: K8sObject;
  /** The pod spec, and its field path in the object. */
  readonly spec: any;
  readonly specField: string;
  /** Pods that run at all times; `per-node` for a DaemonSet (one on each node it may run on). */
  readonly replicas: number | 'per-node';
  /** Extra pods while a rolling update runs (per node for a DaemonSet). */
  readonly surge: number;
}

const TEMPLATE_FIELD: Readonly<Record<string, string>> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

export const podSources = perTree((tree): PodSource[] =>
  ownedObjects(tree).flatMap(({ app, object }) => {
    const specField = TEMPLATE_FIELD[object.kind];
    const spec = specField && specField.split('.').reduce<any>((o, k) => o?.[k], object);
    if (!spec) return [];
    return [{ app, object, spec, specField, replicas: replicas(object), surge: surge(object) }];
  }),
);

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
