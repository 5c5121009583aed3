/**
 * Cross-checks of `storage:` every StorageClass and static volume: its NFS server (a DNS name or
 * an IP address), its exported path, its size and its mount options.
 */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';
import { mountOptionProblems } from './mount-options';
import { nfsPathProblem, nfsServerProblem } from './formats';
import { isZeroQuantity } from './check-helpers';

export function checkStorage(file: ClusterFile): SchemaIssue[] {
  const sources = [
    ...Object.entries(file.storage.classes).map(([name, c]) => [['storage', 'classes', name], c] as const),
    ...Object.entries(file.storage.volumes).map(([name, v]) => [['storage', 'volumes', name], v] as const),
  ];
  return sources.flatMap(([path, source]) => [
    ...checkNfsExport(source, path),
    ...('size' in source && isZeroQuantity(source.size, 'memory')
      ? [
          {
            path: [...path, 'size'],
            message: `size ${JSON.stringify(source.size)} is zero; the API server refuses a volume of no capacity`,
            fix: 'write the size of the export, e.g. 500Gi',
          },
        ]
      : []),
    ...mountOptionProblems(source.mountOptions).map((p) => ({ path: [...path, 'mountOptions', p.index], message: p.message, fix: p.fix })),
  ]);
}

/** An NFS export's server and path, where the file declares them (`path` is the object holding both). */
export function checkNfsExport(source: { readonly server: string; readonly path: string }, path: readonly (string | number)[]): SchemaIssue[] {
  const server = nfsServerProblem(source.server);
  const exported = nfsPathProblem(source.path);
  return [...(server ? [{ path: [...path, 'server'], ...server }] : []), ...(exported ? [{ path: [...path, 'path'], ...exported }] : [])];
}
