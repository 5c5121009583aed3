/**
 * cluster file -> ClusterModel. Reads every `clusters/<name>/cluster.yaml`, parses it with source
 * positions, validates it against the schema, cross-checks it, and returns frozen models; or
 * throws one ConfigError carrying every problem of every file, each located at file:line:col.
 */
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, visit, type Document, type Node } from 'yaml';
import { crossCheck, type KnownNames } from './checks';
import { collectionKeys, duplicateKeys } from './duplicate-keys';
import { ConfigError, formatPath, type Problem } from './problems';
import { DEFAULT_TIERS, type TierSpec } from './tiers';
import { validateSchema, type SchemaIssue } from './validate';
import { deepFreeze, type ClusterModel } from './model';
import { toAppModel } from './app-model';
import type { ClusterFile } from './schema';
import { resolveSecrets } from './secrets';
import { resolveUtilities } from './utilities';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_FILE, clusterSources } from './source';

export { CLUSTER_FILE };

/**
 * Every cluster of the project, sorted by name (none yet is fine: a new repository). Throws
 * ConfigError listing all problems; a project without a clusters/ folder is one.
 */
export function loadClusters(root: string, known?: KnownNames): ClusterModel[] {
  if (!existsSync(join(root, 'clusters'))) {
    throw new ConfigError([
      {
        file: 'clusters/',
        line: 1,
        col: 1,
        path: '',
        message: `${root} has no clusters/ folder`,
        fix: 'run synth in the project folder (or give it with --root), or scaffold a cluster: npm run new -- <name>',
      },
    ]);
  }
  const sources = clusterSources(root);
  const problems: Problem[] = [];
  const models: ClusterModel[] = [];
  for (const source of sources) {
    const result = source.problem ? { problems: [source.problem] } : parseCluster(source.text!, source.file, source.name, known);
    problems.push(...result.problems);
    if (result.model) models.push(result.model);
  }
  if (problems.length) throw new ConfigError(problems);
  return models;
}

/** One cluster file's text -> its model, or the problems that stop it. */
export function parseCluster(text: string, file: string, folder: string, known?: KnownNames): { model?: ClusterModel; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false }); // see duplicate-keys.ts
  const at = (offset: number) => lineCounter.linePos(offset);
  // a warning is an error here: an unresolved tag would silently become a plain string
  const errors = [...doc.errors, ...doc.warnings, ...duplicateKeys(doc), ...collectionKeys(doc), ...foreignTags(doc)];
  if (errors.length) {
    return {
      problems: errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, col, path: '', message: e.message.split('\n')[0], fix: FIXES[e.code] ?? 'fix the YAML syntax' };
      }),
    };
  }
  if (doc.contents === null) {
    return wholeFile(
      file,
      'the cluster file is empty (nothing but comments and blank lines)',
      'describe the cluster: `name:`, `kubernetes:`, `gitops:` and `nodes:` at least (see the README, "The cluster file")',
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) ?? {};
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return wholeFile(
      file,
      `the aliases (*name) expand to more than ${MAX_ALIAS_EXPANSIONS} copies: ${e.message}`,
      'write the repeated parts out, or use fewer aliases',
    );
  }
  const locate = (issue: SchemaIssue): Problem => {
    const { line, col } = at(offsetOf(doc, issue.path, issue.key));
    const path = formatPath(issue.key ? [...issue.path, issue.key] : issue.path);
    return { file, line, col, path, message: issue.message, fix: issue.fix };
  };
  const schemaIssues = validateSchema(data);
  if (schemaIssues.length) return { problems: schemaIssues.map(locate) };
  const valid = data as ClusterFile;
  const tiers = resolveTiers(valid.tiers);
  const checkIssues = crossCheck(valid, folder, tiers, known);
  if (checkIssues.length) return { problems: checkIssues.map(locate) };
  const positions = Object.fromEntries(
    (['apps', 'utilities', 'nodes'] as const).flatMap((section) =>
      Object.keys(valid[section] ?? {}).map((name) => [`${section}.${name}`, at(offsetOf(doc, [section], name))] as const),
    ),
  );
  return { model: toModel(valid, file, tiers, positions), problems: [] };
}

