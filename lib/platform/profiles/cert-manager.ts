/**
 * cert-manager: chart `cert-manager` (deploy/charts/cert-manager) from cert-manager/cert-manager,
 * read at release tag `v1.21.1` (commit 24e33194; the release tool stamps the tag into
 * Chart.yaml's version). Read from values.yaml, values.schema.json and templates/.
 *
 * Every `resources` value of this chart defaults to `{}`: there is no default CPU limit to remove,
 * so no `limits.cpu=null` parameter may be passed for any path here (hence no `chartDefault` below).
 *
 * Every pod, the startupapicheck hook's included, takes `global.priorityClassName` (there is no
 * per-component key). The node selector is `global.nodeSelector` merged with the component's own
 * (`<component>.nodeSelector`, default `kubernetes.io/os: linux`); tolerations are per component
 * only (default none).
 *
 * Not profiled: containers that exist only when listed in values (`extraContainers`), and the ACME
 * HTTP-01 solver pods the controller creates at run time, one per pending challenge, in the
 * Certificate's namespace: their resources come from controller flags (10m / 64Mi requested, 100m
 * CPU and 64Mi memory limits by default), an issuer's podTemplate can only add to them, so their
 * CPU limit cannot be removed by any value.
 */
import { type ChartProfile, on, count } from '../profile';

const PRIORITY = 'global.priorityClassName';

export const PROFILE: ChartProfile = {
  version: 'v1.21.1',
  workloads: [
    {
      kind: 'Deployment',
      name: 'cert-manager',
      replicas: count('replicaCount', 1),
      priorityClassName: PRIORITY,
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector',
      containers: [{ name: 'cert-manager-controller', resources: 'resources' }],
    },
    {
      kind: 'Deployment',
      name: 'cert-manager-webhook',
      replicas: count('webhook.replicaCount', 1),
      priorityClassName: PRIORITY,
      tolerations: 'webhook.tolerations',
      nodeSelector: 'webhook.nodeSelector',
      containers: [{ name: 'cert-manager-webhook', resources: 'webhook.resources' }],
    },
    {
      kind: 'Deployment',
      name: 'cert-manager-cainjector',
      when: on('cainjector.enabled', true),
      replicas: count('cainjector.replicaCount', 1),
      priorityClassName: PRIORITY,
      tolerations: 'cainjector.tolerations',
      nodeSelector: 'cainjector.nodeSelector',
      containers: [{ name: 'cert-manager-cainjector', resources: 'cainjector.resources' }],
    },
    // hook (annotation from startupapicheck.jobAnnotations): Argo CD runs it as PostSync, after every sync
    {
      kind: 'Job',
      name: 'cert-manager-startupapicheck',
      hook: 'post-install',
      when: on('startupapicheck.enabled', true),
      replicas: 1,
      priorityClassName: PRIORITY,
      tolerations: 'startupapicheck.tolerations',
      nodeSelector: 'startupapicheck.nodeSelector',
      containers: [{ name: 'cert-manager-startupapicheck', resources: 'startupapicheck.resources' }],
    },
  ],
};
