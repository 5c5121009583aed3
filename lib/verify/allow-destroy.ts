/**
 * `--allow-destroy [<cluster>:]Kind/namespace/name`: what each cluster may destroy. A flag with a
 * cluster prefix allows it in that cluster only; one without, in every cluster. A flag that allows
 * nothing is said once (not once per other cluster).
 */
import type { Finding } from './finding';

const SCOPED = /^([a-z0-9][-a-z0-9]*):(.+)$/;

/** The refs a cluster may destroy. */
export function allowedIn(cluster: string, flags: readonly string[]): Set<string> {
  return new Set(
    flags.flatMap((flag) => {
      const scoped = SCOPED.exec(flag);
      return scoped ? (scoped[1] === cluster ? [scoped[2]] : []) : [flag];
    }),
  );
}

/**
 * The unused-allow warnings the clusters gave, once per flag: an unscoped flag is unused when no
 * cluster used it; a scoped one naming no cluster is unused too.
 */
export function unusedAllows(findings: readonly Finding[], flags: readonly string[], clusters: readonly string[]): Finding[] {
  const unused = (f: Finding) => f.rule === 'destructive/unused-allow';
  const out = findings.filter((f) => !unused(f));
  for (const flag of new Set(flags)) {
    const scoped = SCOPED.exec(flag);
    if (scoped && !clusters.includes(scoped[1])) {
      out.push({
        level: 'warning',
        rule: 'destructive/unused-allow',
        cluster: scoped[1],
        object: scoped[2],
        message: `--allow-destroy ${flag} names no cluster of this project (${clusters.join(', ') || 'none'})`,
        fix: 'check the cluster name before the colon, or drop the prefix',
      });
      continue;
    }
    const ref = scoped ? scoped[2] : flag;
    const reports = findings.filter((f) => unused(f) && f.object === ref && (!scoped || f.cluster === scoped[1]));
    if (scoped ? reports.length > 0 : reports.length === clusters.length && clusters.length > 0)
      out.push({ ...reports[0], ...(scoped ? {} : { cluster: clusters.join(', '), message: reports[0].message.replace(/ in [^ ]+$/, ' in any cluster') }) });
  }
  return out;
}
