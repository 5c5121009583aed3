/**
 * Cross-checks of an app's volumes and files against `storage:` and against each other, and of
 * its config files against the ConfigMap they become (keys of at most 253 characters, 1 MiB in all).
 */
import type { ClusterView, FileApp } from './app-model';
import { isZeroQuantity, setKeys, suggest, type At } from './check-helpers';
import type { SchemaIssue } from './validate';
import { formatPath } from './problems';
import { claimAccessMode, claimSharedByPods } from './claims';
import { fileKey, isGeneratedVolumeName, mountPoints } from './mounts';
import { checkNfsExport } from './checks-storage';

/** The most a ConfigMap's data may hold, keys and values counted in bytes (the API server's limit). */
const MAX_CONFIG_MAP_BYTES = 1024 * 1024;
/** The longest key of a ConfigMap or Secret. */
const MAX_KEY_LENGTH = 253;

export function checkAppStorage(name: string, app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  return [
    ...Object.entries(app.volumes).flatMap(([volume, v]) => checkVolume(name, volume, v, app, view, at)),
    ...checkMountPaths(app, at),
    ...checkFiles(name, app, at),
  ];
}

function checkVolume(app: string, name: string, v: FileApp['volumes'][string], spec: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const here = (...path: (string | number)[]) => at('volumes', name, ...path);
  if (isGeneratedVolumeName(name))
    return [{ path: here(), message: `"${name}" is a pod volume name the generator uses itself (files, secret-*, scratch-*)`, fix: 'rename the volume' }];
  const sources = setKeys(v, ['class', 'volume', 'nfs']);
  if (sources.length !== 1) {
    return [
      {
        path: here(),
        message: sources.length ? `a volume has one source, got ${sources.join(' and ')}` : 'the volume has no source',
        fix: 'keep exactly one of class (a new claim), volume (an existing export) or nfs',
      },
    ];
  }
  const issues: SchemaIssue[] = [];
  for (const field of ['size', 'accessMode'] as const) {
    if (v[field] !== undefined && !v.class)
      issues.push({
        path: here(field),
        message: `${field} applies to a new claim from a class`,
        fix: sources[0] === 'volume' ? `set it on storage.volumes.${v.volume}` : `remove ${field}`,
      });
  }
  if (v.class !== undefined) {
    const classes = Object.keys(view.storage.classes);
    if (!view.storage.classes[v.class])
      issues.push({ path: here('class'), message: `storage class "${v.class}" does not exist`, fix: suggest(v.class, classes, 'storage.classes') });
    if (!v.size) issues.push({ path: here(), message: 'a claim from a class needs a size', fix: 'add size, e.g. size: 10Gi' });
    else if (isZeroQuantity(v.size, 'memory'))
      issues.push({
        path: here('size'),
        message: `size ${JSON.stringify(v.size)} is zero; the API server refuses a claim for no storage`,
        fix: 'write the size the app needs, e.g. 10Gi',
      });
    const mode = claimAccessMode(spec, v);
    if (claimSharedByPods(spec) && (mode === 'ReadWriteOnce' || mode === 'ReadWriteOncePod')) {
      const pods = spec.kind === 'DaemonSet' ? 'the pods on every node' : `${spec.replicas} replicas`;
      issues.push({
        path: here('accessMode'),
        message: `${pods} share this claim, and ${mode} lets only one ${mode === 'ReadWriteOnce' ? 'node' : 'pod'} mount it`,
        fix: 'use ReadWriteMany, or a StatefulSet (one claim per replica)',
      });
    }
  }
  if (v.volume !== undefined && !view.storage.volumes[v.volume]) {
    issues.push({
      path: here('volume'),
      message: `volume "${v.volume}" does not exist`,
      fix: suggest(v.volume, Object.keys(view.storage.volumes), 'storage.volumes'),
    });
  }
  if (v.nfs) issues.push(...checkNfsExport(v.nfs, here('nfs')));
  if (v.nfs?.mountOptions?.length) {
    issues.push({
      path: here('nfs', 'mountOptions'),
      message: "an inline nfs volume cannot carry mount options: Kubernetes has no field for them, so the node's defaults would apply",
      fix: `declare the export under storage.volumes (e.g. ${app}-${name}: { server: ${v.nfs.server}, path: ${v.nfs.path}, size: ..., mountOptions: [${v.nfs.mountOptions.join(', ')}] }) and mount it with volume: <that name>`,
    });
  }
  return issues;
}

function checkMountPaths(app: FileApp, at: At): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Map<string, string>();
  for (const m of mountPoints(app)) {
    const first = seen.get(m.mountPath);
    if (first) issues.push({ path: at(...m.path), message: `${m.mountPath} is already mounted by ${first}`, fix: 'mount each path once' });
    else seen.set(m.mountPath, formatPath(at(...m.path)));
  }
  const keys = new Map<string, string>();
  for (const path of Object.keys(app.files)) {
    const first = keys.get(fileKey(path));
    if (first)
      issues.push({
        path: at('files', path),
        message: `${path} and ${first} would share the ConfigMap key "${fileKey(path)}"`,
        fix: 'rename one of the files',
      });
    else keys.set(fileKey(path), path);
  }
  return issues;
}

/** The app's config files become one ConfigMap: each path a key, everything within the API server's size limit. */
function checkFiles(name: string, app: FileApp, at: At): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  let total = 0;
  let largest: [string, number] | undefined;
  for (const [path, content] of Object.entries(app.files)) {
    const key = fileKey(path);
    if (key.length > MAX_KEY_LENGTH)
      issues.push({
        path: at('files'),
        key: path,
        message: `the path is ${path.length} characters long, and its ConfigMap key "${key.slice(0, 30)}..." would be ${key.length}, above the ${MAX_KEY_LENGTH} Kubernetes allows`,
        fix: 'mount the file at a shorter path',
      });
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(content);
    total += bytes;
    if (!largest || bytes > largest[1]) largest = [path, bytes];
  }
  if (total > MAX_CONFIG_MAP_BYTES && largest) {
    issues.push({
      path: at('files', largest[0]),
      message: `the config files take ${total} bytes in ConfigMap ${name}-files (this one ${largest[1]}), above the ${MAX_CONFIG_MAP_BYTES} bytes (1 MiB) the API server stores`,
      fix: 'keep config files small: ship large data in the image or on a volume',
    });
  }
  return issues;
}
