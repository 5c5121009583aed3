/**
 * Offline `cdk8s import`: imports every CRD listed in cdk8s.yaml from the byte-identical copy
 * in ../shared/crds (found by file name), so imports/ can be regenerated without a network.
 * With a network, plain `cdk8s import` reads the same list from the upstream URLs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '..');
const crdDir = resolve(root, '..', 'shared', 'crds');
const localFiles = new Map(readdirSync(crdDir, { recursive: true, encoding: 'utf8' }).map((f) => [basename(f), join(crdDir, f)]));

const { imports } = parse(readFileSync(join(root, 'cdk8s.yaml'), 'utf8')) as { imports: string[] };
for (const spec of imports) {
  const [name, url] = spec.split(':=');
  const local = localFiles.get(basename(url));
  if (!local) throw new Error(`no local copy of ${url} in ${crdDir}`);
  // one spec per run: cdk8s import only takes the first positional spec
  execFileSync(join(root, 'node_modules/.bin/cdk8s'), ['import', '--no-check-upgrade', '--no-save', '-l', 'typescript', '-o', 'imports', `${name}:=${local}`], {
    cwd: root,
    stdio: 'inherit',
  });
}
