/**
 * `argocd/<cluster>-values.yaml`: the values of Argo CD's own Application, for the one `helm
 * install` that bootstraps a cluster. The first install then runs what Argo CD will sync itself
 * (the Application health check included, so the first pass already waits between sync waves).
 * The `--set` parameters become the nulls they stand for: `-f` deletes a chart default the same way.
 */
import type { ClusterObjects } from '../gitops/collect';
import type { HelmChartOf } from '../gitops/app-chart';
import { CHARTS } from '../platform/versions';
import { folderOf } from '../gitops/application';
import { fileName } from '../gitops/file-names';
import { TIERS_APP } from '../config/generated-apps';
import { REPOSITORY_SECRET, repositoryKeys } from '../config/repository';

interface BootstrapInstall {
  /** Path of the values file, from the project root. */
  readonly file: string;
  readonly values: { readonly [key: string]: unknown };
  readonly helm: HelmChartOf;
  readonly namespace: string;
}

/** Argo CD's Helm install for the cluster, or undefined when the cluster does not manage Argo CD. */
export function bootstrapInstall(tree: ClusterObjects): BootstrapInstall | undefined {
  const folder = tree.folders.find((f) => f.helm?.chart.chart === CHARTS.argoCd.chart && f.helm.chart.repo === CHARTS.argoCd.repo);
  if (!folder?.helm) return undefined;
  const values = structuredClone(folder.helm.values) as Record<string, unknown>;
  for (const p of folder.helm.parameters) if (p.value === 'null') setPath(values, p.name.split('.'), null);
  return { file: `argocd/${tree.cluster.name}-values.yaml`, values, helm: folder.helm, namespace: folder.namespace };
}

/** The commands that bootstrap the cluster, in order, as a person pastes them at the repository's root. */
export function bootstrapCommands(tree: ClusterObjects, install: BootstrapInstall): string[] {
  const { chart } = install.helm;
  const inRepo = (path: string) => (tree.cluster.gitops.path ? `${tree.cluster.gitops.path}/${path}` : path);
  return [
    '# the PriorityClasses and the namespace (with its LimitRange and quota) Argo CD runs in',
    `kubectl apply -f ${folderOf(tree.cluster, TIERS_APP)}/`,
    `kubectl apply ${namespaceFiles(tree, install)
      .map((f) => `-f ${f}`)
      .join(' ')}`,
    `helm repo add argo ${chart.repo} && helm repo update argo`,
    `helm install argocd argo/${chart.chart} --version ${chart.version} -n ${install.namespace} -f ${inRepo(install.file)}`,
    ...repositoryCredentialCommands(tree.cluster, install.namespace),
    '# the AppProjects and the root Application: from here on Argo CD syncs everything, itself included',
    `kubectl apply -n ${install.namespace} -f ${inRepo(`argocd/${tree.cluster.name}.yaml`)}`,
  ];
}

/** The Argo CD folder's Namespace, LimitRange and ResourceQuota files: the rest (custom resources) waits for Argo CD. */
function namespaceFiles(tree: ClusterObjects, install: BootstrapInstall): string[] {
  const folder = tree.folders.find((f) => f.helm === install.helm)!;
  return folder.objects
    .filter((o) => ['Namespace', 'LimitRange', 'ResourceQuota'].includes(o.kind))
    .map((o) => `${folderOf(tree.cluster, folder.name)}/${fileName(o, folder.namespace)}`);
}

/**
 * A private repository: its Secret, once by hand, from your shell (never from git): the secrets
 * controller that renders it from git is itself installed by Argo CD, later, and then adopts it.
 */
function repositoryCredentialCommands(cluster: ClusterObjects['cluster'], namespace: string): string[] {
  if (!cluster.gitops.credentials) return [];
  const keys = repositoryKeys(cluster.gitops.repoURL);
  const values = keys.map((k) =>
    k === 'sshPrivateKey'
      ? '--from-file=sshPrivateKey="$HOME/.ssh/id_ed25519"'
      : k === 'username'
        ? '--from-literal=username="$GIT_USERNAME"'
        : '--from-literal=password="$GIT_TOKEN"',
  );
  return [
    `# the private repository's credential, once (${cluster.secrets?.provider} takes it over once it runs)`,
    `kubectl create secret generic ${REPOSITORY_SECRET} -n ${namespace} --from-literal=type=git --from-literal=url=${cluster.gitops.repoURL} ${values.join(' ')}`,
    `kubectl label secret ${REPOSITORY_SECRET} -n ${namespace} argocd.argoproj.io/secret-type=repository`,
    ...(cluster.secrets?.provider === 'sealed-secrets'
      ? [`kubectl annotate secret ${REPOSITORY_SECRET} -n ${namespace} sealedsecrets.bitnami.com/managed=true`]
      : []),
  ];
}

function setPath(values: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let here = values;
  for (const key of path.slice(0, -1)) {
    if (!here[key] || typeof here[key] !== 'object') here[key] = {};
    here = here[key] as Record<string, unknown>;
  }
  here[path[path.length - 1]] = value;
}
