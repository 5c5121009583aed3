/**
 * An app's Services: one named after the app (ClusterIP, or LoadBalancer when exposed: see
 * load-balancer.ts for what each load balancer reads), and for a StatefulSet the headless
 * Service that gives its pods stable DNS names.
 */
import { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { appLabels, selectorLabels } from '../config/labels';
import { exposeMetadata, loadBalancerSpec } from './load-balancer';

export const headlessServiceName = (app: string) => `${app}-headless`;

export class AppServices extends Construct {
  constructor(scope: Construct, id: string, { cluster, app }: { cluster: Pick<ClusterModel, 'apps' | 'name' | 'network'>; app: AppModel }) {
    super(scope, id);
    const ports = Object.entries(app.ports).map(([name, p]) => ({ name, port: p.port, targetPort: k8s.IntOrString.fromString(name), protocol: p.protocol }));
    if (!ports.length) return;
    const metadata = (name: string) => ({ name, namespace: app.namespace, labels: appLabels(app.name) });
    const selector = selectorLabels(app.name);
    const expose = app.expose;
    const lb = expose && exposeMetadata(cluster, app, expose);
    new k8s.KubeService(this, 'service', {
      metadata: {
        ...metadata(app.name),
        ...(lb ? { labels: { ...appLabels(app.name), ...lb.labels } } : {}),
        ...(lb && Object.keys(lb.annotations).length ? { annotations: lb.annotations } : {}),
      },
      spec: { ...(expose ? loadBalancerSpec(cluster, expose) : { type: 'ClusterIP' }), selector, ports },
    });
    if (app.kind === 'StatefulSet') {
      // peers find each other before they are ready (clustering, leader election)
      new k8s.KubeService(this, 'headless', {
        metadata: metadata(headlessServiceName(app.name)),
        spec: { clusterIp: 'None', publishNotReadyAddresses: true, selector, ports },
      });
    }
  }
}
