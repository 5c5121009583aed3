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
