/** The Argo CD application of one generic app of the cluster file: its namespace and workload. */
import type { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { k8s } from '../lib/k8s';
import { GenericApp } from '../lib/workloads/generic-app';
import { MANAGED_BY } from '../lib/workloads/labels';

export class AppFromClusterFile extends AppChart {
  constructor(scope: Construct, cluster: ClusterModel, app: AppModel) {
    super(scope, { cluster, name: app.name, namespace: app.namespace, project: 'apps', dependsOn: app.dependsOn });
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: { name: app.namespace, labels: { ...MANAGED_BY, 'homelab.dev/tier': app.tier } },
    });
    new GenericApp(this, 'app', { cluster, app });
  }
}
