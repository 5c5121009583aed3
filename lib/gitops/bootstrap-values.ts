/**
 * `argocd/<cluster>-values.yaml`: the values of Argo CD's own Application, for the one `helm
 * install` that bootstraps a cluster. The first install then runs what Argo CD will sync itself
 * (the Application health check included, so the first pass already waits between sync waves).
 * The `--set` parameters become the nulls they stand for: `-f` deletes a chart default the same way.
 */
import type { ClusterObjects } from '../output/collect';
import type { HelmChartOf } from './app-chart';
import { CHARTS } from '../platform/versions';

export interface BootstrapInstall {
  /** Path of the values file, from the project root. */
  readonly file: string;
  readonly values: { readonly [key: string]: unknown };
  readonly helm: HelmChartOf;
  readonly namespace: string;
}

/** Argo CD's Helm install for the cluster, or undefined when the cluster does not manage Argo CD. */
export function bootstrapInstall(tree: ClusterObjects): BootstrapInstall | undefined {
  const folder = tree.folders.find((f) => f.helm?.chart.chart === CHARTS.argoCd.chart && f.helm.chart.repo === CHARTS.argoCd.repo);
  if (!folder?.helm) return undefined;
  const values = structuredClone(folder.helm.values) as Record<string, unknown>;
  for (const p of folder.helm.parameters) if (p.value === 'null') setPath(values, p.name.split('.'), null);
  return { file: `argocd/${tree.cluster.name}-values.yaml`, values, helm: folder.helm, namespace: folder.namespace };
}

/** The commands that bootstrap the cluster, in order, as a person pastes them. */
export function bootstrapCommands(tree: ClusterObjects, install: BootstrapInstall): string[] {
  const { chart } = install.helm;
  const cluster = tree.cluster.name;
  return [
    '# the PriorityClasses and the namespace (with its LimitRange and quota) Argo CD runs in',
    `kubectl apply -f dist/${cluster}/tiers/`,
    `kubectl apply -f dist/${cluster}/${tree.folders.find((f) => f.helm === install.helm)!.name}/`,
    `helm repo add argo ${chart.repo} && helm repo update argo`,
    `helm install argocd argo/${chart.chart} --version ${chart.version} -n ${install.namespace} -f ${install.file}`,
    '# the AppProjects and the root Application: from here on Argo CD syncs everything, itself included',
    `kubectl apply -n ${install.namespace} -f argocd/${cluster}.yaml`,
  ];
}

function setPath(values: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let here = values;
  for (const key of path.slice(0, -1)) {
    if (!here[key] || typeof here[key] !== 'object') here[key] = {};
    here = here[key] as Record<string, unknown>;
  }
  here[path[path.length - 1]] = value;
}
