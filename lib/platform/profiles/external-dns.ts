/**
 * external-dns chart (kubernetes-sigs/external-dns, charts/external-dns) 1.21.1, read at the tag
 * external-dns-helm-chart-1.21.1 (values.yaml, values.schema.json, templates/deployment.yaml,
 * templates/_helpers.tpl). The only pod-bearing template is the Deployment; no hooks, no Jobs,
 * no subcharts.
 *
 * Release `external-dns` contains the chart name, so the fullname is the release name.
 */
import type { ChartProfile } from '../profile';

export const PROFILE: ChartProfile = {
  version: '1.21.1',
  workloads: [
    {
      kind: 'Deployment',
      name: 'external-dns',
      // always rendered, `replicas: 1` hard-coded in the template (no values key)
      replicas: 1,
      priorityClassName: 'priorityClassName',
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector',
      // chart default `resources: {}`: nothing rendered. The `webhook` sidecar
      // (`provider.webhook.resources`, default {}) renders only for provider `webhook`, which also
      // needs `provider.webhook.image.repository` and `.tag` (the template fails without them);
      // our values set neither, so it is not listed. `initContainers` and `extraContainers`
      // (default []) add only containers we write ourselves.
      containers: [{ name: 'external-dns', resources: 'resources' }],
    },
  ],
};
