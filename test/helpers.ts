/** Test helpers: scratch projects, the real CLI, and byte-exact snapshots of generated trees. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const ROOT = join(__dirname, '..');
/** The reference clusters, a project of their own: examples/clusters/ rendered into examples/dist/. */
export const EXAMPLES = join(ROOT, 'examples');
export const HOMELAB = join(EXAMPLES, 'clusters', 'homelab', 'cluster.yaml');

/** Every scratch folder this test file made, removed after it: a test run leaves nothing behind. */
const scratch: string[] = [];
if (typeof afterAll === 'function') afterAll(() => scratch.splice(0).forEach(removeQuietly));

/** Removes a scratch folder; one a test still holds (a mount point it unmounts itself) is left to it. */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // EBUSY and the like: the test that made it busy cleans it up
  }
}

/** A temporary folder, removed after the test file. */
export function scratchDir(prefix = 'synth-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A scratch project root holding the given cluster files (name -> YAML text). */
export function scratchProject(clusters: Record<string, string>): string {
  const root = scratchDir();
  mkdirSync(join(root, 'clusters'));
  for (const [name, text] of Object.entries(clusters)) {
    mkdirSync(join(root, 'clusters', name), { recursive: true });
    writeFileSync(join(root, 'clusters', name, 'cluster.yaml'), text);
  }
  return root;
}

/** A scratch project with a copy of the reference clusters (examples/clusters/). */
export function copyOfProject(): string {
  const root = scratchDir();
  cpSync(join(EXAMPLES, 'clusters'), join(root, 'clusters'), { recursive: true });
  return root;
}

/** The command line of `npm run synth` (one process: killing it kills the synth), from any working directory. */
export const SYNTH_ARGV = [join(ROOT, 'bin/synth.cjs')];

/** Runs the real CLI the way `npm run synth` does. */
export function runSynth(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...SYNTH_ARGV, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    // a hang is a failure, not a stuck test run
    timeout: options.timeout ?? 60_000,
  });
}

/** Every file under `dir` (relative path -> bytes as latin1 text), or an empty map. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, f);
    try {
      files.set(relative(dir, path), readFileSync(path, 'latin1'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
    }
  }
  return files;
}

/** The generated trees of a project root: dist/ and argocd/, keyed by path from the root. */
export function generated(root: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const tree of ['dist', 'argocd']) for (const [p, c] of snapshot(join(root, tree))) all.set(`${tree}/${p}`, c);
  return all;
}

export function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A `utilities:` block switching off every utility a bare cluster would run, for cases their pods would blur. */
export const NO_UTILITIES = `utilities:\n${['spegel', 'descheduler', 'reloader', 'kyverno', 'vpa', 'goldilocks', 'argocd', 'gpu-operator'].map((u) => `  ${u}: { enabled: false }\n`).join('')}`;
