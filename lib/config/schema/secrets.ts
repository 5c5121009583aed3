/** `secrets:` where the apps' secrets come from. The cluster file never holds a secret value. */
import { Type } from '@sinclair/typebox';
import { Name, Strict } from './common';

export const Secrets = Type.Optional(
  Strict({
    /** `external-secrets`: ExternalSecrets read a store (e.g. Vault). `sealed-secrets`: values kubeseal'ed into the file. */
    provider: Type.Union([Type.Literal('external-secrets'), Type.Literal('sealed-secrets')]),
    /** external-secrets: the (Cluster)SecretStore every ExternalSecret reads from; defaults to the one utilities.external-secrets.store renders. */
    store: Type.Optional(
      Strict({
        kind: Type.Union([Type.Literal('ClusterSecretStore'), Type.Literal('SecretStore')], { default: 'ClusterSecretStore' }),
        name: Name,
      }),
    ),
    /** external-secrets: how often values are fetched again; hourly by default, so a rotation reaches the pods (through Reloader) within the hour. */
    refreshInterval: Type.String({ pattern: '^[0-9]+(s|m|h)$', default: '1h', title: 'duration', description: 'a duration such as 15m or 1h' }),
  }),
);
