/**
 * Atomic update of the generated trees (dist/, argocd/), touching only what changed.
 *
 * 1. Plan: read the old trees once; list what goes (files and folders the new trees do not have,
 *    and changed files) and what comes (changed files and whole new folders).
 * 2. Stage: write what comes aside in `.synth/next/`, leave a marker file (`SYNTH-INCOMPLETE`)
 *    in each tree about to change, then write the journal `.synth/commit` (a rename: all of it
 *    or none). Writing the journal is the commit point. Any failure before it removes the
 *    staging and the markers: the old trees are untouched.
 * 3. Apply: move what goes into `.synth/old/`, then move what comes into place; remove the
 *    markers, the journal, then `.synth/`. Every step is a rename that can be redone or undone:
 *    which ones happened is read from the file system (is the file still in `next/`, already in
 *    `old/`?), so the journal never changes. A failure here is undone in the same synth (the
 *    trees are the old ones again); a kill here is completed by the next synth, which warns.
 *
 * Unchanged files are left alone, so a re-synth costs reads, not writes, and keeps their
 * timestamps (git and editors see no change).
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeError, errorPath, remedy, WriteError } from './errors';
import { writeFiles } from './write-files';

const GENERATED_TREES = ['dist', 'argocd'] as const;
const WORK = '.synth';

/**
 * Left at the top of each generated tree while an update is applied. No Argo CD application
 * reads it (they read `dist/<cluster>/<app>/`), kubectl skips it (no .yaml), but `git status`
 * shows it, `git add dist/` takes it and the fresh-dist test fails on it: a tree that is partly
 * old and partly new cannot be committed unnoticed.
 */
export const INCOMPLETE_MARKER = 'SYNTH-INCOMPLETE';
const MARKER_TEXT = `A synth is updating this folder, or was killed while it did: some files may be new, others old.
Run \`npm run synth\` again before committing: it completes the update (and says so).
This file goes away when the update is complete.
`;

/** Turns the old trees into the new: paths from the root, in the order they are applied. */
interface Journal {
  /** Old files and folders moved into `.synth/old/`: those the new trees do not have, and changed files. */
  readonly aside: readonly string[];
  /** Changed files and whole new folders, staged under `.synth/next/` and moved into place. */
  readonly write: readonly string[];
}

/** What a write changed: files written (new or changed) and files removed; the rest was left alone. */
export interface WriteStats {
  readonly written: number;
  readonly removed: number;
}

export function writeTrees(root: string, files: ReadonlyMap<string, string>): WriteStats {
  recover(root);
  const { stats, journal } = stage(root, files);
  if (journal) apply(root, journal);
  return stats;
}

/**
 * Plans and stages the update, and commits it: from then on it happens, by this synth or (if this
 * one is killed) by the next. Nothing is committed when nothing changed. Throws a WriteError,
 * with the old trees untouched and no staging left, if anything fails.
 */
export function stage(root: string, files: ReadonlyMap<string, string>): { stats: WriteStats; journal?: Journal } {
  let plan: ReturnType<typeof planUpdate>;
  try {
    plan = planUpdate(root, files);
  } catch (e) {
    throw failed('reading', e, root);
  }
  const { journal, staged, removed, marked } = plan;
  const stats = { written: staged.length, removed };
  if (!journal.write.length && !journal.aside.length) return { stats };
  const work = join(root, WORK);
  try {
    writeFiles(staged.map((path) => [join(work, 'next', path), files.get(path)!]));
    for (const tree of marked) step(`${tree}/${INCOMPLETE_MARKER}`, () => writeFileSync(join(root, tree, INCOMPLETE_MARKER), MARKER_TEXT));
    step(`${WORK}/commit`, () => {
      mkdirSync(work, { recursive: true });
      writeFileSync(join(work, 'commit.tmp'), JSON.stringify(journal));
      renameSync(join(work, 'commit.tmp'), join(work, 'commit'));
    });
  } catch (e) {
    try {
      clear(root); // a full disk must not stay full
    } catch {
      // the next synth clears it: without a journal, staging is only thrown away
    }
    throw failed('writing', e, root);
  }
  return { stats, journal };
}

/** Applies a committed journal; undoes it if a step fails. */
function apply(root: string, journal: Journal): void {
  try {
    redo(root, journal);
  } catch (e) {
    try {
      undo(root, journal);
    } catch (u) {
      throw new WriteError(
        `synth failed ${doing(e, root)}: ${describeError(cause(e))}, and undoing the update failed too (${where(u, root)}: ${describeError(cause(u))}); ` +
          `dist/ and argocd/ are partly updated (each holds a ${INCOMPLETE_MARKER} file): fix that, then run synth again to complete the update`,
        { cause: e },
      );
    }
    throw failed('moving into place', e, root);
  }
}

