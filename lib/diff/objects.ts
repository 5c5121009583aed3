/**
 * Rendered files -> located objects. A file's place says which cluster and Argo CD application
 * it belongs to; an object's identity (API group, kind, namespace, name) says which object it is,
 * wherever it lives, so that moving between files or folders is not a delete plus an add.
 */
import type { K8sObject } from '../objects/object';
import { apiGroup, objectRef } from '../objects/identity';
import { isK8sObject, readManifest } from '../objects/read';
import type { Located, ObjectRef } from './model';

/** The bootstrap file `argocd/<cluster>.yaml` is listed as this application. */
const BOOTSTRAP_APP = 'argocd';

export class TreeError extends Error {}

/** `dist/<cluster>/<app>/<file>` or `argocd/<cluster>.yaml` -> cluster and app; other paths are not ours. */
function placeOf(path: string): { cluster: string; app: string } | undefined {
  const dist = /^dist\/([^/]+)\/([^/]+)\/[^/]+\.ya?ml$/.exec(path);
  if (dist) return { cluster: dist[1], app: dist[2] };
  const bootstrap = /^argocd\/([^/]+)\.ya?ml$/.exec(path);
  return bootstrap ? { cluster: bootstrap[1], app: BOOTSTRAP_APP } : undefined;
}

/** The objects of one file (lib/objects/read.ts reads them). */
export function objectsOf(path: string, text: string): Located[] {
  const place = placeOf(path);
  if (!place) return [];
  let docs: unknown[];
  try {
    docs = readManifest(text, path);
  } catch (e) {
    throw new TreeError(`${path}: not valid YAML: ${(e as Error).message}`);
  }
  return docs.map((object) => {
    if (!isK8sObject(object)) throw new TreeError(`${path}: a document is not a Kubernetes object (no apiVersion, kind and metadata.name)`);
    return { ...place, file: path, object };
  });
}

export function refOf(object: K8sObject): ObjectRef {
  const { name, namespace } = object.metadata;
  return { apiVersion: object.apiVersion, kind: object.kind, ...(namespace ? { namespace } : {}), name };
}

/** Identity of an object within its cluster. */
export function identityOf(located: Located): string {
  return refIdentity(located.cluster, refOf(located.object));
}

export function refIdentity(cluster: string, ref: ObjectRef): string {
  return [cluster, apiGroup(ref.apiVersion), ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
}

/** `Deployment/4-aux-vaultwarden/vaultwarden`: the one ref format (lib/objects/identity.ts), as findings and --allow-destroy name objects. */
export function formatRef(ref: ObjectRef): string {
  return objectRef({ kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } });
}
