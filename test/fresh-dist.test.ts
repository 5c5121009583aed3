/** The committed dist/ and argocd/ are exactly what a fresh synth of the committed clusters produces. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generated, ROOT, runSynth } from './helpers';

test('a fresh synth reproduces the committed dist/ and argocd/ byte for byte', () => {
  const out = mkdtempSync(join(tmpdir(), 'fresh-'));
  const run = runSynth(['--out', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const fresh = generated(out);
  const committed = generated(ROOT);
  expect(fresh.size).toBeGreaterThan(0);
  const stale = [...new Set([...fresh.keys(), ...committed.keys()])].filter((p) => fresh.get(p) !== committed.get(p)).sort();
  // A failure here means: run `npm run synth` and commit dist/ and argocd/.
  expect(stale).toEqual([]);
});
