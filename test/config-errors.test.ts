/**
 * Bad cluster files: every fixture in test/fixtures/invalid holds one mistake and says, on its
 * first line, the error it must produce: `# expect: <path> | <message part> | <fix part> | <line:col>`.
 * Each is rejected with exactly that one problem, and a synth over it leaves dist/ as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCluster, ConfigError } from '../lib/config';
import { synth } from '../pipeline/synth';
import { generated, scratchProject, writeFile } from './helpers';

const dir = join(__dirname, 'fixtures', 'invalid');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const minimal = readFileSync(join(__dirname, 'fixtures', 'minimal.yaml'), 'utf8');

test('the minimal fixture is valid, so each invalid one differs from a valid file by its mistake', () => {
  expect(parseCluster(minimal, 'clusters/mini/cluster.yaml', 'mini').problems).toEqual([]);
});

/** One project synthesized from the minimal file; each fixture then tries to replace it. */
const good = (() => {
  const root = scratchProject({ mini: minimal });
  synth({ root });
  return { root, tree: generated(root) };
})();

test('the project every fixture is tried on has a full dist/ to lose', () => {
  expect(good.tree.size).toBeGreaterThan(0);
});

describe.each(fixtures)('%s', (fixture) => {
  const text = readFileSync(join(dir, fixture), 'utf8');
  const [path, message, fix, position] = /^# expect: (.*)$/m
    .exec(text)![1]
    .split('|')
    .map((s) => s.trim());

  test('is rejected with its own precise error', () => {
    const { model, problems } = parseCluster(text, 'clusters/mini/cluster.yaml', 'mini');
    expect(model).toBeUndefined();
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p.path || '(top level)').toBe(path);
    expect(p.message).toContain(message);
    expect(p.fix ?? '').toContain(fix);
    expect(`${p.line}:${p.col}`).toBe(position);
    expect(p.file).toBe('clusters/mini/cluster.yaml');
  });

  test('stops the synth and leaves dist/ and argocd/ byte-for-byte as they were', () => {
    writeFile(join(good.root, 'clusters', 'mini', 'cluster.yaml'), text);
    expect(() => synth({ root: good.root })).toThrow(ConfigError);
    expect(generated(good.root)).toEqual(good.tree);
  });
});
