/**
 * The pod template of every workload kind (escape hatches included) and its containers, init
 * containers and sidecars, with their field paths: one reader for every question about pods.
 */
import type { K8sObject } from './object';

export interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  [k: string]: unknown;
}

export interface PodSpec {
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  priorityClassName?: string;
  [k: string]: unknown;
}

export interface PodTemplate {
  /** The pod spec inside the object. */
  readonly spec: PodSpec;
  /** Field path of that spec in the object, for messages (`spec.template.spec`). */
  readonly path: string;
}

/** The pod spec carried by a workload object, if it carries one. */
export function podTemplateOf(o: K8sObject): PodTemplate | undefined {
  const spec = o.spec as Record<string, any> | undefined;
  switch (o.kind) {
    case 'Pod':
      return spec && { spec: spec as PodSpec, path: 'spec' };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return spec?.template?.spec && { spec: spec.template.spec, path: 'spec.template.spec' };
    case 'CronJob':
      return spec?.jobTemplate?.spec?.template?.spec && { spec: spec.jobTemplate.spec.template.spec, path: 'spec.jobTemplate.spec.template.spec' };
    default:
      return undefined;
  }
}

/** Every container of a pod (init containers and sidecars too), with its field path. */
export function containersOf(pod: PodTemplate): { container: ContainerSpec; path: string }[] {
  return [
    ...(pod.spec.initContainers ?? []).map((container, i) => ({ container, path: `${pod.path}.initContainers[${i}]` })),
    ...pod.spec.containers.map((container, i) => ({ container, path: `${pod.path}.containers[${i}]` })),
  ];
}

/** Pods a workload runs at all times; `per-node` for a DaemonSet (one on each node it may run on). */
export function replicasOf(o: K8sObject): number | 'per-node' {
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
export function surgeOf(o: K8sObject): number {
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
