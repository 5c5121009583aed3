/**
 * The ingress controller (Traefik, or F5's NGINX Ingress Controller) for
 * network.ingress.className, the cluster's default IngressClass, behind a LoadBalancer Service on
 * the pool (and address) the cluster file names. Each chart runs one controller container and
 * nothing else (lib/platform/profiles/traefik.ts, nginx-ingress.ts). Traefik's chart takes the
 * Service type under `service.spec` (a top-level `service.type` is ignored since chart v40).
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { LOAD_BALANCER, ingressClass } from '../../lib/platform/capabilities';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';
import { METALLB_ANNOTATIONS } from '../../lib/network/load-balancer';

export const INGRESS = 'ingress';

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
        const annotations = loadBalancerAnnotations(cluster, utility.pool, utility.ip);
        if (nginx) {
          return {
            controller: {
              replicaCount: utility.replicas,
              ingressClass: { name: className, create: true, setAsDefaultIngress: true },
              enableCustomResources: false,
              service: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations },
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
          service: { spec: { type: 'LoadBalancer' }, annotations },
          priorityClassName,
          resources: resources('traefik'),
        };
      },
    });
  }
}

function loadBalancerAnnotations(cluster: ClusterModel, pool?: string, ip?: string): Record<string, string> {
  if (cluster.network.loadBalancer !== 'metallb' || !pool) return {};
  return { [METALLB_ANNOTATIONS.pool]: pool, ...(ip ? { [METALLB_ANNOTATIONS.ips]: ip } : {}) };
}
