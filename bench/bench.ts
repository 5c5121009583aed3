/**
 * `npm run bench [-- --json] [--runs N] [--scales 100,1000,10000] [--scale-runs N]`: how fast
 * synth is on this machine, against its floor and against stock `cdk8s synth`, for the
 * reference clusters (examples/clusters/) and synthetic clusters of growing size. Prints a table and the
 * ratios (or, with --json, the same figures as JSON). Works in a temporary folder: the
 * project's dist/ is never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { layout, YAML_OPTIONS } from '../lib/output/serialize';
import { render, type SynthResult } from '../pipeline/synth';
import { measure, type Command } from './measure';
import { report, type Results, type Row, type ScalePoint } from './report';
import { syntheticCluster } from './synthetic';

const ROOT = join(__dirname, '..');
const { values: options } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '7' },
    scales: { type: 'string', default: '100,1000,10000' },
    'scale-runs': { type: 'string', default: '3' },
  },
});
const runs = Number(options.runs);
const scaleRuns = Number(options['scale-runs']);
const work = mkdtempSync(join(tmpdir(), 'synth-bench-'));
const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Removes folders, then flushes the disk: deleting 100,000 files leaves seconds of write-back
 * that would otherwise slow down the run being measured.
 */
const removed =
  (...dirs: string[]) =>
  () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    spawnSync('sync');
  };

/** Empties the generated trees (and the writer's scratch) of a project root. */
const emptied = (root: string) => removed(...['dist', 'argocd', '.synth'].map((d) => join(root, d)));

/** The floor command for the final objects (and other files, verbatim) of a render of the project at `root`. */
function floorCommand(root: string, { trees, files }: SynthResult): Command {
  const manifests = trees.flatMap((t) => [...layout(t)]);
  const paths = new Set(manifests.map(([path]) => path));
  const dump = join(root, 'objects.json');
  writeFileSync(dump, JSON.stringify({ options: YAML_OPTIONS, manifests, texts: [...files].filter(([path]) => !paths.has(path)) }));
  const out = join(root, 'floor');
  return { argv: ['node', join(__dirname, 'floor.cjs'), dump, out], cwd: ROOT, before: removed(out) };
}

function timed(label: string, command: Command, count: number): Row {
  progress(`  ${label}`);
  return { label, ...measure(command, count) };
}

/** Counts the objects in every YAML file under `dir`. */
function objectsIn(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .reduce((n, f) => n + parseAllDocuments(readFileSync(join(dir, f), 'utf8')).length, 0);
}

function reference(): Results['reference'] {
  const root = join(work, 'reference');
  cpSync(join(ROOT, 'examples', 'clusters'), join(root, 'clusters'), { recursive: true });
  const rendered = render(root);
  const objects = rendered.trees.reduce((n, t) => n + t.bootstrap.length + t.folders.reduce((m, f) => m + f.objects.length, 0), 0);
  const synth = (...extra: string[]): Command => ({ argv: ['node', join(ROOT, 'bin/synth.cjs'), '--root', root, ...extra], cwd: ROOT });
  measure(synth(), 1); // warm-up: builds the bundle if needed, writes dist/ once
  progress(`reference clusters (${rendered.clusters.map((c) => c.name).join(', ')}), ${runs} runs each:`);
  const empty = join(work, 'reference-empty');
  const stockOut = join(work, 'stock-out');
  const rows = {
    npm: timed('npm run synth', { argv: ['npm', 'run', 'synth', '--', '--root', root], cwd: ROOT }, runs),
    direct: timed('node bin/synth.cjs', synth(), runs),
    empty: timed('node bin/synth.cjs, into an empty folder', { ...synth('--out', empty), before: emptied(empty) }, runs),
    cold: timed(
      'node bin/synth.cjs, first run after a source change',
      { ...synth(), before: () => rmSync(join(ROOT, 'node_modules/.cache/synth'), { recursive: true, force: true }) },
      Math.min(runs, 3),
    ),
    tsx: timed('node --import tsx bin/synth.ts', { argv: ['node', '--import', 'tsx', join(ROOT, 'bin/synth.ts'), '--root', root], cwd: ROOT }, runs),
    floor: timed('floor: node + yaml.stringify + write', floorCommand(root, rendered), runs),
    stock: timed(
      'stock: cdk8s synth',
      {
        argv: [join(ROOT, 'node_modules/.bin/cdk8s'), 'synth', '--no-check-upgrade', '--output', stockOut],
        cwd: join(__dirname, 'stock'),
        env: { STOCK_ROOT: root },
      },
      Math.min(runs, 3),
    ),
  };
  return { clusters: rendered.clusters.map((c) => c.name), files: rendered.files.size, objects, stockObjects: objectsIn(stockOut), rows };
}

function scale(apps: number): ScalePoint {
  const root = join(work, `scale-${apps}`);
  mkdirSync(join(root, 'clusters', 'scale'), { recursive: true });
  writeFileSync(join(root, 'clusters', 'scale', 'cluster.yaml'), syntheticCluster('scale', apps));
  const rendered = render(root);
  progress(`${apps} apps, ${scaleRuns} runs each:`);
  const synth: Command = { argv: ['node', join(ROOT, 'bin/synth.cjs'), '--root', root], cwd: ROOT };
  const fresh = timed('synth into an empty dist/', { ...synth, before: emptied(root) }, scaleRuns);
  const again = timed('synth again, nothing changed', synth, scaleRuns);
  const floor = timed('floor', floorCommand(root, rendered), scaleRuns);
  return { apps, files: rendered.files.size, fresh, again, floor };
}

const results: Results = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
  reference: reference(),
  scale: options.scales.split(',').filter(Boolean).map(Number).map(scale),
};
rmSync(work, { recursive: true, force: true });
process.stdout.write(options.json ? JSON.stringify(results, null, 2) + '\n' : report(results));
