/**
 * Pods that will restart: a changed pod template of a Deployment, StatefulSet or DaemonSet, and
 * a changed ConfigMap or Secret that Reloader watches for a workload (its annotations on the
 * workload's metadata: auto, configmap/secret auto, explicit reload lists, search + match).
 */
import type { K8sObject } from '../../gitops/collect';
import { formatFieldPath, startsWith } from '../fields';
import type { Flag, Located, ObjectChange } from '../model';
import { identityOf, refIdentity, refOf } from '../objects';
import { referencedConfig, ROLLING_KINDS } from '../pods';
import { podTemplateOf } from '../../objects/pods';
import { firstFew } from '../values';
import { flag, type FlagRule } from './flag-rule';

const TEMPLATE = ['spec', 'template'];

export const restarts: FlagRule = (changes, context) => {
  // A workload created in this change starts fresh pods anyway.
  const added = new Set(changes.filter((c) => c.type === 'added').map((c) => refIdentity(c.cluster, c.object)));
  const watchers = context.reloaderWatchers.filter((w) => !added.has(identityOf(w)));
  return [...changes.flatMap(templateRestart), ...changes.flatMap((c) => reloads(c, watchers))];
};

function templateRestart(change: ObjectChange): Flag[] {
  if (!ROLLING_KINDS.has(change.object.kind)) return [];
  const fields = change.fields.filter((f) => startsWith(f.path, TEMPLATE)).map((f) => formatFieldPath(f.path));
  if (!fields.length) return [];
  const spec = change.after?.spec as { updateStrategy?: { type?: string } } | undefined;
  const how =
    spec?.updateStrategy?.type === 'OnDelete'
      ? 'updateStrategy OnDelete: each pod keeps the old template until it is deleted'
      : 'every pod is replaced (rolling update)';
  return [flag('restart', change, `pod template changes (${firstFew(fields)}): ${how}`)];
}

/** The Secret a secret-like object ends up as (Secret, SealedSecret, ExternalSecret). */
function configTarget(object: K8sObject): { kind: 'ConfigMap' | 'Secret'; name: string } | undefined {
  const spec = object.spec as { template?: { metadata?: { name?: string } }; target?: { name?: string } } | undefined;
  switch (object.kind) {
    case 'ConfigMap':
    case 'Secret':
      return { kind: object.kind, name: object.metadata.name };
    case 'SealedSecret':
      return { kind: 'Secret', name: spec?.template?.metadata?.name ?? object.metadata.name };
    case 'ExternalSecret':
      return { kind: 'Secret', name: spec?.target?.name ?? object.metadata.name };
    default:
      return undefined;
  }
}

function reloads(change: ObjectChange, watchers: readonly Located[]): Flag[] {
  const target = change.after && configTarget(change.after);
  // Reloader compares the data: a change of metadata alone restarts nothing.
  if (!target || !change.fields.some((f) => f.path[0] !== 'metadata')) return [];
  const namespace = change.after?.metadata.namespace;
  return watchers
    .filter((w) => w.cluster === change.cluster && w.object.metadata.namespace === namespace)
    .flatMap((w) => {
      const why = reloadReason(w.object, target.kind, target.name, change.after?.metadata.annotations ?? {});
      return why
        ? [flag('restart', { cluster: w.cluster, app: w.app, object: refOf(w.object) }, `${target.kind} ${target.name} changes and ${why}: its pods restart`)]
        : [];
    });
}

/** Why Reloader restarts `workload` when this ConfigMap/Secret changes, or undefined. */
function reloadReason(workload: K8sObject, kind: 'ConfigMap' | 'Secret', name: string, configAnnotations: Record<string, string>): string | undefined {
  const a = workload.metadata.annotations ?? {};
  const prefix = kind === 'ConfigMap' ? 'configmap' : 'secret';
  const explicit = a[`${prefix}.reloader.stakater.com/reload`];
  if (
    explicit
      ?.split(',')
      .map((s) => s.trim())
      .includes(name)
  )
    return `Reloader watches it (${prefix}.reloader.stakater.com/reload)`;
  const template = podTemplateOf(workload);
  const refs = template ? referencedConfig(template) : undefined;
  if (!(kind === 'ConfigMap' ? refs?.configMaps : refs?.secrets)?.has(name)) return undefined;
  for (const key of ['reloader.stakater.com/auto', `${prefix}.reloader.stakater.com/auto`]) {
    if (a[key] === 'true') return `the pods use it with Reloader on (${key})`;
  }
  if (a['reloader.stakater.com/search'] === 'true' && configAnnotations['reloader.stakater.com/match'] === 'true') {
    return 'the pods use it with Reloader on (reloader.stakater.com/search + match)';
  }
  return undefined;
}
