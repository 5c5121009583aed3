/**
 * The write phase is all or nothing and heals itself, with real synths on a real file system:
 * a write that fails (a full disk, a file over the process's size limit, a tree on another file system)
 * leaves the old trees byte for byte, no staging and one line; the next synth is not blocked. A
 * synth killed right after its commit point leaves a marker in the trees until the next synth,
 * which completes the update (or undoes it) and says so.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INCOMPLETE_MARKER, stage } from '../lib/output/write';
import { render } from '../pipeline/synth';
import { generated, ROOT, runSynth, scratchProject, SYNTH_ARGV, scratchDir } from './helpers';

/** A small cluster; `version` is every app's image tag, `repo` the Git repository (in argocd/ and every Application). */
function clusterFile(version: string, repo = 'demo'): string {
  const lines = [
    'name: demo',
    'kubernetes: { version: "1.34" }',
    `gitops: { repoURL: https://git.example.com/${repo}.git }`,
    'nodes:',
    '  n1: { cpu: 16, memory: 64Gi }',
    'apps:',
  ];
  for (let i = 0; i < 4; i++) lines.push(`  app${i}: { image: "nginx:${version}", tier: 4-aux, ports: { http: { port: 80 } } }`);
  return `${lines.join('\n')}\n`;
}
const OLD = clusterFile('1.27.3');
const NEW = clusterFile('1.27.4', 'homelab');

/** A project synthesized from the old cluster file, whose cluster file is now `text`. */
function project(text: string): string {
  const root = scratchProject({ demo: OLD });
  expect(runSynth(['--root', root]).status).toBe(0);
  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), text);
  return root;
}

const expected = (text: string) => generated(((root) => (expect(runSynth(['--root', root]).status).toBe(0), root))(scratchProject({ demo: text })));
const EXPECTED_OLD = expected(OLD);
const EXPECTED_NEW = expected(NEW);

/** Nothing of a write is left: no staging, no lock, no marker. */
function clean(root: string): void {
  expect(readdirSync(root).filter((f) => f.startsWith('.synth'))).toEqual([]);
  for (const tree of ['dist', 'argocd']) expect(existsSync(join(root, tree, INCOMPLETE_MARKER))).toBe(false);
}

/** Another file system than the scratch projects' (a rename across is EXDEV), if there is one here. */
const OTHER_FS = ['/dev/shm'].find((dir) => existsSync(dir) && statSync(dir).dev !== statSync(tmpdir()).dev);
const withOtherFs = OTHER_FS ? test : test.skip;

/** Moves `root/tree` onto the other file system and leaves a link to it in its place. */
function treeElsewhere(root: string, tree: string): void {
  const away = join(mkdtempSync(join(OTHER_FS!, 'synth-test-')), tree);
  cpSync(join(root, tree), away, { recursive: true });
  rmSync(join(root, tree), { recursive: true });
  symlinkSync(away, join(root, tree));
}

test('a file that cannot be written mid-staging (EFBIG) leaves the old trees, no staging, one line; the next synth is not blocked', () => {
  const root = project(NEW);
  const before = generated(root);
  // files over 512 bytes cannot be written (the lock file is smaller): the first larger one fails
  const run = spawnSync('sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, ...SYNTH_ARGV, '--root', root], { cwd: ROOT, encoding: 'utf8' });
  expect([run.status, run.stdout]).toEqual([1, '']);
  expect(run.stderr).toMatch(
    /^synth failed while writing (dist|argocd)\/\S+: file too large \(EFBIG\); dist\/ and argocd\/ are unchanged: raise the file size limit \(ulimit -f\), then run synth again\n$/,
  );
  expect(generated(root)).toEqual(before);
  clean(root);

  // the input reverted: nothing to do; then the new input again: written whole
  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), OLD);
  expect(runSynth(['--root', root]).stdout).toContain(': 0 written,');
  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), NEW);
  expect(runSynth(['--root', root]).status).toBe(0);
  expect(generated(root)).toEqual(EXPECTED_NEW);
  clean(root);
});

/** A small file system of its own (tmpfs), where this process may mount one (root, outside most containers). */
const TINY = scratchDir('synth-tiny-');
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', TINY]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [TINY]);
  rmSync(TINY, { recursive: true, force: true }); // the scratch cleanup found it mounted
});
const used = () => ((s) => (s.blocks - s.bfree) * s.bsize)(statfsSync(TINY));

