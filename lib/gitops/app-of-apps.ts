/**
 * `dist/<cluster>/apps/`: one child Application per AppChart, in sync waves derived from the
 * charts' declared dependencies. The root Application (lib/gitops/bootstrap.ts) syncs this folder.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterModel } from '../config';
import { ChildApplication } from './application';
import type { AppChart } from './app-chart';
import { APPS_FOLDER } from './bootstrap';
import { syncWaves, type Dependent } from './waves';

export class AppOfApps extends Chart {
  /** `dependencies` default to what the charts declare; the platform adds what their objects imply. */
  constructor(scope: Construct, cluster: ClusterModel, charts: readonly AppChart[], dependencies: readonly Dependent[] = charts) {
    super(scope, APPS_FOLDER, { disableResourceNameHashes: true });
    const waves = syncWaves(dependencies);
    for (const chart of charts) {
      new ChildApplication(this, chart.appName, {
        cluster,
        name: chart.appName,
        namespace: chart.destinationNamespace,
        project: chart.project,
        wave: waves.get(chart.appName)!,
        sources: chart.sources,
        syncOptions: chart.syncOptions,
        cascadeDelete: chart.cascadeDelete,
      });
    }
  }
}
