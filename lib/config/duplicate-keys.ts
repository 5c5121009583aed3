/**
 * The duplicate keys of every mapping of a parsed document, found in one pass. yaml's own
 * `uniqueKeys` check compares each key with every earlier key of its mapping: quadratic, seconds
 * for a cluster file with thousands of apps. Same error, same position.
 */
import { isScalar, visit, YAMLParseError, type Document } from 'yaml';

export function duplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range) continue;
        if (seen.has(key.value)) errors.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
        seen.add(key.value);
      }
    },
  });
  return errors;
}
