/**
 * One synth at a time per output folder: real synths started together over one folder never mix
 * their trees and never exit 0 over a tree that is not their input's; a second synth is refused
 * in one line naming the holder; a lock whose holder is gone is taken over, by one synth only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LockBusyError } from '../lib/output/errors';
import { acquireLock, LOCK_FILE } from '../lib/output/lock';
import { synth } from '../pipeline/synth';
import { generated, ROOT, runSynth, scratchProject, SYNTH_ARGV, scratchDir } from './helpers';

const APPS = 6;

/** A small cluster; `changed` (if any) is the one app on another image: each input differs from the base in its own files. */
function clusterFile(changed?: number): string {
  const lines = [
    'name: demo',
    'kubernetes: { version: "1.34" }',
    'gitops: { repoURL: https://git.example.com/demo.git }',
    'nodes:',
    '  n1: { cpu: 16, memory: 64Gi }',
    'apps:',
  ];
  for (let i = 0; i < APPS; i++) lines.push(`  app${i}: { image: "nginx:1.27.${i === changed ? 4 : 3}", tier: 4-aux, ports: { http: { port: 80 } } }`);
  return `${lines.join('\n')}\n`;
}

/** The trees a synth of `text` writes (into its own scratch project). */
const treeOf = (text: string) => generated(((root) => (synth({ root }), root))(scratchProject({ demo: text })));

/** The real CLI, started now; resolves when it exits. */
function start(args: string[], waitMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...SYNTH_ARGV, ...args], { cwd: ROOT, env: { ...process.env, SYNTH_LOCK_WAIT_MS: String(waitMs) } });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** `synth failed: another synth (pid 123, ...) is writing <out>; ...`: the holder named, one line. */
const busy = (out: string, pid: number) =>
  new RegExp(
    `^synth failed: another synth \\(pid ${pid}, \`[^\`]+\`, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, \\d+ s ago\\) is writing ${out}; dist/ and argocd/ are unchanged: ` +
      `run synth again when it is done \\(if no synth is running, delete ${out}/\\.synth\\.lock\\)\\n$`,
  );

/** A pid that no process has: a child that has exited (and been reaped). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

const lockFiles = (out: string) => readdirSync(out).filter((f) => f.startsWith(LOCK_FILE));

/** How many files differ between two trees (written by a synth going from one to the other). */
const differing = (a: Map<string, string>, b: Map<string, string>) => [...b].filter(([path, content]) => a.get(path) !== content).length;

test('synths started together over one output folder: one input whole at the end; each wrote its own input or was refused', async () => {
  const inputs = Array.from({ length: APPS }, (_, i) => clusterFile(i));
  const [base, ...trees] = [clusterFile(), ...inputs].map(treeOf);
  const out = scratchDir('synth-lock-');
  synth({ root: scratchProject({ demo: clusterFile() }), out }); // the base trees
  const roots = inputs.map((text) => scratchProject({ demo: text }));

  // while this test holds the lock, synths that do not wait are refused, naming it
  const held = acquireLock(out);
  const refused = await Promise.all([0, 1].map((i) => start(['--root', roots[i], '--out', out], 0)));
  for (const run of refused) expect([run.status, run.stdout, run.stderr]).toEqual([1, '', expect.stringMatching(busy(out, process.pid))]);
  held.release();

  // six at once, half of them waiting for the others: without the lock each would apply its own
  // change to the trees it found, and the end would be several changes, which is no input's output
  const waits = [15_000, 0, 15_000, 0, 15_000, 0];
  let before = base;
  for (let round = 0; round < 2; round++) {
    const runs = await Promise.all(roots.map((root, i) => start(['--root', root, '--out', out], waits[i])));
    const final = generated(out);
    const winner = trees.findIndex((tree) => tree.size === final.size && [...tree].every(([path, content]) => final.get(path) === content));
    expect(winner).toBeGreaterThanOrEqual(0); // exactly one input's whole output: the inputs differ in distinct files
    expect(runs[winner].status).toBe(0);
    runs.forEach((run, i) => {
      if (run.status === 0) {
        // it wrote its own input whole, over the trees of before or over another input's whole output
        const counts = [before, ...trees.filter((_, j) => j !== i)].map((from) => `${trees[i].size} files: ${differing(from, trees[i])} written, `);
        expect(counts.some((c) => run.stdout.includes(`${out}/dist and ${out}/argocd: ${c}`))).toBe(true);
        expect(run.stderr).toBe('');
      } else {
        expect([waits[i], run.status, run.stdout]).toEqual([0, 1, '']);
        expect(run.stderr).toMatch(/^synth failed: another synth \(pid \d+, .*\) is writing .*\n$/);
      }
    });
    expect(runs.filter((_, i) => waits[i]).map((r) => r.status)).toEqual([0, 0, 0]); // 15 s is enough to wait for the others
    before = final;
  }
  expect(lockFiles(out)).toEqual([]);
  expect(existsSync(join(out, '.synth'))).toBe(false);
}, 60_000);