/**
 * What the next synth does first. An update a killed synth committed is completed (or, if a step
 * of it fails, undone): the returned warning says which. Uncommitted staging, and markers without
 * a journal, are thrown away silently: the trees were not touched yet.
 */
export function recover(root: string): string | undefined {
  const commit = join(root, WORK, 'commit');
  try {
    if (!lexists(commit)) return void clear(root);
  } catch (e) {
    throw new WriteError(`synth failed while removing ${WORK}/ (left by an earlier synth): ${describeError(e)}; dist/ and argocd/ are unchanged${remedy(e)}`, {
      cause: e,
    });
  }
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(commit, 'utf8')) as Journal;
    if (!Array.isArray(journal.aside) || !Array.isArray(journal.write)) throw new Error('not a journal of this version');
  } catch (e) {
    throw new WriteError(
      `synth failed: ${join(root, WORK, 'commit')}, the journal of an update a previous synth left unfinished, cannot be read (${describeError(e)}); ` +
        `dist/ and argocd/ may be partly updated: check them (git status), restore what is wrong (git checkout), delete ${join(root, WORK)}/ and run synth again`,
      { cause: e },
    );
  }
  try {
    redo(root, journal);
    return 'warning: completed the update a previous synth left unfinished (it was killed or failed after its commit point): until now dist/ and argocd/ were partly old, partly new';
  } catch (e) {
    try {
      undo(root, journal);
    } catch (u) {
      throw new WriteError(
        `synth failed: a previous synth left dist/ and argocd/ partly updated, and neither completing its update (${where(e, root)}: ${describeError(cause(e))}) ` +
          `nor undoing it (${where(u, root)}: ${describeError(cause(u))}) works; fix that, then run synth again`,
        { cause: e },
      );
    }
    return `warning: undid the update a previous synth left unfinished, as completing it failed (${where(e, root)}: ${describeError(cause(e))}): dist/ and argocd/ are as they were before it`;
  }
}

/** Forward, from wherever a previous attempt (or undo) stopped. */
function redo(root: string, journal: Journal): void {
  const [next, old] = [join(root, WORK, 'next'), join(root, WORK, 'old')];
  const written = new Set(journal.write);
  const made = new Set<string>();
  for (const path of journal.aside) {
    if (lexists(join(old, path))) continue; // moved aside already
    if (written.has(path) && !lexists(join(next, path))) continue; // and already replaced
    if (!lexists(join(root, path))) continue; // gone meanwhile: nothing to keep
    step(path, () => {
      const dir = dirname(join(old, path));
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      renameSync(join(root, path), join(old, path));
    });
  }
  for (const path of journal.write) {
    if (lexists(join(next, path))) step(path, () => renameSync(join(next, path), join(root, path)));
  }
  end(root);
}

/** Backward, from wherever apply (or a redo) stopped: the new files back to `next/`, the old ones back from `old/`. */
function undo(root: string, journal: Journal): void {
  const [next, old] = [join(root, WORK, 'next'), join(root, WORK, 'old')];
  for (const path of [...journal.write].reverse()) {
    if (!lexists(join(next, path)) && lexists(join(root, path))) step(path, () => renameSync(join(root, path), join(next, path)));
  }
  for (const path of [...journal.aside].reverse()) {
    if (lexists(join(old, path)) && !lexists(join(root, path))) step(path, () => renameSync(join(old, path), join(root, path)));
  }
  end(root);
}

/**
 * The update is over (done or undone): the markers go first, then the journal. Without the
 * journal what is left in `.synth/` is only thrown away, by this synth or the next.
 */
function end(root: string): void {
  for (const tree of GENERATED_TREES) step(`${tree}/${INCOMPLETE_MARKER}`, () => rmSync(join(root, tree, INCOMPLETE_MARKER), { force: true }));
  step(`${WORK}/commit`, () => rmSync(join(root, WORK, 'commit'), { force: true }));
  try {
    rmSync(join(root, WORK), { recursive: true, force: true });
  } catch {
    // the next synth clears it
  }
}

/** Throws away an uncommitted update: staging and markers. Never called while a journal exists. */
function clear(root: string): void {
  for (const tree of GENERATED_TREES) {
    if (lexists(join(root, tree, INCOMPLETE_MARKER))) rmSync(join(root, tree, INCOMPLETE_MARKER), { force: true });
  }
  rmSync(join(root, WORK), { recursive: true, force: true });
}

