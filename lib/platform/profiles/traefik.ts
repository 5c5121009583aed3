/**
 * Traefik's chart (traefik/traefik-helm-chart, chart `traefik`) 41.1.1, read at the tag v41.1.1:
 * traefik/values.yaml, traefik/values.schema.json, templates/deployment.yaml, templates/daemonset.yaml
 * and templates/_podtemplate.tpl (the pod both share). No hooks, no Jobs, no subcharts.
 *
 * Release `ingress`: the chart's fullname is `<release>-traefik` (the release name does not contain
 * `traefik`), so the workload and its one container are both `ingress-traefik`.
 */
import { type ChartProfile, type Values, on, count, valueAt } from '../profile';

/** `deployment.kind`, chart default `Deployment`; `deployment.enabled` (default true) gates both kinds. */
const kindIs =
  (kind: 'Deployment' | 'DaemonSet') =>
  (values: Values): boolean =>
    on('deployment.enabled', true)(values) && (valueAt(values, 'deployment.kind') ?? 'Deployment') === kind;

// The proxy container: `resources` is rendered as given (chart default {}: no resources at all).
// `deployment.initContainers` and `deployment.additionalContainers` (both default []) add only
// containers we write ourselves (Traefik Hub, with `hub.token`, adds ports to this container, no other).
const containers = [{ name: 'ingress-traefik', resources: 'resources' }] as const;

export const PROFILE: ChartProfile = {
  version: '41.1.1',
  workloads: [
    {
      kind: 'Deployment',
      name: 'ingress-traefik',
      when: kindIs('Deployment'),
      // omitted (HPA-owned) when autoscaling.enabled, default false
      replicas: count('deployment.replicas', 1),
      priorityClassName: 'priorityClassName',
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector',
      containers,
    },
    {
      kind: 'DaemonSet',
      name: 'ingress-traefik',
      when: kindIs('DaemonSet'),
      priorityClassName: 'priorityClassName',
      tolerations: 'tolerations',
      nodeSelector: 'nodeSelector',
      containers,
    },
  ],
};
