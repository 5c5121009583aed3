/**
 * A synth touches only what changed: unchanged files keep their inode and timestamp, the files
 * of a removed app go with its folder, stray files go. A synth killed at any file-system step
 * after its commit point is completed by the next one; before it, nothing changed. A step that
 * fails (a full disk) is undone by the synth itself: the old trees, no staging left.
 */
import fs = require('node:fs'); // the module object itself, which the spies below patch
import { join } from 'node:path';
import { stringify } from 'yaml';
import { syntheticClusterFile } from '../bench/synthetic';
import { WriteError } from '../lib/output/errors';
import { recover, writeTrees } from '../lib/output/write';
import { render, synth } from '../pipeline/synth';
import { generated, scratchProject, writeFile, scratchDir } from './helpers';

/** Seven synthetic apps but one: app-00006 in the old file, app-00004 in the new. */
function clusterFile(without: string, image?: string): string {
  const file = syntheticClusterFile('demo', 7);
  delete file.apps[without];
  if (image) file.apps['app-00001'].image = image;
  return stringify(file);
}
const OLD = clusterFile('app-00006');
const NEW = clusterFile('app-00004', 'registry.example.com/app1:2.0.0');

/** A project holding the old trees, plus stray files a synth must remove (a copy of one synth's). */
function oldProject(): string {
  const root = scratchDir('synth-test-');
  fs.cpSync(OLD_PROJECT, root, { recursive: true });
  return root;
}
const OLD_PROJECT = ((root) => {
  synth({ root });
  writeFile(join(root, 'dist/demo/stray.yaml'), 'left over\n');
  writeFile(join(root, 'dist/gone-cluster/x/y.yaml'), 'left over\n');
  return root;
})(scratchProject({ demo: OLD }));

const expectedNew = generated(((root) => (synth({ root }), root))(scratchProject({ demo: NEW })));
const newFiles = render(scratchProject({ demo: NEW })).files;

const stats = (root: string) => new Map([...generated(root).keys()].map((p) => [p, fs.statSync(join(root, p))]));

test('a second synth with nothing changed writes nothing', () => {
  const root = scratchProject({ demo: OLD });
  synth({ root });
  const before = stats(root);
  expect(synth({ root }).written).toEqual({ written: 0, removed: 0 });
  const after = stats(root);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, stat] of after) expect([path, stat.ino, stat.mtimeMs]).toEqual([path, before.get(path)!.ino, before.get(path)!.mtimeMs]);
});

test('a synth rewrites the changed files only, and removes what the new trees do not have', () => {
  const root = oldProject();
  const before = stats(root);
  const oldTree = generated(root);
  writeFile(join(root, 'clusters/demo/cluster.yaml'), NEW);
  const { written } = synth({ root, allowDestroy: ['Namespace/4-aux-app-00004', 'Cluster/gone-cluster'] }); // app-00004 and gone-cluster go

  expect(generated(root)).toEqual(expectedNew);
  expect(fs.existsSync(join(root, 'dist/demo/app-00004'))).toBe(false);
  expect(fs.existsSync(join(root, 'dist/gone-cluster'))).toBe(false);
  const changed = [...expectedNew].filter(([path, content]) => oldTree.get(path) !== content).map(([path]) => path);
  expect(changed).toContain('dist/demo/app-00001/deployment-app-00001.yaml');
  expect(changed).toContain('dist/demo/app-00006/deployment-app-00006.yaml');
  expect(written).toEqual({ written: changed.length, removed: [...oldTree.keys()].filter((p) => !expectedNew.has(p)).length });
  for (const [path, stat] of stats(root)) {
    if (!changed.includes(path)) expect([path, stat.ino, stat.mtimeMs]).toEqual([path, before.get(path)!.ino, before.get(path)!.mtimeMs]);
  }
});

/**
 * Makes the `step`-th file-system mutation fail: with `error()`, and every later one too when
 * `dead` (a killed synth does nothing more), or that one alone (a full disk, a read-only folder).
 */