/** A step of the journal that failed, and the path it was about. */
class StepFailure extends Error {
  constructor(
    readonly path: string,
    readonly failure: unknown,
  ) {
    super(`${path}: ${describeError(failure)}`);
  }
}

function step(path: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    throw new StepFailure(path, e);
  }
}

const cause = (e: unknown) => (e instanceof StepFailure ? e.failure : e);
const where = (e: unknown, root: string) => (e instanceof StepFailure ? e.path : (errorPath(e, root) ?? 'the output folder'));
const doing = (e: unknown, root: string) =>
  e instanceof StepFailure || errorPath(e, root) ? `while moving ${where(e, root)} into place` : 'while moving files into place';

/** `synth failed while writing dist/x: no space left on device (ENOSPC); dist/ and argocd/ are unchanged`. */
function failed(what: 'reading' | 'writing' | 'moving into place', e: unknown, root: string): WriteError {
  const path = where(e, root);
  const action = what === 'moving into place' ? `while moving ${path} into place` : `while ${what} ${path}`;
  return new WriteError(`synth failed ${action}: ${describeError(cause(e))}; dist/ and argocd/ are unchanged${remedy(cause(e))}`, { cause: e });
}

/**
 * What to move aside and what to write, reading the old trees once. A new folder is written and
 * moved in whole (a first synth moves all of dist/ with one rename); an existing one gets only its
 * changed files. Only regular files are read to compare: anything else where a file goes (a
 * link, a pipe, a folder) is replaced, and so is a file that cannot be read.
 */
function planUpdate(root: string, files: ReadonlyMap<string, string>): { journal: Journal; staged: string[]; removed: number; marked: string[] } {
  const old = listTrees(root);
  const needed = new Set([...files.keys()].flatMap(ancestors));
  const write = new Set<string>();
  const staged: string[] = [];
  for (const [path, content] of files) {
    const newFolder = ancestors(path).find((dir) => !old.dirs.has(dir));
    if (newFolder) {
      write.add(newFolder);
      staged.push(path);
    } else if (!old.files.has(path) || !sameContent(join(root, path), old.files.get(path)!, content)) {
      write.add(path);
      staged.push(path);
    }
  }
  const gone = (path: string) => (old.dirs.has(path) ? !needed.has(path) : old.files.has(path) && !files.has(path));
  const remove = [...old.dirs, ...old.files.keys()].filter((path) => gone(path) && !gone(dirname(path)));
  const aside = [...new Set([...remove, ...[...write].filter((path) => old.files.has(path) || old.dirs.has(path))])];
  const touched = [...aside, ...write];
  const marked = GENERATED_TREES.filter((tree) => old.dirs.has(tree) && touched.some((path) => path.startsWith(`${tree}/`)));
  return { journal: { aside, write: [...write] }, staged, removed: [...old.files.keys()].filter((path) => !files.has(path)).length, marked };
}

function sameContent(file: string, regular: boolean, content: string): boolean {
  if (!regular) return false;
  try {
    return readFileSync(file, 'utf8') === content;
  } catch {
    return false; // unreadable: written anew
  }
}

/**
 * Every file (and link, pipe...: anything not a folder) and every folder of the generated trees,
 * as paths from the root; for files, whether they are regular files. A tree that is not a folder
 * (`dist` a file) is a file, replaced like any other.
 */
function listTrees(root: string): { files: Map<string, boolean>; dirs: Set<string> } {
  const files = new Map<string, boolean>();
  const dirs = new Set<string>();
  for (const tree of GENERATED_TREES) {
    const base = join(root, tree);
    const stat = lstatSync(base, { throwIfNoEntry: false });
    if (!stat) continue;
    if (!stat.isDirectory() && !(stat.isSymbolicLink() && statSync(base, { throwIfNoEntry: false })?.isDirectory())) {
      files.set(tree, false);
      continue;
    }
    dirs.add(tree);
    for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
      const path = tree + join(entry.parentPath, entry.name).slice(base.length);
      if (entry.isDirectory()) dirs.add(path);
      else files.set(path, entry.isFile());
    }
  }
  return { files, dirs };
}

/** `dist/c/app/x.yaml` -> `dist`, `dist/c`, `dist/c/app` (outermost first). */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Whether anything (even a dangling link) is at `path`. */
function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw e;
  }
}