(mounted ? test : test.skip)('a full disk (ENOSPC) while staging: the old trees, the disk as full as before, one line; the next synth is not blocked', () => {
  const out = join(TINY, 'out');
  expect(runSynth(['--root', scratchProject({ demo: OLD }), '--out', out]).status).toBe(0);
  const before = generated(out);
  const full = used();
  expect(spawnSync('mount', ['-o', `remount,size=${Math.ceil(full / 1024) + 12}k`, TINY]).status).toBe(0); // a few pages free
  const root = scratchProject({ demo: NEW });
  const run = runSynth(['--root', root, '--out', out]);
  expect([run.status, run.stdout]).toEqual([1, '']);
  expect(run.stderr).toMatch(
    /^synth failed while writing \S+: no space left on device \(ENOSPC\); dist\/ and argocd\/ are unchanged: free some disk space, then run synth again\n$/,
  );
  expect(generated(out)).toEqual(before);
  expect(used()).toBe(full);
  clean(out);
  expect(spawnSync('mount', ['-o', 'remount,size=2m', TINY]).status).toBe(0); // space freed
  expect(runSynth(['--root', root, '--out', out]).status).toBe(0);
  expect(generated(out)).toEqual(EXPECTED_NEW);
});

withOtherFs('a step that fails after the commit point (a tree on another file system: EXDEV) is undone in the same synth', () => {
  const root = project(NEW);
  treeElsewhere(root, 'argocd'); // dist/ is moved first, argocd/ cannot be
  const before = generated(root);
  const run = runSynth(['--root', root]);
  expect([run.status, run.stdout]).toEqual([1, '']);
  expect(run.stderr).toMatch(
    /^synth failed while moving argocd\/\S+ into place: cross-device link not permitted \(EXDEV\); dist\/ and argocd\/ are unchanged: dist\/ and argocd\/ must be on the file system of the folder that holds them \(not links to another disk\)\n$/,
  );
  expect(generated(root)).toEqual(before);
  clean(root);
  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), OLD); // reverted: not blocked
  expect(runSynth(['--root', root]).status).toBe(0);
  expect(generated(root)).toEqual(EXPECTED_OLD);
});

test('killed right after its commit point: a marker in each tree until the next synth, which completes the update and warns', () => {
  const root = project(NEW);
  stage(root, render(root).files); // staged and committed; killed before the first rename
  // what whoever runs `git status` or `git add dist/` in between sees
  for (const tree of ['dist', 'argocd']) expect(existsSync(join(root, tree, INCOMPLETE_MARKER))).toBe(true);
  expect(existsSync(join(root, '.synth/commit'))).toBe(true);

  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), OLD); // even with the input reverted
  const run = runSynth(['--root', root]);
  expect(run.status).toBe(0);
  expect(run.stderr).toBe(
    'warning: completed the update a previous synth left unfinished (it was killed or failed after its commit point): until now dist/ and argocd/ were partly old, partly new\n',
  );
  expect(generated(root)).toEqual(EXPECTED_OLD); // completed to the new trees, then synthesized from the old input
  clean(root);
});

withOtherFs('an unfinished update that cannot be completed is undone by the next synth, which warns', () => {
  const root = project(NEW);
  stage(root, render(root).files);
  treeElsewhere(root, 'argocd'); // completing it now fails at argocd/
  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), OLD);
  const run = runSynth(['--root', root]);
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(
    /^warning: undid the update a previous synth left unfinished, as completing it failed \(argocd\/\S+: cross-device link not permitted \(EXDEV\)\): dist\/ and argocd\/ are as they were before it\n$/,
  );
  expect(generated(root)).toEqual(EXPECTED_OLD);
  clean(root);
});

test('whatever is where a generated file or folder goes (a pipe, a link to a folder, a file for argocd/) is replaced, not read', () => {
  const root = project(OLD);
  rmSync(join(root, 'dist/demo/README.md'));
  expect(spawnSync('mkfifo', [join(root, 'dist/demo/README.md')]).status).toBe(0); // reading it would wait forever
  // (not a kind lib/verify/previous.ts reads back for the destructive-change checks: it would read it)
  rmSync(join(root, 'dist/demo/app1/networkpolicy-default-deny.yaml'));
  symlinkSync(tmpdir(), join(root, 'dist/demo/app1/networkpolicy-default-deny.yaml')); // reading it: EISDIR
  rmSync(join(root, 'argocd'), { recursive: true });
  writeFileSync(join(root, 'argocd'), 'a file where a folder goes\n');
  const run = runSynth(['--root', root]);
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(generated(root)).toEqual(EXPECTED_OLD);
  clean(root);
});

test('an output folder that cannot be made (a file in its path) is one line, and nothing is written', () => {
  const root = scratchProject({ demo: OLD });
  writeFileSync(join(root, 'not-a-folder'), '');
  const run = runSynth(['--root', root, '--out', join(root, 'not-a-folder/out')]);
  expect([run.status, run.stdout, run.stderr]).toEqual([
    1,
    '',
    `synth failed while creating ${root}/not-a-folder/out: not a directory (ENOTDIR); nothing was written\n`,
  ]);
  expect(readdirSync(root).sort()).toEqual(['clusters', 'not-a-folder']);
});
