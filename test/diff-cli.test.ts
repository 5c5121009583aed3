/** `npm run diff` as a user runs it: revisions read from git, exit codes, and the reference clusters unchanged. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffTrees } from '../lib/diff';
import { readRevision, resolveRevision } from '../lib/diff/git';
import { render, synth } from '../pipeline/synth';
import { EXAMPLES, copyOfProject, generated, ROOT, scratchProject } from './helpers';

const DIFF_ARGV = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'bin/diff.ts')];
const runDiff = (args: string[]) => spawnSync(process.execPath, [...DIFF_ARGV, ...args], { cwd: ROOT, encoding: 'utf8' });

const git = (root: string, ...args: string[]) => {
  const run = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.trim();
};

test('a fresh render of the reference clusters against the committed dist/ and argocd/ reports nothing', () => {
  const committed = new Map([...generated(EXAMPLES)].map(([path]) => [path, readFileSync(join(EXAMPLES, path), 'utf8')]));
  const fresh = render(EXAMPLES);
  expect(committed.size).toBeGreaterThan(0);
  expect(diffTrees({ from: 'committed', to: 'fresh', before: committed, after: fresh.files, clusters: fresh.clusters })).toEqual({
    from: 'committed',
    to: 'fresh',
    changes: [],
    flags: [],
    capacity: [],
  });
});

describe('in a git repository with two commits', () => {
  // Commit 1: the reference clusters. Commit 2: vaultwarden 1.35.0 (and its dist/).
  const root = copyOfProject();
  synth({ root });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'reference clusters');
  const cluster = join(root, 'clusters/homelab/cluster.yaml');
  writeFileSync(cluster, readFileSync(cluster, 'utf8').replace('vaultwarden/server:1.34.3', 'vaultwarden/server:1.35.0'));
  synth({ root });
  git(root, 'commit', '-qam', 'vaultwarden 1.35.0');

  test('a revision is read whole: dist/ and argocd/, byte for byte', () => {
    expect(readRevision(root, resolveRevision(root, 'HEAD'))).toEqual(
      new Map([...generated(root)].map(([path]) => [path, readFileSync(join(root, path), 'utf8')])),
    );
  });

  test('--from --to: the change between two revisions, exit 1', () => {
    const run = runDiff(['--root', root, '--from', 'HEAD~1', '--to', 'HEAD', '--format', 'markdown']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`### Manifest diff: \`HEAD~1 (${git(root, 'rev-parse', '--short=7', 'HEAD~1')})\` → \`HEAD (`);
    expect(run.stdout).toContain(
      '| version bump | homelab/vaultwarden | `Deployment/4-aux-vaultwarden/vaultwarden` | container vaultwarden: image vaultwarden/server:1.34.3 → vaultwarden/server:1.35.0 |',
    );
  });

  test('by default the working tree against HEAD on main: nothing changed, exit 0', () => {
    const run = runDiff(['--root', root, '--no-color']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^dist\/ merge base with main \([0-9a-f]{7}\) → working tree: no changes\n$/);
    expect(run.status).toBe(0);
  });

  test('an unknown revision or format is an error, exit 2', () => {
    const run = runDiff(['--root', root, '--from', 'no-such-branch']);
    expect(run.stderr).toContain('"no-such-branch" names no commit of the repository');
    expect(run.status).toBe(2);
    const format = runDiff(['--root', root, '--from', 'HEAD', '--to', 'HEAD', '--format', 'html']);
    expect(format.stderr).toContain('--format must be one of text, markdown, json, not "html"');
    expect(format.status).toBe(2);
  });
});

test('outside git, or before a first commit, npm run diff says so (exit 2)', () => {
  const root = scratchProject({});
  const outside = runDiff(['--root', root]);
  expect(outside.status).toBe(2);
  expect(outside.stderr).toContain(`${root} is not in a git repository`);
  spawnSync('git', ['init', '-q', root]);
  const fresh = runDiff(['--root', root]);
  expect(fresh.status).toBe(2);
  expect(fresh.stderr).toContain('has no commit yet');
});
