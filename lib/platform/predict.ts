/**
 * What a pinned chart will create with our values, from its profile (./profile.ts): the Helm
 * parameters that remove the chart's default CPU limits, and the pod-bearing objects (hooks and
 * operator operands included) with each container's resources as Helm will render them. The
 * objects are never written: verify counts and checks them like our own.
 */
import type { ChartProfile, ChartResources, ContainerProfile, TolerationsProfile, Values, WorkloadProfile } from './profile';
import { valueAt } from './profile';
import type { ChartRef, HelmParameter } from '../gitops/app-chart';
import type { K8sObject } from '../objects/object';

/** Annotation on a predicted object: the chart and version it comes from. */
export const PREDICTED_FROM = 'homelab.dev/predicted-from';
/** Annotation on a predicted operand: created by the chart's operator, not by Helm. */
export const OPERAND = 'homelab.dev/operand';
export const HELM_HOOK = 'helm.sh/hook';

/** Resources as Helm renders them: a null that deleted nothing stays, and the API server refuses it. */
interface RenderedResources {
  readonly requests?: Readonly<Record<string, string | null>>;
  readonly limits?: Readonly<Record<string, string | null>>;
}

/**
 * `--set <path>.limits.cpu=null` for each resources path of a rendered workload where the chart's
 * defaults hold a CPU limit: only there does a null delete something; anywhere else Helm would
 * render the null.
 */
export function cpuLimitRemovals(profile: ChartProfile, values: Values): HelmParameter[] {
  const paths = rendered(profile, values)
    .flatMap((w) => w.containers)
    .filter((c) => c.resources && !c.keepsNull && c.chartDefault?.limits?.cpu !== undefined)
    .map((c) => c.resources!);
  return [...new Set(paths)].map((path) => ({ name: `${path}.limits.cpu`, value: 'null' }));
}

/** The workloads the chart renders with `values` (and `parameters`, as `--set`), in `namespace`. */
export function predictWorkloads(chart: ChartRef, profile: ChartProfile, values: Values, parameters: readonly HelmParameter[], namespace: string): K8sObject[] {
  const removed = new Set(parameters.filter((p) => p.value === 'null').map((p) => p.name));
  return rendered(profile, values).map((w) => predictWorkload(w, values, removed, namespace, `${chart.chart}@${profile.version}`));
}

/** The workloads the chart renders with `values` (each `when` against the chart's defaults). */
function rendered(profile: ChartProfile, values: Values): readonly WorkloadProfile[] {
  return profile.workloads.filter((w) => w.when?.(values) ?? true);
}

function predictWorkload(w: WorkloadProfile, values: Values, removed: ReadonlySet<string>, namespace: string, from: string): K8sObject {
  const container = (c: ContainerProfile) => ({ name: c.name, resources: renderedResources(c, values, removed) });
  const priorityClassName = w.priorityClassName ? valueAt(values, w.priorityClassName) : undefined;
  const tolerations = tolerationsOf(w.tolerations, values);
  const nodeSelector = typeof w.nodeSelector === 'string' ? valueAt(values, w.nodeSelector) : w.nodeSelector;
  const init = w.containers.filter((c) => c.init);
  const podSpec = {
    ...(typeof priorityClassName === 'string' && priorityClassName ? { priorityClassName } : {}),
    ...(tolerations.length ? { tolerations } : {}),
    ...(nodeSelector && typeof nodeSelector === 'object' && Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(init.length ? { initContainers: init.map(container) } : {}),
    containers: w.containers.filter((c) => !c.init).map(container),
  };
  const replicas = typeof w.replicas === 'function' ? w.replicas(values) : (w.replicas ?? 1);
  const annotations: Record<string, string> = {
    [PREDICTED_FROM]: from,
    ...(w.hook ? { [HELM_HOOK]: w.hook } : {}),
    ...(w.operand ? { [OPERAND]: 'true' } : {}),
  };
  const metadata = { name: w.name, namespace, annotations };
  switch (w.kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec };
    case 'Job':
      return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { template: { spec: podSpec } } };
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { template: { spec: podSpec } } };
    default:
      // the charts' own rollout settings are not profiled: a Deployment surges by the API default (25%)
      return { apiVersion: 'apps/v1', kind: w.kind, metadata, spec: { replicas, template: { spec: podSpec } } };
  }
}

function tolerationsOf(profile: WorkloadProfile['tolerations'], values: Values): unknown[] {
  if (profile === undefined) return [];
  if (typeof profile === 'string') return asList(valueAt(values, profile));
  if (Array.isArray(profile)) return [...profile];
  const { values: path, chartDefault = [], fixed = [] } = profile as TolerationsProfile;
  const ours = path === undefined ? undefined : valueAt(values, path);
  return [...fixed, ...(ours === undefined ? chartDefault : asList(ours))];
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Helm's merge of our values into the chart's defaults at the container's path, with the null parameters applied. */
function renderedResources(c: ContainerProfile, values: Values, removed: ReadonlySet<string>): RenderedResources {
  const ours = (c.resources ? valueAt(values, c.resources) : undefined) as ChartResources | undefined;
  const side = (key: 'requests' | 'limits') => {
    const merged: Record<string, string | null> = { ...c.chartDefault?.[key], ...ours?.[key] };
    const prefix = `${c.resources}.${key}.`;
    for (const name of c.resources ? removed : []) {
      if (!name.startsWith(prefix)) continue;
      const r = name.slice(prefix.length);
      // a null deletes a key the chart's defaults define; anywhere else (or under a subchart's key) Helm renders it
      if (c.chartDefault?.[key]?.[r] !== undefined && !c.keepsNull) delete merged[r];
      else merged[r] = null;
    }
    return Object.keys(merged).length ? { [key]: merged } : {};
  };
  return { ...side('requests'), ...side('limits') };
}
