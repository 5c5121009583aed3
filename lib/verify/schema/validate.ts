/**
 * A small interpreter for the JSON Schema subset that scripts/schemas/strict.ts generates. It
 * has no compile step: ajv needs 0.2-1 s to compile a Deployment or an Argo CD Application
 * schema, more than a whole synth of the reference clusters may take. The test suite validates
 * the written files with ajv as well (test/verify-schema.test.ts), an independent second path.
 */
import { didYouMean } from '../../config/problems';
import { memoryHint } from '../../config/quantity';
import { FORMATS } from './formats';

export type Schema = Readonly<Record<string, any>>;
export type Definitions = Readonly<Record<string, Schema>>;
type FieldPath = readonly (string | number)[];

export interface Violation {
  readonly path: FieldPath;
  readonly message: string;
  readonly fix?: string;
}

/** Validates against schemas whose `$ref`s point into `#/definitions/` or `kubernetes#/definitions/`. */
export class Validator {
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly kubernetes: Definitions) {}

  validate(value: unknown, schema: Schema, definitions: Definitions): Violation[] {
    const out: Violation[] = [];
    this.check(value, schema, definitions, [], out);
    return out;
  }

  private passes(value: unknown, schema: Schema, defs: Definitions): boolean {
    const out: Violation[] = [];
    this.check(value, schema, defs, [], out);
    return out.length === 0;
  }

  private check(value: unknown, schema: Schema, defs: Definitions, path: (string | number)[], out: Violation[]): void {
    if (schema.$ref) {
      const external = schema.$ref.startsWith('kubernetes#');
      const target = (external ? this.kubernetes : defs)[schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1)];
      if (!target) throw new Error(`schema reference ${schema.$ref} does not resolve (run npm run import-schemas)`);
      this.check(value, target, external ? this.kubernetes : defs, path, out);
    }
    if (schema.type !== undefined && !hasType(value, schema.type)) {
      out.push({ path: [...path], ...typeMismatch(value, [schema.type].flat(), schema.title) });
      return;
    }
    for (const branch of schema.allOf ?? []) this.check(value, branch, defs, path, out);
    if (schema.anyOf && !schema.anyOf.some((b: Schema) => this.passes(value, b, defs))) out.push(...this.noBranch(value, schema, schema.anyOf, defs, path));
    if (schema.oneOf) {
      const matching = schema.oneOf.filter((b: Schema) => this.passes(value, b, defs)).length;
      if (!matching) out.push(...this.noBranch(value, schema, schema.oneOf, defs, path));
      else if (matching > 1) out.push({ path: [...path], message: `${show(value)} matches more than one of the forms allowed here` });
    }
    if (schema.not && this.passes(value, schema.not, defs)) out.push({ path: [...path], message: `${show(value)} is a value not allowed here` });
    if (schema.enum && !schema.enum.includes(value)) {
      out.push({ path: [...path], message: `${show(value)} is not one of: ${schema.enum.join(', ')}`, fix: hint(String(value), schema.enum.map(String)) });
    }
    if (typeof value === 'string') this.checkString(value, schema, path, out);
    else if (typeof value === 'number') this.checkNumber(value, schema, path, out);
    else if (Array.isArray(value)) this.checkArray(value, schema, defs, path, out);
    else if (value !== null && typeof value === 'object') this.checkObject(value as Record<string, unknown>, schema, defs, path, out);
  }

  private checkString(s: string, schema: Schema, path: FieldPath, out: Violation[]): void {
    const tooLong = schema.maxLength !== undefined && s.length > schema.maxLength && [...s].length > schema.maxLength;
    if (tooLong) out.push({ path: [...path], message: `${show(s)} is longer than ${schema.maxLength} characters` });
    if (schema.minLength !== undefined && [...s].length < schema.minLength) out.push({ path: [...path], message: `${show(s)} is shorter than ${schema.minLength} characters` });
    if (schema.pattern !== undefined && !this.regExp(schema.pattern).test(s)) {
      out.push({ path: [...path], message: `${show(s)} is not ${schema.title ? article(schema.title) : `a valid value: it must match ${schema.pattern}`}` });
    }
    this.checkFormat(s, 'string', schema, path, out);
  }

  private checkNumber(n: number, schema: Schema, path: FieldPath, out: Violation[]): void {
    const bound = (ok: boolean, what: string) => ok || out.push({ path: [...path], message: `${n} is ${what}` });
    if (schema.minimum !== undefined) bound(n >= schema.minimum, `less than the minimum ${schema.minimum}`);
    if (schema.maximum !== undefined) bound(n <= schema.maximum, `more than the maximum ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined) bound(n > schema.exclusiveMinimum, `not more than ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined) bound(n < schema.exclusiveMaximum, `not less than ${schema.exclusiveMaximum}`);
    if (schema.multipleOf !== undefined) bound(Number.isInteger(n / schema.multipleOf), `not a multiple of ${schema.multipleOf}`);
    this.checkFormat(n, 'number', schema, path, out);
  }

  private checkFormat(value: string | number, type: string, schema: Schema, path: FieldPath, out: Violation[]): void {
    const format = schema.format && FORMATS[schema.format];
    if (format && format.type === type && !format.test(value)) out.push({ path: [...path], message: `${show(value)} is not ${format.expected}` });
  }

  private checkArray(items: unknown[], schema: Schema, defs: Definitions, path: (string | number)[], out: Violation[]): void {
    if (schema.minItems !== undefined && items.length < schema.minItems) out.push({ path: [...path], message: `has ${items.length} item(s), fewer than the minimum ${schema.minItems}` });
    if (schema.maxItems !== undefined && items.length > schema.maxItems) out.push({ path: [...path], message: `has ${items.length} items, more than the maximum ${schema.maxItems}` });
    if (schema.uniqueItems && new Set(items.map((i) => JSON.stringify(i))).size !== items.length) out.push({ path: [...path], message: 'has duplicate items', fix: 'list each value once' });
    if (!schema.items) return;
    items.forEach((item, i) => {
      path.push(i);
      this.check(item, schema.items, defs, path, out);
      path.pop();
    });
  }

  private checkObject(object: Record<string, unknown>, schema: Schema, defs: Definitions, path: (string | number)[], out: Violation[]): void {
    const keys = Object.keys(object);
    for (const key of schema.required ?? []) {
      if (object[key] === undefined) out.push({ path: [...path], message: `missing required field "${key}"`, fix: `add ${key}` });
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) out.push({ path: [...path], message: `has ${keys.length} field(s), fewer than the minimum ${schema.minProperties}` });
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) out.push({ path: [...path], message: `has ${keys.length} fields, more than the maximum ${schema.maxProperties}` });
    const properties = schema.properties ?? {};
    for (const key of keys) {
      const sub = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : schema.additionalProperties;
      if (sub === false) {
        const known = Object.keys(properties);
        const fix = hint(key, known) ?? (known.length ? `remove it; the fields allowed here are: ${known.join(', ')}` : 'remove it: no fields are allowed here');
        out.push({ path: [...path, key], message: `unknown field "${key}" (kubectl apply rejects unknown fields)`, fix });
      } else if (sub && sub !== true) {
        path.push(key);
        this.check(object[key], sub, defs, path, out);
        path.pop();
      }
    }
  }

  /** None of anyOf/oneOf matched: a titled union says what it wants, otherwise the closest branch explains. */
  private noBranch(value: unknown, schema: Schema, branches: Schema[], defs: Definitions, path: FieldPath): Violation[] {
    if (schema.title) return [{ path: [...path], ...typeMismatch(value, [], schema.title) }];
    const attempts = branches.map((b) => this.validate(value, b, defs));
    const closest = attempts.reduce((best, a) => (a.length < best.length ? a : best));
    return closest.map((v) => ({ ...v, path: [...path, ...v.path] }));
  }

  private regExp(pattern: string): RegExp {
    let re = this.patterns.get(pattern);
    if (!re) this.patterns.set(pattern, (re = new RegExp(pattern, 'u')));
    return re;
  }
}

