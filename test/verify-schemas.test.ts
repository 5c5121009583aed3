/**
 * imports/schemas/ (the schemas every object is validated against at synth) is generated from the
 * upstream copies in ../shared by `npm run import-schemas` and committed, because a user's clone
 * has no ../shared. With ../shared present the committed files must equal a fresh generation;
 * without it that comparison cannot run, and the suite says so in its test name. Either way the
 * committed files must be whole: canonical layout, every kind's definition and every reference
 * resolving, every pattern a valid regular expression, every format one the validator checks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchemaFiles, schemaFileText, type SchemaFile } from '../scripts/schemas/generate';
import { SCHEMA_DIR, schemaVersions } from '../lib/verify/schema/catalog';
import { FORMATS } from '../lib/verify/schema/formats';
import { ROOT } from './helpers';

const shared = join(ROOT, '..', 'shared');
const committed = new Map(
  readdirSync(SCHEMA_DIR)
    .sort()
    .map((f) => [f, readFileSync(join(SCHEMA_DIR, f), 'utf8')]),
);

if (existsSync(shared)) {
  test('the committed imports/schemas equal a fresh generation from ../shared (run `npm run import-schemas`)', () => {
    const fresh = generateSchemaFiles(shared);
    expect([...committed.keys()]).toEqual([...fresh.keys()].sort());
    expect([...fresh].filter(([name, text]) => committed.get(name) !== text).map(([name]) => name)).toEqual([]);
  });
} else {
  test('../shared is absent (a user clone): freshness against upstream is NOT checked here; only the self-consistency below', () => {
    expect(committed.size).toBeGreaterThan(0);
  });
}

describe('the committed schema files are whole', () => {
  const files = new Map([...committed].map(([name, text]) => [name, JSON.parse(text) as SchemaFile]));
  const kubernetes = schemaVersions().map((v) => files.get(`kubernetes-${v}.json`)!);

  test('one Kubernetes file per version, and the CRDs', () => {
    expect(schemaVersions()).toEqual(['1.30', '1.34']);
    expect(files.has('crds.json')).toBe(true);
  });

  test.each([...committed.keys()])('%s is in its canonical layout', (name) => {
    expect(schemaFileText(files.get(name)!)).toBe(committed.get(name));
  });

  test.each([...committed.keys()])('%s: every kind, reference, pattern and format resolves', (name) => {
    const file = files.get(name)!;
    const problems: string[] = [];
    for (const [gvk, kind] of Object.entries(file.kinds)) if (!file.definitions[kind.definition]) problems.push(`${gvk}: no definition ${kind.definition}`);
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, any>;
      if (typeof n.$ref === 'string') {
        const target = n.$ref.slice(n.$ref.lastIndexOf('/') + 1);
        const homes = n.$ref.startsWith('kubernetes#') ? kubernetes : [file];
        if (!homes.every((h) => h.definitions[target])) problems.push(`${where}: ${n.$ref} does not resolve`);
      }
      if (typeof n.pattern === 'string') {
        try {
          new RegExp(n.pattern, 'u');
        } catch {
          problems.push(`${where}: pattern ${n.pattern}`);
        }
      }
      if (typeof n.format === 'string' && !FORMATS[n.format]) problems.push(`${where}: format ${n.format}`);
      for (const [k, v] of Object.entries(n)) if (k !== 'enum') walk(v, `${where}.${k}`);
    };
    walk(file.definitions, name);
    expect(problems).toEqual([]);
    expect(Object.keys(file.kinds).length).toBeGreaterThan(10);
  });
});
