/**
 * A chart profile: what one third-party chart, at one pinned version, renders with the values we
 * give it. It is read from the chart itself (values.yaml, values.schema.json and templates at the
 * release tag) and written down here as data, because no Helm runs at synth: every workload, its
 * containers, init containers and hooks, the values path that sizes each container and the chart's
 * default resources at that path. From a profile and our values synth knows
 *
 * - which `--set <path>.limits.cpu=null` parameters remove a CPU limit (only where the chart
 *   defaults one: elsewhere Helm would render a literal null);
 * - what each container will really ask for (our values merged into the chart's defaults);
 * - which pods the platform adds to each node (DaemonSets on every node they tolerate), so the
 *   scheduling simulation, the quotas and the capacity table count them.
 *
 * An operator's operands (pods an operator creates at run time from its custom resource, like the
 * GPU operator's from its ClusterPolicy) are profiled the same way, with `operand: true`.
 */

/** A values tree, as Helm sees it. */
export type Values = { readonly [key: string]: unknown };

/** Resources as a chart writes them: quantities as strings. */
export interface ChartResources {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

interface ProfileToleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: string;
}

/** Tolerations read from values (the chart's default there when ours do not set it), plus those the template always adds. */
export interface TolerationsProfile {
  readonly values?: string;
  readonly chartDefault?: readonly ProfileToleration[];
  readonly fixed?: readonly ProfileToleration[];
}

export interface ContainerProfile {
  readonly name: string;
  /** An init container (runs to completion before the others). */
  readonly init?: boolean;
  /** The values path of the `resources` block its template renders (`controller.resources`); absent: no value reaches it. */
  readonly resources?: string;
  /**
   * What the chart renders when our values say nothing: values.yaml's default at `resources`, or,
   * without a values path, what the template hard-codes. Absent: no resources at all (the
   * namespace's LimitRange defaults apply).
   */
  readonly chartDefault?: ChartResources;
  /**
   * A null does not delete this path's defaults: its first key is also the name of a subchart, and
   * Helm keeps nulls under a subchart's key (kyverno's `crds.migration.podResources`, under its
   * `crds` subchart): the null replaces the default and renders as `null`, which the API server
   * refuses. No parameter is emitted for it; its chart-default CPU limit cannot be removed.
   */
  readonly keepsNull?: boolean;
}

export interface WorkloadProfile {
  readonly kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Job' | 'Pod';
  /** Its name as rendered, with the release name we give (the utility's name). */
  readonly name: string;
  /** Created by the operator at run time, not rendered by Helm (the GPU operator's operands). */
  readonly operand?: boolean;
  /** Its `helm.sh/hook` annotation: it runs during a sync (Argo CD PreSync/PostSync), it is no resident pod. */
  readonly hook?: string;
  /** Rendered only when this holds for our values (absent: always). Use `on()` to read a flag with its chart default. */
  readonly when?: (values: Values) => boolean;
  /** How many pods it runs (a DaemonSet: one per node it tolerates, whatever this says). */
  readonly replicas?: number | ((values: Values) => number);
  /** The values path of its pod's priorityClassName; absent: the chart has none for it. */
  readonly priorityClassName?: string;
  /** Its tolerations: a values path, fixed ones from the template, or both (see TolerationsProfile). Absent: none. */
  readonly tolerations?: string | readonly ProfileToleration[] | TolerationsProfile;
  /** Its node selector: a values path, or a fixed one from the template. Absent: none. */
  readonly nodeSelector?: string | Readonly<Record<string, string>>;
  readonly containers: readonly ContainerProfile[];
}

export interface ChartProfile {
  /** The chart version this profile was read from. Another pinned version is a synth error until the profile is read again. */
  readonly version: string;
  readonly workloads: readonly WorkloadProfile[];
}

/** The value at a dotted path (`controller.resources`), or undefined. */
export function valueAt(values: unknown, path: string): unknown {
  let here: unknown = values;
  for (const key of path.split('.')) {
    if (!here || typeof here !== 'object' || Array.isArray(here)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/** `when:` a boolean value, with the chart's default when our values do not set it. */
export const on =
  (path: string, chartDefault: boolean) =>
  (values: Values): boolean => {
    const v = valueAt(values, path);
    return typeof v === 'boolean' ? v : chartDefault;
  };

/** `replicas:` a number value, with the chart's default when our values do not set it. */
export const count =
  (path: string, chartDefault: number) =>
  (values: Values): number => {
    const v = valueAt(values, path);
    return typeof v === 'number' ? v : chartDefault;
  };
