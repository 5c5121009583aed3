/**
 * cluster model -> cdk8s App: one chart per Argo CD application, the app-of-apps over them, and
 * the bootstrap objects. Nothing here writes files; lib/output renders and writes.
 */
import { App } from 'cdk8s';
import type { ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { AppOfApps } from '../lib/gitops/app-of-apps';
import { Bootstrap } from '../lib/gitops/bootstrap';
import { objectsOf } from '../lib/gitops/collect';
import type { ClusterBuild, ChartFactory } from '../lib/gitops/cluster-build';
import { dependencyGraph } from '../lib/gitops/dependencies';
import { GenericAppChart } from './app';
import { CUSTOM_CHARTS } from './custom';
import { TiersChart } from './tiers';
import { buildPlatform } from './platform';
import { CiliumLoadBalancerChart } from './cilium-lb';
import { KYVERNO } from './platform/kyverno';
import { TierPoliciesChart } from './tier-policies';

export type { ClusterBuild, ChartFactory };

export function buildCluster(cluster: ClusterModel, extraCharts: readonly ChartFactory[] = []): ClusterBuild {
  const app = new App({ outdir: 'cdk8s.out' });
  new TiersChart(app, cluster);
  buildPlatform(app, cluster);
  if (cluster.utilities.kyverno.enabled) new TierPoliciesChart(app, cluster, KYVERNO);
  if (cluster.network.loadBalancer === 'cilium' && Object.keys(cluster.network.pools).length) new CiliumLoadBalancerChart(app, cluster);
  for (const a of cluster.apps) new GenericAppChart(app, cluster, a);
  for (const name of cluster.charts) CUSTOM_CHARTS[name](app, cluster);
  for (const addCharts of extraCharts) addCharts(app, cluster);
  const appCharts = AppChart.allIn(app);
  const appObjects = new Map(appCharts.map((c) => [c, objectsOf(c)] as const));
  const dependencies = dependencyGraph(appCharts, appObjects);
  const appOfApps = new AppOfApps(app, cluster, appCharts, dependencies);
  const bootstrap = new Bootstrap(app, cluster, appCharts);
  return { cluster, app, appCharts, appObjects, dependencies, appOfApps, bootstrap };
}