/** A problem of the file as a whole, located at its start. */
function wholeFile(file: string, message: string, fix: string): { problems: Problem[] } {
  return { problems: [{ file, line: 1, col: 1, path: '', message, fix }] };
}

const FIXES: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear once in a mapping: merge or rename the duplicates',
  COLLECTION_KEY: 'write the key as a plain name (`? ` starts a complex key, which a cluster file does not use)',
  TAG_RESOLVE_FAILED: 'remove the tag: a cluster file uses plain YAML values',
  FOREIGN_TAG: 'remove the tag: a cluster file uses plain YAML values (strings, numbers, booleans, maps, lists)',
};

/** How many alias (*name) expansions a cluster file may make: enough for sharing, not for a billion laughs. */
const MAX_ALIAS_EXPANSIONS = 1000;

/** The plain YAML tags; any other (`!!binary`, `!!timestamp`, `!!set`, `!custom`) would change what a value is. */
const PLAIN_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

function foreignTags(doc: Document): { code: string; message: string; pos: [number, number] }[] {
  const found: { code: string; message: string; pos: [number, number] }[] = [];
  visit(doc, (_, node) => {
    if (!node) return; // an empty file (or one of comments only) has no contents
    const tag = (node as { tag?: string }).tag;
    const range = (node as Node).range;
    // a local tag (!custom) is already a TAG_RESOLVE_FAILED warning
    if (tag?.startsWith('tag:yaml.org,2002:') && !PLAIN_TAGS.has(tag) && range)
      found.push({ code: 'FOREIGN_TAG', message: `the YAML tag ${tag.replace('tag:yaml.org,2002:', '!!')} is not allowed`, pos: [range[0], range[1]] });
  });
  return found;
}

/** The tier table with the cluster's overrides merged in, field by field. */
function resolveTiers(overrides: ClusterFile['tiers']): Record<string, TierSpec> {
  const tiers: Record<string, TierSpec> = { ...DEFAULT_TIERS };
  for (const [name, o] of Object.entries(overrides)) {
    const base = DEFAULT_TIERS[name];
    if (!base) continue; // an unknown tier name is reported by crossCheck
    tiers[name] = {
      ...base,
      ...o,
      memory: { ...base.memory, ...o.memory },
      cpu: { ...base.cpu, ...o.cpu },
      quota: { ...base.quota, ...o.quota, cpu: String(o.quota?.cpu ?? base.quota.cpu) },
    } as TierSpec;
  }
  return tiers;
}

function toModel(file: ClusterFile, path: string, tiers: Record<string, TierSpec>, positions: ClusterModel['positions']): ClusterModel {
  const apps = Object.entries(file.apps).map(([name, app]) => toAppModel(name, app, tiers));
  const nodes = Object.entries(file.nodes).map(([name, node]) => ({ ...node, name }));
  return deepFreeze({ ...file, file: path, tiers, nodes, apps, secrets: resolveSecrets(file), utilities: resolveUtilities(file, tiers), positions });
}

/** Source offset of the node at `path` (or of `key` inside it); the deepest existing node otherwise. */
function offsetOf(doc: Document, path: readonly (string | number)[], key?: string): number {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  const pairOf = (map: Node | null, seg: string | number) =>
    isMap(map) ? map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg)) : undefined;
  for (const seg of path) {
    const pair = pairOf(node, seg);
    if (pair) node = pair.value as Node;
    else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) node = node.items[seg] as Node;
    else return offset;
    offset = node?.range?.[0] ?? offset;
  }
  const keyNode = key === undefined ? undefined : (pairOf(node, key)?.key as Node | undefined);
  return keyNode?.range?.[0] ?? offset;
}
