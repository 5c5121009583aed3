/**
 * External Secrets: chart `external-secrets` (deploy/charts/external-secrets) from
 * external-secrets/external-secrets, read at tag `helm-chart-2.9.0` (commit cc5bfbc2, the chart
 * release commit; its Chart.yaml says version 2.9.0). Read from values.yaml, values.schema.json
 * and templates/. The CRD templates are generated at packaging time (hack/helm.generate.sh), each
 * gated by `installCRDs`.
 *
 * Every `resources` value of this chart defaults to `{}`: there is no default CPU limit to remove,
 * so no `limits.cpu=null` parameter may be passed for any path here (hence no `chartDefault`).
 * The chart has no Helm hooks and no global priority key: each Deployment has its own
 * `priorityClassName`. Node selector and tolerations are per component, falling back to
 * `global.nodeSelector` / `global.tolerations` (all default empty).
 *
 * Not profiled: the `bitwarden-sdk-server` subchart (off: `bitwarden-sdk-server.enabled` defaults
 * to false), and containers that exist only when listed in values (`extraContainers`,
 * `extraInitContainers`, `<component>.extraInitContainers`); we list none.
 */
import { type ChartProfile, on, count } from '../profile';

export const PROFILE: ChartProfile = {
  version: '2.9.0',
  workloads: [
    // the controller that reconciles ExternalSecrets
    {
      kind: 'Deployment',
      name: 'external-secrets',
      when: on('createOperator', true),
      replicas: count('replicaCount', 1),
      priorityClassName: 'priorityClassName',
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector',
      containers: [{ name: 'external-secrets', resources: 'resources' }],
    },
    {
      kind: 'Deployment',
      name: 'external-secrets-webhook',
      when: on('webhook.create', true),
      replicas: count('webhook.replicaCount', 1),
      priorityClassName: 'webhook.priorityClassName',
      tolerations: 'webhook.tolerations',
      nodeSelector: 'webhook.nodeSelector',
      containers: [{ name: 'webhook', resources: 'webhook.resources' }],
    },
    // issues the webhook's certificate; not rendered when cert-manager issues it instead
    {
      kind: 'Deployment',
      name: 'external-secrets-cert-controller',
      when: (v) => on('certController.create', true)(v) && !on('webhook.certManager.enabled', false)(v),
      replicas: count('certController.replicaCount', 1),
      priorityClassName: 'certController.priorityClassName',
      tolerations: 'certController.tolerations',
      nodeSelector: 'certController.nodeSelector',
      containers: [{ name: 'cert-controller', resources: 'certController.resources' }],
    },
  ],
};
