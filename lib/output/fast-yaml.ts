/**
 * The bytes `yaml.stringify` writes for a Kubernetes object, about ten times faster. yaml builds
 * a document tree for every object, which makes serializing the largest step of a big synth;
 * block-style YAML for plain JSON data is simple to lay out, and what is not simple (how to
 * quote a scalar) is still decided by yaml itself, once per distinct scalar. Anything outside
 * that plain subset returns undefined, and the caller uses yaml: a string yaml writes as a block
 * (multi-line, or starting like a document marker), a key over 1000 characters (yaml writes
 * `? key`), a value that is not JSON. test/fast-yaml.test.ts holds both to the same bytes.
 */
import { stringify, type CreateNodeOptions, type DocumentOptions, type SchemaOptions, type ToStringOptions } from 'yaml';

type Options = DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions;

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();
const INDENT = '  ';

/** A YAML emitter for one set of yaml options. */
export function fastYaml(options: Options): (object: unknown) => string | undefined {
  const scalars = new Map<unknown, string>();

  /** A scalar as yaml writes it on one line; the same as a key, a value or a list item. */
  const scalar = (value: unknown): string => {
    if (Object.is(value, -0)) throw UNSUPPORTED; // the memo would take it for 0
    let text = scalars.get(value);
    if (text !== undefined) return text;
    const simple = value === null || typeof value === 'boolean' || typeof value === 'number' || (typeof value === 'string' && value.length <= 1000);
    if (!simple) throw UNSUPPORTED;
    text = stringify(value, options).slice(0, -1);
    if (text.includes('\n')) throw UNSUPPORTED; // a block scalar: its layout depends on where it is
    scalars.set(value, text);
    return text;
  };

  /** What follows `key:` or `-`: a scalar, an empty collection, or the collection's lines. */
  const after = (value: unknown, indent: string): string => {
    if (Array.isArray(value)) return value.length ? `\n${list(value, indent + INDENT)}` : ' []\n';
    if (isPlainObject(value)) return Object.keys(value).length ? `\n${map(value, indent + INDENT)}` : ' {}\n';
    return ` ${scalar(value)}\n`;
  };

  const map = (object: Record<string, unknown>, indent: string): string => {
    let text = '';
    for (const key in object) {
      const value = object[key];
      if (value === undefined) throw UNSUPPORTED;
      text += `${indent}${scalar(key)}:${after(value, indent)}`;
    }
    return text;
  };

  /** A list: a non-empty collection item starts on the dash's line, one level deeper. */
  const list = (items: unknown[], indent: string): string => {
    let text = '';
    for (const item of items) {
      const nested =
        Array.isArray(item) && item.length
          ? list(item, indent + INDENT)
          : isPlainObject(item) && Object.keys(item).length
            ? map(item, indent + INDENT)
            : undefined;
      text += nested === undefined ? `${indent}-${after(item, indent)}` : `${indent}- ${nested.slice(indent.length + INDENT.length)}`;
    }
    return text;
  };

  return (object) => {
    if (!isPlainObject(object) || !Object.keys(object).length) return undefined;
    try {
      return map(object, '');
    } catch (e) {
      if (e === UNSUPPORTED) return undefined;
      throw e;
    }
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
