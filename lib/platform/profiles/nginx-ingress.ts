/**
 * F5's NGINX Ingress Controller chart (nginx/kubernetes-ingress, charts/nginx-ingress) 2.6.4, read
 * at the app tag v5.5.4 (values.yaml, values.schema.json, templates/controller-deployment.yaml,
 * controller-daemonset.yaml, controller-statefulset.yaml, _helpers.tpl). The chart version is not
 * the app version: 2.6.4 is the newest chart in helm.nginx.com/stable's index (nginxinc/helm-charts
 * stable/index.yaml, appVersion 5.5.4), and its packaged templates and values equal the tag's.
 * No chart 2.7.x is released: main's Chart.yaml carries an unreleased 2.7.0 (app 5.6.0).
 *
 * Release `ingress`: fullname `ingress-nginx-ingress`, the controller `ingress-nginx-ingress-controller`
 * (`controller.name`, default `controller`); its container is `nginx-ingress` (the chart name).
 * No hooks, no Jobs, no subcharts.
 */
import { type ChartProfile, type Values, count, valueAt } from '../profile';

/** `controller.kind` (chart default `deployment`) picks exactly one of the three templates. */
const kindIs =
  (kind: 'deployment' | 'daemonset' | 'statefulset') =>
  (values: Values): boolean =>
    (valueAt(values, 'controller.kind') ?? 'deployment') === kind;

// The init container `init-nginx-ingress` (resources `controller.initContainerResources`, chart
// default requests 100m / 128Mi, no limits) renders only with `controller.readOnlyRootFilesystem`
// or `controller.securityContext.readOnlyRootFilesystem` (both off by default; we set neither), so
// it is not listed. `controller.initContainers` and `controller.extraContainers` (default []) add
// only containers we write ourselves.
const containers = [
  {
    name: 'nginx-ingress',
    resources: 'controller.resources',
    chartDefault: { requests: { cpu: '100m', memory: '128Mi' } },
  },
] as const;

const pod = {
  name: 'ingress-nginx-ingress-controller',
  priorityClassName: 'controller.priorityClassName',
  tolerations: 'controller.tolerations',
  // read by the templates although values.yaml only has it commented out
  nodeSelector: 'controller.nodeSelector',
  containers,
} as const;

export const PROFILE: ChartProfile = {
  version: '2.6.4',
  workloads: [
    // replicas are omitted (HPA-owned) when controller.autoscaling.enabled, default false
    { kind: 'Deployment', when: kindIs('deployment'), replicas: count('controller.replicaCount', 1), ...pod },
    { kind: 'DaemonSet', when: kindIs('daemonset'), ...pod },
    { kind: 'StatefulSet', when: kindIs('statefulset'), replicas: count('controller.replicaCount', 1), ...pod },
  ],
};
