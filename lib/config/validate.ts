/**
 * Schema validation of a parsed cluster file: ajv over the TypeBox schema (filling defaults),
 * with ajv's raw errors turned into problems a person can act on.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { ClusterFile } from './schema';
import { MEMORY_PATTERN, memoryHint } from './quantity';
import { didYouMean } from './problems';

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
  const validator = ajv.compile(schema === ClusterFile ? publishedSchema : optionalDefaults(structuredClone(schema)));
  return (data) => (validator(data) ? [] : explain(validator.errors ?? [], data));
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

function explain(errors: ErrorObject[], data: unknown): SchemaIssue[] {
  // A failed union reports each branch too; keep only the union's own error.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  const kept = errors.filter((e) => e.keyword === 'anyOf' || !unions.some((u) => e.schemaPath.startsWith(u + '/')));
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const e of kept) {
    const issue = describe(e, segments(e.instancePath, data));
    const id = JSON.stringify([issue.path, issue.key, issue.message]);
    if (!seen.has(id)) seen.add(id), issues.push(issue);
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

function describe(e: ErrorObject, path: (string | number)[]): SchemaIssue {
  const schema = e.parentSchema as any;
  const shown = JSON.stringify(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schema.properties ?? {});
      if (!known.length && schema.patternProperties) {
        // a record (apps, nodes, pools...) whose key is not a valid name
        const keySchema = Object.keys(schema.patternProperties)[0];
        return { path, key, message: `"${key}" is not a valid name here`, fix: `use a name matching ${keySchema} (lower-case letters, digits and "-")` };
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
        return { path, message: `${shown} is not one of: ${literals.join(', ')}`, fix: guess ? `did you mean "${guess}"?` : `use one of: ${literals.join(', ')}` };
      }
      return { path, message: `${shown} is not a ${schema.title ?? 'valid value here'}`, fix: schema.description ? `write ${schema.description}` : undefined };
    }
    case 'pattern': {
      if (schema.pattern === MEMORY_PATTERN) return { path, message: `${shown} is not a memory quantity`, fix: memoryHint(e.data) };
      return { path, message: `${shown} is not a ${schema.title ?? 'valid value here'}`, fix: schema.description ? `write ${schema.description}` : `match the pattern ${schema.pattern}` };
    }
    case 'type': {
      const type = (e.params as { type: string }).type;
      const expected = type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : type === 'integer' ? 'an integer' : `a ${type}`;
      const got = Array.isArray(e.data) ? 'a list' : e.data === null ? 'empty' : typeof e.data === 'object' ? 'a mapping' : `a ${typeof e.data}`;
      return { path, message: `${shown} is ${got}, expected ${expected}`, fix: `write ${expected}${schema.description ? `: ${schema.description}` : ''}` };
    }
    default:
      return { path, message: `${shown} ${e.message}` };
  }
}
