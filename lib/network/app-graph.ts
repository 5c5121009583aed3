/**
 * Who an app talks to: its dependencies and its dependents, looked up once per cluster so that
 * rendering stays linear in the number of apps.
 */
import type { AppModel, ClusterModel } from '../config';

interface AppGraph {
  readonly byName: ReadonlyMap<string, AppModel>;
  readonly dependents: ReadonlyMap<string, readonly AppModel[]>;
}

const graphs = new WeakMap<ClusterModel, AppGraph>();

function graphOf(cluster: ClusterModel): AppGraph {
  let graph = graphs.get(cluster);
  if (!graph) {
    const dependents = new Map<string, AppModel[]>();
    for (const app of cluster.apps) {
      for (const dep of app.dependsOn) {
        if (!dependents.has(dep)) dependents.set(dep, []);
        dependents.get(dep)!.push(app);
      }
    }
    graph = { byName: new Map(cluster.apps.map((a) => [a.name, a])), dependents };
    graphs.set(cluster, graph);
  }
  return graph;
}

/** The apps of the cluster file that `app` depends on. */
export function dependenciesOf(cluster: ClusterModel, app: AppModel): AppModel[] {
  const { byName } = graphOf(cluster);
  return app.dependsOn.flatMap((name) => byName.get(name) ?? []);
}

/** The apps of the cluster file that depend on `app`. */
export function dependentsOf(cluster: ClusterModel, app: AppModel): readonly AppModel[] {
  return graphOf(cluster).dependents.get(app.name) ?? [];
}
