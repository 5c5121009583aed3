/**
 * Atomic update of the generated trees (dist/, argocd/), touching only what changed. The new
 * and changed files are written aside in `.synth/next`, and a journal lists every rename and
 * removal that turns the old trees into the new ones. Writing the journal is the point of no
 * return: a synth killed before it leaves the old trees untouched (its staging is discarded next
 * time); killed after it, the next synth replays the journal (every step can be redone) before
 * doing anything. Unchanged files are left alone, so a re-synth costs reads, not writes, and
 * keeps their timestamps (git and editors see no change).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFiles } from './write-files';

export const GENERATED_TREES = ['dist', 'argocd'] as const;
const WORK = '.synth';

/** Turns the old trees into the new: removals, then renames of staged files and new folders. */
interface Journal {
  /** Files and folders (paths from the root) of the old trees that the new trees do not have. */
  readonly remove: readonly string[];
  /** Changed files, and whole new folders, staged under `.synth/next/`: renamed into place. */
  readonly write: readonly string[];
}

/** What a write changed: files written (new or changed) and files removed; the rest was left alone. */
export interface WriteStats {
  readonly written: number;
  readonly removed: number;
}

export function writeTrees(root: string, files: ReadonlyMap<string, string>): WriteStats {
  recover(root);
  const { journal, staged, removed } = plan(root, files);
  const stats = { written: staged.length, removed };
  if (!journal.write.length && !journal.remove.length) return stats;
  const work = join(root, WORK);
  writeFiles(staged.map((path) => [join(work, 'next', path), files.get(path)!]));
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'commit.tmp'), JSON.stringify(journal));
  renameSync(join(work, 'commit.tmp'), join(work, 'commit'));
  finish(root);
  return stats;
}

/** Completes an update that a killed synth committed, and drops staging that it did not. */
export function recover(root: string): void {
  const work = join(root, WORK);
  if (existsSync(join(work, 'commit'))) finish(root);
  rmSync(work, { recursive: true, force: true });
}

/**
 * What to remove and what to write, reading the old trees once. A new folder is written and moved
 * in whole (a first synth moves all of dist/ with one rename); an existing one gets only its
 * changed files.
 */
function plan(root: string, files: ReadonlyMap<string, string>): { journal: Journal; staged: string[]; removed: number } {
  const old = listTrees(root);
  const needed = new Set([...files.keys()].flatMap(ancestors));
  const write = new Set<string>();
  const staged: string[] = [];
  for (const [path, content] of files) {
    const newFolder = ancestors(path).find((dir) => !old.dirs.has(dir));
    if (newFolder) write.add(newFolder), staged.push(path);
    else if (!old.files.has(path) || readFileSync(join(root, path), 'utf8') !== content) write.add(path), staged.push(path);
  }
  const gone = (path: string) => (old.dirs.has(path) ? !needed.has(path) : old.files.has(path) && !files.has(path));
  const remove = [...old.dirs, ...old.files].filter((path) => gone(path) && !gone(dirname(path)));
  return { journal: { remove, write: [...write] }, staged, removed: [...old.files].filter((path) => !files.has(path)).length };
}

/** Every file (and symlink...) and every folder of the generated trees, as paths from the root. */
function listTrees(root: string): { files: Set<string>; dirs: Set<string> } {
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const tree of GENERATED_TREES) {
    const base = join(root, tree);
    if (!existsSync(base)) continue;
    dirs.add(tree);
    for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
      const path = tree + join(entry.parentPath, entry.name).slice(base.length);
      (entry.isDirectory() ? dirs : files).add(path);
    }
  }
  return { files, dirs };
}

/** `dist/c/app/x.yaml` -> `dist`, `dist/c`, `dist/c/app` (outermost first). */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Applies the committed journal; safe to run again after a kill at any point. */
function finish(root: string): void {
  const work = join(root, WORK);
  const journal = JSON.parse(readFileSync(join(work, 'commit'), 'utf8')) as Journal;
  for (const path of journal.remove) rmSync(join(root, path), { recursive: true, force: true });
  for (const path of journal.write) {
    const staged = join(work, 'next', path);
    // gone when already renamed before a kill; the parent folder exists: it is in both trees
    if (existsSync(staged)) renameSync(staged, join(root, path));
  }
  rmSync(work, { recursive: true, force: true });
}
