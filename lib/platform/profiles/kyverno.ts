/**
 * Kyverno: chart `kyverno` (charts/kyverno) from kyverno/kyverno, read at release tag
 * `kyverno-chart-3.9.0` (commit ee97ce09, Chart.yaml version 3.9.0, appVersion v1.19.0). Read from
 * values.yaml and templates/ (the chart has no values.schema.json).
 *
 * Each controller's pod takes `<component>.priorityClassName`, falling back to
 * `global.priorityClassName`; `<component>.tolerations` / `<component>.nodeSelector` fall back to
 * `global.tolerations` (default none) / `global.nodeSelector` (default `kubernetes.io/os: linux`).
 * The hook Jobs read their own tolerations / nodeSelector with the same fallbacks, but have NO
 * priorityClassName value at all: they run without a PriorityClass whatever we set.
 *
 * Default CPU limits: only the admission controller's init container and the hook Jobs default one
 * (100m); the four controller containers default a memory limit only, so `limits.cpu=null` may only
 * be passed for `admissionController.initContainer.resources` and `webhooksCleanup.resources`. It
 * does not work for `crds.migration.podResources` (checked with real Helm 3.17 and 4.2): `crds` is
 * also the CRD subchart's name, and Helm keeps a null under a subchart's key.
 *
 * Not profiled: Helm `test` Pods (templates/tests/, never synced by Argo CD); the reports-server
 * subchart and its wait-for init containers (`reportsServer.enabled`, default false); containers
 * that exist only when listed in values (`<component>.extraContainers`,
 * `admissionController.extraInitContainers`). The grafana, crds and kyverno-api subcharts render
 * no pods. This version renders no cleanup CronJobs and no policy-reports cleanup hook (both gone
 * since chart 3.6.0).
 */
import { type ChartProfile, type Values, type WorkloadProfile, on, count } from '../profile';

/** The chart's hook templates render nothing with `global.templating.enabled` (default false). */
const hooksRendered = (v: Values): boolean => !on('global.templating.enabled', false)(v);

/** A controller Deployment: its `replicas` defaults to null, i.e. 1 pod. */
const controller = (component: string) =>
  ({
    replicas: count(`${component}.replicas`, 1),
    priorityClassName: `${component}.priorityClassName`,
    tolerations: `${component}.tolerations`,
    nodeSelector: `${component}.nodeSelector`,
  }) as const;

/** The controllers' shared default: a memory limit, no CPU limit. */
const controllerDefault = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } as const;

/** The init container's and the hooks' shared default: a 100m CPU limit. */
const smallDefault = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '100m', memory: '256Mi' } } as const;

export const PROFILE: ChartProfile = {
  version: '3.9.0',
  workloads: [
    {
      kind: 'Deployment',
      name: 'kyverno-admission-controller',
      // not rendered only with `global.templating.debug`; replicas omitted (HPA) with `admissionController.autoscaling.enabled`
      when: (v) => !on('global.templating.debug', false)(v),
      ...controller('admissionController'),
      containers: [
        // kyvernopre: always rendered (after any extraInitContainers); the unsized one of issue 12
        {
          name: 'kyverno-pre',
          init: true,
          resources: 'admissionController.initContainer.resources',
          chartDefault: smallDefault,
        },
        {
          name: 'kyverno',
          resources: 'admissionController.container.resources',
          chartDefault: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '384Mi' } },
        },
      ],
    },
    {
      kind: 'Deployment',
      name: 'kyverno-background-controller',
      when: on('backgroundController.enabled', true),
      ...controller('backgroundController'),
      containers: [{ name: 'controller', resources: 'backgroundController.resources', chartDefault: controllerDefault }],
    },
    {
      kind: 'Deployment',
      name: 'kyverno-cleanup-controller',
      when: on('cleanupController.enabled', true),
      ...controller('cleanupController'),
      containers: [{ name: 'controller', resources: 'cleanupController.resources', chartDefault: controllerDefault }],
    },
    {
      kind: 'Deployment',
      name: 'kyverno-reports-controller',
      when: on('reportsController.enabled', true),
      ...controller('reportsController'),
      containers: [{ name: 'controller', resources: 'reportsController.resources', chartDefault: controllerDefault }],
    },
    // hook: CRD/stored-version migration; Argo CD runs post-upgrade as PostSync, i.e. after every sync. No priorityClassName value.
    {
      kind: 'Job',
      name: 'kyverno-migrate-resources',
      hook: 'post-upgrade',
      when: (v) => hooksRendered(v) && on('crds.migration.enabled', true)(v),
      replicas: 1,
      tolerations: 'crds.migration.tolerations',
      nodeSelector: 'crds.migration.nodeSelector',
      // `crds` is also the name of the chart's CRD subchart: Helm keeps a null there, so the 100m CPU limit cannot be removed
      containers: [{ name: 'kyverno-cli', resources: 'crds.migration.podResources', chartDefault: smallDefault, keepsNull: true }],
    },
    // hooks: on uninstall, scale the admission controller to zero, then delete Kyverno's webhook
    // configurations; they never run during a sync. No priorityClassName value.
    webhooksCleanupJob('kyverno-rm-webhooks'),
    webhooksCleanupJob('kyverno-scale-to-zero'),
  ],
};

function webhooksCleanupJob(name: string): WorkloadProfile {
  return {
    kind: 'Job',
    name,
    hook: 'pre-delete',
    when: (v) => hooksRendered(v) && on('webhooksCleanup.enabled', true)(v),
    replicas: 1,
    tolerations: 'webhooksCleanup.tolerations',
    nodeSelector: 'webhooksCleanup.nodeSelector',
    containers: [{ name: 'kubectl', resources: 'webhooksCleanup.resources', chartDefault: smallDefault }],
  };
}
