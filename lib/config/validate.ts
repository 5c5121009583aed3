/**
 * Schema validation of a parsed cluster file: ajv over the TypeBox schema (filling defaults),
 * with ajv's raw errors turned into problems a person can act on.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { ClusterFile } from './schema';
import { CPU_PATTERN, MEMORY_PATTERN, memoryHint } from './quantity';
import { didYouMean } from './problems';
import { INT32_MAX, Name } from './schema/common';
import { AbsolutePath, EnvName, SecretKey } from './schema/apps';

/** A schema problem before it is located in the file: where (path segments) and what. */
export interface SchemaIssue {
  readonly path: (string | number)[];
  /** Point at this key of the object at `path` rather than at its value. */
  readonly key?: string;
  readonly message: string;
  readonly fix?: string;
}

/** The published schema: fields with a default are not required of the user. */
export const publishedSchema = optionalDefaults(structuredClone(ClusterFile)) as typeof ClusterFile;

// Compiled on every synth: no meta-schema check of our own schema (test/schema-file.test.ts does it) and no
// code optimisation pass, which halves the compile time (see README, Performance).
const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: false, validateSchema: false, code: { optimize: false } });

/** A validator for `schema` (or a part of the cluster file's): it fills defaults in place and returns every issue. */
export function validatorFor(schema: object): (data: unknown) => SchemaIssue[] {
  const compiled = schema === ClusterFile ? publishedSchema : optionalDefaults(structuredClone(schema));
  const validator = ajv.compile(compiled);
  return (data) => (validator(data) ? unreadableCpuNumbers(compiled, data) : explain(validator.errors ?? [], data));
}

/** Validates a cluster file in place (defaults are filled in) and returns every issue found. */
export const validateSchema = validatorFor(ClusterFile);

function optionalDefaults(schema: any): any {
  if (schema && typeof schema === 'object') {
    if (schema.properties && Array.isArray(schema.required)) {
      schema.required = schema.required.filter((k: string) => schema.properties[k]?.default === undefined);
    }
    for (const v of Object.values(schema)) optionalDefaults(v);
  }
  return schema;
}

/**
 * CPU numbers the schema accepts but the quantity parser cannot read: Infinity, a number only a
 * float's exponent notation writes (1e21), or one finer than a millicore (0.0001, which Kubernetes
 * would silently round up). JSON Schema cannot say "at most three decimals" of a number (a float
 * `multipleOf` is imprecise), so they are looked for here, in data the schema accepted.
 */
function unreadableCpuNumbers(schema: any, data: unknown): SchemaIssue[] {
  const issues = new Map<string, SchemaIssue>();
  const walk = (schema: any, data: unknown, path: (string | number)[]) => {
    if (!holdsCpu(schema)) return;
    if (schema.title === 'CPU quantity' && typeof data === 'number') {
      if (!CPU_NUMBER.test(String(data))) issues.set(JSON.stringify(path), cpuNumberIssue(data, path, schema.description));
      return;
    }
    for (const branch of schema.anyOf ?? []) walk(branch, data, path);
    if (Array.isArray(data)) {
      if (holdsCpu(schema.items)) data.forEach((item, i) => walk(schema.items, item, [...path, i]));
    } else if (data && typeof data === 'object') {
      const object = data as Record<string, unknown>;
      // the few fields that can hold one (an app's cpu and upperBound), not every field
      for (const key of cpuProperties(schema)) if (key in object) walk(schema.properties[key], object[key], [...path, key]);
      const records = Object.entries(schema.patternProperties ?? {}).filter(([, sub]) => holdsCpu(sub));
      const rest = holdsCpu(schema.additionalProperties) ? schema.additionalProperties : undefined;
      if (!records.length && !rest) return;
      for (const [key, value] of Object.entries(object)) {
        if (schema.properties?.[key]) continue;
        const sub = records.find(([pattern]) => regExp(pattern).test(key))?.[1] ?? rest;
        if (sub) walk(sub, value, [...path, key]);
      }
    }
  };
  walk(schema, data, []);
  return [...issues.values()];
}

