/**
 * A private repository's credential: the Secret Argo CD reads it from (labelled
 * `argocd.argoproj.io/secret-type: repository`, in Argo CD's namespace) and the keys it needs for
 * the repository's protocol.
 */
export const REPOSITORY_SECRET = 'repository';

/** username and password for http(s); an SSH key for ssh:// and user@host:path. */
export function repositoryKeys(repoURL: string): ('username' | 'password' | 'sshPrivateKey')[] {
  return /^https?:\/\//.test(repoURL) ? ['username', 'password'] : ['sshPrivateKey'];
}

/** The store entry the keys are read from when the cluster file names none. */
export function defaultRemoteKey(cluster: string): string {
  return `argocd/${cluster}-repository`;
}
