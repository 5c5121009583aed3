/**
 * Reading a cluster file before it is parsed: it must be a regular file (not a folder, a FIFO that
 * would block forever, a device or a dangling link), of a bounded size, in UTF-8 (a stray byte is
 * refused at its position, never turned into U+FFFD). What `clusters/` holds is checked too: a
 * folder without its `cluster.yaml` (a `cluster.yml`, a typo) is an error, not a cluster that
 * silently disappears from `dist/`.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { didYouMean, type Problem } from './problems';

export const CLUSTER_FILE = 'cluster.yaml';

/** Far above any real cluster file (10,000 apps take about 3 MiB), far below what would exhaust memory. */
const MAX_CLUSTER_FILE_BYTES = 16 * 1024 * 1024;

interface ClusterSource {
  readonly name: string;
  /** Path from the project root, for messages. */
  readonly file: string;
  readonly text?: string;
  readonly problem?: Problem;
}

/** Every folder of `clusters/`, sorted, with its cluster file's text or the problem that stops it. */
export function clusterSources(root: string): ClusterSource[] {
  const dir = join(root, 'clusters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry): ClusterSource[] => {
      const file = `clusters/${entry.name}/${CLUSTER_FILE}`;
      const problem = (message: string, fix: string): ClusterSource[] => [
        { name: entry.name, file, problem: { file, line: 1, col: 1, path: '', message, fix } },
      ];
      const folder = join(dir, entry.name);
      if (!isDirectory(folder))
        return entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')
          ? problem(`clusters/${entry.name} is a file; a cluster is a folder`, `move it to clusters/<name>/${CLUSTER_FILE}`)
          : [];
      const path = join(folder, CLUSTER_FILE);
      if (!lstatOrUndefined(path)) {
        const others = readdirSync(folder);
        const guess = didYouMean(CLUSTER_FILE, others);
        return problem(
          `clusters/${entry.name}/ has no ${CLUSTER_FILE}${guess ? ` (it has ${guess})` : ''}`,
          guess ? `rename ${guess} to ${CLUSTER_FILE}` : `create clusters/${entry.name}/${CLUSTER_FILE}, or remove the folder`,
        );
      }
      const stat = statOrUndefined(path);
      if (!stat) return problem(`${file} is a symbolic link to nothing`, 'point the link at an existing file, or replace it with the file');
      if (!stat.isFile()) return problem(`${file} is not a regular file (${kind(stat)})`, 'make it a plain YAML file');
      if (stat.size > MAX_CLUSTER_FILE_BYTES)
        return problem(
          `${file} is ${stat.size} bytes, above the ${MAX_CLUSTER_FILE_BYTES}-byte limit of a cluster file`,
          'split the cluster, or remove what is not a cluster description',
        );
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        return problem(`${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'give the user running synth read access to it');
      }
      const text = decodeUtf8(bytes, file);
      return typeof text === 'string' ? [{ name: entry.name, file, text }] : [{ name: entry.name, file, problem: text }];
    });
}

/** The text, or the position of the first byte that is not UTF-8. */
function decodeUtf8(bytes: Buffer, file: string): string | Problem {
  const bad = firstInvalidByte(bytes);
  if (bad < 0) return bytes.toString('utf8');
  const lines = bytes.subarray(0, bad).toString('utf8').split('\n');
  return {
    file,
    line: lines.length,
    col: [...lines[lines.length - 1]].length + 1,
    path: '',
    message: `byte 0x${bytes[bad].toString(16).padStart(2, '0')} is not UTF-8 (the file is in another encoding, or binary)`,
    fix: 'save the file as UTF-8',
  };
}

/** Where the first byte that starts no valid UTF-8 sequence is (overlong forms and surrogates included), or -1. */
function firstInvalidByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const [length, min] =
      b < 0x80 ? [1, 0] : b >= 0xc2 && b < 0xe0 ? [2, 0x80] : b >= 0xe0 && b < 0xf0 ? [3, 0x800] : b >= 0xf0 && b < 0xf5 ? [4, 0x10000] : [0, 0];
    if (!length || i + length > bytes.length) return i;
    let code = length === 1 ? b : b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

function isDirectory(path: string): boolean {
  return statOrUndefined(path)?.isDirectory() ?? false;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function kind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}
