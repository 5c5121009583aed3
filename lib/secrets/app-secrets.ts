/**
 * The Secrets an app reads, never as a Secret with data in git: an ExternalSecret per reference
 * (External Secrets Operator copies the keys from the cluster's store, e.g. Vault, and refreshes
 * them) or a SealedSecret (the controller decrypts values kubeseal'ed for this name and namespace).
 */
import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
} from '../../imports/external-secrets-external-secrets.io';
import { SealedSecret } from '../../imports/sealed-secrets-bitnami.com';
import type { AppModel, ClusterModel } from '../config';
import { appLabels } from '../config/labels';
import { secretName } from '../config/secret-names';

export interface AppSecretsProps {
  readonly cluster: Pick<ClusterModel, 'secrets'>;
  readonly app: AppModel;
}

/** The keys a reference uses, in a stable order. */
function usedKeys(ref: AppModel['secrets'][string]): string[] {
  return [...new Set([...Object.values(ref.env), ...Object.values(ref.files)])].sort();
}

export class AppSecrets extends Construct {
  constructor(scope: Construct, id: string, { cluster, app }: AppSecretsProps) {
    super(scope, id);
    const settings = cluster.secrets;
    for (const [name, ref] of Object.entries(app.secrets)) {
      const metadata = { name: secretName(app.name, name), namespace: app.namespace, labels: appLabels(app.name) };
      if (settings?.provider === 'sealed-secrets') {
        // the sealed-secrets utility installs the CRD; the app's sync waits for it (derived dependency)
        new SealedSecret(this, name, { metadata, spec: { encryptedData: { ...ref.sealed }, template: { metadata } } });
      } else if (settings?.provider === 'external-secrets' && settings.store) {
        const remoteKey = ref.remoteKey ?? `${app.name}/${name}`;
        new ExternalSecret(this, name, {
          metadata,
          spec: {
            secretStoreRef: { kind: settings.store.kind as ExternalSecretSpecSecretStoreRefKind, name: settings.store.name },
            refreshInterval: settings.refreshInterval,
            // the Secret belongs to the ExternalSecret: deleted with it, never edited by hand
            target: { name: metadata.name, creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER },
            data: usedKeys(ref).map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
          },
        });
      }
    }
  }
}
