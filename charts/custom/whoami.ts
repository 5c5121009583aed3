/**
 * An example TypeScript chart: what YAML cannot say, here two copies of one app generated in a
 * loop (a "blue" and a "green" whoami, each its own Argo CD application). The apps are the
 * cluster file's generic app, so they get the same defaults, checks and objects.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { appModel } from '../../lib/config/app-spec';
import { GenericAppChart } from '../app';

export function whoami(scope: Construct, cluster: ClusterModel): void {
  for (const color of ['blue', 'green']) {
    const app = appModel(cluster, `whoami-${color}`, {
      image: 'traefik/whoami:v1.11.0',
      tier: '4-aux',
      cpu: '10m',
      memory: '32Mi',
      memoryLimit: '64Mi',
      args: ['--port', '8080', '--name', color],
      ports: { http: { port: 80, targetPort: 8080 } },
      probes: { readiness: { http: { path: '/health' } } },
      writablePaths: [],
    });
    new GenericAppChart(scope, cluster, app);
  }
}
