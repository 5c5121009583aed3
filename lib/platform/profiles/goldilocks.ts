/**
 * Goldilocks: chart `goldilocks` from FairwindsOps/charts (stable/goldilocks), read at version
 * 11.0.0 (appVersion v4.16.1): master commit 00e3c8fa (2026-08-14), where Chart.yaml first and
 * last says 11.0.0 (the newest on master). The repository has no release tags; its CI publishes
 * charts from master only. The chart has no values.schema.json.
 *
 * No template of this chart reads a priorityClassName value: its pods get the cluster's default
 * priority. Both `resources` defaults have `limits: {}`: no default CPU limit, so no
 * `limits.cpu=null` parameter may be passed for any path of this chart.
 *
 * Not profiled: the `vpa` subchart (`vpa.enabled` defaults to false: the VPA is its own
 * application here) and the `metrics-server` subchart (`metrics-server.enabled` defaults to false).
 */
import { type ChartProfile, on, count } from '../profile';

const chartDefault = { requests: { cpu: '25m', memory: '256Mi' }, limits: {} } as const;

export const PROFILE: ChartProfile = {
  version: '11.0.0',
  workloads: [
    {
      kind: 'Deployment',
      name: 'goldilocks-controller',
      when: on('controller.enabled', true),
      // hard-coded: replicas 1
      replicas: 1,
      tolerations: 'controller.tolerations',
      nodeSelector: 'controller.nodeSelector',
      // the container is named after the chart
      containers: [{ name: 'goldilocks', resources: 'controller.resources', chartDefault }],
    },
    {
      kind: 'Deployment',
      name: 'goldilocks-dashboard',
      when: on('dashboard.enabled', true),
      replicas: count('dashboard.replicaCount', 2),
      tolerations: 'dashboard.tolerations',
      nodeSelector: 'dashboard.nodeSelector',
      containers: [{ name: 'goldilocks', resources: 'dashboard.resources', chartDefault }],
    },
    {
      // hook (deprecated `uninstallVPA`): removes a VPA this chart once installed, before every sync and after deletion;
      // its template sets no resources, no priorityClassName, no tolerations and no nodeSelector
      kind: 'Job',
      name: 'goldilocks-vpa-uninstall',
      hook: 'pre-upgrade,post-delete',
      when: on('uninstallVPA', false),
      replicas: 1,
      containers: [{ name: 'vpa-uninstall' }],
    },
  ],
};
