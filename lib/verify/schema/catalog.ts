/**
 * The generated schemas in imports/schemas/ (`npm run import-schemas`): which kinds exist, their
 * scope, and the schema each object is validated against, for one Kubernetes version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator, type Definitions, type Schema, type Violation } from './validate';

export const SCHEMA_DIR = join(__dirname, '..', '..', '..', 'imports', 'schemas');

interface SchemaFile {
  readonly kinds: Readonly<Record<string, { readonly definition: string; readonly namespaced: boolean }>>;
  readonly definitions: Definitions;
}

interface KindSchema {
  readonly namespaced: boolean;
  /** A Kubernetes kind (true) or a custom resource (false). */
  readonly builtin: boolean;
  readonly schema: Schema;
  readonly definitions: Definitions;
}

/** Kubernetes versions with a schema file, oldest first ("1.30", "1.34"). */
export function schemaVersions(): string[] {
  return readdirSync(SCHEMA_DIR)
    .flatMap((f) => /^kubernetes-(\d+\.\d+)\.json$/.exec(f)?.[1] ?? [])
    .sort((a, b) => minor(a) - minor(b));
}

/** The newest schema version not newer than `version` (the API of an older minor is a subset). */
export function schemaVersionFor(version: string): string | undefined {
  return schemaVersions().filter((v) => minor(v) <= minor(version)).pop();
}

function minor(version: string): number {
  const [major, m] = version.split('.').map(Number);
  return major * 1000 + m;
}

const loaded = new Map<string, SchemaFile>();
const read = (name: string): SchemaFile => {
  let file = loaded.get(name);
  if (!file) loaded.set(name, (file = JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as SchemaFile));
  return file;
};

const catalogs = new Map<string, SchemaCatalog>();

export class SchemaCatalog {
  private readonly validator: Validator;
  private readonly versionsOfKind = new Map<string, string[]>();
  /** API groups served by Kubernetes itself (`` for the core group). */
  readonly builtinGroups: ReadonlySet<string>;

  /** The catalog of a schema version (one of schemaVersions()), loaded once. */
  static of(version: string): SchemaCatalog {
    let catalog = catalogs.get(version);
    if (!catalog) catalogs.set(version, (catalog = new SchemaCatalog(version, read(`kubernetes-${version}.json`), read('crds.json'))));
    return catalog;
  }

  private constructor(readonly version: string, private readonly kubernetes: SchemaFile, private readonly crds: SchemaFile) {
    this.validator = new Validator(kubernetes.definitions);
    this.builtinGroups = new Set(Object.keys(kubernetes.kinds).map((gvk) => gvk.split('/').slice(0, -2).join('/')));
    for (const gvk of [...Object.keys(kubernetes.kinds), ...Object.keys(crds.kinds)]) {
      const i = gvk.lastIndexOf('/');
      const kind = gvk.slice(i + 1);
      this.versionsOfKind.set(kind, [...(this.versionsOfKind.get(kind) ?? []), gvk.slice(0, i)]);
    }
  }

  lookup(apiVersion: string, kind: string): KindSchema | undefined {
    const gvk = `${apiVersion}/${kind}`;
    const builtin = this.kubernetes.kinds[gvk];
    const entry = builtin ?? this.crds.kinds[gvk];
    if (!entry) return undefined;
    const definitions = (builtin ? this.kubernetes : this.crds).definitions;
    return { namespaced: entry.namespaced, builtin: !!builtin, schema: definitions[entry.definition], definitions };
  }

  /** The apiVersions that serve `kind`, for "did you mean" messages. */
  apiVersionsOf(kind: string): readonly string[] {
    return this.versionsOfKind.get(kind) ?? [];
  }

  validate(object: unknown, kind: KindSchema): Violation[] {
    return this.validator.validate(object, kind.schema, kind.definitions);
  }
}
