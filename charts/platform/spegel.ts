/**
 * Spegel: every node serves the images it has to the others, as a containerd registry mirror.
 * It runs on every node (control plane included: it tolerates every taint) and writes the
 * mirror configuration where the cluster's distribution keeps containerd's `certs.d`.
 * `resources` sizes both the registry and its `configuration` init container. When the
 * Application is deleted, the chart's post-delete hooks (a cleanup DaemonSet, which takes our
 * priorityClassName and tolerations, and a wait Pod) undo that configuration; the chart has no
 * value to size them (nor to give the Pod a priority): the namespace's LimitRange defaults apply.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { containerdOf } from '../../lib/platform/node-runtime';
import { TOLERATE_EVERYTHING } from '../../lib/config/tolerations';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const SPEGEL = 'spegel';

export class Spegel extends UtilityChart<'spegel'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    const containerd = containerdOf(cluster);
    super(scope, {
      cluster,
      utility: SPEGEL,
      chart: CHARTS.spegel,
      podSecurity: 'privileged', // host paths: containerd's socket, content store and certs.d
      values: ({ utility, priorityClassName, resources }) => ({
        priorityClassName,
        resources: resources('spegel'),
        tolerations: [...TOLERATE_EVERYTHING],
        spegel: {
          containerdSock: containerd.socket,
          containerdContentPath: containerd.contentPath,
          containerdRegistryConfigPath: containerd.registryConfigPath,
          mirroredRegistries: [...new Set([...utility.registries, ...utility.extraRegistries])].map((host) => `https://${host}`),
        },
      }),
    });
  }
}