function hasType(value: unknown, type: string | string[]): boolean {
  if (Array.isArray(type)) return type.some((t) => hasType(value, t));
  return type === 'number' ? typeof value === 'number' : typeOf(value) === type;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null' };

function typeMismatch(value: unknown, expected: string[], title?: string): Omit<Violation, 'path'> {
  const wanted = title ? article(title) : expected.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
  if (value === null || value === undefined) {
    // cdk8s leaves `undefined` where a patch put a plain number into a Quantity field; YAML drops it
    const fix = title === 'quantity' ? 'a plain number patched into a Quantity field of a typed object is lost: use k8s.Quantity.fromNumber(n) or fromString("...")' : 'give it a value or leave the field out';
    return { message: `${value === null ? 'is null' : 'has no value (it would be left out of the YAML)'}, expected ${wanted}`, fix };
  }
  const fix = title === 'quantity' && typeof value === 'string' ? memoryHint(value) : undefined;
  return { message: `${show(value)} is ${title ? `not ${wanted}` : `${TYPE_NAMES[typeOf(value)]}, expected ${wanted}`}`, fix };
}

function hint(word: string, candidates: string[]): string | undefined {
  const guess = didYouMean(word, candidates);
  return guess ? `did you mean "${guess}"?` : undefined;
}

function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
