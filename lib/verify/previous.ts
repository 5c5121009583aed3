/**
 * The objects of the last synth, read back from the committed `dist/<cluster>/`, indexed by
 * group, kind, namespace and name (one pass, no matching). Only the kinds whose change or removal
 * can destroy something are read; files are named `<kind>-...yaml`, so the others are skipped
 * unopened.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isK8sObject, readManifest } from '../objects/read';
import type { K8sObject } from '../gitops/collect';
import { objectKey } from '../objects/identity';

/** Kinds with immutable fields (lib/diff/flags/immutable.ts) or whose removal deletes data. */
const WATCHED_KINDS = [
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'Service',
  'RoleBinding',
  'ClusterRoleBinding',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Namespace',
  'StorageClass',
] as const;

interface PreviousObject {
  readonly app: string;
  readonly object: K8sObject;
}

/** Object key (lib/verify/objects.ts objectKey) -> the object and the application it was in (changed or removed ones only). */
export type PreviousTree = ReadonlyMap<string, PreviousObject>;

const PREFIXES = WATCHED_KINDS.map((k) => `${k.toLowerCase()}-`);

/**
 * The watched objects under `<outRoot>/dist/<cluster>/` that this synth changes or removes, or
 * undefined when that cluster was never written. A file the synth rewrites byte for byte is left
 * out unparsed: its object stays as it was (most of a tree, most of the time).
 */
export function readPreviousTree(outRoot: string, cluster: string, next: ReadonlyMap<string, string>): PreviousTree | undefined {
  const dir = join(outRoot, 'dist', cluster);
  if (!existsSync(dir)) return undefined;
  const tree = new Map<string, PreviousObject>();
  for (const app of readdirSync(dir, { withFileTypes: true })) {
    if (!app.isDirectory()) continue;
    for (const entry of readdirSync(join(dir, app.name), { withFileTypes: true })) {
      const file = entry.name;
      if (!file.endsWith('.yaml') || !PREFIXES.some((p) => file.startsWith(p))) continue;
      // only a regular file is evidence (a pipe would block the read forever, a folder cannot be read): the writer replaces the rest
      if (!statSync(join(dir, app.name, file), { throwIfNoEntry: false })?.isFile()) continue;
      const text = readFileSync(join(dir, app.name, file), 'utf8');
      if (next.get(`dist/${cluster}/${app.name}/${file}`) === text) continue;
      const object = parseObject(text, file);
      if (object && (WATCHED_KINDS as readonly string[]).includes(object.kind)) tree.set(objectKey(object), { app: app.name, object });
    }
  }
  return tree;
}

/** A file someone broke by hand is no evidence of anything: it is left out. */
function parseObject(text: string, file: string): K8sObject | undefined {
  try {
    const [o] = readManifest(text, file);
    return isK8sObject(o) ? o : undefined;
  } catch {
    return undefined;
  }
}
