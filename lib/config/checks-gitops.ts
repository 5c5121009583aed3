/**
 * Cross-checks of `gitops:` the repository is a URL Argo CD can clone, the revision a plain string,
 * and Argo CD's namespace one of its own: synth renders it as a tier namespace (quota, LimitRange,
 * Pod Security labels), which must never land on a namespace Kubernetes itself runs in.
 */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';
import { gitUrlProblem } from './formats';

/** The namespaces the cluster creates for itself. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function checkGitops(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const { repoURL, targetRevision, argocdNamespace } = file.gitops;
  const url = gitUrlProblem(repoURL);
  if (url) issues.push({ path: ['gitops', 'repoURL'], ...url });
  // Argo CD also takes semver constraints of tags (">=1.2.0 <2"), so only what no revision holds is refused
  if (/[\x00-\x1f\x7f]/.test(targetRevision) || targetRevision.trim() !== targetRevision) {
    issues.push({ path: ['gitops', 'targetRevision'], message: `${JSON.stringify(targetRevision)} is not a git revision: it starts or ends with white space, or holds a control character`, fix: 'write the branch (e.g. main), a tag or a commit hash' });
  }
  if (SYSTEM_NAMESPACES.includes(argocdNamespace)) {
    issues.push({
      path: ['gitops', 'argocdNamespace'],
      message: `"${argocdNamespace}" is a namespace of Kubernetes itself; synth would put a tier's quota, LimitRange and Pod Security labels on it, and the cluster's own pods would live under them`,
      fix: 'give Argo CD a namespace of its own, e.g. argocd (the default)',
    });
  }
  return issues;
}
