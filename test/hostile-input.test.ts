/**
 * What a cluster file cannot be, as a user (or an attacker) meets it through the real CLI: odd
 * files in clusters/, bytes that are not UTF-8, a cluster whose file disappears, names that would
 * replace generated applications. Every case: exit 1, a located message with a fix, no stack
 * trace, dist/ and argocd/ byte-identical.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCluster } from '../lib/config';
import { synth } from '../pipeline/synth';
import { generated, runSynth, scratchProject } from './helpers';

const MINIMAL = readFileSync(join(__dirname, 'fixtures', 'minimal.yaml'), 'utf8');

/** A project with a synthesized cluster `mini`, and a second folder to break. */
function project(): { root: string; before: Map<string, string> } {
  const root = scratchProject({ mini: MINIMAL });
  synth({ root }); // in-process: the cases below run the real CLI
  return { root, before: generated(root) };
}

function refused(root: string, before: Map<string, string>, args: string[] = []) {
  const run = runSynth(['--root', root, ...args]);
  expect(run.status).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(generated(root)).toEqual(before);
  return run.stderr;
}

describe('what clusters/ may hold', () => {
  test.each([
    [
      'cluster.yml instead of cluster.yaml',
      (dir: string) => writeFileSync(join(dir, 'cluster.yml'), MINIMAL),
      /clusters\/odd\/cluster.yaml:1:1[\s\S]*has no cluster.yaml \(it has cluster.yml\)[\s\S]*fix: +rename cluster.yml to cluster.yaml/,
    ],
    ['a dangling link', (dir: string) => symlinkSync('/nonexistent/cluster.yaml', join(dir, 'cluster.yaml')), /is a symbolic link to nothing/],
    ['a folder', (dir: string) => mkdirSync(join(dir, 'cluster.yaml')), /is not a regular file \(a folder\)/],
    [
      'a named pipe (reading it would block forever)',
      (dir: string) => execFileSync('mkfifo', [join(dir, 'cluster.yaml')]),
      /is not a regular file \(a named pipe\)/,
    ],
  ])('%s is refused', (_, make, message) => {
    const { root, before } = project();
    const dir = join(root, 'clusters', 'odd');
    mkdirSync(dir);
    make(dir);
    expect(refused(root, before)).toMatch(message);
  });

  test('a byte that is not UTF-8 is refused at its line and column, not turned into U+FFFD', () => {
    const { root, before } = project();
    const cut = MINIMAL.indexOf('nginx:1.27.3') + 'nginx:1.27.3'.length;
    const text = Buffer.concat([Buffer.from(`${MINIMAL.slice(0, cut)} # caf`), Buffer.from([0xe9]), Buffer.from(MINIMAL.slice(cut))]);
    writeFileSync(join(root, 'clusters', 'mini', 'cluster.yaml'), text);
    const line = MINIMAL.split('\n').findIndex((l) => l.includes('nginx:1.27.3')) + 1;
    const col = MINIMAL.split('\n')[line - 1].length + ' # caf'.length + 1;
    expect(refused(root, before)).toContain(`clusters/mini/cluster.yaml:${line}:${col}  (top level)\n  error: byte 0xe9 is not UTF-8`);
  });
});

describe('a cluster that disappears', () => {
  test('is a destructive change, refused until allowed by name, then removed with its files', () => {
    const { root } = project();
    writeFileSync(join(root, 'clusters', 'mini', 'cluster.yaml'), MINIMAL.replace('name: mini', 'name: mini'));
    mkdirSync(join(root, 'clusters', 'other'));
    writeFileSync(join(root, 'clusters', 'other', 'cluster.yaml'), MINIMAL.replace('name: mini', 'name: other'));
    expect(runSynth(['--root', root]).status).toBe(0);
    const before = generated(root);
    renameSync(join(root, 'clusters', 'other'), join(root, 'clusters-other-moved-away'));
    const stderr = refused(root, before);
    expect(stderr).toContain('error [destructive/cluster-removed] other');
    expect(stderr).toContain('dist/other/ was rendered from clusters/other/cluster.yaml, which is gone');
    expect(stderr).toContain('--allow-destroy Cluster/other');
    const run = runSynth(['--root', root, '--allow-destroy', 'Cluster/other']);
    expect(run.status).toBe(0);
    const after = [...generated(root).keys()];
    expect(after.some((p) => p.startsWith('dist/other/') || p.startsWith('argocd/other'))).toBe(false);
    expect(after.some((p) => p.startsWith('dist/mini/'))).toBe(true);
    rmSync(join(root, 'clusters-other-moved-away'), { recursive: true });
  });
});

describe('names synth generates', () => {
  test('an app named like an application of a TypeScript chart is refused at its line', () => {
    const { root, before } = project();
    writeFileSync(join(root, 'clusters', 'mini', 'cluster.yaml'), `${MINIMAL.replace('  web:', '  whoami-blue:')}charts: [whoami]\n`);
    expect(refused(root, before)).toMatch(
      /clusters\/mini\/cluster.yaml:\d+:3 {2}apps.whoami-blue\n {2}error: a TypeScript chart of this cluster also renders an application "whoami-blue"/,
    );
  });
});

describe('odd files in dist/', () => {
  test.each([
    ['a named pipe where a manifest was', (path: string) => execFileSync('mkfifo', [path])],
    ['a folder where a manifest was', (path: string) => mkdirSync(path)],
  ])('%s is replaced, never read (no hang, no crash)', (_, make) => {
    const { root } = project();
    const path = join(root, 'dist', 'mini', 'web', 'deployment-web.yaml');
    rmSync(path);
    make(path);
    const run = runSynth(['--root', root], { timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('kind: Deployment');
  });
});

test('a cluster of more nodes than Kubernetes supports is refused before any work is done on them', () => {
  const nodes = Array.from({ length: 5001 }, (_, i) => `  n${i}: { cpu: 1, memory: 1Gi }`).join('\n');
  const { problems } = parseCluster(
    `name: mini\nkubernetes: { version: "1.34" }\ngitops: { repoURL: https://git.example.com/mini.git }\nnodes:\n${nodes}\n`,
    'clusters/mini/cluster.yaml',
    'mini',
  );
  expect(problems).toEqual([
    expect.objectContaining({
      path: 'nodes',
      line: 5,
      message: '5001 entries, above the 5000 one cluster may hold',
      fix: 'Kubernetes supports 5,000 nodes a cluster: split it',
    }),
  ]);
});
