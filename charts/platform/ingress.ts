/**
 * The ingress controller (Traefik) for network.ingress.className, the cluster's default
 * IngressClass, behind a LoadBalancer Service on the pool (and address) the cluster file names.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { LOAD_BALANCER, ingressClass } from '../../lib/platform/capabilities';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';
import { METALLB_ANNOTATIONS } from './metallb';

export const INGRESS = 'ingress';

export class Ingress extends UtilityChart<'ingress'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    const className = cluster.network.ingress!.className;
    super(scope, {
      cluster,
      utility: INGRESS,
      chart: CHARTS.traefik,
      podSecurity: 'baseline',
      crds: ['traefik.io'],
      provides: [ingressClass(className), ingressClass()],
      uses: [LOAD_BALANCER],
      values: ({ utility, priorityClassName, resources }) => ({
        deployment: { replicas: utility.replicas },
        ingressClass: { enabled: true, isDefaultClass: true, name: className },
        providers: { kubernetesIngress: { publishedService: { enabled: true } } },
        service: { type: 'LoadBalancer', annotations: loadBalancerAnnotations(cluster, utility.pool, utility.ip) },
        priorityClassName,
        resources: resources('traefik'),
      }),
    });
  }
}

function loadBalancerAnnotations(cluster: ClusterModel, pool?: string, ip?: string): Record<string, string> {
  if (cluster.network.loadBalancer !== 'metallb' || !pool) return {};
  return { [METALLB_ANNOTATIONS.pool]: pool, ...(ip ? { [METALLB_ANNOTATIONS.ips]: ip } : {}) };
}
