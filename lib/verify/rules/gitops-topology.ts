/**
 * GitOps topology: every folder has exactly one Application and every Application a folder; no
 * object is owned by two Applications (Argo CD would flap between them); no empty Application.
 */
import { APPS_FOLDER } from '../../gitops/bootstrap';
import { folderOf } from '../../gitops/application';
import { objectRef, type Finding } from '../finding';
import type { Rule } from '../rule';
import type { K8sObject } from '../../output/collect';

export const gitopsTopology: Rule = (tree) => {
  const cluster = tree.cluster.name;
  const findings: Finding[] = [];
  const owner = new Map<string, string>();
  for (const folder of tree.folders) {
    if (!folder.objects.length) {
      findings.push({ level: 'error', rule: 'gitops/empty-app', cluster, app: folder.name, message: 'the application renders no objects; Argo CD would sync an empty folder', fix: 'give it objects or remove it' });
    }
    for (const o of folder.objects) {
      const key = `${o.apiVersion.split('/').slice(0, -1).join('/')}|${objectRef(o)}`;
      const first = owner.get(key);
      if (first) {
        findings.push({ level: 'error', rule: 'gitops/owned-twice', cluster, app: folder.name, object: objectRef(o), message: `also rendered by application "${first}"; two Applications would fight over it`, fix: 'render it in one application only' });
      } else owner.set(key, folder.name);
    }
  }
  const apps = tree.folders.find((f) => f.name === APPS_FOLDER)?.objects ?? [];
  const paths = new Map(apps.filter((a) => a.kind === 'Application').flatMap((a) => sourcePaths(a, tree.cluster.gitops.repoURL).map((p) => [p, a.metadata.name] as const)));
  for (const folder of tree.folders) {
    if (folder.name === APPS_FOLDER) continue;
    if (!paths.has(folderOf(tree.cluster, folder.name))) {
      findings.push({ level: 'error', rule: 'gitops/orphan-folder', cluster, app: folder.name, message: `no Application syncs dist/${cluster}/${folder.name}`, fix: 'register the chart so the app-of-apps gets a child Application for it' });
    }
  }
  const folders = new Set(tree.folders.map((f) => folderOf(tree.cluster, f.name)));
  for (const [path, app] of paths) {
    if (!folders.has(path)) {
      findings.push({ level: 'error', rule: 'gitops/missing-folder', cluster, app, object: `Application/${app}`, field: 'spec.source.path', message: `points at ${path}, which synth does not produce`, fix: 'point it at a rendered folder' });
    }
  }
  return findings;
};

/** Folders of this repository an Application syncs (a Helm chart from an OCI registry has a path too). */
function sourcePaths(app: K8sObject, repoURL: string): string[] {
  const spec = app.spec as { source?: Source; sources?: Source[] };
  return [spec.source, ...(spec.sources ?? [])].flatMap((s) => (s?.path && s.repoURL === repoURL ? [s.path] : []));
}

type Source = { repoURL?: string; path?: string };
