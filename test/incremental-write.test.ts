/**
 * A synth touches only what changed: unchanged files keep their inode and timestamp, the files
 * of a removed app go with its folder, stray files go. And a synth that dies at any file-system
 * step after its commit point is completed by the next one; before it, nothing changed.
 */
import fs = require('node:fs'); // the module object itself, which the spies below patch
import { join } from 'node:path';
import { stringify } from 'yaml';
import { syntheticClusterFile } from '../bench/synthetic';
import { recover, writeTrees } from '../lib/output/write';
import { render, synth } from '../lib/synth';
import { generated, scratchProject, writeFile } from './helpers';

/** Seven synthetic apps but one: app-00006 in the old file, app-00004 in the new. */
function clusterFile(without: string, image?: string): string {
  const file = syntheticClusterFile('demo', 7);
  delete file.apps[without];
  if (image) file.apps['app-00001'].image = image;
  return stringify(file);
}
const OLD = clusterFile('app-00006');
const NEW = clusterFile('app-00004', 'registry.example.com/app1:2.0.0');

/** A project holding the old trees, plus stray files a synth must remove. */
function oldProject(): string {
  const root = scratchProject({ demo: OLD });
  synth({ root });
  writeFile(join(root, 'dist/demo/stray.yaml'), 'left over\n');
  writeFile(join(root, 'dist/gone-cluster/x/y.yaml'), 'left over\n');
  return root;
}

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

test('a synth that dies at any file-system step is completed by the next one, or changed nothing', () => {
  const mutations = ['writeFileSync', 'renameSync', 'rmSync', 'mkdirSync'] as const;
  const outcomes: string[] = [];
  for (let step = 0; ; step++) {
    const root = oldProject();
    const oldTree = generated(root);
    let calls = 0;
    const spies = mutations.map((name) => {
      const original = fs[name] as (...args: unknown[]) => unknown;
      return jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
        if (calls++ === step) throw new Error('killed');
        return original(...args);
      }) as never);
    });
    let died = false;
    try {
      writeTrees(root, newFiles);
    } catch (e) {
      died = (e as Error).message === 'killed';
      if (!died) throw e;
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    const committed = fs.existsSync(join(root, '.synth', 'commit'));
    recover(root); // what the next synth does first
    expect(generated(root)).toEqual(committed || !died ? expectedNew : oldTree);
    outcomes.push(!died ? 'done' : committed ? 'completed' : 'unchanged');
    if (!died) break;
  }
  // deaths before and after the commit point, each step of the update after it
  expect(outcomes.filter((o) => o === 'unchanged').length).toBeGreaterThan(2);
  expect(outcomes.filter((o) => o === 'completed').length).toBeGreaterThan(2);
});
