/** Many files are written on two threads: every byte lands, and a failure on either thread is thrown, code and path kept. */
import { readFileSync, writeFileSync } from 'node:fs';
import { scratchDir } from './helpers';
import { join } from 'node:path';
import { PARALLEL_FROM, writeFiles } from '../lib/output/write-files';

const many = (root: string) =>
  Array.from({ length: PARALLEL_FROM + 10 }, (_, i): [string, string] => [join(root, `app-${Math.floor(i / 7)}`, `file-${i}.yaml`), `n: ${i}\n`]);

test('enough files for two threads: every file has its content', () => {
  const root = scratchDir('write-files-');
  const files = many(root);
  writeFiles(files);
  for (const [file, content] of files) expect(readFileSync(file, 'utf8')).toBe(content);
});

test.each([
  ['the main thread', 0],
  ['the worker', PARALLEL_FROM],
])('a file that cannot be written by %s is an error', (_, index) => {
  const root = scratchDir('write-files-');
  const files = many(root);
  writeFileSync(join(root, 'blocker'), 'a file, not a folder');
  files[index] = [join(root, 'blocker', 'x.yaml'), 'x'];
  expect(() => writeFiles(files)).toThrow(/ENOTDIR|EEXIST/);
  // as the system error it was, from either thread: the CLI names the file and the cause
  let error: NodeJS.ErrnoException | undefined;
  try {
    writeFiles(files);
  } catch (e) {
    error = e as NodeJS.ErrnoException;
  }
  expect(error?.message).toMatch(/ENOTDIR|EEXIST/);
  expect([error!.code, error!.path]).toEqual([expect.stringMatching(/^(ENOTDIR|EEXIST)$/), expect.stringContaining(join(root, 'blocker'))]);
});
