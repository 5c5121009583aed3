/**
 * cdk8s App -> the final API objects, grouped the way they are written and synced: one group per
 * Argo CD application folder, the app-of-apps folder, and the bootstrap objects.
 */
import type { Chart } from 'cdk8s';
import type { ClusterBuild } from '../../charts';
import type { ClusterModel } from '../config';
import { APPS_FOLDER } from '../gitops/bootstrap';

/** A Kubernetes object as it will be written (plain JSON). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

export interface AppFolder {
  /** Folder name under dist/<cluster>/ (the Application's name). */
  readonly name: string;
  /** The Application's destination namespace. */
  readonly namespace: string;
  readonly objects: readonly K8sObject[];
}

export interface ClusterObjects {
  readonly cluster: ClusterModel;
  /** The workload and platform folders, then `apps` (the child Applications). */
  readonly folders: readonly AppFolder[];
  /** `argocd/<cluster>.yaml`: AppProjects and the root Application. */
  readonly bootstrap: readonly K8sObject[];
}

export function collect(build: ClusterBuild): ClusterObjects {
  const folders: AppFolder[] = build.appCharts.map((c) => ({ name: c.appName, namespace: c.destinationNamespace, objects: objectsOf(c) }));
  folders.push({ name: APPS_FOLDER, namespace: build.cluster.gitops.argocdNamespace, objects: objectsOf(build.appOfApps) });
  return { cluster: build.cluster, folders, bootstrap: objectsOf(build.bootstrap) };
}

function objectsOf(chart: Chart): K8sObject[] {
  return chart.toJson() as K8sObject[];
}
