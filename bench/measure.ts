/**
 * Runs a command several times and keeps medians: wall time, as a user waits for it, and for
 * Node commands (started with bench/usage.cjs preloaded) CPU time and peak memory. CPU time
 * hardly moves when other processes share the machine; wall time does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Command {
  /** The executable and its arguments; `node` runs this Node.js, with usage measured. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Runs before each run, untimed (e.g. to empty the output folder). */
  readonly before?: () => void;
}

export interface Measurement {
  readonly runs: number;
  /** Milliseconds: median, fastest and slowest wall time. */
  readonly wall: number;
  readonly min: number;
  readonly max: number;
  /** Median CPU time (user + system), milliseconds; Node commands only. */
  readonly cpu?: number;
  /** Highest peak resident memory of all runs, bytes; Node commands only. */
  readonly rss?: number;
}

const USAGE_PRELOAD = join(__dirname, 'usage.cjs');

export function measure(command: Command, runs: number): Measurement {
  const usageDir = mkdtempSync(join(tmpdir(), 'bench-usage-'));
  const usageFile = join(usageDir, 'usage.json');
  const node = command.argv[0] === 'node';
  const [file, ...args] = node ? [process.execPath, '--require', USAGE_PRELOAD, ...command.argv.slice(1)] : command.argv;
  const walls: number[] = [];
  const cpus: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    command.before?.();
    const started = performance.now();
    const run = spawnSync(file, args, {
      cwd: command.cwd,
      env: { ...process.env, ...command.env, BENCH_USAGE: usageFile },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    walls.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`${command.argv.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
    if (node) {
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { rss: number; cpu: number };
      cpus.push(usage.cpu);
      rss = Math.max(rss, usage.rss);
    }
  }
  rmSync(usageDir, { recursive: true, force: true });
  return { runs, wall: median(walls), min: Math.min(...walls), max: Math.max(...walls), ...(node ? { cpu: median(cpus), rss } : {}) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
