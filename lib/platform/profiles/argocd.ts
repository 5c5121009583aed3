/**
 * Argo CD: chart `argo-cd` from argoproj/argo-helm, read at tag `argo-cd-10.1.1` (commit af0a9310,
 * the newest release in the repository and in its gh-pages index.yaml; 10.4.0, pinned in versions.ts,
 * exists as neither). Read from the chart's values.yaml and templates/ (the chart has no
 * values.schema.json).
 *
 * Every `resources` value of this chart defaults to `{}`: there is no default CPU limit to remove
 * anywhere, so no `limits.cpu=null` parameter may be passed for any path here.
 *
 * Every pod template takes `<component>.priorityClassName`, falling back to
 * `global.priorityClassName`; likewise `<component>.tolerations` / `<component>.nodeSelector`
 * fall back to `global.tolerations` (default none) / `global.nodeSelector` (default
 * `kubernetes.io/os: linux`). We set only the global keys, so the profile reads those.
 *
 * Not profiled: the `redis-ha` subchart (off: `redis-ha.enabled` defaults to false, and we keep it
 * off), and containers that exist only when listed in values (`<component>.extraContainers`,
 * `<component>.initContainers`, `server.extensions.extensionList`); we list none.
 */
import { type ChartProfile, type Values, on, count, valueAt } from '../profile';

const PRIORITY = 'global.priorityClassName';
const TOLERATIONS = 'global.tolerations';
const NODE_SELECTOR = 'global.nodeSelector';

const dynamicController = on('controller.dynamicClusterDistribution', false);
const redisHa = on('redis-ha.enabled', false);
const redisExporter = on('redis.exporter.enabled', false);
const redisDeployment = (v: Values): boolean => on('redis.enabled', true)(v) && !redisHa(v);

/** With its HPA on, the Deployment renders no replicas and the HPA's minimum applies. */
const scaled =
  (component: string) =>
  (v: Values): number =>
    on(`${component}.autoscaling.enabled`, false)(v) ? count(`${component}.autoscaling.minReplicas`, 1)(v) : count(`${component}.replicas`, 1)(v);

const controller = { name: 'application-controller', resources: 'controller.resources' } as const;
const redis = { name: 'redis', resources: 'redis.resources' } as const;
const placement = { priorityClassName: PRIORITY, tolerations: TOLERATIONS, nodeSelector: NODE_SELECTOR } as const;

export const PROFILE: ChartProfile = {
  version: '10.1.1',
  workloads: [
    // the default form of the application controller
    {
      kind: 'StatefulSet',
      name: 'argocd-application-controller',
      when: (v) => !dynamicController(v),
      replicas: count('controller.replicas', 1),
      ...placement,
      containers: [controller],
    },
    // the same controller as a Deployment, only with dynamic cluster distribution
    {
      kind: 'Deployment',
      name: 'argocd-application-controller',
      when: dynamicController,
      replicas: count('controller.replicas', 1),
      ...placement,
      containers: [controller],
    },
    {
      kind: 'Deployment',
      name: 'argocd-server',
      replicas: scaled('server'),
      ...placement,
      containers: [{ name: 'server', resources: 'server.resources' }],
    },
    {
      kind: 'Deployment',
      name: 'argocd-repo-server',
      replicas: scaled('repoServer'),
      ...placement,
      containers: [
        { name: 'repo-server', resources: 'repoServer.resources' },
        // always rendered; when `repoServer.copyutil.resources` is empty it takes `repoServer.resources`
        { name: 'copyutil', init: true, resources: 'repoServer.copyutil.resources' },
      ],
    },
    {
      kind: 'Deployment',
      name: 'argocd-applicationset-controller',
      replicas: count('applicationSet.replicas', 1),
      ...placement,
      containers: [{ name: 'applicationset-controller', resources: 'applicationSet.resources' }],
    },
    // one replica, fixed in the template
    {
      kind: 'Deployment',
      name: 'argocd-notifications-controller',
      when: on('notifications.enabled', true),
      replicas: 1,
      ...placement,
      containers: [{ name: 'notifications-controller', resources: 'notifications.resources' }],
    },
    // one replica, fixed; the Deployment is replaced by the redis-ha subchart when that is on
    {
      kind: 'Deployment',
      name: 'argocd-redis',
      when: (v) => redisDeployment(v) && !redisExporter(v),
      replicas: 1,
      ...placement,
      containers: [redis],
    },
    // the same Deployment with its redis-exporter sidecar (`redis.exporter.enabled`)
    {
      kind: 'Deployment',
      name: 'argocd-redis',
      when: (v) => redisDeployment(v) && redisExporter(v),
      replicas: 1,
      ...placement,
      containers: [redis, { name: 'metrics', resources: 'redis.exporter.resources' }],
    },
    // hook: Argo CD runs it as PreSync on every sync; skipped when an external Redis host is set
    {
      kind: 'Job',
      name: 'argocd-redis-secret-init',
      hook: 'pre-install,pre-upgrade',
      when: (v) => on('redisSecretInit.enabled', true)(v) && !valueAt(v, 'externalRedis.host'),
      replicas: 1,
      ...placement,
      containers: [{ name: 'secret-init', resources: 'redisSecretInit.resources' }],
    },
    // one replica, fixed; on by default (we turn it off)
    {
      kind: 'Deployment',
      name: 'argocd-dex-server',
      when: on('dex.enabled', true),
      replicas: 1,
      ...placement,
      containers: [
        { name: 'dex-server', resources: 'dex.resources' },
        // when `dex.initImage.resources` is empty it takes `dex.resources`
        { name: 'copyutil', init: true, resources: 'dex.initImage.resources' },
      ],
    },
    // renders no replicas field: one pod
    {
      kind: 'Deployment',
      name: 'argocd-commit-server',
      when: on('commitServer.enabled', false),
      replicas: 1,
      ...placement,
      containers: [{ name: 'commit-server', resources: 'commitServer.resources' }],
    },
  ],
};
