/**
 * Setting apps' `upperBound` values in a cluster file's text, and nothing else. The yaml Document
 * API finds where each value is written (node ranges), and only those characters change: every
 * comment, blank line, quote style and flow or block layout of the rest of the file stays byte for
 * byte. (doc.toString() would re-space flow collections, `[a]` -> `[ a ]`, and re-align comments.)
 * The result is parsed again and compared with what was meant before it is returned.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Bound } from './vpa';

export class EditError extends Error {}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** The cluster file `text` with `apps.<app>.upperBound.<field>` set to each given value. */
export function setUpperBounds(text: string, bounds: ReadonlyMap<string, Bound>): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new EditError(`the cluster file does not parse: ${doc.errors[0].message.split('\n')[0]}`);
  const edits = [...bounds].flatMap(([app, bound]) => boundEdits(text, doc.contents, app, bound));
  // from the end of the file, so that earlier offsets stay valid
  const out = edits.sort((a, b) => b.from - a.from).reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);
  if (!isDeepStrictEqual(normalized(out), normalized(text, bounds)))
    throw new EditError('setting the upperBound values would change more than them: set them by hand');
  return out;
}

function boundEdits(text: string, root: unknown, app: string, bound: Bound): Edit[] {
  const fields = Object.entries(bound).filter(([, v]) => v !== undefined) as [string, string][];
  const appMap = mapAt(pair(mapAt(pair(root, 'apps')?.value), app)?.value);
  if (!appMap) throw new EditError(`apps.${app} is shared through a YAML anchor or alias: set its upperBound by hand`);
  const ub = pair(appMap, 'upperBound');
  if (!ub) return [addPair(text, appMap, 'upperBound', `{ ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`, app)];
  const ubMap = mapAt(ub.value);
  if (!ubMap) throw new EditError(`apps.${app}.upperBound is shared through a YAML anchor or alias: set it by hand`);
  return fields.map(([field, value]) => {
    const node = pair(ubMap, field)?.value;
    if (!node) return addPair(text, ubMap, field, value, app);
    if (!isScalar(node) || node.anchor || !node.range)
      throw new EditError(`apps.${app}.upperBound.${field} is shared through a YAML anchor or alias: set it by hand`);
    // keep the quotes the file uses
    const quoted = node.type === 'QUOTE_DOUBLE' ? `"${value}"` : node.type === 'QUOTE_SINGLE' ? `'${value}'` : value;
    return { from: node.range[0], to: node.range[1], text: quoted };
  });
}

function pair(map: unknown, key: string): Pair<unknown, Node | null> | undefined {
  return isMap(map)
    ? (map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair<unknown, Node | null> | undefined)
    : undefined;
}

/** A mapping that no alias shares: editing an anchored one would change its aliases too. */
function mapAt(node: unknown): YAMLMap | undefined {
  return isMap(node) && !node.anchor && node.range ? node : undefined;
}

/** `key: value` added to a mapping: inside a flow mapping after its last value, or on a line of its own after a block mapping's last one-line value. */
function addPair(text: string, map: YAMLMap, key: string, value: string, app: string): Edit {
  const pairs = map.items as Pair<Node, Node | null>[];
  if (map.flow) {
    const last = pairs.at(-1);
    const at = last ? (last.value ?? last.key).range![1] : map.range![0] + 1;
    return { from: at, to: at, text: last ? `, ${key}: ${value}` : ` ${key}: ${value} ` };
  }
  const oneLine = pairs.filter((p) => isScalar(p.value) && p.value.range && !text.slice(p.key.range![0], p.value.range[1]).includes('\n')).at(-1);
  if (!oneLine) throw new EditError(`no place found for ${key} in apps.${app}: add it by hand`);
  const keyAt = oneLine.key.range![0];
  const indent = keyAt - (text.lastIndexOf('\n', keyAt - 1) + 1);
  const eol = text.indexOf('\n', (oneLine.value as Node).range![1]);
  const line = `${' '.repeat(indent)}${key}: ${value}\n`;
  return eol < 0 ? { from: text.length, to: text.length, text: `\n${line}` } : { from: eol + 1, to: eol + 1, text: line };
}

/** The file's data with the given upperBound values set, CPU quantities as strings (`2` and `"2"` are the same size). */
function normalized(text: string, bounds: ReadonlyMap<string, Bound> = new Map()): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new EditError(`setting the upperBound values would break the file (${doc.errors[0].message.split('\n')[0]}): set them by hand`);
  const data = doc.toJS() as { apps?: Record<string, { upperBound?: Record<string, unknown> }> };
  for (const [name, app] of Object.entries(data.apps ?? {})) {
    if (!app || typeof app !== 'object') continue;
    const set = Object.fromEntries(Object.entries(bounds.get(name) ?? {}).filter(([, v]) => v !== undefined));
    if (app.upperBound || Object.keys(set).length)
      app.upperBound = Object.fromEntries(Object.entries({ ...app.upperBound, ...set }).map(([k, v]) => [k, String(v)]));
  }
  return data;
}
