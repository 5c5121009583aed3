/**
 * Destructive changes against the last synth (the committed dist/): a change the API server
 * refuses in place (an immutable field, by lib/diff's table of them) or one that loses data (a
 * removed claim, volume, namespace or storage class, which Argo CD's prune deletes) is an error
 * unless the user names the object with `--allow-destroy Kind/namespace/name`. One that Argo CD
 * keeps (Prune=false,Delete=false, as on every claim of an app) is a warning: it stays behind.
 */
import { diffFields, formatFieldPath } from '../../diff/fields';
import { refusedChanges } from '../../diff/flags/immutable';
import { firstFew, formatValue } from '../../diff/values';
import type { K8sObject } from '../../gitops/collect';
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import { ownedObjects } from '../objects';
import { objectKey } from '../../objects/identity';
import { NO_CONTEXT, type Rule } from '../rule';

/** Kinds whose deletion deletes data (or everything in a namespace). */
const PRECIOUS = new Set(['PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'StorageClass']);
const SIZE = 'spec.resources.requests.storage';

/** `--allow-destroy Cluster/<name>`: a cluster whose file is gone may leave dist/. */
export const REMOVED_CLUSTER = 'Cluster';

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
      if (PRECIOUS.has(kind) && keptByArgo(before.object)) {
        findings.push({
          level: 'warning',
          rule: 'destructive/left-behind',
          cluster,
          app: before.app,
          object: objectRef(before.object),
          message: 'leaves git but stays in the cluster with its data: Argo CD neither prunes nor deletes it (Prune=false,Delete=false)',
          fix: 'delete it by hand once its data is no longer needed',
        });
      } else if (PRECIOUS.has(kind)) {
        report(
          before.app,
          before.object,
          undefined,
          `is removed; Argo CD's prune deletes it${kind === 'Namespace' ? ' and everything in it' : ''} (application "${before.app}")`,
          'its data is deleted',
        );
      }
      continue;
    }
    if (PRECIOUS.has(kind) && after.app !== before.app) {
      report(
        after.app,
        after.object,
        undefined,
        `moves from application "${before.app}" to "${after.app}"; the old application's prune may delete it before the new one adopts it`,
        'it may be deleted and recreated empty',
      );
    }
    const refused = refusedChanges(before.object, diffFields(before.object, after.object));
    const recreate = 'delete the object in the cluster before Argo CD syncs, so it is recreated';
    const shrink = refused.find((f) => formatFieldPath(f.path) === SIZE);
    if (shrink) report(after.app, after.object, SIZE, `shrinks the claim from ${shrink.before} to ${shrink.after}; a claim can only grow`, recreate);
    const fields = refused.filter((f) => f !== shrink);
    if (fields.length) {
      const what = firstFew(fields.map((f) => `${formatFieldPath(f.path)} ${formatValue(f.before)} → ${formatValue(f.after)}`));
      report(
        after.app,
        after.object,
        formatFieldPath(fields[0].path),
        `changes ${what}, which the API server does not allow to change; the sync would fail`,
        recreate,
      );
    }
  }
  for (const ref of allowDestroy) {
    if (ref.startsWith(`${REMOVED_CLUSTER}/`)) continue; // a whole cluster's removal is checked where clusters are listed (pipeline/synth.ts)
    if (!used.has(ref) && !findings.some((f) => f.object === ref)) {
      findings.push({
        level: 'warning',
        rule: 'destructive/unused-allow',
        cluster,
        object: ref,
        message: `--allow-destroy ${ref} allows nothing: no such object is removed or changed destructively in ${cluster}`,
        fix: 'check the spelling (Kind/namespace/name, as printed in the error) or drop the flag',
      });
    }
  }
  return findings;
};

/** Whether Argo CD keeps the object when it leaves git, its Application included (lib/storage/claims.ts KEEP_DATA_ANNOTATIONS). */
function keptByArgo(o: K8sObject): boolean {
  const options = (o.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').split(',').map((x) => x.trim());
  return options.includes('Prune=false') && options.includes('Delete=false');
}
