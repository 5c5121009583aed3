/**
 * `npm run synth` runs a cached bundle of the sources (bin/synth.cjs); it must never run stale
 * code. A copy of the project (its own sources and cache, the packages linked) is edited
 * between runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generated, ROOT, scratchDir } from './helpers';

const copy = scratchDir('launcher-');
for (const entry of ['bin', 'lib', 'charts', 'pipeline', 'imports', 'clusters', 'package.json', 'tsconfig.json'])
  cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
mkdirSync(join(copy, 'node_modules'));
for (const pkg of readdirSync(join(ROOT, 'node_modules'))) if (pkg !== '.cache') symlinkSync(join(ROOT, 'node_modules', pkg), join(copy, 'node_modules', pkg));

const run = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin/synth.cjs'), ...args], { cwd: tmpdir(), encoding: 'utf8' });
const edit = (file: string, from: string, to: string) => writeFileSync(join(copy, file), readFileSync(join(copy, file), 'utf8').replace(from, to));

test('an edited source is what the very next synth runs, __dirname included', () => {
  expect(run('--help').stdout).toContain('usage: npm run synth');
  edit('pipeline/cli.ts', 'usage: npm run synth', 'usage (edited, in ${__dirname}): npm run synth');
  expect(run('--help').stdout).toContain(`usage (edited, in ${join(copy, 'pipeline')}): npm run synth`);
});

test('a source that does not compile: the compiler error, exit 1, dist/ untouched', () => {
  expect(run().status).toBe(0);
  const before = generated(copy);
  edit('pipeline/synth.ts', 'export function render(', 'export function render((');
  const broken = run();
  expect(broken.status).toBe(1);
  expect(broken.stderr).toMatch(/pipeline\/synth\.ts:\d+:\d+: ERROR/);
  expect(broken.stderr).toContain('dist/ and argocd/ are unchanged');
  expect(generated(copy)).toEqual(before);
});
