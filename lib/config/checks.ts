/**
 * Cross-checks of a schema-valid cluster file: the rules one field's schema cannot express
 * because they relate fields to each other (an app's tier must exist, a GPU app must be in a
 * GPU tier, a dependency must name an app...).
 */
import type { ClusterFile } from './schema';
import { DEFAULT_TIERS, type TierSpec } from './tiers';
import type { SchemaIssue } from './validate';
import { didYouMean } from './problems';
import { memoryBytes } from './quantity';
import { tierResources } from '../tiers/resources';
import { utilityIssues } from './utility-checks';
import { sizedChoice } from '../tiers/headroom';
import { checkNetwork } from './checks-network';

export function crossCheck(file: ClusterFile, folder: string, tiers: Record<string, TierSpec>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (file.name !== folder) {
    issues.push({ path: ['name'], message: `cluster name "${file.name}" differs from its folder clusters/${folder}/`, fix: `name the cluster "${folder}" or move the file to clusters/${file.name}/cluster.yaml` });
  }
  for (const name of Object.keys(file.tiers)) {
    if (!DEFAULT_TIERS[name]) {
      const guess = didYouMean(name, Object.keys(DEFAULT_TIERS));
      issues.push({ path: ['tiers'], key: name, message: `"${name}" is not a tier; tiers override the tier table's values`, fix: guess ? `did you mean "${guess}"?` : `use one of: ${Object.keys(DEFAULT_TIERS).join(', ')}` });
    }
  }
  const appNames = Object.keys(file.apps);
  const poolNames = Object.keys(file.network.pools);
  for (const [name, app] of Object.entries(file.apps)) {
    const at = (...path: (string | number)[]) => ['apps', name, ...path];
    const tier = tiers[app.tier];
    if (!tier) {
      const guess = didYouMean(app.tier, Object.keys(tiers));
      issues.push({ path: at('tier'), message: `tier "${app.tier}" does not exist`, fix: guess ? `did you mean "${guess}"?` : `use one of: ${Object.keys(tiers).join(', ')}` });
    } else {
      if (app.gpus > 0 && !tier.gpu) {
        const gpuTiers = Object.keys(tiers).filter((t) => tiers[t].gpu);
        issues.push({ path: at('gpus'), message: `app asks for ${app.gpus} GPU(s) but tier "${app.tier}" is not a GPU tier`, fix: `move it to ${gpuTiers.join(' or ') || 'a tier with gpu: true'}, or remove gpus` });
      }
      if (tier.memoryRequestEqualsLimit && app.memory && app.memoryLimit && memoryBytes(app.memory) !== memoryBytes(app.memoryLimit)) {
        issues.push({ path: at('memoryLimit'), message: `tier "${app.tier}" needs memory request = limit, got request ${app.memory} and limit ${app.memoryLimit}`, fix: `drop memoryLimit (it defaults to the request) or set both to the same value` });
      }
      for (const [field, sized] of [['cpu', 'cpu'], ['memory', 'memory'], ['memoryLimit', 'memory']] as const) {
        if (app[field] !== undefined && app.upperBound?.[sized] !== undefined && !(field === 'memory' && !tier.memoryRequestEqualsLimit)) {
          issues.push({ path: at(field), message: `${field} is given and also derived from upperBound.${sized}`, fix: `keep one: upperBound.${sized} (sized with headroom) or ${field}` });
        }
      }
      const { requests, limits } = tierResources(tier, sizedChoice(app, tier));
      const field = app.memoryLimit ? 'memoryLimit' : 'memory';
      if (memoryBytes(requests.memory) > memoryBytes(limits.memory)) {
        issues.push({ path: at(field), message: `memory request ${requests.memory} is above the memory limit ${limits.memory}`, fix: 'a limit must be at least the request: raise memoryLimit or lower memory' });
      }
      if (memoryBytes(limits.memory) > memoryBytes(tier.memory.max)) {
        issues.push({ path: at(field), message: `memory limit ${limits.memory} is above tier "${app.tier}"'s per-container maximum ${tier.memory.max}`, fix: `lower it to ${tier.memory.max} or less, or move the app to a tier with a higher maximum` });
      }
    }
    const pinned = imagePinProblem(app.image);
    if (pinned) issues.push({ path: at('image'), message: pinned, fix: PIN_FIX });
    app.dependsOn.forEach((dep, i) => {
      if (dep === name) issues.push({ path: at('dependsOn', i), message: 'an app cannot depend on itself', fix: 'remove it' });
      else if (!file.apps[dep]) {
        const guess = didYouMean(dep, appNames);
        issues.push({ path: at('dependsOn', i), message: `app "${dep}" does not exist`, fix: guess ? `did you mean "${guess}"?` : `use one of: ${appNames.join(', ')}` });
      }
    });
    if (app.expose && !file.network.pools[app.expose.pool]) {
      const guess = didYouMean(app.expose.pool, poolNames);
      issues.push({ path: at('expose', 'pool'), message: `address pool "${app.expose.pool}" does not exist`, fix: guess ? `did you mean "${guess}"?` : poolNames.length ? `use one of: ${poolNames.join(', ')}` : 'declare it under network.pools' });
    }
  }
  issues.push(...checkNetwork(file));
  issues.push(...utilityIssues(file, tiers));
  return issues;
}

export const PIN_FIX = 'pin a version tag (e.g. "vaultwarden/server:1.34.3") or a digest ("...@sha256:...")';

/** Why an image reference is not pinned, or undefined when it is. */
export function imagePinProblem(image: string): string | undefined {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
  if (!tag) return `image "${image}" has no tag, so it means :latest and changes under you`;
  if (tag === 'latest') return `image "${image}" uses the moving tag "latest"`;
  return undefined;
}
