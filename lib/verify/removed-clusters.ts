/**
 * A cluster whose file is gone (renamed, removed, a broken link) would take its whole dist/ folder
 * with it, and Argo CD every application of the cluster: a destructive change, allowed by name
 * (`--allow-destroy Cluster/<name>`), read off the previous tree's folders.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_FILE, type ClusterModel } from '../config';
import type { Finding } from './finding';
import { REMOVED_CLUSTER } from './rules/destructive';

export function removedClusters(previous: string | undefined, clusters: readonly ClusterModel[], allowDestroy: ReadonlySet<string>): Finding[] {
  if (previous === undefined) return [];
  const dist = join(previous, 'dist');
  const rendered = new Set(clusters.map((c) => c.name));
  const existing = existsSync(dist)
    ? readdirSync(dist, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];
  const findings: Finding[] = [];
  for (const name of existing.filter((n) => !rendered.has(n)).sort()) {
    const ref = `${REMOVED_CLUSTER}/${name}`;
    if (allowDestroy.has(ref)) continue;
    findings.push({
      level: 'error',
      rule: 'destructive/cluster-removed',
      cluster: name,
      source: `clusters/${name}/${CLUSTER_FILE}`,
      message: `dist/${name}/ was rendered from clusters/${name}/${CLUSTER_FILE}, which is gone: this synth would delete dist/${name}/ and argocd/${name}.yaml, and Argo CD would prune every application of the cluster`,
      fix: `restore clusters/${name}/${CLUSTER_FILE}; to remove the cluster for good: npm run synth -- --allow-destroy ${ref}`,
    });
  }
  for (const ref of allowDestroy) {
    if (ref.startsWith(`${REMOVED_CLUSTER}/`) && !existing.includes(ref.slice(REMOVED_CLUSTER.length + 1))) {
      findings.push({
        level: 'warning',
        rule: 'destructive/unused-allow',
        cluster: ref.slice(REMOVED_CLUSTER.length + 1),
        message: `--allow-destroy ${ref} allows nothing: dist/ has no such cluster`,
        fix: 'check the spelling or drop the flag',
      });
    }
  }
  return findings;
}
