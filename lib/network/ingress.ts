/**
 * An app's Ingress: the cluster's ingress class, a certificate from cert-manager's cluster
 * issuer (the TLS secret `<app>-tls`), and the host name external-dns publishes.
 */
import { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { appLabels } from '../config/labels';
import { EXTERNAL_DNS_HOSTNAME, fullHostname } from './load-balancer';

/** The port an ingress forwards to: the one it names, else the app's first. */
export function ingressPort(app: AppModel): string {
  return app.ingress?.port ?? Object.keys(app.ports)[0];
}

export class AppIngress extends Construct {
  constructor(scope: Construct, id: string, { cluster, app }: { cluster: Pick<ClusterModel, 'apps' | 'network'>; app: AppModel }) {
    super(scope, id);
    const ingress = app.ingress!;
    const { className, issuer } = cluster.network.ingress!;
    const host = fullHostname(cluster, ingress.host);
    new k8s.KubeIngress(this, 'ingress', {
      metadata: {
        name: app.name,
        namespace: app.namespace,
        labels: appLabels(app.name),
        annotations: { ...(issuer ? { 'cert-manager.io/cluster-issuer': issuer } : {}), [EXTERNAL_DNS_HOSTNAME]: host },
      },
      spec: {
        ingressClassName: className,
        ...(issuer ? { tls: [{ hosts: [host], secretName: `${app.name}-tls` }] } : {}),
        rules: [
          { host, http: { paths: [{ path: ingress.path, pathType: 'Prefix', backend: { service: { name: app.name, port: { name: ingressPort(app) } } } }] } },
        ],
      },
    });
  }
}
