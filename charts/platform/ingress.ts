/**
 * The ingress controller (Traefik, or F5's NGINX Ingress Controller) for
 * network.ingress.className, the cluster's default IngressClass, behind a LoadBalancer Service on
 * the pool (and address) the cluster file names, said as the cluster's load balancer reads it
 * (lib/network/load-balancer.ts): MetalLB's annotations, Cilium's pool label and annotations,
 * nothing for k3s's ServiceLB. NGINX's chart defaults to externalTrafficPolicy Local, which
 * Cilium's L2 announcements do not support: Cluster there. Each chart runs one controller
 * container and nothing else (lib/platform/profiles/traefik.ts, nginx-ingress.ts). Traefik's chart takes the
 * Service type under `service.spec` (a top-level `service.type` is ignored since chart v40).
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { LOAD_BALANCER, ingressClass } from '../../lib/gitops/capabilities';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';
import { defaultTrafficPolicy, loadBalancerMetadata } from '../../lib/network/load-balancer';

const INGRESS = 'ingress';

export class Ingress extends UtilityChart<'ingress'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    const className = cluster.network.ingress!.className;
    const nginx = cluster.utilities.ingress.controller === 'nginx';
    super(scope, {
      cluster,
      utility: INGRESS,
      chart: nginx ? CHARTS.nginxIngress : CHARTS.traefik,
      podSecurity: 'baseline',
      // NGINX's own custom resources (VirtualServer...) stay off: Ingress objects are enough
      crds: nginx ? [] : ['traefik.io'],
      provides: [ingressClass(className), ingressClass()],
      uses: [LOAD_BALANCER],
      values: ({ utility, priorityClassName, resources }) => {
        const { labels, annotations } = loadBalancerMetadata(cluster, { pool: utility.pool, ip: utility.ip });
        if (nginx) {
          return {
            controller: {
              replicaCount: utility.replicas,
              ingressClass: { name: className, create: true, setAsDefaultIngress: true },
              enableCustomResources: false,
              service: {
                type: 'LoadBalancer',
                externalTrafficPolicy: defaultTrafficPolicy(cluster, false),
                annotations,
                ...(Object.keys(labels).length ? { extraLabels: labels } : {}),
              },
              priorityClassName,
              resources: resources('nginx'),
              // no usage reports from a homelab to the vendor
              telemetryReporting: { enable: false },
            },
          };
        }
        return {
          deployment: { replicas: utility.replicas },
          ingressClass: { enabled: true, isDefaultClass: true, name: className },
          providers: { kubernetesIngress: { publishedService: { enabled: true } } },
          // `service.spec` is copied into the Service's spec (chart default type: LoadBalancer)
          service: { spec: { type: 'LoadBalancer' }, annotations, ...(Object.keys(labels).length ? { labels } : {}) },
          priorityClassName,
          resources: resources('traefik'),
        };
      },
    });
  }
}
