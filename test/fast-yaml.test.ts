/**
 * The fast YAML emitter writes exactly the bytes yaml writes: for every object of the reference
 * clusters and of a synthetic cluster, and for random objects made of awkward scalars.
 */
import { stringify } from 'yaml';
import { syntheticCluster } from '../bench/synthetic';
import { fastYaml } from '../lib/output/fast-yaml';
import { YAML_OPTIONS } from '../lib/output/serialize';
import { render } from '../pipeline/synth';
import { EXAMPLES, scratchProject } from './helpers';

const fast = fastYaml(YAML_OPTIONS);
const objectsOf = (root: string) => render(root).trees.flatMap((t) => [...t.bootstrap, ...t.folders.flatMap((f) => f.objects)]);

test.each([
  ['the reference clusters', EXAMPLES],
  ['a synthetic cluster', scratchProject({ demo: syntheticCluster('demo', 40) })],
])('%s: the fast path takes nearly every object and writes yaml’s bytes', (_, root) => {
  const objects = objectsOf(root);
  const taken = objects.filter((object) => {
    const text = fast(object);
    if (text !== undefined) expect(text).toBe(stringify(object, YAML_OPTIONS));
    return text !== undefined;
  });
  expect(objects.length).toBeGreaterThan(10);
  expect(taken.length).toBeGreaterThan(0.9 * objects.length); // the others: multi-line strings, which yaml writes
});

/** Scalars that YAML 1.1 or 1.2 would read as something else, or that need quoting. */
const AWKWARD: unknown[] = [
  '',
  ' ',
  'plain',
  'two words',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  '~',
  'null',
  'Null',
  'true',
  'False',
  '0',
  '012',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1e3',
  '.5',
  '-1',
  '+1',
  '1:20',
  '190:20:30',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '.inf',
  '-.Inf',
  '.nan',
  '=',
  '<<',
  '- a',
  '-',
  '?',
  '? a',
  ':',
  'a: b',
  'a:b',
  'a :b',
  'trailing ',
  ' leading',
  'a #b',
  'a#b',
  '#c',
  '%x',
  '@x',
  '`x',
  '!tag',
  '&anchor',
  '*alias',
  '[x',
  ']',
  '{x}',
  ',',
  '|',
  '>',
  "'s'",
  '"d"',
  'both \' and "',
  'é ü 漢字',
  'emoji 🙂',
  '\u0007bell',
  '\t',
  'tab\tinside',
  'back\\slash',
  '---',
  '--- x',
  '...',
  'a\nb',
  'line\n',
  'x'.repeat(1200),
  'nvidia.com/gpu',
  'app.kubernetes.io/name',
  '10.0.20.210',
  '1.34',
  '500m',
  '8Gi',
  0,
  -0,
  -1,
  1.5,
  1e21,
  1e-7,
  123456789012,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  null,
];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const roll = next();
  if (depth > 3 || roll < 0.5) return pick(AWKWARD);
  if (roll < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  return randomObject(next, depth + 1, Math.floor(next() * 4));
}

function randomObject(next: () => number, depth: number, size: number): Record<string, unknown> {
  const keys = AWKWARD.filter((k): k is string => typeof k === 'string');
  return Object.fromEntries(Array.from({ length: size }, () => [keys[Math.floor(next() * keys.length)], randomValue(next, depth)]));
}

test('random objects of awkward scalars: the same bytes as yaml, or no fast path', () => {
  const next = random(9);
  let taken = 0;
  for (let i = 0; i < 3000; i++) {
    const object = randomObject(next, 0, 1 + Math.floor(next() * 5));
    const text = fast(object);
    if (text !== undefined) {
      taken++;
      expect([i, text]).toEqual([i, stringify(object, YAML_OPTIONS)]);
    }
  }
  expect(taken).toBeGreaterThan(1000); // the fast path was exercised, not skipped
});
