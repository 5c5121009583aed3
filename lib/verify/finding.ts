/** What a verification rule reports: located by cluster, app, object and field, with a fix. */

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
}

export class VerifyError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(findings.filter((f) => f.level === 'error').map(formatFinding).join('\n'));
    this.name = 'VerifyError';
  }
}

export function formatFinding(f: Finding): string {
  const where = [f.cluster, f.app, f.object].filter(Boolean).join(' / ') + (f.field ? ` .${f.field}` : '');
  return `${f.level} [${f.rule}] ${where}\n  ${f.message}` + (f.fix ? `\n  fix: ${f.fix}` : '');
}

export function objectRef(o: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('/');
}
