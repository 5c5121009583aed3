/**
 * The rendered trees (dist/ and argocd/) of a git revision, read with two git processes whatever
 * the size of the tree: `git ls-tree` lists the blobs, one `git cat-file --batch` reads them all.
 */
import { spawnSync } from 'node:child_process';
import type { Tree } from './model';

export class GitError extends Error {}

const TREES = ['dist', 'argocd'];

function git(root: string, args: string[], input?: Buffer): Buffer {
  const run = spawnSync('git', args, { cwd: root, input, maxBuffer: 2 ** 31 - 1 });
  if (run.error) throw new GitError(`git ${args[0]}: ${run.error.message}`);
  if (run.status !== 0) throw new GitError(`git ${args.join(' ')}: ${run.stderr.toString().trim()}`);
  return run.stdout;
}

/** The commit a revision names, or a GitError saying it names none (or that there is no repository, or no commit yet). */
export function resolveRevision(root: string, revision: string): string {
  assertRepository(root);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])
      .toString()
      .trim();
  } catch {
    throw new GitError(`"${revision}" names no commit of the repository at ${root}`);
  }
}

/** npm run diff compares with git's history: without a repository, or before a first commit, there is none. */
function assertRepository(root: string): void {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' });
  if (inside.error) throw new GitError(`npm run diff reads the rendered trees from git, and git cannot be run: ${inside.error.message}`);
  if (inside.status !== 0)
    throw new GitError(
      `${root} is not in a git repository: npm run diff compares the rendered trees with a commit (git init, commit dist/ and argocd/, then diff)`,
    );
  const head = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0)
    throw new GitError(`the repository at ${root} has no commit yet: commit dist/ and argocd/ once, then npm run diff shows what changes against it`);
}

/** The merge base of HEAD with the main branch; HEAD itself on main or without one. */
export function defaultBase(root: string, mainBranch = 'main'): string {
  try {
    return git(root, ['merge-base', 'HEAD', mainBranch]).toString().trim();
  } catch {
    return resolveRevision(root, 'HEAD');
  }
}

/** dist/ and argocd/ at a commit: path (from the project root) -> text. */
export function readRevision(root: string, commit: string): Tree {
  const listing = git(root, ['ls-tree', '-r', '-z', commit, '--', ...TREES]).toString();
  const entries = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [, type, sha] = meta.split(' ');
      return { type, sha, path };
    })
    .filter((e) => e.type === 'blob');
  const tree = new Map<string, string>();
  if (!entries.length) return tree;
  const out = git(root, ['cat-file', '--batch'], Buffer.from(entries.map((e) => `${e.sha}\n`).join('')));
  // Each answer: "<sha> blob <size>\n" + <size> bytes + "\n", in the order asked.
  let at = 0;
  for (const entry of entries) {
    const header = out.indexOf(0x0a, at);
    const size = Number(out.toString('latin1', at, header).split(' ')[2]);
    tree.set(entry.path, out.toString('utf8', header + 1, header + 1 + size));
    at = header + 1 + size + 1;
  }
  return tree;
}
