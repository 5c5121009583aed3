/**
 * What a person applies once by hand (`kubectl apply -f argocd/<cluster>.yaml`): the AppProjects
 * and the root Application of the app-of-apps, which syncs `dist/<cluster>/apps/`. From then on
 * Argo CD manages everything from git.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppProject } from '../../imports/argocd-appproject-argoproj.io';
import { Application } from '../../imports/argocd-application-argoproj.io';
import type { ClusterModel } from '../config';
import { APPS_FOLDER, ROOT_APP } from '../config/generated-apps';
import type { AppChart } from './app-chart';
import { IN_CLUSTER, SYNC_RETRY, folderOf, folderSource } from './application';

export { APPS_FOLDER };

export class Bootstrap extends Chart {
  constructor(scope: Construct, cluster: Pick<ClusterModel, 'gitops' | 'name' | 'tiers'>, charts: readonly AppChart[] = []) {
    // not a DNS name, so no application's chart can take this construct id
    super(scope, '#bootstrap', { disableResourceNameHashes: true });
    const namespace = cluster.gitops.argocdNamespace;
    const sourceRepos = [cluster.gitops.repoURL];
    // Utilities also come from their Helm chart repositories, and only those.
    const chartRepos = charts.filter((c) => c.project === 'platform').flatMap((c) => (c.sources ?? []).map((s) => s.repoUrl));
    const platformRepos = [...new Set([...sourceRepos, ...chartRepos.sort()])];

    new AppProject(this, 'platform', {
      metadata: { name: 'platform', namespace },
      spec: {
        description: `${cluster.name}: cluster utilities and the app-of-apps itself (cluster-wide)`,
        sourceRepos: platformRepos,
        destinations: [{ server: IN_CLUSTER, namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    });

    // Apps may only touch their tier namespaces, and of cluster-scoped kinds only their own
    // Namespace and static PersistentVolumes; with minimal RBAC, no RBAC object at all.
    new AppProject(this, 'apps', {
      metadata: { name: 'apps', namespace },
      spec: {
        description: `${cluster.name}: workloads, each in its <tier>-<app> namespace`,
        sourceRepos,
        destinations: Object.keys(cluster.tiers).map((tier) => ({ server: IN_CLUSTER, namespace: `${tier}-*` })),
        clusterResourceWhitelist: [
          { group: '', kind: 'Namespace' },
          { group: '', kind: 'PersistentVolume' },
        ],
        namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
        ...(cluster.gitops.minimalRbac ? { namespaceResourceBlacklist: [{ group: 'rbac.authorization.k8s.io', kind: '*' }] } : {}),
      },
    });

    // No finalizer on the root: deleting it by mistake must not cascade to every application.
    new Application(this, ROOT_APP, {
      metadata: { name: ROOT_APP, namespace },
      spec: {
        project: 'platform',
        source: folderSource(cluster, folderOf(cluster, APPS_FOLDER)),
        destination: { server: IN_CLUSTER, namespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: { ...SYNC_RETRY, backoff: { ...SYNC_RETRY.backoff } },
        },
      },
    });
  }
}
