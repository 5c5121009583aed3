/**
 * `npm run rightsize`: the seeds' quarterly right-sizing as a command. Reads VPA recommendations
 * (`kubectl get vpa -A -o json`), proposes each app's new `upperBound`, shows the sizes and the
 * capacity it leads to, and with --write sets the upperBounds that fit in the cluster file.
 * Exit code: 0 nothing to change, 1 changes proposed, 2 error (like `npm run diff`).
 */
import { resolve } from 'node:path';
import { rightsizeMain } from '../pipeline/rightsize/cli';

process.exitCode = rightsizeMain(process.argv.slice(2), {
  // npm runs scripts in the project folder; a relative path means where the user typed the command
  cwd: process.env.INIT_CWD ?? process.cwd(),
  projectRoot: resolve(__dirname, '..'),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
