/**
 * A third-party Helm chart as an Argo CD source: repo (or OCI) URL, chart, pinned version, a
 * release name that never changes (no hash), the values we set as `valuesObject`, and the
 * parameters (`--set`) that remove the chart's default CPU limits (./predict.ts): Argo CD drops
 * nulls from `valuesObject` (argoproj/argo-cd#16312), so a null must travel as a parameter.
 */
import type { ApplicationSpecSource } from '../../imports/argocd-application-argoproj.io';
import type { PlainResources } from '../config/tier-resources';
import type { HelmParameter } from '../gitops/app-chart';
import type { ChartRef } from '../gitops/app-chart';

export type HelmValues = { readonly [key: string]: unknown };

/** A chart's `resources:` value under the tier policy (requests, memory limit, no CPU limit). */
export function helmResources(resources: PlainResources): HelmValues {
  return { requests: { ...resources.requests }, limits: { ...resources.limits } };
}

function isOci(chart: ChartRef): boolean {
  return chart.repo.startsWith('oci://');
}

/** The URL Argo CD fetches the chart from (and the AppProject must allow). */
export function chartRepoUrl(chart: ChartRef): string {
  return isOci(chart) ? `${chart.repo}/${chart.chart}` : chart.repo;
}

export function helmSource(chart: ChartRef, releaseName: string, values: HelmValues, parameters: readonly HelmParameter[]): ApplicationSpecSource {
  const helm = { releaseName, ...(parameters.length ? { parameters: parameters.map((p) => ({ ...p })) } : {}), valuesObject: values };
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
