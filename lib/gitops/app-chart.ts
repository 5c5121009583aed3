/**
 * One cdk8s Chart per Argo CD application: everything in it lands in `dist/<cluster>/<app>/` and
 * is synced by one child Application. Platform charts and app charts (including users' own
 * TypeScript charts) all extend this.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ApplicationSpecSource } from '../../imports/argocd-application-argoproj.io';
import type { ClusterModel } from '../config';
import type { Capability } from './capabilities';
import type { K8sObject } from '../objects/object';

/** A third-party Helm chart, pinned: its repository (or `oci://...` registry), name and version. */
export interface ChartRef {
  readonly repo: string;
  readonly chart: string;
  readonly version: string;
}

/** A `--set` parameter of a Helm source (Argo CD passes `parameters` as `--set`). */
export interface HelmParameter {
  readonly name: string;
  readonly value: string;
}

/** The third-party Helm chart an application installs, and what it will create. */
export interface HelmChartOf {
  readonly chart: ChartRef;
  readonly values: { readonly [key: string]: unknown };
  /** `--set` parameters beside the values (the null CPU-limit removals). */
  readonly parameters: readonly HelmParameter[];
  /** Why its pods cannot be predicted (no profile for the pinned version); a synth error. */
  readonly problem?: { readonly message: string; readonly fix: string };
  /** The pod-bearing objects the chart and its operator create (hooks included), from its profile. */
  readonly workloads: readonly K8sObject[];
}

export interface AppChartProps {
  readonly cluster: ClusterModel;
  /** Application and folder name; unique within the cluster. */
  readonly name: string;
  /** The Application's destination namespace (objects outside it say their namespace). */
  readonly namespace: string;
  /** `apps` for workloads (namespaced, tier namespaces only), `platform` for cluster utilities. */
  readonly project?: 'apps' | 'platform';
  /** Applications that must be synced and healthy first; sync waves derive from these. */
  readonly dependsOn?: readonly string[];
  /** Where Argo CD reads the app from; default: the chart's own folder of rendered manifests. */
  readonly sources?: ApplicationSpecSource[];
  /** API groups whose CustomResourceDefinitions this application installs (e.g. `metallb.io`). */
  readonly crds?: readonly string[];
  /** What objects rendered outside this folder (by a Helm chart) offer others, e.g. a load balancer. */
  readonly provides?: readonly Capability[];
  /** What objects rendered outside this folder need, e.g. a LoadBalancer Service needs a load balancer. */
  readonly uses?: readonly Capability[];
  /** Sync options on top of the defaults (e.g. `ServerSideApply=true` for large CRDs). */
  readonly syncOptions?: readonly string[];
  /** Deleting the Application deletes its objects (default). Argo CD itself must not cascade. */
  readonly cascadeDelete?: boolean;
  /** The Helm chart among `sources`, with what it will create. */
  readonly helm?: HelmChartOf;
}

/** Two charts of one cluster named alike: one Application (and folder) would replace the other. */
export class DuplicateApplicationError extends Error {
  constructor(
    readonly cluster: ClusterModel,
    readonly app: string,
  ) {
    super(`${cluster.name}: two applications are named "${app}"; an Argo CD Application and its folder dist/${cluster.name}/${app}/ can belong to one only`);
    this.name = 'DuplicateApplicationError';
  }
}

export class AppChart extends Chart {
  readonly cluster: ClusterModel;
  readonly appName: string;
  readonly destinationNamespace: string;
  readonly project: 'apps' | 'platform';
  readonly dependsOn: readonly string[];
  readonly sources?: ApplicationSpecSource[];
  readonly crds: readonly string[];
  readonly provides: readonly Capability[];
  readonly uses: readonly Capability[];
  readonly syncOptions: readonly string[];
  readonly cascadeDelete: boolean;
  readonly helm?: HelmChartOf;

  constructor(scope: Construct, props: AppChartProps) {
    if (scope.node.tryFindChild(props.name)) throw new DuplicateApplicationError(props.cluster, props.name);
    // No chart-level namespace: cdk8s would stamp it on cluster-scoped objects too.
    super(scope, props.name, { disableResourceNameHashes: true });
    this.cluster = props.cluster;
    this.appName = props.name;
    this.destinationNamespace = props.namespace;
    this.project = props.project ?? 'apps';
    this.dependsOn = props.dependsOn ?? [];
    this.sources = props.sources;
    this.crds = props.crds ?? [];
    this.provides = props.provides ?? [];
    this.uses = props.uses ?? [];
    this.syncOptions = props.syncOptions ?? [];
    this.cascadeDelete = props.cascadeDelete ?? true;
    this.helm = props.helm;
  }

  /** The charts of a construct tree, in tree order. */
  static allIn(scope: Construct): AppChart[] {
    return scope.node.findAll().filter((c): c is AppChart => c instanceof AppChart);
  }
}
