/**
 * The committed dist/ and argocd/ are exactly what a fresh synth of the committed clusters
 * produces: the user's own (clusters/, however many, none included) and the examples.
 */
import { EXAMPLES, generated, ROOT, runSynth, scratchDir } from './helpers';

test.each([
  ['your clusters (clusters/ -> dist/; run `npm run synth`)', ROOT],
  ['the examples (examples/clusters/ -> examples/dist/; run `npm run examples`)', EXAMPLES],
])('a fresh synth of %s reproduces what is committed, byte for byte', (_, root) => {
  const out = scratchDir('fresh-');
  const run = runSynth(['--root', root, '--out', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const fresh = generated(out);
  const committed = generated(root);
  const stale = [...new Set([...fresh.keys(), ...committed.keys()])].filter((p) => fresh.get(p) !== committed.get(p)).sort();
  expect(stale).toEqual([]);
});

test('the examples render something (a fresh synth that renders nothing proves nothing)', () => {
  expect([...generated(EXAMPLES).keys()].filter((p) => p.endsWith('.yaml')).length).toBeGreaterThan(300);
});
