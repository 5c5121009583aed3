/**
 * A third-party Helm chart as an Argo CD source: repo (or OCI) URL, chart, pinned version, a
 * release name that never changes (no hash) and the values we set, as `valuesObject`.
 *
 * Resources under the tier policy have no CPU limit, but Helm merges our values into the chart's
 * defaults, and some charts default a CPU limit (the VPA recommender: 200m; the GPU operator:
 * 500m). Only `null` deletes a default key, and Argo CD drops nulls from `valuesObject`
 * (argoproj/argo-cd#16312), so every resources block we set also gets a
 * `--set <path>.limits.cpu=null` parameter: no CPU limit, whatever the chart version defaults.
 */
import type { ApplicationSpecSource } from '../../imports/argocd-application-argoproj.io';
import type { PlainResources } from '../tiers/resources';
import type { ChartRef } from './versions';

export type HelmValues = { readonly [key: string]: unknown };

const tierResources = new WeakSet<object>();

/** A chart's `resources:` value under the tier policy (requests, memory limit, no CPU limit). */
export function helmResources(resources: PlainResources): HelmValues {
  const value = { requests: { ...resources.requests }, limits: { ...resources.limits } };
  tierResources.add(value);
  return value;
}

export function isOci(chart: ChartRef): boolean {
  return chart.repo.startsWith('oci://');
}

/** The URL Argo CD fetches the chart from (and the AppProject must allow). */
export function chartRepoUrl(chart: ChartRef): string {
  return isOci(chart) ? `${chart.repo}/${chart.chart}` : chart.repo;
}

export function helmSource(chart: ChartRef, releaseName: string, values: HelmValues): ApplicationSpecSource {
  const parameters = cpuLimitPaths(values).map((path) => ({ name: `${path}.limits.cpu`, value: 'null' }));
  const helm = { releaseName, ...(parameters.length ? { parameters } : {}), valuesObject: values };
  // An OCI chart is an OCI artifact source (Argo CD 3.1+): the whole artifact, path ".".
  return isOci(chart)
    ? { repoUrl: chartRepoUrl(chart), path: '.', targetRevision: chart.version, helm }
    : { repoUrl: chart.repo, chart: chart.chart, targetRevision: chart.version, helm };
}

/** The PriorityClasses the chart's pods will use. */
export function priorityClassesIn(values: unknown): string[] {
  if (!values || typeof values !== 'object') return [];
  return Object.entries(values).flatMap(([key, value]) => (key === 'priorityClassName' && typeof value === 'string' ? [value] : priorityClassesIn(value)));
}

/** `--set` paths (dots in keys escaped) of every tier resources block in `values`. */
function cpuLimitPaths(values: unknown, prefix = ''): string[] {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return [];
  if (tierResources.has(values)) return [prefix];
  return Object.entries(values).flatMap(([key, value]) => cpuLimitPaths(value, prefix + (prefix ? '.' : '') + key.replace(/\./g, '\\.')));
}
