/**
 * cluster file -> ClusterModel. Reads every `clusters/<name>/cluster.yaml`, parses it with source
 * positions, validates it against the schema, cross-checks it, and returns frozen models; or
 * throws one ConfigError carrying every problem of every file, each located at file:line:col.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';
import { crossCheck, type KnownNames } from './checks';
import { duplicateKeys } from './duplicate-keys';
import { ConfigError, formatPath, type Problem } from './problems';
import { DEFAULT_TIERS, type TierSpec } from './tiers';
import { validateSchema, type SchemaIssue } from './validate';
import { deepFreeze, type ClusterModel } from './model';
import { toAppModel } from './app-model';
import type { ClusterFile } from './schema';
import { resolveSecrets } from './secrets';
import { resolveUtilities } from './utilities';

export const CLUSTER_FILE = 'cluster.yaml';

/** Every cluster of the project, sorted by name. Throws ConfigError listing all problems. */
export function loadClusters(root: string, known?: KnownNames): ClusterModel[] {
  const dir = join(root, 'clusters');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => existsSync(join(dir, n, CLUSTER_FILE))).sort() : [];
  const problems: Problem[] = [];
  const models: ClusterModel[] = [];
  for (const name of names) {
    const path = join(dir, name, CLUSTER_FILE);
    const result = parseCluster(readFileSync(path, 'utf8'), relative(root, path), name, known);
    problems.push(...result.problems);
    if (result.model) models.push(result.model);
  }
  if (!names.length) problems.push({ file: 'clusters/', line: 1, col: 1, path: '', message: 'no cluster files found', fix: `create clusters/<name>/${CLUSTER_FILE}` });
  if (problems.length) throw new ConfigError(problems);
  return models;
}

/** One cluster file's text -> its model, or the problems that stop it. */
export function parseCluster(text: string, file: string, folder: string, known?: KnownNames): { model?: ClusterModel; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false }); // see duplicate-keys.ts
  const at = (offset: number) => lineCounter.linePos(offset);
  const errors = [...doc.errors, ...duplicateKeys(doc)];
  if (errors.length) {
    return {
      problems: errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, col, path: '', message: e.message.split('\n')[0], fix: e.code === 'DUPLICATE_KEY' ? 'each key may appear once in a mapping: merge or rename the duplicates' : 'fix the YAML syntax' };
      }),
    };
  }
  const data = doc.toJS() ?? {};
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
  return { model: toModel(valid, file, tiers), problems: [] };
}

/** The tier table with the cluster's overrides merged in, field by field. */
export function resolveTiers(overrides: ClusterFile['tiers']): Record<string, TierSpec> {
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

function toModel(file: ClusterFile, path: string, tiers: Record<string, TierSpec>): ClusterModel {
  const apps = Object.entries(file.apps).map(([name, app]) => toAppModel(name, app, tiers));
  const nodes = Object.entries(file.nodes).map(([name, node]) => ({ ...node, name }));
  return deepFreeze({ ...file, file: path, tiers, nodes, apps, secrets: resolveSecrets(file), utilities: resolveUtilities(file, tiers) });
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
