/** Same input, same bytes: whatever the time zone, locale or working directory. */
import { tmpdir } from 'node:os';
import { EXAMPLES, generated, runSynth, scratchDir } from './helpers';

test('two synths in different time zones, locales and working directories are byte-identical', () => {
  const a = scratchDir('det-a-');
  const b = scratchDir('det-b-');
  expect(runSynth(['--root', EXAMPLES, '--out', a], { env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } }).status).toBe(0);
  expect(runSynth(['--root', EXAMPLES, '--out', b], { cwd: tmpdir(), env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } }).status).toBe(
    0,
  );
  const first = generated(a);
  expect(first.size).toBeGreaterThan(0);
  expect(generated(b)).toEqual(first);
});
