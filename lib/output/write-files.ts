/**
 * Writes many new files, on two threads when there are enough of them: creating a file is
 * mostly kernel time, which a second core nearly halves (a first synth of 10,000 apps writes
 * 130,000 files). Synchronous all the same: the main thread writes its half, then waits for the
 * worker's. An error on either side is thrown here.
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
  if (files.length < PARALLEL_FROM) return writeAll(files, { mkdirSync, writeFileSync }, dirname);
  const half = files.length >> 1; // in folder order: each thread gets whole folders, mostly
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { eval: true, workerData: { source: String(writeAll), files: files.slice(half), done, port: port2 }, transferList: [port2] });
  let failure: unknown;
  try {
    writeAll(files.slice(0, half), { mkdirSync, writeFileSync }, dirname);
  } catch (e) {
    failure = e;
  }
  Atomics.wait(done, 0, 0);
  const outcome = receiveMessageOnPort(port1)?.message as { error?: unknown } | undefined;
  void worker.terminate();
  if (failure ?? outcome?.error) throw failure ?? outcome?.error;
}

/** Self-contained (what it uses of fs and path are parameters): the worker runs this function's own source. */
function writeAll(files: Files, fs: Fs, dirnameOf: (file: string) => string): void {
  const made = new Set<string>();
  for (const [file, content] of files) {
    const dir = dirnameOf(file);
    if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true }), made.add(dir);
    fs.writeFileSync(file, content);
  }
}

/** The worker: whatever happens (even source that does not parse), it reports and signals, so the wait ends. */
const WORKER = `
const { workerData: { source, files, done, port } } = require('node:worker_threads');
let error;
try {
  (0, eval)('(' + source + ')')(files, require('node:fs'), require('node:path').dirname);
} catch (e) {
  error = e;
}
port.postMessage({ error });
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
`;
