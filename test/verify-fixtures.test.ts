/**
 * Cluster files that pass every config check but fail on the final objects: each fixture in
 * test/fixtures/invalid-synth holds one such mistake and names, on its first line, the finding it
 * must produce: `# expect-finding: <rule> | <part of "object message">`. A synth over it (after a
 * synth of the minimal cluster, the previous tree) stops with errors of that rule only, and
 * leaves dist/ and argocd/ byte-for-byte as they were.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synth } from '../pipeline/synth';
import { VerifyError } from '../lib/verify';
import { generated, scratchProject, writeFile } from './helpers';

const dir = join(__dirname, 'fixtures', 'invalid-synth');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const minimal = readFileSync(join(__dirname, 'fixtures', 'minimal.yaml'), 'utf8');

test.each(fixtures)('%s fails the synth with its own finding and leaves dist/ as it was', (fixture) => {
  const text = readFileSync(join(dir, fixture), 'utf8');
  const [rule, message] = /^# expect-finding: (.*)$/m
    .exec(text)![1]
    .split('|')
    .map((s) => s.trim());
  const root = scratchProject({ mini: minimal });
  synth({ root });
  const before = generated(root);
  writeFile(join(root, 'clusters', 'mini', 'cluster.yaml'), text);

  let error: unknown;
  try {
    synth({ root });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(VerifyError);
  const errors = (error as VerifyError).findings.filter((f) => f.level === 'error');
  expect(errors.map((f) => f.rule)).toEqual(errors.map(() => rule));
  expect(errors.map((f) => `${f.object} ${f.message}`).join('\n')).toContain(message);
  for (const f of errors) expect(f).toMatchObject({ cluster: 'mini', app: expect.any(String), object: expect.any(String), fix: expect.any(String) });
  expect(generated(root)).toEqual(before);
});
