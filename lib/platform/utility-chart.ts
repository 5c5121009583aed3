/**
 * One cluster utility = one Argo CD application with two sources: the third-party Helm chart
 * (pinned in lib/platform/versions.ts) and the utility's folder of our own objects. The folder
 * always holds at least the utility's tier namespace (Namespace with its tier and Pod Security
 * labels, LimitRange, ResourceQuota), so every Application has a folder and every folder one
 * Application, and the tier's defaults and quota apply to the chart's pods too.
 *
 * The chart's pods follow the utility's tier: its PriorityClass, and per component the
 * requests and memory limit the model resolved (never a CPU limit). The chart's profile at the
 * pinned version (lib/platform/profiles/) says which default CPU limits a null parameter removes
 * and which pods the chart will run, so verify counts and checks them like our own.
 */
import type { Construct } from 'constructs';
import type { ClusterModel, ComponentOf, UtilityModel, UtilityName } from '../config';
import { AppChart } from '../gitops/app-chart';
import { folderOf, folderSource } from '../gitops/application';
import { priorityClassName } from '../config/tier-names';
import { TierNamespace, type PodSecurityLevel } from '../tiers/namespace';
import { priorityClass, type Capability } from '../gitops/capabilities';
import { helmResources, helmSource, priorityClassesIn, type HelmValues } from './helm';
import { cpuLimitRemovals, predictWorkloads } from './predict';
import { quotaNeed } from './quota-need';
import { LIMIT_RANGE_NAME, limitRangeSpec } from '../tiers/policy-objects';
import { profileOf } from './profiles';
import type { ChartRef } from '../gitops/app-chart';

/** What a utility's values are written from. */
interface UtilityContext<U extends UtilityName> {
  readonly utility: UtilityModel<U>;
  readonly priorityClassName: string;
  /** A component's `resources:` value. */
  resources(component: ComponentOf<U>): HelmValues;
}

export interface UtilityChartProps<U extends UtilityName> {
  readonly cluster: ClusterModel;
  readonly utility: U;
  readonly chart: ChartRef;
  /** The Pod Security Admission level its pods need (host networking, host paths... need privileged). */
  readonly podSecurity: PodSecurityLevel;
  readonly values: (context: UtilityContext<U>) => HelmValues;
  readonly crds?: readonly string[];
  readonly provides?: readonly Capability[];
  readonly uses?: readonly Capability[];
  readonly cascadeDelete?: boolean;
}

/** Our custom resources sync after the chart's CRDs, and a dry run must not fail before they exist. */
export const CUSTOM_RESOURCE_ANNOTATIONS = {
  'argocd.argoproj.io/sync-wave': '1',
  'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
} as const;

export class UtilityChart<U extends UtilityName> extends AppChart {
  readonly utility: UtilityModel<U>;

  constructor(scope: Construct, props: UtilityChartProps<U>) {
    const { cluster } = props;
    const utility = cluster.utilities[props.utility];
    const context: UtilityContext<U> = {
      utility,
      priorityClassName: priorityClassName(utility.tier),
      resources: (component) => helmResources(utility.resources[component]),
    };
    const values = props.values(context);
    const { profile, problem } = profileOf(props.chart);
    const parameters = profile ? cpuLimitRemovals(profile, values) : [];
    const workloads = profile ? predictWorkloads(props.chart, profile, values, parameters, utility.namespace) : [];
    super(scope, {
      cluster,
      name: props.utility,
      namespace: utility.namespace,
      project: 'platform',
      crds: props.crds,
      provides: props.provides,
      uses: [...new Set(priorityClassesIn(values))].map(priorityClass).concat(props.uses ?? []),
      sources: [folderSource(cluster, folderOf(cluster, props.utility)), helmSource(props.chart, props.utility, values, parameters)],
      // Large CRDs (Argo CD's, Kyverno's, External Secrets') exceed client-side apply's annotation limit.
      syncOptions: ['ServerSideApply=true'],
      cascadeDelete: props.cascadeDelete,
      helm: {
        chart: props.chart,
        values,
        parameters,
        problem,
        workloads,
      },
    });
    this.utility = utility;
    // the tier's quota, raised to what the chart runs here at most (its DaemonSets grow with the nodes)
    const limitRange = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: LIMIT_RANGE_NAME, namespace: utility.namespace },
      spec: limitRangeSpec(cluster.tiers[utility.tier]),
    };
    const quotaAtLeast = quotaNeed(workloads, limitRange, cluster.nodes.length);
    new TierNamespace(this, 'namespace', { cluster, tier: utility.tier, name: utility.namespace, podSecurity: props.podSecurity, quotaAtLeast });
  }
}
