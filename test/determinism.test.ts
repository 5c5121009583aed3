/** Same input, same bytes: whatever the time zone, locale or working directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generated, runSynth } from './helpers';

test('two synths in different time zones, locales and working directories are byte-identical', () => {
  const a = mkdtempSync(join(tmpdir(), 'det-a-'));
  const b = mkdtempSync(join(tmpdir(), 'det-b-'));
  expect(runSynth(['--out', a], { env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } }).status).toBe(0);
  expect(runSynth(['--out', b], { cwd: tmpdir(), env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } }).status).toBe(0);
  const first = generated(a);
  expect(first.size).toBeGreaterThan(0);
  expect(generated(b)).toEqual(first);
});
