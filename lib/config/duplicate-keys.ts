/**
 * Keys yaml accepts and a cluster file must not have. Duplicates, in every mapping of a parsed
 * document, found in one pass: yaml's own `uniqueKeys` check compares each key with every earlier
 * key of its mapping: quadratic, seconds for a cluster file with thousands of apps. Same error,
 * same position. And keys that are not names but mappings or lists.
 */
import { isAlias, isCollection, isScalar, isSeq, visit, YAMLParseError, type Document } from 'yaml';

export function duplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range) continue;
        // `1:` and `"1":` are one key once the file is read as JSON (object keys are strings)
        const name = String(key.value);
        if (seen.has(name)) errors.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
        seen.add(name);
      }
    },
  });
  return errors;
}

/**
 * Keys that are a mapping or a list (`? [a, b]`, `? {a: 1}`, or an alias to one): a cluster file's
 * keys are names. Converted to plain data they would become their YAML text (with a Node.js warning
 * on stderr): an unknown key that could not even be pointed at.
 */
export function collectionKeys(doc: Document): { code: string; message: string; pos: [number, number] }[] {
  const errors: { code: string; message: string; pos: [number, number] }[] = [];
  visit(doc, {
    Pair(_, { key }) {
      const node = isAlias(key) ? key.resolve(doc) : key;
      const range = (key as { range?: [number, number, number] } | null)?.range;
      if (!isCollection(node) || !range) return;
      const what = `${isAlias(key) ? 'an alias to ' : ''}${isSeq(node) ? 'a list' : 'a mapping'}`;
      errors.push({ code: 'COLLECTION_KEY', message: `a mapping key must be a name, not ${what}`, pos: [range[0], range[1]] });
    },
  });
  return errors;
}
