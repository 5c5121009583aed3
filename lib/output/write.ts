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

export const GENERATED_TREES = ['dist', 'argocd'] as const;
const WORK = '.synth';

/** Turns the old trees into the new: renames staged files into place, then removes the rest. */
interface Journal {
  /** Paths (from the root) staged under `.synth/next/`, to be renamed into place. */
  readonly write: readonly string[];
  /** Files, then folders (deepest first), of the old trees that the new trees do not have. */
  readonly remove: readonly string[];
}

export function writeTrees(root: string, files: ReadonlyMap<string, string>): void {
  recover(root);
  const journal = plan(root, files);
  if (!journal.write.length && !journal.remove.length) return;
  const work = join(root, WORK);
  const next = join(work, 'next');
  const made = new Set<string>();
  for (const path of journal.write) {
    const dir = dirname(join(next, path));
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    writeFileSync(join(next, path), files.get(path)!);
  }
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'commit.tmp'), JSON.stringify(journal));
  renameSync(join(work, 'commit.tmp'), join(work, 'commit'));
  finish(root);
}

/** Completes an update that a killed synth committed, and drops staging that it did not. */
export function recover(root: string): void {
  const work = join(root, WORK);
  if (existsSync(join(work, 'commit'))) finish(root);
  rmSync(work, { recursive: true, force: true });
}

/** What to write and what to remove: the old trees are read once, linearly. */
function plan(root: string, files: ReadonlyMap<string, string>): Journal {
  const old = listTrees(root);
  const write = [...files.keys()].filter((path) => !old.files.has(path) || readFileSync(join(root, path), 'utf8') !== files.get(path));
  const needed = new Set([...files.keys()].flatMap(ancestors));
  const goneFiles = [...old.files].filter((path) => !files.has(path));
  const goneDirs = old.dirs.filter((dir) => !needed.has(dir)).sort((a, b) => b.length - a.length);
  return { write, remove: [...goneFiles, ...goneDirs] };
}

/** Every file (and symlink...) and every folder of the generated trees, as paths from the root. */
function listTrees(root: string): { files: Set<string>; dirs: string[] } {
  const files = new Set<string>();
  const dirs: string[] = [];
  for (const tree of GENERATED_TREES) {
    if (!existsSync(join(root, tree))) continue;
    dirs.push(tree);
    for (const entry of readdirSync(join(root, tree), { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name).slice(root.length + 1);
      if (entry.isDirectory()) dirs.push(path);
      else files.add(path);
    }
  }
  return { files, dirs };
}

/** `dist/c/app/x.yaml` -> `dist`, `dist/c`, `dist/c/app`. */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Applies the committed journal; safe to run again after a kill at any point. */
function finish(root: string): void {
  const work = join(root, WORK);
  const journal = JSON.parse(readFileSync(join(work, 'commit'), 'utf8')) as Journal;
  for (const path of journal.remove) rmSync(join(root, path), { recursive: true, force: true });
  const made = new Set<string>();
  for (const path of journal.write) {
    const staged = join(work, 'next', path);
    if (!existsSync(staged)) continue; // renamed into place before the kill
    const dir = dirname(join(root, path));
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    renameSync(staged, join(root, path));
  }
  rmSync(work, { recursive: true, force: true });
}
