/**
 * `npm run diff`: what the rendered manifests change, for a reviewer. Compares dist/ and argocd/
 * of a revision with a fresh render of the working tree, or of two revisions.
 * Exit code: 0 no changes, 1 changes, 2 error (like `git diff --exit-code`).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config/problems';
import { diffTrees, TreeError, type DiffInput } from '../lib/diff';
import { defaultBase, GitError, readRevision, resolveRevision } from '../lib/diff/git';
import { renderJson } from '../lib/diff/render/json';
import { renderMarkdown } from '../lib/diff/render/markdown';
import { renderText } from '../lib/diff/render/text';
import { formatFinding, VerifyError } from '../lib/verify';

const USAGE = `usage: npm run diff -- [--from REV] [--to REV] [--format text|markdown|json] [--color|--no-color]

Compares the rendered manifests (dist/, argocd/) of two versions and reports, per cluster and
Argo CD application, the objects added, removed, changed and moved, and what a reviewer must not miss.
  --from REV     the old version (default: the merge base of HEAD with main, or HEAD on main)
  --to REV       the new version (default: a fresh render of the working tree; nothing is written)
  --format F     text (default), markdown (a pull-request comment) or json
  --color        colour the text even when stdout is not a terminal (--no-color: never)
  --root DIR     the project (default: this one)
Exit code: 0 no changes, 1 changes, 2 error.
`;

const FORMATS = ['text', 'markdown', 'json'];

function main(): number {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'text' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (process.stdout.write(USAGE), 0);
  if (!FORMATS.includes(values.format!)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const root = values.root ? resolve(values.root) : resolve(__dirname, '..');
  const report = diffTrees(inputs(root, values.from, values.to));
  const color = values['no-color'] ? false : (values.color ?? process.stdout.isTTY === true);
  const text = values.format === 'json' ? renderJson(report) : values.format === 'markdown' ? renderMarkdown(report) : renderText(report, { color });
  process.stdout.write(text);
  return report.changes.length ? 1 : 0;
}

function inputs(root: string, from: string | undefined, to: string | undefined): DiffInput {
  const [fromCommit, fromLabel] = from ? [resolveRevision(root, from), from] : [defaultBase(root), 'merge base with main'];
  const before = readRevision(root, fromCommit);
  const label = (name: string, commit: string) => (commit.startsWith(name) ? commit.slice(0, 7) : `${name} (${commit.slice(0, 7)})`);
  if (to) {
    const toCommit = resolveRevision(root, to);
    return { from: label(fromLabel, fromCommit), to: label(to, toCommit), before, after: readRevision(root, toCommit) };
  }
  // Loaded only here: the renderer (cdk8s, the schema validator) is most of the start-up time.
  const { render } = require('../pipeline/synth') as typeof import('../pipeline/synth');
  const rendered = render(root);
  return { from: label(fromLabel, fromCommit), to: 'working tree', before, after: rendered.files, clusters: rendered.clusters };
}

class UsageError extends Error {}

function run(): number {
  try {
    return main();
  } catch (e) {
    if (e instanceof VerifyError) console.error(e.findings.map(formatFinding).join('\n'));
    else if (e instanceof ConfigError || e instanceof GitError || e instanceof TreeError || e instanceof UsageError) console.error(e.message);
    else if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${e.message}\n\n${USAGE}`);
    else console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    console.error('\ndiff failed');
    return 2;
  }
}

process.exitCode = run();
