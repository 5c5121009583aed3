/**
 * Sealed Secrets: the controller that decrypts the SealedSecrets apps carry (values encrypted
 * with `kubeseal` for one name and namespace), so no secret is in git in plain text. Its name is
 * the one kubeseal looks for by default; the namespace is the utility's own (tell kubeseal with
 * `--controller-namespace`).
 *
 * Values for chart sealed-secrets 2.17.7 (profile: lib/platform/profiles/sealed-secrets.ts). The
 * chart's default security contexts miss two fields the restricted Pod Security level requires
 * (allowPrivilegeEscalation=false, a RuntimeDefault seccomp profile), so the namespace would reject
 * the pod: they are added here, merged into the chart's own. No hooks.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const SEALED_SECRETS = 'sealed-secrets';

export class SealedSecrets extends UtilityChart<'sealed-secrets'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: SEALED_SECRETS,
      chart: CHARTS.sealedSecrets,
      podSecurity: 'restricted',
      crds: ['bitnami.com'],
      values: ({ priorityClassName, resources }) => ({
        fullnameOverride: 'sealed-secrets-controller',
        priorityClassName,
        resources: resources('controller'),
        // restricted Pod Security: the chart's defaults lack these two fields
        podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containerSecurityContext: { allowPrivilegeEscalation: false },
      }),
    });
  }
}
