/**
 * Sealed Secrets: chart `sealed-secrets` (helm/sealed-secrets) from bitnami-labs/sealed-secrets,
 * read at tag `helm-v2.17.7` (commit 7d688a53, the chart release commit; its Chart.yaml says
 * version 2.17.7). Read from values.yaml and templates/ (the chart has no values.schema.json);
 * its CRD is in crds/, outside the templates.
 *
 * `resources` defaults to empty `limits` and `requests` maps: no default CPU limit to remove, so
 * no `limits.cpu=null` parameter may be passed here. The template derives GOMAXPROCS from a CPU
 * limit and GOMEMLIMIT from a memory limit, each only when that limit is set.
 *
 * The chart has no Helm hooks. Not profiled: objects listed in `extraDeploy` (we list none).
 */
import { type ChartProfile, on } from '../profile';

export const PROFILE: ChartProfile = {
  version: '2.17.7',
  workloads: [
    // named by our fullnameOverride (the name kubeseal looks for); replicas hard-coded to 1
    {
      kind: 'Deployment',
      name: 'sealed-secrets-controller',
      when: on('createController', true),
      replicas: 1,
      priorityClassName: 'priorityClassName',
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector',
      containers: [{ name: 'controller', resources: 'resources', chartDefault: { limits: {}, requests: {} } }],
    },
  ],
};
