/**
 * The code's layers follow the pipeline (docs/ARCHITECTURE.md): a module imports only from its own
 * layer's folder or from the layers below it, and folders do not import each other in a cycle. Read
 * off the sources' relative imports, so a new upward import fails here with its file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers';

/** Bottom to top; a folder may import its own layer's folders and every folder of a lower layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['lib/objects'],
  ['lib/config'],
  ['lib/k8s', 'lib/gpu'],
  ['lib/tiers', 'lib/storage', 'lib/secrets', 'lib/network', 'lib/workloads', 'lib/platform', 'lib/gitops'],
  ['charts'],
  ['lib/diff', 'lib/verify'],
  ['lib/docs'],
  ['lib/output'],
  ['pipeline'],
];

const layerOf = (folder: string) => LAYERS.findIndex((l) => l.includes(folder));

/** `lib/config/load.ts` -> `lib/config`; `lib/gpu.ts` -> `lib/gpu`; `charts/platform/x.ts` -> `charts`. */
function folderOf(file: string): string {
  const parts = relative(ROOT, file).replace(/\.ts$/, '').split('/');
  return parts[0] === 'lib' ? `lib/${parts[1]}` : parts[0];
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, dir, f));
}

const edges = ['lib', 'charts', 'pipeline'].flatMap(sources).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '(\.{1,2}\/[^']+)'/gms)].map((m) => {
    const target = resolve(dirname(file), m[1]);
    return { file: relative(ROOT, file), from: folderOf(file), to: folderOf(target.endsWith('.ts') ? target : `${target}.ts`) };
  }),
);

test('every folder of lib/, charts/ and pipeline/ has a layer', () => {
  const folders = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((f) => f.startsWith('lib/') || f === 'charts' || f === 'pipeline');
  expect(folders.filter((f) => layerOf(f) < 0)).toEqual([]);
});

test('no import goes up a layer', () => {
  const upward = edges
    .filter((e) => e.from !== e.to && layerOf(e.to) > layerOf(e.from))
    .map((e) => `${e.file} imports ${e.to} (layer ${layerOf(e.to)} above ${layerOf(e.from)})`);
  expect([...new Set(upward)]).toEqual([]);
});

test('no two folders import each other, directly or around a cycle', () => {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) if (e.from !== e.to) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    if (path.includes(node)) return void cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  expect(cycles).toEqual([]);
});
