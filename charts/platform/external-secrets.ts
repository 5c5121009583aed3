/**
 * External Secrets with the cluster's secret store: secrets stay in Vault and are copied into
 * the cluster by ExternalSecrets, never written to git. The ClusterSecretStore authenticates
 * with Vault's Kubernetes auth as the controller's own service account.
 *
 * Values for chart external-secrets 2.9.0 (profile: lib/platform/profiles/external-secrets.ts).
 * The chart defaults no resources and renders no hooks; its three Deployments each take their own
 * `priorityClassName` (there is no global one).
 */
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type {
  ClusterSecretStoreProps,
  ClusterSecretStoreSpecProviderVaultVersion,
} from '../../imports/external-secrets-clustersecretstores-external-secrets.io';
import type { ClusterModel } from '../../lib/config';
import { CUSTOM_RESOURCE_ANNOTATIONS, UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const EXTERNAL_SECRETS = 'external-secrets';

export class ExternalSecrets extends UtilityChart<'external-secrets'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: EXTERNAL_SECRETS,
      chart: CHARTS.externalSecrets,
      podSecurity: 'baseline',
      crds: ['external-secrets.io', 'generators.external-secrets.io'],
      values: ({ priorityClassName, resources }) => ({
        installCRDs: true,
        priorityClassName,
        resources: resources('controller'),
        webhook: { priorityClassName, resources: resources('webhook') },
        certController: { priorityClassName, resources: resources('certController') },
      }),
    });
    const store = this.utility.store;
    if (store) {
      const { vault } = store;
      const props: ClusterSecretStoreProps = {
        metadata: { name: store.name, annotations: { ...CUSTOM_RESOURCE_ANNOTATIONS } },
        spec: {
          provider: {
            vault: {
              server: vault.server,
              path: vault.path,
              version: vault.version as ClusterSecretStoreSpecProviderVaultVersion,
              auth: { kubernetes: { role: vault.role, mountPath: vault.mountPath } },
            },
          },
        },
      };
      // Typed by the import, built as a plain object: the generated module is 1.1 MB of
      // TypeScript and loading it would cost every synth ~0.2 s. These fields keep their names.
      new ApiObject(this, 'store', { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', ...props });
    }
  }
}
