/** The Argo CD application of one generic app of the cluster file: its tier namespace and workload. */
import type { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { TierNamespace } from '../lib/tiers/namespace';
import { GenericApp } from '../lib/workloads/generic-app';
import { RecommendOnlyVpa } from '../lib/workloads/vpa';
import { TIERS_APP } from './tiers';

export class AppFromClusterFile extends AppChart {
  constructor(scope: Construct, cluster: ClusterModel, app: AppModel) {
    super(scope, { cluster, name: app.name, namespace: app.namespace, project: 'apps', dependsOn: [TIERS_APP, ...app.dependsOn] });
    new TierNamespace(this, 'namespace', { cluster, tier: app.tier, name: app.namespace, podSecurity: 'baseline' });
    const { workload } = new GenericApp(this, 'app', { cluster, app });
    new RecommendOnlyVpa(this, 'vpa', workload);
  }
}
