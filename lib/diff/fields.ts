/**
 * Two versions of one object -> the fields that changed, each with its path and old/new value.
 * Lists of named entries (containers, ports, env, volumes...) are matched by name, so inserting
 * a container does not show every later one as changed; multi-line strings (embedded config
 * files) get a line diff instead of two walls of text.
 */
import { structuredPatch } from 'diff';
import { isDeepStrictEqual } from 'node:util';
import type { DiffLine, FieldChange } from './model';

export function diffFields(before: unknown, after: unknown, path: readonly string[] = []): FieldChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isMap(before) && isMap(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    return keys.flatMap((k) => diffFields(before[k], after[k], [...path, k]));
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    return isNamedList(before) && isNamedList(after) ? diffNamedLists(before, after, path) : diffLists(before, after, path);
  }
  return [fieldChange(path, before, after)];
}

function fieldChange(path: readonly string[], before: unknown, after: unknown): FieldChange {
  const change: FieldChange = { path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
  return isMultiLine(before) || isMultiLine(after) ? { ...change, lines: lineDiff(String(before ?? ''), String(after ?? '')) } : change;
}

function diffLists(before: unknown[], after: unknown[], path: readonly string[]): FieldChange[] {
  const length = Math.max(before.length, after.length);
  return Array.from({ length }, (_, i) => diffFields(before[i], after[i], [...path, `[${i}]`])).flat();
}

type Named = { name: string };

function diffNamedLists(before: Named[], after: Named[], path: readonly string[]): FieldChange[] {
  const old = new Map(before.map((e) => [e.name, e]));
  const now = new Map(after.map((e) => [e.name, e]));
  const names = [...old.keys(), ...[...now.keys()].filter((n) => !old.has(n))];
  const changes = names.flatMap((n) => diffFields(old.get(n), now.get(n), [...path, `[${n}]`]));
  // Same entries in another order: order can matter (env references, init containers), say so.
  const kept = (list: Named[], other: Map<string, Named>) => list.map((e) => e.name).filter((n) => other.has(n));
  const [oldOrder, newOrder] = [kept(before, now), kept(after, old)];
  return isDeepStrictEqual(oldOrder, newOrder) ? changes : [...changes, { path: [...path, '(order)'], before: oldOrder, after: newOrder }];
}

/** A unified diff of two texts, two lines of context, without the "no newline" markers. */
function lineDiff(before: string, after: string): DiffLine[] {
  const { hunks } = structuredPatch('', '', before, after, '', '', { context: 2 });
  return hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.filter((l) => !l.startsWith('\\'))]);
}

/** `spec.template.spec.containers[app].image`, `metadata.annotations["metallb.io/address-pool"]`. */
export function formatFieldPath(path: readonly string[]): string {
  return path
    .map((s, i) => (s.startsWith('[') ? s : s === '(order)' ? ' (order)' : /^[A-Za-z0-9_-]+$/.test(s) ? (i ? `.${s}` : s) : `[${JSON.stringify(s)}]`))
    .join('');
}

export function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((s, i) => path[i] === s);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return typeof v !== 'object' || v === null;
}

function isNamedList(list: unknown[]): list is Named[] {
  const names = list.map((e) => (isMap(e) && typeof e.name === 'string' ? e.name : undefined));
  return names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

function isMultiLine(v: unknown): boolean {
  return typeof v === 'string' && v.includes('\n');
}
