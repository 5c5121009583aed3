/**
 * cluster model -> cdk8s App: one chart per Argo CD application, the app-of-apps over them, and
 * the bootstrap objects. Nothing here writes files; lib/output renders and writes.
 */
import { App } from 'cdk8s';
import type { ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { AppOfApps } from '../lib/gitops/app-of-apps';
import { Bootstrap } from '../lib/gitops/bootstrap';
import type { Dependent } from '../lib/gitops/waves';
import { dependencyGraph } from '../lib/platform/dependencies';
import { AppFromClusterFile } from './app';
import { buildPlatform } from './platform';

export interface ClusterBuild {
  readonly cluster: ClusterModel;
  readonly app: App;
  /** The charts that become `dist/<cluster>/<app>/` folders. */
  readonly appCharts: readonly AppChart[];
  /** What each application waits for: declared, and implied by its objects. */
  readonly dependencies: readonly Dependent[];
  readonly appOfApps: AppOfApps;
  readonly bootstrap: Bootstrap;
}

export function buildCluster(cluster: ClusterModel): ClusterBuild {
  const app = new App({ outdir: 'cdk8s.out' });
  buildPlatform(app, cluster);
  for (const a of cluster.apps) new AppFromClusterFile(app, cluster, a);
  const appCharts = AppChart.allIn(app);
  const dependencies = dependencyGraph(appCharts);
  const appOfApps = new AppOfApps(app, cluster, appCharts, dependencies);
  const bootstrap = new Bootstrap(app, cluster, appCharts);
  return { cluster, app, appCharts, dependencies, appOfApps, bootstrap };
}
