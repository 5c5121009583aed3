/**
 * Cross-checks of `gitops:` the repository is a URL Argo CD can clone, the revision a plain string,
 * and Argo CD's namespace one of its own: synth renders it as a tier namespace (quota, LimitRange,
 * Pod Security labels), which must never land on a namespace Kubernetes itself runs in.
 */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';
import { gitUrlProblem } from './formats';
import { REPOSITORY_SECRET, repositoryKeys } from './repository';
import { resolveSecrets } from './secrets';
import { isSealedValue } from './plaintext';

/** The namespaces the cluster creates for itself. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function checkGitops(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const { repoURL, targetRevision, argocdNamespace } = file.gitops;
  const url = gitUrlProblem(repoURL);
  if (url) issues.push({ path: ['gitops', 'repoURL'], ...url });
  // Argo CD also takes semver constraints of tags (">=1.2.0 <2"), so only what no revision holds is refused
  if (/[\x00-\x1f\x7f]/.test(targetRevision) || targetRevision.trim() !== targetRevision) {
    issues.push({
      path: ['gitops', 'targetRevision'],
      message: `${JSON.stringify(targetRevision)} is not a git revision: it starts or ends with white space, or holds a control character`,
      fix: 'write the branch (e.g. main), a tag or a commit hash',
    });
  }
  if (SYSTEM_NAMESPACES.includes(argocdNamespace)) {
    issues.push({
      path: ['gitops', 'argocdNamespace'],
      message: `"${argocdNamespace}" is a namespace of Kubernetes itself; synth would put a tier's quota, LimitRange and Pod Security labels on it, and the cluster's own pods would live under them`,
      fix: 'give Argo CD a namespace of its own, e.g. argocd (the default)',
    });
  }
  return [...issues, ...credentialIssues(file)];
}

/** The credential fits the secrets provider and the repository's protocol, and someone renders it. */
function credentialIssues(file: ClusterFile): SchemaIssue[] {
  const credentials = file.gitops.credentials;
  if (!credentials) return [];
  const at = (...path: string[]) => ['gitops', 'credentials', ...path];
  const provider = resolveSecrets(file)?.provider;
  const keys = repositoryKeys(file.gitops.repoURL);
  if (!provider)
    return [
      {
        path: at(),
        message: "a repository credential comes from the cluster's secrets provider, and there is none",
        fix: 'declare secrets: { provider: external-secrets } (with a store) or { provider: sealed-secrets }',
      },
    ];
  if (file.utilities.argocd.enabled === false)
    return [
      {
        path: at(),
        message: 'the credential is rendered beside Argo CD, which this cluster does not manage (utilities.argocd.enabled: false)',
        fix: 'create the repository Secret where you manage Argo CD, and remove gitops.credentials',
      },
    ];
  if (provider === 'external-secrets') {
    return credentials.sealed
      ? [
          {
            path: at('sealed'),
            message: "this cluster's secrets come from the store through external-secrets, not from sealed values",
            fix: `remove sealed; keep ${keys.join(' and ')} in the store entry remoteKey names`,
          },
        ]
      : [];
  }
  const issues: SchemaIssue[] = [];
  if (credentials.remoteKey)
    issues.push({
      path: at('remoteKey'),
      message: 'remoteKey names a path in an external-secrets store; this cluster uses sealed-secrets',
      fix: `remove remoteKey and give ${keys.join(' and ')} under sealed`,
    });
  for (const key of keys)
    if (!credentials.sealed?.[key])
      issues.push({
        path: at(),
        message: `${file.gitops.repoURL} needs ${keys.join(' and ')}; ${key} has no sealed value`,
        fix: `add sealed: { ${key}: <kubeseal --raw output> }`,
      });
  for (const [key, value] of Object.entries(credentials.sealed ?? {})) {
    if (!keys.includes(key as never))
      issues.push({
        path: at('sealed', key),
        message: `${key} is not a credential of ${file.gitops.repoURL} (it needs ${keys.join(' and ')})`,
        fix: `remove ${key}`,
      });
    else if (!isSealedValue(value))
      issues.push({
        path: at('sealed', key),
        message: `the value of "${key}" is not kubeseal output: a plaintext credential would be committed to git`,
        fix: `encrypt it: echo -n '<value>' | kubeseal --raw --namespace ${file.gitops.argocdNamespace} --name ${REPOSITORY_SECRET} --from-file=/dev/stdin`,
      });
  }
  return issues;
}
