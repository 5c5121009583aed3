/**
 * GitOps topology: every folder has exactly one Application and every Application a folder; no
 * object is owned by two Applications (Argo CD would flap between them); no two Applications
 * share a name (the root included); no empty Application;
 * custom resources sync after the application that installs their CRDs; and each folder holds
 * only what Argo CD's directory source should parse as plain manifests.
 */
import { APPS_FOLDER } from '../../gitops/bootstrap';
import { folderOf } from '../../gitops/application';
import { fileName } from '../../gitops/file-names';
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import { ownedObjects } from '../objects';
import { apiGroup, objectKey } from '../../objects/identity';
import type { Rule } from '../rule';
import type { ClusterObjects, K8sObject } from '../../gitops/collect';
import { SchemaCatalog, schemaVersionFor } from '../schema/catalog';

/** Argo CD is installed by hand before the bootstrap (README), so its own kinds need no provider. */
const PREINSTALLED_GROUPS = new Set(['argoproj.io']);
/** Files that turn a directory source into a Helm chart or a Kustomization. */
const TOOL_MARKERS = new Set(['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const WAVE = 'argocd.argoproj.io/sync-wave';
/** Argo CD's way of saying "this CRD comes from elsewhere (a controller, a manual install)". */
const CRD_FROM_ELSEWHERE = 'SkipDryRunOnMissingResource=true';

export const gitopsTopology: Rule = (tree) => {
  const cluster = tree.cluster.name;
  const findings: Finding[] = [];
  const owner = new Map<string, string>();
  for (const folder of tree.folders) {
    if (!folder.objects.length) {
      findings.push({
        level: 'error',
        rule: 'gitops/empty-app',
        cluster,
        app: folder.name,
        message: 'the application renders no objects; Argo CD would sync an empty folder',
        fix: 'give it objects or remove it',
      });
    }
    for (const o of folder.objects) {
      const key = objectKey(o);
      const first = owner.get(key);
      if (first) {
        findings.push({
          level: 'error',
          rule: 'gitops/owned-twice',
          cluster,
          app: folder.name,
          object: objectRef(o),
          message: `also rendered by application "${first}"; two Applications would fight over it`,
          fix: 'render it in one application only',
        });
      } else owner.set(key, folder.name);
      const file = fileName(o, folder.namespace);
      if (!file.endsWith('.yaml') || TOOL_MARKERS.has(file)) {
        findings.push({
          level: 'error',
          rule: 'gitops/stray-file',
          cluster,
          app: folder.name,
          object: objectRef(o),
          message: `would be written as ${file}, which Argo CD's directory source would not read as a plain manifest`,
          fix: 'rename the object',
        });
      }
    }
  }
  const apps = tree.folders.find((f) => f.name === APPS_FOLDER)?.objects ?? [];
  const paths = new Map(
    apps.filter((a) => a.kind === 'Application').flatMap((a) => sourcePaths(a, tree.cluster.gitops.repoURL).map((p) => [p, a.metadata.name] as const)),
  );
  for (const folder of tree.folders) {
    if (folder.name === APPS_FOLDER) continue;
    if (!paths.has(folderOf(tree.cluster, folder.name))) {
      findings.push({
        level: 'error',
        rule: 'gitops/orphan-folder',
        cluster,
        app: folder.name,
        message: `no Application syncs dist/${cluster}/${folder.name}`,
        fix: 'register the chart so the app-of-apps gets a child Application for it',
      });
    }
  }
  const folders = new Set(tree.folders.map((f) => folderOf(tree.cluster, f.name)));
  for (const [path, app] of paths) {
    if (!folders.has(path)) {
      findings.push({
        level: 'error',
        rule: 'gitops/missing-folder',
        cluster,
        app,
        object: `Application/${app}`,
        field: 'spec.source.path',
        message: `points at ${path}, which synth does not produce`,
        fix: 'point it at a rendered folder',
      });
    }
  }
  return [...findings, ...uniqueApplications(tree), ...crdOrder(tree, apps)];
};

/** One Application per name in Argo CD's namespace, the root included: a second one would replace the first. */
function uniqueApplications(tree: ClusterObjects): Finding[] {
  const seen = new Map<string, string>();
  const findings: Finding[] = [];
  for (const { app, object } of ownedObjects(tree)) {
    if (object.kind !== 'Application') continue;
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, app);
    else
      findings.push({
        level: 'error',
        rule: 'gitops/application-name',
        cluster: tree.cluster.name,
        app,
        object: objectRef(object),
        message: `an Application of this name is already rendered by ${first}; Argo CD keeps one, and the other's folder (and every child of the root) could be pruned`,
        fix: 'rename the app or chart',
      });
  }
  return findings;
}

/**
 * A custom resource in another application than its CRDs' must sync in a later wave (in the same
 * application, Argo CD applies CRDs first by itself). A group no application provides is an error,
 * unless the object says, with Argo CD's SkipDryRunOnMissingResource, that its CRD comes from elsewhere.
 */
function crdOrder(tree: ClusterObjects, apps: readonly K8sObject[]): Finding[] {
  const version = schemaVersionFor(tree.cluster.kubernetes.version);
  if (!version) return []; // the schema rule reports it
  const catalog = SchemaCatalog.of(version);
  const waves = new Map(apps.map((a) => [a.metadata.name, Number(a.metadata.annotations?.[WAVE] ?? 0)]));
  const providers = new Map<string, string>();
  for (const folder of tree.folders) {
    const groups = [
      ...(folder.crds ?? []),
      ...folder.objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => String((o.spec as { group?: string })?.group)),
    ];
    for (const g of groups) if (!providers.has(g)) providers.set(g, folder.name);
  }
  const findings: Finding[] = [];
  for (const folder of tree.folders) {
    if (folder.name === APPS_FOLDER) continue;
    for (const o of folder.objects) {
      const group = apiGroup(o.apiVersion);
      // a kind without any schema is the schema rule's finding
      if (catalog.builtinGroups.has(group) || PREINSTALLED_GROUPS.has(group) || !catalog.lookup(o.apiVersion, o.kind)) continue;
      const at = { level: 'error', rule: 'gitops/crd-order', cluster: tree.cluster.name, app: folder.name, object: objectRef(o), field: 'apiVersion' } as const;
      const provider = providers.get(group);
      if (!provider) {
        if (o.metadata.annotations?.['argocd.argoproj.io/sync-options']?.includes(CRD_FROM_ELSEWHERE)) continue;
        findings.push({
          ...at,
          message: `no application of this cluster installs the CRDs of ${group}, so Argo CD cannot create the ${o.kind}`,
          fix: `enable the utility that provides ${group}, or declare \`crds: ['${group}']\` on the AppChart that installs them (or, if something outside this repository installs them, annotate the object argocd.argoproj.io/sync-options: ${CRD_FROM_ELSEWHERE})`,
        });
      } else if (provider !== folder.name && !((waves.get(folder.name) ?? 0) > (waves.get(provider) ?? 0))) {
        findings.push({
          ...at,
          message: `syncs in wave ${waves.get(folder.name) ?? 0}, not after "${provider}" (wave ${waves.get(provider) ?? 0}), which installs the CRDs of ${group}`,
          fix: `make "${folder.name}" depend on "${provider}" (dependsOn), so it syncs in a later wave`,
        });
      }
    }
  }
  return findings;
}

/** Folders of this repository an Application syncs (a Helm chart from an OCI registry has a path too). */
function sourcePaths(app: K8sObject, repoURL: string): string[] {
  const spec = app.spec as { source?: Source; sources?: Source[] };
  return [spec.source, ...(spec.sources ?? [])].flatMap((s) => (s?.path && s.repoURL === repoURL ? [s.path] : []));
}

type Source = { repoURL?: string; path?: string };
