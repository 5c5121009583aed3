/**
 * Whether the proposed upperBounds fit: the cluster is rendered in memory, on a scratch copy of its
 * folder, through the same render() and checks as synth (tier limits, quotas, scheduling), before
 * and after, once with every proposal and, if that fails, adding them one at a time.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, type ClusterModel } from '../../lib/config';
import { render } from '../synth';
import { VerifyError } from '../../lib/verify';
import type { Schedule } from '../../lib/verify/scheduling/simulate';
import { cpuMillis, memoryBytes } from '../../lib/config/quantity';
import { EditError, setUpperBounds } from './edit';
import type { Proposal } from './propose';

export interface Fit {
  readonly before: Schedule;
  readonly after: Schedule;
  /** The proposals that fit together, and the file text with their upperBounds. */
  readonly fitting: readonly Proposal[];
  readonly text: string;
  /** App -> why its proposal is set aside: the render errors it causes, or why it cannot be edited in place. */
  readonly rejected: ReadonlyMap<string, readonly string[]>;
}

interface RenderError {
  readonly app?: string;
  readonly line: string;
}

export function fit(root: string, cluster: ClusterModel, text: string, proposals: readonly Proposal[]): Fit {
  const scratch = mkdtempSync(join(tmpdir(), 'rightsize-'));
  try {
    cpSync(join(root, dirname(cluster.file)), join(scratch, dirname(cluster.file)), { recursive: true });
    const before = renderOne(scratch, cluster.name); // throws when the cluster does not render as it is
    const attempt = (ps: readonly Proposal[]) => {
      const edited = setUpperBounds(text, new Map(ps.map((p) => [p.app, p.changes])));
      writeFileSync(join(scratch, cluster.file), edited);
      return { edited, result: tryRender(scratch, cluster.name) };
    };
    const rejected = new Map<string, string[]>();
    const editable = proposals.filter((p) => {
      const problem = editProblem(text, p);
      if (problem) rejected.set(p.app, [problem]);
      return !problem;
    });
    const all = attempt(editable);
    if (!Array.isArray(all.result)) return { before, after: all.result, fitting: editable, text: all.edited, rejected };
    // Something does not fit. An error may name the app crowded out rather than the one that grew,
    // so add the proposals one at a time, those that shrink first (they make room), keeping each
    // that still renders.
    const fitting: Proposal[] = [];
    let last = { edited: text, after: before };
    for (const p of [...editable].sort((a, b) => Number(grows(a)) - Number(grows(b)))) {
      const { edited, result } = attempt([...fitting, p]);
      if (Array.isArray(result)) {
        rejected.set(p.app, blame(p, result));
      } else {
        fitting.push(p);
        last = { edited, after: result };
      }
    }
    return { before, after: last.after, fitting: editable.filter((p) => fitting.includes(p)), text: last.edited, rejected };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function blame(p: Proposal, errors: readonly RenderError[]): string[] {
  const own = errors.filter((e) => e.app === p.app);
  return ['would no longer fit:', ...(own.length ? own.map((e) => e.line) : errors.map((e) => `it crowds out ${e.app ?? 'another pod'}: ${e.line}`))];
}

/** Why the proposal cannot be written in place (an upperBound shared through an alias...), if it cannot. */
function editProblem(text: string, p: Proposal): string | undefined {
  try {
    setUpperBounds(text, new Map([[p.app, p.changes]]));
    return undefined;
  } catch (e) {
    if (e instanceof EditError) return e.message;
    throw e;
  }
}

function renderOne(root: string, name: string): Schedule {
  const result = render(root);
  return result.schedules[result.clusters.findIndex((c) => c.name === name)];
}

/** The schedule, or the errors of the cluster file and the rendered objects, by app. */
function tryRender(root: string, name: string): Schedule | RenderError[] {
  try {
    return renderOne(root, name);
  } catch (e) {
    if (e instanceof VerifyError)
      return e.findings.filter((f) => f.level === 'error').map((f) => ({ app: f.app, line: `[${f.rule}] ${f.object ?? ''} ${f.message}`.replace(/ +/g, ' ') }));
    if (e instanceof ConfigError) return e.problems.map((p) => ({ app: /^apps\.([^.[]+)/.exec(p.path)?.[1], line: `${p.path}: ${p.message}` }));
    throw e;
  }
}

/** A proposal that asks for more than today: only those can crowd other pods out. */
function grows(p: Proposal): boolean {
  return (
    cpuMillis(p.after.requests.cpu) > cpuMillis(p.before.requests.cpu) ||
    memoryBytes(p.after.requests.memory) > memoryBytes(p.before.requests.memory) ||
    memoryBytes(p.after.limits.memory) > memoryBytes(p.before.limits.memory)
  );
}
