/**
 * One synth at a time per output folder: `<out>/.synth.lock`, taken before the previous trees are
 * recovered or read and released when the new ones are written. Two synths at once would plan
 * their updates against the same old trees and interleave them into a tree that is neither's.
 *
 * The lock file names its holder (pid, host, start time, command line). It is created whole and
 * exclusively: written under a temporary name, then hard-linked to `.synth.lock`, which fails if
 * the lock exists (where hard links are not supported: `open(O_CREAT|O_EXCL)`). A second synth
 * polls for a few seconds, then fails with a LockBusyError naming the holder.
 *
 * A lock whose holder is gone (killed, or the machine restarted) is stale, and taken over; only a
 * holder on this host can be known to be gone, so a lock from another host never is. Gone means:
 * no process has that pid (`kill(pid, 0)` fails with ESRCH), or, on Linux, the pid now belongs to
 * a process that started at another time, or the machine has booted since. Taking over is a
 * rename of a fresh lock over the stale one, done by whoever first creates the guard file named
 * after the stale lock's content (`.synth.lock.takeover-<hash>`) and, holding it, still finds that
 * content: of two synths taking over one stale lock, one wins, the other finds the winner's live
 * lock. A guard whose holder died is taken over the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describeError, LockBusyError, remedy, WriteError } from './errors';

export const LOCK_FILE = '.synth.lock';
/** How long a second synth waits for the first, unless SYNTH_LOCK_WAIT_MS says otherwise. */
const DEFAULT_LOCK_WAIT_MS = 5000;
const POLL_MS = 50;
/** Temporary files and guards of a synth killed while it took the lock: removed when older than this. */
const LITTER_AGE_MS = 60_000;

/** Options of `synth()` about its output folder. */
export interface OutputOptions {
  /** How long to wait for another synth writing the same folder (default: SYNTH_LOCK_WAIT_MS, else 5 s). */
  readonly lockWaitMs?: number;
  /** Where one-line warnings about the output folder go (a lock taken over, an update completed); default stderr. */
  readonly warn?: (line: string) => void;
}

/** What a lock file says. */
interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** When it took the lock (ISO 8601, UTC). */
  readonly since: string;
  readonly command: string;
  /** Linux: the boot it ran in (a lock from before a restart is stale). */
  readonly bootId?: string;
  /** Linux: its start time, in clock ticks since boot (a pid reused by another process is told apart). */
  readonly processStart?: string;
  /** Makes every lock's content unique: a takeover replaces one content, never a newer lock. */
  readonly nonce: string;
}

interface SynthLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** The holder of the stale lock this one replaced. */
  readonly tookOver?: LockHolder;
  /** Removes the lock if it is still this one; safe to call twice. */
  release(): void;
}

/** Takes the lock of `out` (creating `out` if needed), waiting up to `waitMs` for another synth to finish. */
export function acquireLock(out: string, options: { waitMs?: number } = {}): SynthLock {
  const path = join(out, LOCK_FILE);
  const waitMs = options.waitMs ?? waitFromEnvironment() ?? DEFAULT_LOCK_WAIT_MS;
  const holder = currentProcess();
  const text = `${JSON.stringify(holder, null, 2)}\n`;
  let tookOver: LockHolder | undefined;
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw new WriteError(`synth failed while creating ${out}: ${describeError(e)}; nothing was written`, { cause: e });
  }
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (create(path, text)) break;
      const current = read(path);
      if (current === undefined) continue; // released meanwhile: try again at once
      const other = parse(current);
      if (other && isStale(other) && replaceStale(path, current, text, 0)) {
        tookOver = other;
        break;
      }
      const left = deadline - Date.now();
      // a stale lock another synth is taking over this very moment: a little longer, to name the winner
      const takeover = other !== undefined && left > -1000 && isStale(other);
      if (left <= 0 && !takeover) throw new LockBusyError(busyMessage(out, path, other));
      sleep(left > 0 ? Math.min(POLL_MS, left) : 5);
    }
  } catch (e) {
    if (e instanceof LockBusyError) throw e;
    throw new WriteError(`synth failed while taking the lock ${path}: ${describeError(e)}; dist/ and argocd/ are unchanged${remedy(e)}`, { cause: e });
  }
  clearLitter(out);
  let released = false;
  return {
    path,
    holder,
    tookOver,
    release() {
      if (released) return;
      released = true;
      try {
        if (read(path) === text) rmSync(path, { force: true });
      } catch {
        // left behind: stale once this process is gone, and taken over then
      }
    },
  };
}

