/**
 * Two trees -> object changes. Files with the same path and bytes are skipped unread (the common
 * case: a change touches a few files of thousands); the objects of the other files are indexed
 * by identity on each side, so matching is linear and a moved object is found wherever it went.
 */
import { diffFields } from './fields';
import type { Located, ObjectChange, Tree } from './model';
import { identityOf, objectsOf, refOf } from './objects';

export function changedObjects(before: Tree, after: Tree): ObjectChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p));
  const old = indexByIdentity(paths.flatMap((p) => objectsOf(p, before.get(p) ?? '')));
  const changes: ObjectChange[] = [];
  for (const [id, now] of indexByIdentity(paths.flatMap((p) => objectsOf(p, after.get(p) ?? '')))) {
    const was = old.get(id);
    old.delete(id);
    if (!was) {
      changes.push(change('added', now, undefined, now));
      continue;
    }
    const fields = diffFields(was.object, now.object);
    const moved = was.file !== now.file;
    if (moved || fields.length) changes.push({ ...change(moved ? 'moved' : 'changed', now, was, now), fields });
  }
  for (const was of old.values()) changes.push(change('removed', was, was, undefined));
  return changes.sort(byPlace);
}

/** Identity -> object; a second object with the same identity (a broken tree) keeps its own slot. */
function indexByIdentity(objects: Located[]): Map<string, Located> {
  const index = new Map<string, Located>();
  for (const o of objects) {
    const id = identityOf(o);
    let key = id;
    for (let n = 2; index.has(key); n++) key = `${id}\u0000${n}`;
    index.set(key, o);
  }
  return index;
}

function change(type: ObjectChange['type'], at: Located, was: Located | undefined, now: Located | undefined): ObjectChange {
  return {
    type,
    cluster: at.cluster,
    app: at.app,
    file: at.file,
    object: refOf(at.object),
    ...(type === 'moved' && was ? { from: { app: was.app, file: was.file } } : {}),
    fields: [],
    ...(was ? { before: was.object } : {}),
    ...(now ? { after: now.object } : {}),
  };
}

/** Cluster, application, file, then kind/namespace/name: the order of the tree on disk. */
function byPlace(a: ObjectChange, b: ObjectChange): number {
  const ka = [a.cluster, a.app, a.file, a.object.kind, a.object.namespace ?? '', a.object.name];
  const kb = [b.cluster, b.app, b.file, b.object.kind, b.object.namespace ?? '', b.object.name];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}
