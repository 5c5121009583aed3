/** Small helpers shared by the cross-checks. */
import { didYouMean } from './problems';
import { cpuMillis, memoryBytes } from './quantity';

export type Path = (string | number)[];
/** Builds a field path under one app: `at('volumes', 'data')` -> `apps.<name>.volumes.data`. */
export type At = (...path: Path) => Path;

/** "did you mean" for a name that is not among `known`, or the list of what is. */
export function suggest(word: string, known: readonly string[], declareWhere: string): string {
  const guess = didYouMean(word, known);
  return guess ? `did you mean "${guess}"?` : known.length ? `use one of: ${known.join(', ')}` : `declare it under ${declareWhere}`;
}

/** Which of `keys` are set on `value`: for the "exactly one of" fields (probe handlers, volume sources). */
export function setKeys<T extends object>(value: T, keys: readonly (keyof T & string)[]): string[] {
  return keys.filter((k) => value[k] !== undefined);
}

/**
 * Whether a schema-valid CPU or memory quantity is zero. A value the quantity parser cannot read
 * (a number finer than a millicore, or beyond a float) is not zero: reporting it is not this check's job.
 */
export function isZeroQuantity(value: string | number | undefined, kind: 'cpu' | 'memory'): boolean {
  if (value === undefined) return false;
  try {
    return (kind === 'cpu' ? cpuMillis(value) : memoryBytes(value)) === 0;
  } catch {
    return false;
  }
}

/** Millicores or bytes of a quantity, or undefined when the parser cannot read it. */
export function quantityOf(value: string | number, kind: 'cpu' | 'memory'): number | undefined {
  try {
    const n = kind === 'cpu' ? cpuMillis(value) : memoryBytes(value);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}
