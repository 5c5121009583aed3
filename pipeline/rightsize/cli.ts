/**
 * `npm run rightsize`: the seeds' quarterly right-sizing as a command. Reads VPA recommendations
 * (`kubectl get vpa -A -o json`), proposes each app's new `upperBound`, shows the sizes and the
 * capacity it leads to, and with --write sets the upperBounds that fit in the cluster file.
 * Exit code: 0 nothing to change, 1 changes proposed, 2 error (like `npm run diff`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { CUSTOM_CHARTS } from '../../charts/custom';
import { ConfigError, didYouMean, loadClusters, type ClusterModel } from '../../lib/config';
import { EditError } from './edit';
import { fit } from './fit';
import { isChange, propose, type Declared, type Proposal } from './propose';
import { formatReport } from './report';
import { InputError, readVpaList } from './vpa';
import { formatFinding, VerifyError } from '../../lib/verify';

const USAGE = `usage: npm run rightsize -- <vpa.json> [--cluster NAME] [--write] [--root DIR]

Proposes each app's upperBound from VPA recommendations, the sizes it becomes (x1.2, or x1.3 for
the GPU tier and volatile apps) and the capacity table before and after.
  <vpa.json>      the output of kubectl get vpa -A -o json for the cluster
  --cluster NAME  the cluster the VPAs come from (needed when clusters/ holds more than one)
  --write         set the new upperBounds that fit in the cluster file, keeping everything else
  --root DIR      the project (default: this one)
Paths are relative to where npm was run. Exit code: 0 nothing to change, 1 changes proposed, 2 error.
`;

/** Where the command runs and where it prints: the real process, or a test. */
export interface RightsizeIo {
  /** Where relative paths are from (npm runs scripts in the project folder; INIT_CWD is where the user typed). */
  readonly cwd: string;
  /** The project whose clusters/ is read, unless --root says another. */
  readonly projectRoot: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function main(args: string[], io: RightsizeIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { cluster: { type: 'string' }, write: { type: 'boolean' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return (io.out(USAGE), 0);
  if (positionals.length !== 1) throw new UsageError(`give one file, the output of kubectl get vpa -A -o json (got ${positionals.length})`);
  const here = io.cwd;
  const vpas = readVpaList(resolve(here, positionals[0]));
  const root = values.root ? resolve(here, values.root) : io.projectRoot;
  const cluster = pick(loadClusters(root, { charts: Object.keys(CUSTOM_CHARTS) }), values.cluster);
  const path = join(root, cluster.file);
  const text = readFileSync(path, 'utf8');
  const outcomes = propose(cluster, (parse(text) as { apps?: Record<string, Declared> }).apps ?? {}, vpas);
  // what is above the tier's max is reported without a render
  const candidates = outcomes.filter((o): o is Proposal => o.kind === 'proposal' && isChange(o) && !o.aboveMax);
  const fitted = candidates.length ? fit(root, cluster, text, candidates) : undefined;
  const write = Boolean(values.write && fitted?.fitting.length);
  if (write) writeFileSync(path, fitted!.text);
  io.out(formatReport(cluster, outcomes, fitted, write));
  return outcomes.some(isChange) ? 1 : 0;
}

function pick(clusters: readonly ClusterModel[], name: string | undefined): ClusterModel {
  const names = clusters.map((c) => c.name);
  if (name === undefined) {
    if (clusters.length === 1) return clusters[0];
    throw new UsageError(`clusters/ holds ${names.join(', ')}: name the one the VPAs come from with --cluster`);
  }
  const found = clusters.find((c) => c.name === name);
  if (found) return found;
  const guess = didYouMean(name, names);
  throw new UsageError(`no cluster "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}: the clusters are ${names.join(', ')}`);
}

class UsageError extends Error {}

/** `npm run rightsize` with `args`; the exit code (0 nothing to change, 1 changes proposed, 2 error). */
export function rightsizeMain(args: string[], io: RightsizeIo): number {
  const error = (text: string) => io.err(`${text}\n`);
  try {
    return main(args, io);
  } catch (e) {
    if (e instanceof VerifyError)
      error(
        `the cluster does not render as it is written; fix it first:\n${e.findings
          .filter((f) => f.level === 'error')
          .map(formatFinding)
          .join('\n')}`,
      );
    else if (e instanceof ConfigError || e instanceof UsageError || e instanceof InputError || e instanceof EditError) error(e.message);
    else if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) error(`${e.message}\n\n${USAGE}`);
    else error(`rightsize: internal error: ${e instanceof Error ? e.message : String(e)}`);
    error('\nrightsize failed');
    return 2;
  }
}
