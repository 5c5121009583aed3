/**
 * Final objects -> file contents. One object per file under `dist/<cluster>/<folder>/`, named
 * `<kind>-<name>.yaml` (plus `.<namespace>` for an object outside the folder's namespace), and
 * one multi-document `argocd/<cluster>.yaml`. Same objects, same bytes: LF, trailing newline,
 * no line folding, no anchors, keys in the order cdk8s resolved them, YAML 1.1-safe quoting.
 */
import { stringify } from 'yaml';
import { clusterReadme } from '../docs/cluster-readme';
import type { Schedule } from '../verify/scheduling/simulate';
import type { ClusterObjects, K8sObject } from './collect';
import { fastYaml } from './fast-yaml';

export class FileNameClash extends Error {}

/**
 * YAML 1.1 quoting: Kubernetes, kubectl and Argo CD read manifests with go-yaml's YAML 1.1 rules,
 * where an unquoted `Off`, `on`, `y` or `12:30` is a boolean or a number (a VPA's `updateMode: Off`
 * would arrive as `false`). Writing in 1.1 mode quotes every such string.
 */
export const YAML_OPTIONS = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;

const fastToYaml = fastYaml(YAML_OPTIONS);

/** yaml's bytes for the object (the fast path gives the same, see fast-yaml.ts). */
export function toYaml(object: unknown): string {
  return fastToYaml(object) ?? stringify(object, YAML_OPTIONS);
}

export function fileName(object: K8sObject, folderNamespace: string): string {
  const { name, namespace } = object.metadata;
  const outside = namespace && namespace !== folderNamespace ? `.${namespace}` : '';
  return `${object.kind.toLowerCase()}-${name}${outside}.yaml`;
}

/** Relative paths (under the output root) -> the objects of each manifest file, for one cluster. */
export function layout(tree: ClusterObjects): Map<string, readonly K8sObject[]> {
  const files = new Map<string, readonly K8sObject[]>();
  const base = `dist/${tree.cluster.name}`;
  for (const folder of tree.folders) {
    for (const object of folder.objects) {
      const path = `${base}/${folder.name}/${fileName(object, folder.namespace)}`;
      if (files.has(path)) {
        throw new FileNameClash(`${tree.cluster.name}/${folder.name}: two objects would both be written to ${path}; rename one of them`);
      }
      files.set(path, [object]);
    }
  }
  files.set(`argocd/${tree.cluster.name}.yaml`, tree.bootstrap);
  return files;
}

/** Relative paths (under the output root) -> contents, for one cluster: its manifests and README. */
export function serialize(tree: ClusterObjects, schedule: Schedule): Map<string, string> {
  const files = new Map([...layout(tree)].map(([path, objects]) => [path, objects.map(toYaml).join('---\n')]));
  files.set(`dist/${tree.cluster.name}/README.md`, clusterReadme(tree, schedule));
  return files;
}
