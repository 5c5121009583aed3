/**
 * What building one cluster gives: the cdk8s App, the charts that become application folders,
 * their final objects, the dependencies between them, the app-of-apps and the bootstrap objects;
 * and the hook for charts of one's own. charts/index.ts builds it; lib/gitops/collect.ts reads it.
 */
import type { App } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterModel } from '../config';
import type { K8sObject } from '../objects/object';
import type { AppChart } from './app-chart';
import type { AppOfApps } from './app-of-apps';
import type { Bootstrap } from './bootstrap';
import type { Dependent } from './waves';

export interface ClusterBuild {
  readonly cluster: ClusterModel;
  readonly app: App;
  /** The charts that become `dist/<cluster>/<app>/` folders. */
  readonly appCharts: readonly AppChart[];
  /** Their final objects, rendered once: the dependencies are read off them, then they are written. */
  readonly appObjects: ReadonlyMap<AppChart, readonly K8sObject[]>;
  /** What each application waits for: declared, and implied by its objects. */
  readonly dependencies: readonly Dependent[];
  readonly appOfApps: AppOfApps;
  readonly bootstrap: Bootstrap;
}

/** Adds charts of one's own (TypeScript) to a cluster; each AppChart becomes an application (see charts/custom). */
export type ChartFactory = (scope: Construct, cluster: ClusterModel) => void;