test('a second synth waits, then is refused in one line naming the holder; the trees are untouched', () => {
  const root = scratchProject({ demo: clusterFile() });
  synth({ root });
  const before = generated(root);
  writeFileSync(join(root, 'clusters/demo/cluster.yaml'), clusterFile(1));
  const held = acquireLock(root);
  const started = Date.now();
  const run = runSynth(['--root', root], { env: { SYNTH_LOCK_WAIT_MS: '400' } });
  expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  expect([run.status, run.stdout]).toEqual([1, '']);
  expect(run.stderr).toMatch(busy(root, process.pid));
  expect(generated(root)).toEqual(before);
  expect(JSON.parse(readFileSync(join(root, LOCK_FILE), 'utf8'))).toEqual(held.holder); // still ours
  held.release();
  expect(runSynth(['--root', root]).status).toBe(0); // and free again
  expect(lockFiles(root)).toEqual([]);
});

test('a lock left by a synth that is gone is taken over, with a warning; one from another host is not', () => {
  const root = scratchProject({ demo: clusterFile() });
  const lock = (fields: Record<string, unknown>) =>
    writeFileSync(
      join(root, LOCK_FILE),
      JSON.stringify({
        pid: deadPid(),
        hostname: hostname(),
        since: '2020-01-01T00:00:00.000Z',
        command: 'node bin/synth.cjs',
        nonce: Math.random().toString(36),
        ...fields,
      }),
    );
  const warning = (pid: number) =>
    `warning: took over ${root}/${LOCK_FILE} from pid ${pid} (\`node bin/synth.cjs\`, since 2020-01-01T00:00:00.000Z), which is no longer running\n`;

  const dead = deadPid();
  lock({ pid: dead });
  let run = runSynth(['--root', root]);
  expect([run.status, run.stderr]).toEqual([0, warning(dead)]);
  expect(lockFiles(root)).toEqual([]);

  if (existsSync('/proc/self/stat')) {
    // alive, but another process: started at another time, or before the machine restarted
    lock({ pid: process.pid, processStart: '1' });
    expect(runSynth(['--root', root]).stderr).toBe(warning(process.pid));
    lock({ pid: process.pid, bootId: 'another-boot' });
    expect(runSynth(['--root', root]).stderr).toBe(warning(process.pid));
  }

  // a dead pid on another host says nothing about that host's processes
  const other = deadPid();
  lock({ pid: other, hostname: 'elsewhere' });
  run = runSynth(['--root', root], { env: { SYNTH_LOCK_WAIT_MS: '0' } });
  expect([run.status, run.stdout]).toEqual([1, '']);
  expect(run.stderr).toMatch(
    new RegExp(`^synth failed: another synth \\(pid ${other} on elsewhere, .* \\(if no synth is running on elsewhere, delete ${root}/\\.synth\\.lock\\)\\n$`),
  );

  // a lock that names no holder is not taken over either
  writeFileSync(join(root, LOCK_FILE), '');
  run = runSynth(['--root', root], { env: { SYNTH_LOCK_WAIT_MS: '0' } });
  expect(run.stderr).toBe(
    `synth failed: ${root}/${LOCK_FILE} exists but does not say which synth holds it; dist/ and argocd/ are unchanged: if no synth is writing ${root}, delete ${root}/${LOCK_FILE} and run synth again\n`,
  );
});

