/**
 * Failures of the write phase and of the lock: things a user can cause (a full disk, a read-only
 * folder, a second synth), said in one line that the CLI prints as it is, never a stack trace.
 */
import { isAbsolute, relative, sep } from 'node:path';

/** A failure the CLI reports with its message alone (one line): what happened, and what to do. */
export class OutputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Writing (or reading) the generated trees failed; the message says whether they are unchanged. */
export class WriteError extends OutputError {}

/** Another synth holds the lock of this output folder. */
export class LockBusyError extends OutputError {}

/** `no space left on device (ENOSPC)`, from a Node.js system error; the message of anything else. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  if (!code) return e.message;
  // libuv's message: `ENOSPC: no space left on device, write '/path'`
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(e.message);
  return `${m ? m[1] : e.message} (${code})`;
}

/** The path a system error is about, relative to `root` (staging prefixes removed), if it names one. */
export function errorPath(e: unknown, root: string): string | undefined {
  const path = (e as NodeJS.ErrnoException | undefined)?.path;
  if (typeof path !== 'string') return undefined;
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return path;
  const parts = rel.split(sep);
  // .synth/next/dist/x and .synth/old/dist/x are dist/x on their way in or out
  return (parts[0] === '.synth' && (parts[1] === 'next' || parts[1] === 'old') && parts.length > 2 ? parts.slice(2) : parts).join('/');
}

/** What to do about a system error, where it is clear: `: free some disk space, then run synth again`. */
export function remedy(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return ': free some disk space, then run synth again';
    case 'EFBIG':
      return ': raise the file size limit (ulimit -f), then run synth again';
    case 'EACCES':
    case 'EPERM':
      return ': make that folder writable for this user, then run synth again';
    case 'EROFS':
      return ': the file system is read-only; synth into a writable folder (--out DIR)';
    case 'EXDEV':
      return ': dist/ and argocd/ must be on the file system of the folder that holds them (not links to another disk)';
    default:
      return '';
  }
}