/** Whether a part of the schema has a CPU quantity somewhere in it (the walk skips the parts that have none). */
function holdsCpu(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  let holds = cpuHolders.get(schema);
  if (holds === undefined) {
    cpuHolders.set(schema, false);
    holds = (schema as { title?: string }).title === 'CPU quantity' || Object.values(schema).some(holdsCpu);
    cpuHolders.set(schema, holds);
  }
  return holds;
}

const cpuHolders = new WeakMap<object, boolean>();
const cpuKeys = new WeakMap<object, string[]>();
function cpuProperties(schema: { properties?: Record<string, unknown> }): string[] {
  let keys = cpuKeys.get(schema);
  if (!keys) cpuKeys.set(schema, (keys = Object.keys(schema.properties ?? {}).filter((k) => holdsCpu(schema.properties![k]))));
  return keys;
}
const CPU_NUMBER = new RegExp(CPU_PATTERN);
const regExps = new Map<string, RegExp>();
const regExp = (pattern: string) => regExps.get(pattern) ?? regExps.set(pattern, new RegExp(pattern, 'u')).get(pattern)!;

function cpuNumberIssue(n: number, path: (string | number)[], description?: string): SchemaIssue {
  const fix = `write ${description ?? 'cores or millicores'}`;
  if (!Number.isFinite(n)) return { path, message: `${n} is not a CPU quantity`, fix };
  if (n >= 1) return { path, message: `${n} is too large for a CPU quantity`, fix };
  return {
    path,
    message: `${n} is finer than a millicore, the smallest CPU unit (Kubernetes would round it up)`,
    fix: 'write whole millicores ("1m" is the smallest) or cores with at most 3 decimals',
  };
}

function explain(errors: ErrorObject[], data: unknown): SchemaIssue[] {
  // A failed union reports each branch too; keep only the union's own error.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  const kept = errors.filter((e) => e.keyword === 'anyOf' || !unions.some((u) => e.schemaPath.startsWith(u + '/')));
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const e of kept) {
    const issue = describe(e, segments(e.instancePath, data));
    const id = JSON.stringify([issue.path, issue.key, issue.message]);
    if (!seen.has(id)) {
      seen.add(id);
      issues.push(issue);
    }
  }
  return issues;
}

/** JSON-pointer to path segments, with array indices as numbers. */
function segments(pointer: string, data: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let node: any = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(seg) : seg;
    out.push(key);
    node = node?.[key];
  }
  return out;
}

/** What the keys of a record (apps, env, files, secrets...) may be, by their pattern: the Record drops the key schema's description. */
const KEY_DESCRIPTIONS = new Map<string, string>([Name, EnvName, AbsolutePath, SecretKey].map((k) => [k.pattern!, k.description!]));