test('a stale lock and the guard of a takeover that died halfway are taken over, and cleaned up', () => {
  const out = scratchDir('synth-lock-');
  const stale = JSON.stringify({ pid: deadPid(), hostname: hostname(), since: '2020-01-01T00:00:00.000Z', command: 'x', nonce: 'a' });
  writeFileSync(join(out, LOCK_FILE), stale);
  const guard = `${LOCK_FILE}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  writeFileSync(join(out, guard), JSON.stringify({ pid: deadPid(), hostname: hostname(), since: '2020-01-01T00:00:01.000Z', command: 'y', nonce: 'b' }));
  const lock = acquireLock(out, { waitMs: 0 });
  expect(lock.tookOver?.nonce).toBe('a');
  expect(lockFiles(out)).toEqual([LOCK_FILE]);
  expect(() => acquireLock(out, { waitMs: 0 })).toThrow(LockBusyError); // held now, by a live process
  lock.release();
  expect(lockFiles(out)).toEqual([]);
});

test('processes taking over stale locks at the same moment: never two holders at once', async () => {
  const out = scratchDir('synth-lock-');
  const log = join(out, 'log');
  const script = join(out, 'take.ts');
  // For a second and a half, each process takes the lock when it can, logs in and out around a
  // short hold, and then dies without releasing it: the lock is left stale (its holder is a pid
  // that no process has), and the others race to take it over, again and again.
  writeFileSync(
    script,
    `import { spawnSync } from 'node:child_process';
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { acquireLock, LOCK_FILE } from ${JSON.stringify(join(ROOT, 'lib/output/lock'))};
const [out, log, at] = process.argv.slice(2);
const dead = spawnSync(process.execPath, ['-e', '']).pid;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
while (Date.now() < Number(at)) sleep(1);
let n = 0;
while (Date.now() < Number(at) + 1500) {
  let lock;
  try {
    lock = acquireLock(out, { waitMs: 0 });
  } catch (e) {
    if ((e as Error).name !== 'LockBusyError') throw e;
    continue;
  }
  appendFileSync(log, \`in \${process.pid} \${lock.tookOver ? 'took-over' : 'free'}\n\`);
  sleep(2);
  appendFileSync(log, \`out \${process.pid}\n\`);
  const tmp = \`\${out}/stale.\${process.pid}\`;
  writeFileSync(tmp, JSON.stringify({ pid: dead, hostname: hostname(), since: new Date().toISOString(), command: 'x', nonce: \`\${process.pid}-\${n++}\` }));
  renameSync(tmp, \`\${out}/\${LOCK_FILE}\`);
}
`,
  );
  const at = Date.now() + 2500;
  const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', script, out, log, String(at)], { cwd: ROOT, stdio: 'inherit' }));
  const codes = await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
  expect(codes).toEqual([0, 0, 0, 0]);
  const events = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' '));
  // in, out, in, out..., each out by the process that came in
  events.forEach((e, i) => expect([i, e[0]]).toEqual([i, i % 2 ? 'out' : 'in']));
  for (let i = 1; i < events.length; i += 2) expect(events[i][1]).toBe(events[i - 1][1]);
  expect(events.filter((e) => e[2] === 'took-over').length).toBeGreaterThan(20);
  expect(new Set(events.map((e) => e[1])).size).toBeGreaterThan(1);
}, 30_000);
