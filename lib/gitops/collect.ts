/**
 * cdk8s App -> the final API objects, grouped the way they are written and synced: one group per
 * Argo CD application folder, the app-of-apps folder, and the bootstrap objects.
 */
import { ApiObject, type App, type Chart } from 'cdk8s';
import type { ClusterBuild } from './cluster-build';
import type { K8sObject } from '../objects/object';

export type { K8sObject };
import type { ClusterModel } from '../config';
import { APPS_FOLDER } from './bootstrap';
import type { HelmChartOf } from './app-chart';
import type { Dependent } from './waves';

interface AppFolder {
  /** Folder name under dist/<cluster>/ (the Application's name). */
  readonly name: string;
  /** The Application's destination namespace. */
  readonly namespace: string;
  /** API groups whose CRDs the application installs (AppChart `crds`; none when absent). */
  readonly crds?: readonly string[];
  readonly objects: readonly K8sObject[];
  /** The Helm chart the application installs: its pods are counted and checked, never written. */
  readonly helm?: HelmChartOf;
}

export interface ClusterObjects {
  readonly cluster: ClusterModel;
  /** The workload and platform folders, then `apps` (the child Applications). */
  readonly folders: readonly AppFolder[];
  /** `argocd/<cluster>.yaml`: AppProjects and the root Application. */
  readonly bootstrap: readonly K8sObject[];
  /** What each application waits for: the sync waves and the install-order graph derive from it. */
  readonly dependencies: readonly Dependent[];
}

export function collect(build: ClusterBuild): ClusterObjects {
  validateConstructs(build.app);
  const folders: AppFolder[] = build.appCharts.map((c) => ({
    name: c.appName,
    namespace: c.destinationNamespace,
    crds: c.crds,
    objects: build.appObjects.get(c)!,
    helm: c.helm,
  }));
  folders.push({ name: APPS_FOLDER, namespace: build.cluster.gitops.argocdNamespace, objects: objectsOf(build.appOfApps) });
  return { cluster: build.cluster, folders, bootstrap: objectsOf(build.bootstrap), dependencies: build.dependencies };
}

/**
 * The chart's objects, resolved. Not `chart.toJson()`: that re-resolves and re-validates the
 * whole app for every chart (quadratic in the number of charts); the order it adds only matters
 * for multi-document files, and we write one object per file.
 */
export function objectsOf(chart: Chart): K8sObject[] {
  return chart.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .map((o) => o.toJson() as K8sObject);
}

/** Runs the constructs' own validations (cdk8s-plus adds some) once for the whole app. */
function validateConstructs(app: App): void {
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length) throw new Error(`construct validation failed:\n  ${errors.join('\n  ')}`);
}
