/**
 * Descheduler: chart `descheduler` from kubernetes-sigs/descheduler (charts/descheduler), read at
 * tag `descheduler-helm-chart-0.33.0` (Chart.yaml version 0.33.0, also listed in the gh-pages
 * index.yaml). Read from the chart's values.yaml and templates/ (the chart has no
 * values.schema.json, no hooks and no subcharts).
 *
 * One pod template, rendered either as a Deployment or as a CronJob (`kind`, chart default
 * `CronJob`); both read the same top-level `resources`, `priorityClassName`, `tolerations` and
 * `nodeSelector`. `resources` is the only block here with a default CPU limit (500m), so it is the
 * one path where `limits.cpu=null` really deletes something.
 */
import { type ChartProfile, type Values, valueAt } from '../profile';

const kind = (v: Values): unknown => valueAt(v, 'kind') ?? 'CronJob';

const descheduler = {
  name: 'descheduler',
  resources: 'resources',
  chartDefault: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
} as const;

const placement = { priorityClassName: 'priorityClassName', tolerations: 'tolerations', nodeSelector: 'nodeSelector' } as const;

export const PROFILE: ChartProfile = {
  version: '0.33.0',
  workloads: [
    {
      kind: 'Deployment',
      name: 'descheduler',
      when: (v) => kind(v) === 'Deployment',
      // the template renders `replicas` only above 1 (then leaderElection.enabled is required), else 1
      replicas: (v) => {
        const n = valueAt(v, 'replicas');
        return typeof n === 'number' && n > 1 ? n : 1;
      },
      ...placement,
      containers: [descheduler],
    },
    {
      // the CronJob variant (the chart's default kind): one Job, one pod, every `schedule` (default every 2 minutes)
      kind: 'Job',
      name: 'descheduler',
      when: (v) => kind(v) === 'CronJob',
      replicas: 1,
      ...placement,
      containers: [descheduler],
    },
  ],
};
