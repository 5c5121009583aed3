/**
 * The Argo CD application of one generic app: its tier namespace (at the Pod Security level the
 * app needs, kept on deletion when it holds data), the workload and its objects, a
 * recommend-only VPA and the namespace's NetworkPolicies. Apps of the cluster file and
 * TypeScript charts alike.
 */
import type { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { AppNetworkPolicies } from '../lib/network/network-policies';
import { KEEP_DATA_ANNOTATIONS, hasPersistentData } from '../lib/config/claims';
import { TierNamespace } from '../lib/tiers/namespace';
import { GenericApp } from '../lib/workloads/generic-app';
import { podSecurityLevel } from '../lib/workloads/security';
import { RecommendOnlyVpa } from '../lib/workloads/vpa';
import { TIERS_APP } from './tiers';

export class GenericAppChart extends AppChart {
  readonly app: GenericApp;

  constructor(scope: Construct, cluster: ClusterModel, app: AppModel) {
    super(scope, { cluster, name: app.name, namespace: app.namespace, project: 'apps', dependsOn: [TIERS_APP, ...app.dependsOn] });
    // deleting the namespace would delete the claims in it, whatever their own annotations say
    const annotations = hasPersistentData(app) ? KEEP_DATA_ANNOTATIONS : undefined;
    new TierNamespace(this, 'namespace', { cluster, tier: app.tier, name: app.namespace, podSecurity: podSecurityLevel(app), annotations });
    this.app = new GenericApp(this, 'app', { cluster, app });
    // without the VPA utility there is no VerticalPodAutoscaler API to create one with
    if (cluster.utilities.vpa.enabled) new RecommendOnlyVpa(this, 'vpa', this.app.workload);
    new AppNetworkPolicies(this, 'network-policies', { cluster, app });
  }
}
