/**
 * The generic app of the cluster file: its workload (Deployment, StatefulSet or DaemonSet) and
 * Service, with stable labels and selectors and the cluster's resource policy (a CPU request and
 * never a CPU limit; the memory request and limit the model resolved from the tier).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { priorityClassName } from '../tiers/names';
import { toK8sResources } from '../tiers/resources';
import { appLabels, selectorLabels } from './labels';

export interface GenericAppProps {
  readonly cluster: ClusterModel;
  readonly app: AppModel;
}

export class GenericApp extends Construct {
  readonly workload: ApiObject;
  readonly service?: k8s.KubeService;

  constructor(scope: Construct, id: string, props: GenericAppProps) {
    super(scope, id);
    const { app } = props;
    const metadata = { name: app.name, namespace: app.namespace, labels: appLabels(app.name) };
    const template = this.podTemplate(app);
    const selector = { matchLabels: selectorLabels(app.name) };

    if (Object.keys(app.ports).length) this.service = this.serviceFor(app);

    switch (app.kind) {
      case 'Deployment':
        this.workload = new k8s.KubeDeployment(this, 'workload', { metadata, spec: { replicas: app.replicas, selector, template } });
        break;
      case 'StatefulSet':
        this.workload = new k8s.KubeStatefulSet(this, 'workload', { metadata, spec: { replicas: app.replicas, serviceName: app.name, selector, template } });
        break;
      case 'DaemonSet':
        this.workload = new k8s.KubeDaemonSet(this, 'workload', { metadata, spec: { selector, template } });
        break;
    }
  }

  private podTemplate(app: AppModel): k8s.PodTemplateSpec {
    const container: k8s.Container = {
      name: app.name,
      image: app.image,
      imagePullPolicy: 'IfNotPresent',
      ports: Object.entries(app.ports).map(([name, p]) => ({ name, containerPort: p.port, protocol: p.protocol })),
      ...(Object.keys(app.env).length ? { env: Object.entries(app.env).map(([name, value]) => ({ name, value })) } : {}),
      resources: toK8sResources({ requests: { cpu: app.cpu, memory: app.memory }, limits: { memory: app.memoryLimit } }),
    };
    return { metadata: { labels: appLabels(app.name) }, spec: { priorityClassName: priorityClassName(app.tier), containers: [container] } };
  }

  private serviceFor(app: AppModel): k8s.KubeService {
    const ports = Object.entries(app.ports).map(([name, p]) => ({ name, port: p.port, targetPort: k8s.IntOrString.fromString(name), protocol: p.protocol }));
    const expose = app.expose;
    const annotations: Record<string, string> = {};
    if (expose) {
      annotations['metallb.io/address-pool'] = expose.pool;
      if (expose.ip) annotations['metallb.io/loadBalancerIPs'] = expose.ip;
      if (expose.sharedIPKey) annotations['metallb.io/allow-shared-ip'] = expose.sharedIPKey;
    }
    return new k8s.KubeService(this, 'service', {
      metadata: { name: app.name, namespace: app.namespace, labels: appLabels(app.name), ...(expose ? { annotations } : {}) },
      spec: { type: expose ? 'LoadBalancer' : 'ClusterIP', selector: selectorLabels(app.name), ports },
    });
  }
}
