/**
 * Writes many new files, on two threads when there are enough of them: creating a file is
 * mostly kernel time, which a second core nearly halves (a first synth of 10,000 apps writes
 * 130,000 files). Synchronous all the same: the main thread writes its half, then waits for the
 * worker's. An error on either side stops both and is thrown here, as the system error it was
 * (`code`, `syscall` and `path` kept: a failed write() names the file it was writing).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

type Files = readonly (readonly [string, string])[];
type Fs = { mkdirSync: typeof mkdirSync; writeFileSync: typeof writeFileSync };

/** Below this many files, starting a worker costs more than it saves. */
export const PARALLEL_FROM = 2000;

/** Absolute path -> contents, in folder order. Folders are created as needed. */
export function writeFiles(files: Files): void {
  if (files.length < PARALLEL_FROM) return writeAll(files, { mkdirSync, writeFileSync }, dirname, () => false);
  const half = files.length >> 1; // in folder order: each thread gets whole folders, mostly
  // [0]: the worker is done; [1]: a thread failed, the other stops
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { source: String(writeAll), files: files.slice(half), flags, port: port2 },
    transferList: [port2],
  });
  let failure: unknown;
  try {
    writeAll(files.slice(0, half), { mkdirSync, writeFileSync }, dirname, () => Atomics.load(flags, 1) === 1);
  } catch (e) {
    failure = e;
    Atomics.store(flags, 1, 1);
  }
  Atomics.wait(flags, 0, 0);
  const outcome = receiveMessageOnPort(port1)?.message as { error?: Record<string, unknown> } | undefined;
  void worker.terminate();
  if (failure) throw failure;
  if (outcome?.error) throw Object.assign(new Error(String(outcome.error.message)), outcome.error);
}

/** Self-contained (what it uses of fs and path are parameters): the worker runs this function's own source. */
function writeAll(files: Files, fs: Fs, dirnameOf: (file: string) => string, stopped: () => boolean): void {
  const made = new Set<string>();
  for (const [file, content] of files) {
    if (stopped()) return;
    try {
      const dir = dirnameOf(file);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.writeFileSync(file, content);
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      if (error && typeof error === 'object' && !error.path) error.path = file; // ENOSPC and EFBIG come from write(), which names no file
      throw e;
    }
  }
}

/**
 * The worker: whatever happens (even source that does not parse), it reports and signals, so the
 * wait ends. The error goes as plain fields: a cloned Error would lose its code and path.
 */
const WORKER = `
const { workerData: { source, files, flags, port } } = require('node:worker_threads');
let error;
try {
  (0, eval)('(' + source + ')')(files, require('node:fs'), require('node:path').dirname, () => Atomics.load(flags, 1) === 1);
} catch (e) {
  Atomics.store(flags, 1, 1);
  error = { message: String(e && e.message) };
  for (const key of ['name', 'stack', 'code', 'errno', 'syscall', 'path', 'dest']) if (e && e[key] !== undefined) error[key] = e[key];
}
port.postMessage({ error });
Atomics.store(flags, 0, 1);
Atomics.notify(flags, 0);
`;
