/**
 * `npm run new -- <name> [--repo URL] [--kubernetes 1.34] [--distribution kubeadm|k3s|talos]
 * [--node name:cpu:memory[:arch]]... [--pool RANGE] [--root DIR]`: scaffolds
 * clusters/<name>/cluster.yaml (pipeline/scaffold.ts). In a terminal it asks for what the flags leave
 * out; elsewhere the defaults apply, and the repository is required.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { newMain } from '../pipeline/scaffold-cli';

// a terminal is asked what the flags leave out; elsewhere the defaults apply
const terminal = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
newMain(process.argv.slice(2), {
  projectRoot: resolve(__dirname, '..'),
  cwd: process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  ask: terminal && ((question) => terminal.question(question)),
})
  .then((code) => (process.exitCode = code))
  .finally(() => terminal?.close());
