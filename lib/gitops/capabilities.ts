/**
 * What an application's objects offer to others and what they need from others, read off the
 * objects themselves: a custom resource needs the application installing its CRD, a
 * LoadBalancer Service needs a load balancer, a claim needs its StorageClass, a pod needs its
 * PriorityClass. Sync waves follow from these (lib/platform/dependencies.ts), for every chart,
 * the users' own TypeScript charts included.
 */
import { apiGroup } from '../objects/identity';
import type { K8sObject } from '../objects/object';
import { podTemplateOf } from '../objects/pods';

/** `crd:<group>`, `storageclass:<name>` (empty name: the default class), `loadbalancer`... */
export type Capability = string;

export const LOAD_BALANCER: Capability = 'loadbalancer';
export const crdGroup = (group: string): Capability => `crd:${group}`;
export const storageClass = (name = ''): Capability => `storageclass:${name}`;
export const ingressClass = (name = ''): Capability => `ingressclass:${name}`;
export const csiDriver = (name: string): Capability => `csidriver:${name}`;
export const priorityClass = (name: string): Capability => `priorityclass:${name}`;

/** The parts of an object the capabilities are read from (plain JSON, as rendered). */
export interface ObjectJson {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations?: Record<string, string> };
  readonly [field: string]: any;
}

export function providedBy(o: ObjectJson): Capability[] {
  switch (o.kind) {
    case 'StorageClass':
      return o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true'
        ? [storageClass(o.metadata.name), storageClass()]
        : [storageClass(o.metadata.name)];
    case 'IngressClass':
      return o.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true'
        ? [ingressClass(o.metadata.name), ingressClass()]
        : [ingressClass(o.metadata.name)];
    case 'CSIDriver':
      return [csiDriver(o.metadata.name)];
    case 'PriorityClass':
      return [priorityClass(o.metadata.name)];
    default:
      return [];
  }
}

export function usedBy(o: ObjectJson): Capability[] {
  const used = [crdGroup(apiGroup(o.apiVersion))];
  switch (o.kind) {
    case 'Service':
      if (o.spec?.type === 'LoadBalancer') used.push(LOAD_BALANCER);
      break;
    case 'PersistentVolumeClaim':
      used.push(...claimUses(o.spec));
      break;
    case 'PersistentVolume':
      if (o.spec?.csi?.driver) used.push(csiDriver(o.spec.csi.driver));
      break;
    case 'Ingress':
      used.push(ingressClass(o.spec?.ingressClassName ?? ''));
      break;
  }
  const pod = podTemplateOf(o as K8sObject)?.spec as { priorityClassName?: string; volumes?: { csi?: { driver?: string } }[] } | undefined;
  if (pod?.priorityClassName) used.push(priorityClass(pod.priorityClassName));
  for (const volume of pod?.volumes ?? []) if (volume.csi?.driver) used.push(csiDriver(volume.csi.driver));
  for (const template of o.kind === 'StatefulSet' ? (o.spec?.volumeClaimTemplates ?? []) : []) used.push(...claimUses(template.spec));
  return used;
}

/** A claim without a class uses the default class; an explicit "" binds static volumes only. */
function claimUses(spec: { storageClassName?: string } | undefined): Capability[] {
  const name = spec?.storageClassName;
  return name === '' ? [] : [storageClass(name ?? '')];
}
