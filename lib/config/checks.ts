/**
 * Cross-checks of a schema-valid cluster file: the rules one field's schema cannot express
 * because they relate fields to each other (an app's tier must exist, a GPU app must be in a
 * GPU tier, a dependency must name an app...).
 */
import type { ClusterFile } from './schema';
import { DEFAULT_TIERS, type TierSpec } from './tiers';
import type { SchemaIssue } from './validate';
import { didYouMean } from './problems';
import { fileView } from './app-model';
import { checkApp } from './checks-apps';
import { checkGpuNodes } from './checks-gpu';
import { checkSecretsProvider } from './checks-secrets';
import { checkStorage } from './checks-storage';
import { utilityIssues } from './utility-checks';
import { checkNetwork } from './checks-network';
import { checkGitops } from './checks-gitops';
import { checkNodes } from './checks-nodes';
import { checkTiers } from './checks-tiers';

/** Names the cluster file may refer to that live in code, not in the file. */
export interface KnownNames {
  /** TypeScript charts registered in charts/custom. */
  readonly charts: readonly string[];
}

export function crossCheck(file: ClusterFile, folder: string, tiers: Record<string, TierSpec>, known: KnownNames = { charts: [] }): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (file.name !== folder) {
    issues.push({
      path: ['name'],
      message: `cluster name "${file.name}" differs from its folder clusters/${folder}/`,
      fix: `name the cluster "${folder}" or move the file to clusters/${file.name}/cluster.yaml`,
    });
  }
  for (const name of Object.keys(file.tiers)) {
    if (!DEFAULT_TIERS[name]) {
      const guess = didYouMean(name, Object.keys(DEFAULT_TIERS));
      issues.push({
        path: ['tiers'],
        key: name,
        message: `"${name}" is not a tier; tiers override the tier table's values`,
        fix: guess ? `did you mean "${guess}"?` : `use one of: ${Object.keys(DEFAULT_TIERS).join(', ')}`,
      });
    }
  }
  issues.push(...checkGitops(file), ...checkNodes(file), ...checkTiers(file, tiers));
  issues.push(...checkStorage(file), ...checkSecretsProvider(file), ...checkGpuNodes(file));
  const view = fileView(file, tiers);
  for (const [name, app] of Object.entries(file.apps)) issues.push(...checkApp(name, app, view));
  issues.push(...checkCharts(file, known.charts));
  issues.push(...checkNetwork(file));
  issues.push(...utilityIssues(file, tiers));
  return issues;
}

function checkCharts(file: ClusterFile, known: readonly string[]): SchemaIssue[] {
  return file.charts.flatMap((chart, i) => {
    if (known.includes(chart)) return [];
    const guess = didYouMean(chart, known);
    const fix = guess ? `did you mean "${guess}"?` : `register it in charts/custom/index.ts${known.length ? `, or use one of: ${known.join(', ')}` : ''}`;
    return [{ path: ['charts', i], message: `chart "${chart}" is not registered`, fix }];
  });
}
