/** Small helpers shared by the cross-checks. */
import { didYouMean } from './problems';

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
