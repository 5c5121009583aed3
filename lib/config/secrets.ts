/**
 * The cluster's secrets settings with the store resolved: the one `secrets.store` names, else
 * the ClusterSecretStore that `utilities.external-secrets.store` describes (and renders).
 */
import type { ClusterFile } from './schema';

export function resolveSecrets(file: Pick<ClusterFile, 'secrets' | 'utilities'>): ClusterFile['secrets'] {
  const secrets = file.secrets;
  const rendered = file.utilities['external-secrets'].store;
  if (secrets?.provider !== 'external-secrets' || secrets.store || !rendered) return secrets;
  return { ...secrets, store: { kind: 'ClusterSecretStore', name: rendered.name } };
}
