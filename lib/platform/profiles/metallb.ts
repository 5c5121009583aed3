/**
 * MetalLB chart 0.16.1, read from github.com/metallb/metallb at tag v0.16.1 (charts/metallb:
 * values.yaml, values.schema.json, templates/controller.yaml, templates/speaker.yaml). The chart
 * tag metallb-chart-0.16.1, whose release asset the Helm index points to, has the same values and
 * templates (only Chart.yaml/Chart.lock versions differ).
 *
 * Not profiled, because our values switch them off:
 * - the frr-k8s subchart (`frrk8s.enabled`, chart default true; we set false);
 * - the speaker's FRR containers (`speaker.frr.enabled`, chart default false): init containers
 *   cp-frr-files, cp-reloader, cp-metrics and containers frr, reloader, frr-metrics.
 * No hooks. Neither pod has a CPU limit or any resources unless values give them.
 */
import { type ChartProfile, on } from '../profile';

const LINUX = { 'kubernetes.io/os': 'linux' } as const;

export const PROFILE: ChartProfile = {
  version: '0.16.1',
  workloads: [
    {
      kind: 'Deployment',
      name: 'metallb-controller',
      when: on('controller.enabled', true),
      // the template sets no replicas: one pod
      replicas: 1,
      priorityClassName: 'controller.priorityClassName',
      tolerations: 'controller.tolerations', // chart default: none
      // fixed in the template; `controller.nodeSelector` (default {}) is added to it
      nodeSelector: LINUX,
      // chart default `resources: {}`: nothing rendered
      containers: [{ name: 'controller', resources: 'controller.resources' }],
    },
    {
      kind: 'DaemonSet',
      name: 'metallb-speaker',
      when: on('speaker.enabled', true),
      priorityClassName: 'speaker.priorityClassName',
      // from `speaker.tolerateMaster` (default true); `speaker.tolerations` (default []) is appended
      tolerations: [
        { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      ],
      // fixed in the template; `speaker.nodeSelector` (default {}) is added to it
      nodeSelector: LINUX,
      // chart default `resources: {}`: nothing rendered
      containers: [{ name: 'speaker', resources: 'speaker.resources' }],
    },
  ],
};