function describe(e: ErrorObject, path: (string | number)[]): SchemaIssue {
  const schema = e.parentSchema as any;
  // JSON has no Infinity or NaN (it would write null)
  const shown = typeof e.data === 'number' && !Number.isFinite(e.data) ? String(e.data) : JSON.stringify(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schema.properties ?? {});
      if (!known.length && schema.patternProperties) {
        // a record (apps, nodes, pools...) whose key is not a valid name
        const keySchema = Object.keys(schema.patternProperties)[0];
        const what = KEY_DESCRIPTIONS.get(keySchema);
        return { path, key, message: `"${key}" is not a valid name here`, fix: what ? `write ${what}` : `use a name matching ${keySchema}` };
      }
      const guess = didYouMean(key, known);
      return {
        path,
        key,
        message: `unknown key "${key}"`,
        fix: guess ? `did you mean "${guess}"?` : `remove it; the keys allowed here are: ${known.join(', ')}`,
      };
    }
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      const description = schema.properties?.[key]?.description;
      return { path, message: `missing required key "${key}"`, fix: `add \`${key}:\`${description ? ` (${description})` : ''}` };
    }
    case 'anyOf': {
      const literals = (schema.anyOf as any[]).filter((b) => 'const' in b).map((b) => String(b.const));
      if (literals.length === schema.anyOf.length) {
        const guess = didYouMean(String(e.data), literals);
        return {
          path,
          message: `${shown} is not one of: ${literals.join(', ')}`,
          fix: guess ? `did you mean "${guess}"?` : `use one of: ${literals.join(', ')}`,
        };
      }
      // a CPU of 0 would be a request that reserves nothing (or a node without CPU)
      if (e.data === 0 && schema.title === 'CPU quantity')
        return {
          path,
          message: '0 is zero; a CPU quantity here must be above 0 (a request of 0 reserves nothing)',
          fix: schema.description ? `write ${schema.description}` : undefined,
        };
      return { path, message: `${shown} is not a ${schema.title ?? 'valid value here'}`, fix: schema.description ? `write ${schema.description}` : undefined };
    }
    case 'pattern': {
      if (schema.pattern === MEMORY_PATTERN) return { path, message: `${shown} is not a memory quantity`, fix: memoryHint(e.data) };
      return {
        path,
        message: `${shown} is not a ${schema.title ?? 'valid value here'}`,
        fix: schema.description ? `write ${schema.description}` : `match the pattern ${schema.pattern}`,
      };
    }
    case 'type': {
      const type = (e.params as { type: string }).type;
      const expected = type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : type === 'integer' ? 'an integer' : `a ${type}`;
      const got = Array.isArray(e.data) ? 'a list' : e.data === null ? 'empty' : typeof e.data === 'object' ? 'a mapping' : `a ${typeof e.data}`;
      return { path, message: `${shown} is ${got}, expected ${expected}`, fix: `write ${expected}${schema.description ? `: ${schema.description}` : ''}` };
    }
    case 'maximum':
    case 'minimum':
    case 'exclusiveMinimum': {
      const range =
        schema.minimum !== undefined && schema.maximum !== undefined
          ? `a whole number from ${schema.minimum} to ${schema.maximum}`
          : e.keyword === 'maximum'
            ? `${schema.maximum} or less`
            : e.keyword === 'minimum'
              ? `${schema.minimum} or more`
              : `a number above ${schema.exclusiveMinimum}`;
      if (e.keyword === 'maximum') {
        const why = schema.maximum === INT32_MAX ? `, the largest value of the 32-bit integer Kubernetes keeps it in` : '';
        return { path, message: `${shown} is above the maximum ${schema.maximum}${why}`, fix: `write ${range}` };
      }
      return { path, message: `${shown} is below the minimum ${schema.minimum ?? `(above ${schema.exclusiveMinimum})`}`, fix: `write ${range}` };
    }
    case 'minLength':
      return {
        path,
        message: e.data === '' ? 'the value is empty' : `${shown} is shorter than ${schema.minLength} characters`,
        fix: `write ${schema.description ?? 'a value'}`,
      };
    case 'maxLength':
      return {
        path,
        message: `${shown.length > 60 ? `${shown.slice(0, 40)}..."` : shown} is ${String(e.data).length} characters long, above the maximum ${schema.maxLength}`,
        fix: 'shorten it',
      };
    case 'minItems':
      return {
        path,
        message: `the list has ${(e.data as unknown[]).length} item(s), at least ${schema.minItems} needed`,
        fix: schema.description ? `write ${schema.description}` : `add ${schema.minItems === 1 ? 'an item' : 'items'}`,
      };
    case 'maxItems':
      return {
        path,
        message: `the list has ${(e.data as unknown[]).length} items, at most ${schema.maxItems} allowed`,
        fix: schema.description ? `write ${schema.description}` : 'remove items',
      };
    case 'maxProperties':
      return {
        path,
        message: `${Object.keys(e.data as object).length} entries, above the ${schema.maxProperties} one cluster may hold`,
        fix: schema.description ?? 'split the cluster',
      };
    case 'uniqueItems': {
      const { i } = e.params as { i: number; j: number };
      return { path, message: `${JSON.stringify((e.data as unknown[])[i])} is listed twice`, fix: 'list each value once' };
    }
    default:
      return { path, message: `${shown} ${e.message}` };
  }
}
