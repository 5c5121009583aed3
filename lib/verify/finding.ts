/** What a verification rule reports: located by cluster, app, object and field, with a fix. */
import { sourceOf, type ClusterModel } from '../config/model';

export interface Finding {
  readonly level: 'error' | 'warning';
  /** Rule id, e.g. `gitops/owned-twice`. */
  readonly rule: string;
  readonly cluster: string;
  readonly app?: string;
  /** `Kind/namespace/name` or `Kind/name`. */
  readonly object?: string;
  readonly field?: string;
  readonly message: string;
  readonly fix?: string;
  /** `file:line:col` of the cluster-file entry that produced the object, where there is one. */
  readonly source?: string;
}

export class VerifyError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(
      findings
        .filter((f) => f.level === 'error')
        .map(formatFinding)
        .join('\n'),
    );
    this.name = 'VerifyError';
  }
}

export function formatFinding(f: Finding): string {
  const where = [f.cluster, f.app, f.object].filter(Boolean).join(' / ') + (f.field ? ` .${f.field}` : '');
  return `${f.source ? `${f.source}  ` : ''}${f.level} [${f.rule}] ${where}\n  ${f.message}` + (f.fix ? `\n  fix: ${f.fix}` : '');
}

/** The cluster-file entry (app or utility) a finding's application comes from. */
export function located(cluster: ClusterModel, f: Finding): Finding {
  const source = f.app && (sourceOf(cluster, 'apps', f.app) ?? sourceOf(cluster, 'utilities', f.app));
  return source ? { ...f, source } : f;
}

/** Findings in file and line order (those without a line keep their order, after them). */
export function bySource(a: Finding, b: Finding): number {
  const key = (f: Finding) => {
    const m = /^(.*):(\d+):(\d+)$/.exec(f.source ?? '');
    return m ? [m[1], Number(m[2]), Number(m[3])] : undefined;
  };
  const [ka, kb] = [key(a), key(b)];
  if (!ka || !kb) return Number(!ka) - Number(!kb);
  return ka[0] !== kb[0] ? (ka[0] < kb[0] ? -1 : 1) : (ka[1] as number) - (kb[1] as number) || (ka[2] as number) - (kb[2] as number);
}
