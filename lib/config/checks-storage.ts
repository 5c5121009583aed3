/** Cross-checks of `storage:` the NFS mount options of every class and static volume. */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';
import { mountOptionProblems } from '../storage/mount-options';

export function checkStorage(file: ClusterFile): SchemaIssue[] {
  const sources = [
    ...Object.entries(file.storage.classes).map(([name, c]) => [['storage', 'classes', name], c.mountOptions] as const),
    ...Object.entries(file.storage.volumes).map(([name, v]) => [['storage', 'volumes', name], v.mountOptions] as const),
  ];
  return sources.flatMap(([path, options]) => mountOptionProblems(options).map((p) => ({ path: [...path, 'mountOptions', p.index], message: p.message, fix: p.fix })));
}
