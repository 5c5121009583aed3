/**
 * external-dns: publishes the cluster's LoadBalancer Services and Ingresses under
 * network.dns.domain with network.dns.provider (e.g. CoreDNS through its etcd). Credentials
 * only ever come from an existing Secret, named in the cluster file.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

export const EXTERNAL_DNS = 'external-dns';

export class ExternalDns extends UtilityChart<'external-dns'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    const dns = cluster.network.dns!;
    super(scope, {
      cluster,
      utility: EXTERNAL_DNS,
      chart: CHARTS.externalDns,
      podSecurity: 'baseline',
      values: ({ utility, priorityClassName, resources }) => ({
        provider: { name: dns.provider },
        sources: [...utility.sources],
        policy: utility.policy,
        registry: 'txt',
        txtOwnerId: cluster.name,
        domainFilters: [dns.domain],
        env: Object.entries(utility.env).map(([name, value]) => ({ name, value })),
        ...(utility.credentialsSecret ? { envFrom: [{ secretRef: { name: utility.credentialsSecret } }] } : {}),
        priorityClassName,
        resources: resources('externalDns'),
      }),
    });
  }
}
