/**
 * Spegel chart 0.3.0, read from github.com/spegel-org/spegel at tag v0.3.0 (charts/spegel:
 * values.yaml, templates/daemonset.yaml, templates/post-delete-hook.yaml). The release workflow
 * at that tag packages charts/spegel as version 0.3.0 (the tag without its `v`) and pushes it to
 * oci://ghcr.io/spegel-org/helm-charts. No values.schema.json.
 *
 * One `resources` value sizes both the init container and the registry; the chart default has
 * memory only (request and limit 128Mi), no CPU. The post-delete hooks (a DaemonSet and a Pod,
 * both gated by `spegel.containerdMirrorAdd`, chart default true) have no resources value at
 * all: they get the namespace's LimitRange defaults. Argo CD runs `post-delete` hooks as PostDelete
 * hooks, only when the Application is deleted.
 */
import { type ChartProfile, on } from '../profile';

export const PROFILE: ChartProfile = {
  version: '0.3.0',
  workloads: [
    {
      kind: 'DaemonSet',
      name: 'spegel',
      priorityClassName: 'priorityClassName', // chart default system-node-critical
      // chart default: CriticalAddonsOnly (Exists), and every NoExecute and NoSchedule taint
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector', // chart default { kubernetes.io/os: linux }
      containers: [
        // writes the containerd mirror configuration; only with `spegel.containerdMirrorAdd` (default true)
        { name: 'configuration', init: true, resources: 'resources', chartDefault: { requests: { memory: '128Mi' }, limits: { memory: '128Mi' } } },
        { name: 'registry', resources: 'resources', chartDefault: { requests: { memory: '128Mi' }, limits: { memory: '128Mi' } } },
      ],
    },
    {
      // hook: on uninstall, one pod per node removes the mirror configuration from the host
      kind: 'DaemonSet',
      name: 'spegel-cleanup',
      hook: 'post-delete',
      when: on('spegel.containerdMirrorAdd', true),
      priorityClassName: 'priorityClassName',
      tolerations: 'tolerations',
      // no nodeSelector in the template
      containers: [{ name: 'cleanup' }],
    },
    {
      // hook: waits until every cleanup pod reports done, then Helm/Argo CD delete the hooks
      kind: 'Pod',
      name: 'spegel-cleanup-wait',
      hook: 'post-delete',
      when: on('spegel.containerdMirrorAdd', true),
      replicas: 1,
      // no priorityClassName, tolerations or nodeSelector in the template
      containers: [{ name: 'cleanup-wait' }],
    },
  ],
};
