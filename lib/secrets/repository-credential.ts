/**
 * A private repository's credential for Argo CD: a Secret labelled as a repository (url, type and
 * the protocol's keys), never written to git. With external-secrets an ExternalSecret templates it
 * from the store; with sealed-secrets a SealedSecret carries the kubeseal'ed keys and the plain
 * url in its template. At bootstrap the Secret is created by hand once (the controllers are not
 * running yet; README "Bootstrapping Argo CD"): External Secrets adopts a Secret without an owner,
 * Sealed Secrets one annotated `sealedsecrets.bitnami.com/managed: "true"`.
 */
import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetTemplateEngineVersion,
} from '../../imports/external-secrets-external-secrets.io';
import { SealedSecret } from '../../imports/sealed-secrets-bitnami.com';
import type { ClusterModel } from '../config';
import { defaultRemoteKey, REPOSITORY_SECRET, repositoryKeys } from '../config/repository';

const REPOSITORY_LABELS = { 'argocd.argoproj.io/secret-type': 'repository' } as const;

export class RepositoryCredential extends Construct {
  constructor(scope: Construct, id: string, cluster: Pick<ClusterModel, 'gitops' | 'name' | 'secrets'>) {
    super(scope, id);
    const credentials = cluster.gitops.credentials!;
    const keys = repositoryKeys(cluster.gitops.repoURL);
    const metadata = { name: REPOSITORY_SECRET, namespace: cluster.gitops.argocdNamespace, labels: { ...REPOSITORY_LABELS } };
    const plain = { type: 'git', url: cluster.gitops.repoURL };
    const settings = cluster.secrets!;
    if (settings.provider === 'sealed-secrets') {
      new SealedSecret(this, 'sealed', { metadata, spec: { encryptedData: { ...credentials.sealed }, template: { metadata, data: plain } } });
      return;
    }
    const remoteKey = credentials.remoteKey ?? defaultRemoteKey(cluster.name);
    new ExternalSecret(this, 'external', {
      // the label belongs on the Secret it makes (template), not on the ExternalSecret
      metadata: { name: metadata.name, namespace: metadata.namespace },
      spec: {
        secretStoreRef: { kind: settings.store!.kind as ExternalSecretSpecSecretStoreRefKind, name: settings.store!.name },
        refreshInterval: settings.refreshInterval,
        target: {
          name: REPOSITORY_SECRET,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          template: {
            engineVersion: ExternalSecretSpecTargetTemplateEngineVersion.V2,
            metadata: { labels: { ...REPOSITORY_LABELS } },
            data: { ...plain, ...Object.fromEntries(keys.map((k) => [k, `{{ .${k} }}`])) },
          },
        },
        data: keys.map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
      },
    });
  }
}
