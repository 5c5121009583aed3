/**
 * Reloader: chart `reloader` (deployments/kubernetes/chart/reloader) from stakater/Reloader, read at
 * release tag `chart-v2.2.7` (commit a5d10125, Chart.yaml version 2.2.7, appVersion v1.4.12). Read
 * from values.yaml, values.schema.json (it constrains `reloader.reloadStrategy` only) and templates/.
 *
 * One pod-bearing object, no hooks, no init containers. `reloader.deployment.resources` defaults to
 * `{}`: there is no default CPU limit to remove, so no `limits.cpu=null` parameter may be passed
 * (hence no `chartDefault`). Its GOMAXPROCS comes from the container's `limits.cpu` through the
 * downward API unless `reloader.deployment.gomaxprocsOverride` is set; without a CPU limit the
 * downward API gives the node's allocatable CPU.
 *
 * Not profiled: nothing else renders a pod (the PodMonitor, ServiceMonitor, VPA, PDB and
 * NetworkPolicy templates are not workloads).
 */
import { type ChartProfile, on, count } from '../profile';

export const PROFILE: ChartProfile = {
  version: '2.2.7',
  workloads: [
    {
      kind: 'Deployment',
      name: 'reloader-reloader',
      // without `reloader.enableHA` the template caps replicas at 1
      replicas: (v) =>
        on('reloader.enableHA', false)(v) ? count('reloader.deployment.replicas', 1)(v) : Math.min(count('reloader.deployment.replicas', 1)(v), 1),
      priorityClassName: 'reloader.deployment.priorityClassName',
      tolerations: 'reloader.deployment.tolerations',
      nodeSelector: 'reloader.deployment.nodeSelector',
      containers: [{ name: 'reloader-reloader', resources: 'reloader.deployment.resources' }],
    },
  ],
};