/** `warning: took over ... from pid 123 ..., which is no longer running`. */
export function tookOverWarning(lock: SynthLock): string | undefined {
  const h = lock.tookOver;
  return h && `warning: took over ${lock.path} from pid ${h.pid} (\`${h.command}\`, since ${h.since}), which is no longer running`;
}

/** Whether the holder of a lock is known to be gone: only a holder on this host can be. */
function isStale(holder: LockHolder): boolean {
  return holder.hostname === hostname() && !isAlive(holder);
}

function isAlive(holder: LockHolder): boolean {
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false; // the machine restarted since
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false; // EPERM: alive, another user's
  }
  const start = holder.processStart && processStart(holder.pid);
  return !(start && start !== holder.processStart); // a different start: the pid is another process's now
}

function busyMessage(out: string, path: string, other: LockHolder | undefined): string {
  if (!other) {
    return `synth failed: ${path} exists but does not say which synth holds it; dist/ and argocd/ are unchanged: if no synth is writing ${out}, delete ${path} and run synth again`;
  }
  const host = other.hostname === hostname() ? '' : ` on ${other.hostname}`;
  const age = Date.parse(other.since);
  const ago = Number.isNaN(age) ? '' : `, ${duration(Date.now() - age)} ago`;
  return (
    `synth failed: another synth (pid ${other.pid}${host}, \`${other.command}\`, since ${other.since}${ago}) is writing ${out}; dist/ and argocd/ are unchanged: ` +
    `run synth again when it is done (if no synth is running${host ? ` on ${other.hostname}` : ''}, delete ${path})`
  );
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

/**
 * Replaces the file at `path` if it still holds `stale`, with `text`; false if someone else did
 * (or is doing it). The guard makes the check and the rename one step: everyone replacing this
 * content needs it, and no one else changes a lock whose holder is gone.
 */
function replaceStale(path: string, stale: string, text: string, depth: number): boolean {
  if (depth > 4) return false;
  const guard = `${path}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  if (!create(guard, text)) {
    const current = read(guard);
    const other = current === undefined ? undefined : parse(current);
    // another synth is taking over (or just did): the caller looks again
    if (!other || !isStale(other) || !replaceStale(guard, current!, text, depth + 1)) return false;
  }
  try {
    if (read(path) !== stale) return false;
    const tmp = temporaryName(path);
    writeFileSync(tmp, text, { flag: 'wx' });
    try {
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Creates `path` holding `text`, whole, if it does not exist; false if it does. */
function create(path: string, text: string): boolean {
  const tmp = temporaryName(path);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createExclusive(path, text); // no hard links here
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
    closeSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(path, { force: true }); // an empty lock would name no holder
    throw e;
  }
  return true;
}

const temporaryName = (path: string) => `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

/** The file's text; undefined if there is none; '' if it cannot be read (a holder that cannot be named). */
function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : '';
  }
}

function parse(text: string): LockHolder | undefined {
  try {
    const h = JSON.parse(text) as LockHolder;
    if (Number.isSafeInteger(h.pid) && h.pid > 0 && typeof h.hostname === 'string' && typeof h.since === 'string' && typeof h.command === 'string') return h;
  } catch {
    // not a lock this synth wrote
  }
  return undefined;
}

/** Temporary files and guards left by synths killed while they took the lock: harmless, but litter. */
function clearLitter(out: string): void {
  try {
    for (const name of readdirSync(out)) {
      if (!name.startsWith(`${LOCK_FILE}.`)) continue;
      const file = join(out, name);
      if (Date.now() - statSync(file).mtimeMs > LITTER_AGE_MS) rmSync(file, { force: true });
    }
  } catch {
    // litter stays for the next synth
  }
}

function currentProcess(): LockHolder {
  const argv = ['node', ...process.argv.slice(1)].join(' ');
  return {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    command: argv.length > 300 ? `${argv.slice(0, 300)}...` : argv,
    bootId: bootId(),
    processStart: processStart(process.pid),
    nonce: randomBytes(8).toString('hex'),
  };
}

let boot: string | null | undefined;
function bootId(): string | undefined {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      boot = null;
    }
  }
  return boot ?? undefined;
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] || undefined;
  } catch {
    return undefined;
  }
}

function waitFromEnvironment(): number | undefined {
  const value = process.env.SYNTH_LOCK_WAIT_MS;
  const ms = value ? Number(value) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
