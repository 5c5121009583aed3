/**
 * cert-manager with its CRDs, and the cluster's ClusterIssuer (named by network.ingress.issuer):
 * ACME over HTTP-01 through the cluster's ingress class, a CA kept in a Secret, or self-signed.
 *
 * Values for chart cert-manager v1.21.1 (profile: lib/platform/profiles/cert-manager.ts). The chart
 * defaults no resources anywhere, so each container is sized here, the startupapicheck hook Job
 * (post-install: Argo CD runs it after every sync) included; `global.priorityClassName` is the
 * chart's only priority key and reaches every pod, the hook's too. The ACME HTTP-01 solver pods the
 * controller starts per challenge keep cert-manager's built-in 100m CPU limit: no value removes it.
 */
import type { Construct } from 'constructs';
import { ClusterIssuer, type ClusterIssuerSpec } from '../../imports/cert-manager-clusterissuers-cert-manager.io';
import type { ClusterModel, UtilityModel } from '../../lib/config';
import { priorityClassName } from '../../lib/config/tier-names';
import { CUSTOM_RESOURCE_ANNOTATIONS, UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const CERT_MANAGER = 'cert-manager';

export class CertManager extends UtilityChart<'cert-manager'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: CERT_MANAGER,
      chart: CHARTS.certManager,
      podSecurity: 'baseline',
      crds: ['cert-manager.io', 'acme.cert-manager.io'],
      values: ({ priorityClassName, resources }) => ({
        crds: { enabled: true, keep: true },
        global: { priorityClassName },
        resources: resources('controller'),
        webhook: { resources: resources('webhook') },
        cainjector: { resources: resources('cainjector') },
        // the post-install hook Job (PostSync on every sync)
        startupapicheck: { resources: resources('startupapicheck') },
      }),
    });
    const name = cluster.network.ingress?.issuer;
    const issuer = this.utility.issuer;
    if (name && issuer) {
      new ClusterIssuer(this, 'issuer', {
        metadata: { name, annotations: { ...CUSTOM_RESOURCE_ANNOTATIONS } },
        spec: issuerSpec(name, issuer, cluster.network.ingress!.className, priorityClassName(this.utility.tier)),
      });
    }
  }
}

/**
 * The HTTP-01 solver pods cert-manager starts in the certificate's namespace get cert-manager's
 * priority (their template is the only place to give them one); their fixed 100m CPU limit is
 * removed at admission by the tier-no-cpu-limits safety net.
 */
function issuerSpec(
  name: string,
  issuer: NonNullable<UtilityModel<'cert-manager'>['issuer']>,
  ingressClassName: string,
  solverPriority: string,
): ClusterIssuerSpec {
  if (issuer.acme) {
    return {
      acme: {
        email: issuer.acme.email,
        server: issuer.acme.server,
        // the ACME account key, created by cert-manager on first use
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName, podTemplate: { spec: { priorityClassName: solverPriority } } } } }],
      },
    };
  }
  if (issuer.ca) return { ca: { secretName: issuer.ca.secretName } };
  return { selfSigned: {} };
}
