/**
 * Changes of fields the API server refuses to update: the sync fails until the object is
 * deleted and recreated. The table follows the update validation of Kubernetes 1.30+.
 */
import type { K8sObject } from '../../gitops/collect';
import { memoryBytes } from '../../config/quantity';
import { formatFieldPath, startsWith } from '../fields';
import type { FieldChange } from '../model';
import { firstFew, formatValue } from '../values';
import { flag, type FlagRule } from './flag-rule';

/** Is this field immutable on an object of this kind (given the old object)? */
type Immutable = (path: readonly string[], before: K8sObject) => boolean;

/** Only these fields of the spec (dotted paths) may change; everything else in it is immutable. */
const specExcept =
  (...mutable: string[]): Immutable =>
  (path) =>
    path[0] === 'spec' && path.length > 1 && !mutable.some((m) => startsWith(path.slice(1), m.split('.')));
const under =
  (...prefixes: string[][]): Immutable =>
  (path) =>
    prefixes.some((p) => startsWith(path, p));

const IMMUTABLE: Record<string, Immutable> = {
  Deployment: under(['spec', 'selector']),
  ReplicaSet: under(['spec', 'selector']),
  DaemonSet: under(['spec', 'selector']),
  StatefulSet: specExcept(
    'replicas',
    'ordinals',
    'template',
    'updateStrategy',
    'revisionHistoryLimit',
    'persistentVolumeClaimRetentionPolicy',
    'minReadySeconds',
  ),
  Job: under(['spec', 'selector'], ['spec', 'template'], ['spec', 'completionMode']),
  // The requested size may grow (when the class allows expansion); see shrinks() for a decrease.
  PersistentVolumeClaim: specExcept('resources.requests', 'volumeAttributesClassName'),
  PersistentVolume: specExcept(
    'capacity',
    'accessModes',
    'claimRef',
    'persistentVolumeReclaimPolicy',
    'storageClassName',
    'mountOptions',
    'volumeAttributesClassName',
  ),
  StorageClass: (path) => ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode'].includes(path[0]),
  Service: under(['spec', 'clusterIP'], ['spec', 'clusterIPs']),
  RoleBinding: under(['roleRef']),
  ClusterRoleBinding: under(['roleRef']),
  ConfigMap: (path, before) => before.immutable === true && ['immutable', 'data', 'binaryData'].includes(path[0]),
  Secret: (path, before) => before.immutable === true && ['immutable', 'data', 'stringData', 'type'].includes(path[0]),
};

/** The changes among `fields` that the API server refuses on the existing object `before` (lib/verify reuses this). */
export function refusedChanges(before: K8sObject, fields: readonly FieldChange[]): FieldChange[] {
  const immutable = IMMUTABLE[before.kind];
  return immutable ? fields.filter((f) => immutable(f.path, before) || shrinks(before.kind, f)) : [];
}

export const immutableChanges: FlagRule = (changes) =>
  changes.flatMap((c) => {
    const fields = c.before ? refusedChanges(c.before, c.fields) : [];
    if (!fields.length) return [];
    const what = firstFew(fields.map((f) => `${formatFieldPath(f.path)} ${formatValue(f.before)} → ${formatValue(f.after)}`));
    return [
      flag(
        'immutable',
        c,
        `immutable field changes (${what}): the sync fails until the ${c.object.kind} is deleted and recreated (sync options Replace=true,Force=true), or keep the old value`,
      ),
    ];
  });

/** A claim can only grow. */
function shrinks(kind: string, field: FieldChange): boolean {
  if (kind !== 'PersistentVolumeClaim' || formatFieldPath(field.path) !== 'spec.resources.requests.storage') return false;
  return typeof field.before === 'string' && typeof field.after === 'string' && memoryBytes(field.after) < memoryBytes(field.before);
}
