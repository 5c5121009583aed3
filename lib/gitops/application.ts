/**
 * The child Application of the app-of-apps for one AppChart: automated sync with prune and
 * self-heal, retry with backoff, the resources finalizer (deleting the Application deletes its
 * objects, except those marked Delete=false such as volume claims) and a derived sync wave.
 */
import type { Construct } from 'constructs';
import { Application, type ApplicationSpecSource, type ApplicationSpecSources } from '../../imports/argocd-application-argoproj.io';
import type { ClusterModel } from '../config';

export const IN_CLUSTER = 'https://kubernetes.default.svc';
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** Retry policy for every Application: a fresh cluster converges while CRDs and webhooks come up. */
export const SYNC_RETRY = { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } as const;

export interface ChildApplicationProps {
  readonly cluster: Pick<ClusterModel, 'gitops' | 'name'>;
  readonly name: string;
  readonly namespace: string;
  readonly project: string;
  readonly wave: number;
  /** Defaults to the app's folder of rendered manifests; Helm-based utilities add their chart. */
  readonly sources?: ApplicationSpecSource[];
  readonly syncOptions?: readonly string[];
  /** Without the resources finalizer, deleting the Application leaves its objects running. */
  readonly cascadeDelete?: boolean;
}

/** The folder of the cluster's rendered applications in the repository Argo CD reads. */
function distOf(cluster: Pick<ClusterModel, 'gitops' | 'name'>): string {
  return `${cluster.gitops.path ? `${cluster.gitops.path}/` : ''}dist/${cluster.name}`;
}

export function folderOf(cluster: Pick<ClusterModel, 'gitops' | 'name'>, app: string): string {
  return `${distOf(cluster)}/${app}`;
}

export function folderSource(cluster: Pick<ClusterModel, 'gitops' | 'name'>, path: string): ApplicationSpecSource {
  return { repoUrl: cluster.gitops.repoURL, targetRevision: cluster.gitops.targetRevision, path, directory: { recurse: false } };
}

export class ChildApplication extends Application {
  constructor(scope: Construct, id: string, props: ChildApplicationProps) {
    const sources = props.sources ?? [folderSource(props.cluster, folderOf(props.cluster, props.name))];
    super(scope, id, {
      metadata: {
        name: props.name,
        namespace: props.cluster.gitops.argocdNamespace,
        annotations: { 'argocd.argoproj.io/sync-wave': String(props.wave) },
        ...(props.cascadeDelete === false ? {} : { finalizers: [RESOURCES_FINALIZER] }),
      },
      spec: {
        project: props.project,
        ...(sources.length === 1 ? { source: sources[0] } : { sources: sources as ApplicationSpecSources[] }),
        destination: { server: IN_CLUSTER, namespace: props.namespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          // prune only after everything else is synced and healthy
          syncOptions: ['PruneLast=true', ...(props.syncOptions ?? [])],
          retry: { ...SYNC_RETRY, backoff: { ...SYNC_RETRY.backoff } },
        },
      },
    });
  }
}
