/**
 * Destructive changes against the last synth (the committed dist/): a change the API server
 * refuses in place (an immutable field) or that loses data (a removed claim, volume, namespace or
 * storage class, which Argo CD's prune deletes) is an error unless the user names the object with
 * `--allow-destroy Kind/namespace/name`.
 */
import type { K8sObject } from '../../output/collect';
import { objectRef, type Finding } from '../finding';
import { objectKey, ownedObjects } from '../objects';
import { amount } from '../quantity';
import { NO_CONTEXT, type Rule } from '../rule';

/** Kinds whose deletion deletes data (or everything in a namespace). */
const PRECIOUS = new Set(['PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'StorageClass']);

/** StatefulSet spec fields the API server lets an update change; any other change is refused. */
const STATEFULSET_MUTABLE = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']);
/** PersistentVolume spec fields that are not the volume source. */
const PV_NOT_SOURCE = new Set(['accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy', 'storageClassName', 'volumeMode', 'volumeAttributesClassName']);

interface Change {
  readonly field: string;
  readonly message: string;
}

export const destructive: Rule = (tree, { previous, allowDestroy } = NO_CONTEXT) => {
  if (!previous) return [];
  const cluster = tree.cluster.name;
  const findings: Finding[] = [];
  const used = new Set<string>();
  const current = new Map(ownedObjects(tree).map((o) => [objectKey(o.object), o]));
  const report = (app: string, object: K8sObject, field: string | undefined, message: string, consequence: string) => {
    const ref = objectRef(object);
    if (allowDestroy.has(ref)) return void used.add(ref);
    findings.push({
      level: 'error',
      rule: 'destructive/change',
      cluster,
      app,
      object: ref,
      field,
      message,
      fix: `keep it as it was; or, if you mean it, run \`npm run synth -- --allow-destroy ${ref}\` (${consequence})`,
    });
  };
  for (const [key, before] of previous) {
    const after = current.get(key);
    const kind = before.object.kind;
    if (!after) {
      if (PRECIOUS.has(kind)) report(before.app, before.object, undefined, `is removed; Argo CD's prune deletes it${kind === 'Namespace' ? ' and everything in it' : ''} (application "${before.app}")`, 'its data is deleted');
      continue;
    }
    if (PRECIOUS.has(kind) && after.app !== before.app) {
      report(after.app, after.object, undefined, `moves from application "${before.app}" to "${after.app}"; the old application's prune may delete it before the new one adopts it`, 'it may be deleted and recreated empty');
    }
    for (const c of immutableChanges(before.object, after.object)) report(after.app, after.object, c.field, c.message, 'delete the object in the cluster before Argo CD syncs, so it is recreated');
  }
  for (const ref of allowDestroy) {
    if (!used.has(ref) && !findings.some((f) => f.object === ref)) {
      findings.push({ level: 'warning', rule: 'destructive/unused-allow', cluster, object: ref, message: `--allow-destroy ${ref} allows nothing: no such object is removed or changed destructively in ${cluster}`, fix: 'check the spelling (Kind/namespace/name, as printed in the error) or drop the flag' });
    }
  }
  return findings;
};

function immutableChanges(before: K8sObject, after: K8sObject): Change[] {
  const was = (before.spec ?? {}) as Record<string, any>;
  const now = (after.spec ?? {}) as Record<string, any>;
  const changed = (field: string) => !same(was[field], now[field]);
  const immutable = (field: string): Change => ({ field: `spec.${field}`, message: `changes spec.${field}, which the API server does not allow to change; the sync would fail` });
  switch (before.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return changed('selector') ? [immutable('selector')] : [];
    case 'StatefulSet':
      return keysOf(was, now).filter((k) => !STATEFULSET_MUTABLE.has(k) && changed(k)).map(immutable);
    case 'Service':
      return changed('clusterIP') ? [immutable('clusterIP')] : [];
    case 'PersistentVolumeClaim': {
      const changes = keysOf(was, now).filter((k) => k !== 'resources' && k !== 'volumeAttributesClassName' && changed(k)).map(immutable);
      const size = (spec: any) => amount('storage', spec?.resources?.requests?.storage) ?? 0;
      if (size(now) < size(was)) changes.push({ field: 'spec.resources.requests.storage', message: `shrinks the claim from ${was.resources.requests.storage} to ${now.resources?.requests?.storage}; a claim can only grow` });
      return changes;
    }
    case 'PersistentVolume': {
      const source = (spec: Record<string, any>) => Object.fromEntries(Object.entries(spec).filter(([k]) => !PV_NOT_SOURCE.has(k)));
      return same(source(was), source(now)) ? [] : [{ field: 'spec', message: 'changes the volume source, which the API server does not allow to change; the sync would fail' }];
    }
    case 'StorageClass':
      return ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode']
        .filter((k) => !same((before as any)[k], (after as any)[k]))
        .map((k) => ({ field: k, message: `changes ${k}, which the API server does not allow to change on a StorageClass; the sync would fail` }));
    default:
      return [];
  }
}

function keysOf(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** Deep equality that ignores key order (a hand-edited file may order keys differently). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => same((a as any)[k], (b as any)[k]));
}
