/**
 * Vertical Pod Autoscaler: chart `vpa` from FairwindsOps/charts (stable/vpa), read at version
 * 5.0.0 (appVersion 1.7.1): master commit 5f478fce (2026-08-11), the newest Chart.yaml version on
 * master. The repository has no release tags; its CI publishes charts from master only. 4.7.3,
 * pinned in versions.ts, exists only on unmerged pull-request branches, never on master, so it was
 * never released. 5.0.0's values.yaml and templates are those of 4.12.5 (it changes Chart.yaml,
 * README and the CRDs; kubeVersion >= 1.28). The chart has no values.schema.json.
 *
 * Every `resources` default here has `limits: {}`: no default CPU limit since chart 4.0.1, so no
 * `limits.cpu=null` parameter may be passed for any path of this chart.
 *
 * Not profiled: the Helm test Pods (templates/tests, never synced by Argo CD) and the
 * `metrics-server` subchart (`metrics-server.enabled` defaults to false; we keep it off).
 */
import { type ChartProfile, type Values, on, count } from '../profile';

const admission = on('admissionController.enabled', true);
const certgen = (v: Values): boolean => admission(v) && on('admissionController.generateCertificate', true)(v);

const requests = (cpu: string, memory: string) => ({ requests: { cpu, memory }, limits: {} });

export const PROFILE: ChartProfile = {
  version: '5.0.0',
  workloads: [
    {
      kind: 'Deployment',
      name: 'vpa-recommender',
      when: on('recommender.enabled', true),
      replicas: count('recommender.replicaCount', 1),
      priorityClassName: 'priorityClassName',
      tolerations: 'recommender.tolerations',
      nodeSelector: 'recommender.nodeSelector',
      // the container is named after the chart
      containers: [{ name: 'vpa', resources: 'recommender.resources', chartDefault: requests('50m', '500Mi') }],
    },
    {
      kind: 'Deployment',
      name: 'vpa-updater',
      when: on('updater.enabled', true),
      replicas: count('updater.replicaCount', 1),
      priorityClassName: 'priorityClassName',
      tolerations: 'updater.tolerations',
      nodeSelector: 'updater.nodeSelector',
      containers: [{ name: 'vpa', resources: 'updater.resources', chartDefault: requests('50m', '500Mi') }],
    },
    {
      kind: 'Deployment',
      name: 'vpa-admission-controller',
      when: admission,
      replicas: count('admissionController.replicaCount', 1),
      priorityClassName: 'priorityClassName',
      tolerations: 'admissionController.tolerations',
      nodeSelector: 'admissionController.nodeSelector',
      containers: [{ name: 'vpa', resources: 'admissionController.resources', chartDefault: requests('50m', '200Mi') }],
    },
    {
      // hook: creates the webhook's TLS secret before the sync (PreSync); no priorityClassName in its template
      kind: 'Job',
      name: 'vpa-admission-certgen',
      hook: 'pre-install,pre-upgrade',
      when: certgen,
      replicas: 1,
      tolerations: 'admissionController.certGen.tolerations',
      nodeSelector: 'admissionController.certGen.nodeSelector',
      // default resources: {} (none)
      containers: [{ name: 'create', resources: 'admissionController.certGen.resources' }],
    },
    {
      // hook: patches the webhook configuration with the CA after the sync (PostSync); no priorityClassName in its template
      kind: 'Job',
      name: 'vpa-admission-certgen-patch',
      hook: 'post-install,post-upgrade',
      when: certgen,
      replicas: 1,
      tolerations: 'admissionController.certGen.tolerations',
      nodeSelector: 'admissionController.certGen.nodeSelector',
      containers: [{ name: 'patch', resources: 'admissionController.certGen.resources' }],
    },
  ],
};
