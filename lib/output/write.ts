/**
 * Atomic replacement of the generated trees (dist/, argocd/). The new trees are written aside
 * in `.synth/next`; a commit marker is the point of no return; then each tree is swapped in with
 * two renames. A synth killed before the marker leaves the old trees untouched (its staging is
 * discarded next time); killed after it, the next synth completes the swap before doing anything.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const GENERATED_TREES = ['dist', 'argocd'] as const;
const WORK = '.synth';

export function writeTrees(root: string, files: ReadonlyMap<string, string>): void {
  recover(root);
  const work = join(root, WORK);
  const next = join(work, 'next');
  rmSync(next, { recursive: true, force: true });
  for (const tree of GENERATED_TREES) mkdirSync(join(next, tree), { recursive: true });
  const made = new Set<string>();
  for (const [path, content] of files) {
    const dir = dirname(join(next, path));
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    writeFileSync(join(next, path), content);
  }
  writeFileSync(join(work, 'commit.tmp'), JSON.stringify(GENERATED_TREES));
  renameSync(join(work, 'commit.tmp'), join(work, 'commit'));
  finish(root);
}

/** Completes a swap that a killed synth committed, and drops staging that it did not. */
export function recover(root: string): void {
  const work = join(root, WORK);
  if (existsSync(join(work, 'commit'))) finish(root);
  rmSync(work, { recursive: true, force: true });
}

function finish(root: string): void {
  const work = join(root, WORK);
  const trees = JSON.parse(readFileSync(join(work, 'commit'), 'utf8')) as string[];
  mkdirSync(join(work, 'prev'), { recursive: true });
  for (const tree of trees) {
    const staged = join(work, 'next', tree);
    if (!existsSync(staged)) continue; // already swapped in
    const live = join(root, tree);
    if (existsSync(live)) renameSync(live, join(work, 'prev', tree));
    renameSync(staged, live);
  }
  rmSync(join(work, 'commit'));
  rmSync(work, { recursive: true, force: true });
}