function failAt(step: number, dead: boolean, error: () => Error): { restore: () => void; reached: () => boolean } {
  const mutations = ['writeFileSync', 'renameSync', 'rmSync', 'mkdirSync'] as const;
  let calls = 0;
  const spies = mutations.map((name) => {
    const original = fs[name] as (...args: unknown[]) => unknown;
    return jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
      if (calls++ === step || (dead && calls > step)) throw error();
      return original(...args);
    }) as never);
  });
  return { restore: () => spies.forEach((s) => s.mockRestore()), reached: () => calls > step };
}

const MARKERS = ['dist/SYNTH-INCOMPLETE', 'argocd/SYNTH-INCOMPLETE'];
const withoutMarkers = (tree: Map<string, string>) => new Map([...tree].filter(([path]) => !MARKERS.includes(path)));

test('a synth killed at any file-system step is completed by the next one, or changed nothing', () => {
  const outcomes: string[] = [];
  for (let step = 0; ; step++) {
    const root = oldProject();
    const oldTree = generated(root);
    const kill = failAt(step, true, () => new Error('killed'));
    let died = false;
    let message = '';
    try {
      writeTrees(root, newFiles);
    } catch (e) {
      died = kill.reached();
      if (!died) throw e;
      message = (e as Error).message;
    } finally {
      kill.restore();
    }
    const committed = fs.existsSync(join(root, '.synth', 'commit'));
    // what it said as it died (a real kill says nothing): undoing failed too, and the next synth completes the update
    if (committed)
      expect(message).toMatch(
        /, and undoing the update failed too \(.*\); dist\/ and argocd\/ are partly updated \(each holds a SYNTH-INCOMPLETE file\): fix that, then run synth again to complete the update$/,
      );
    const marked = MARKERS.some((m) => fs.existsSync(join(root, m)));
    // before the commit point the trees are the old ones (and maybe a marker); after it, a marker says they are mixed
    if (died && !committed) expect(withoutMarkers(generated(root))).toEqual(oldTree);
    if (died && committed && !marked) expect(generated(root)).toEqual(expectedNew); // killed after the last step
    const warning = recover(root); // what the next synth does first
    expect(warning).toEqual(committed ? expect.stringMatching(/^warning: completed the update a previous synth left unfinished/) : undefined);
    expect(generated(root)).toEqual(committed || !died ? expectedNew : oldTree);
    expect(fs.existsSync(join(root, '.synth'))).toBe(false);
    outcomes.push(!died ? 'done' : committed ? (marked ? 'completed' : 'complete') : 'unchanged');
    if (!died) break;
  }
  // deaths before and after the commit point, each step of the update after it
  expect(outcomes.filter((o) => o === 'unchanged').length).toBeGreaterThan(2);
  expect(outcomes.filter((o) => o === 'completed').length).toBeGreaterThan(2);
});

test('a write that fails at any file-system step is undone in the same synth, and the next synth is not blocked', () => {
  const outcomes: string[] = [];
  for (let step = 0; ; step++) {
    const root = oldProject();
    const oldTree = generated(root);
    const full = failAt(step, false, () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    let message: string | undefined;
    try {
      writeTrees(root, newFiles);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      message = e.message;
    } finally {
      full.restore();
    }
    if (message === undefined) {
      expect(withoutMarkers(generated(root))).toEqual(expectedNew); // nothing failed, or only throwing away .synth/ (the next synth does)
    } else {
      expect(message).toMatch(
        /^synth failed while (reading|writing|moving|removing) \S+( into place| \(left by an earlier synth\))?: no space left on device \(ENOSPC\); dist\/ and argocd\/ are unchanged: free some disk space, then run synth again$/,
      );
      expect(generated(root)).toEqual(oldTree);
      expect(fs.existsSync(join(root, '.synth'))).toBe(false);
    }
    writeTrees(root, newFiles); // the next synth
    expect(generated(root)).toEqual(expectedNew);
    outcomes.push(message === undefined ? 'done' : message.includes('into place') ? 'undone' : 'unchanged');
    if (!full.reached()) break;
  }
  expect(outcomes.filter((o) => o === 'unchanged').length).toBeGreaterThan(2);
  expect(outcomes.filter((o) => o === 'undone').length).toBeGreaterThan(2);
});
