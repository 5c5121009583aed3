/**
 * external-dns: publishes the cluster's LoadBalancer Services and Ingresses under
 * network.dns.domain with network.dns.provider (e.g. CoreDNS through its etcd). Credentials
 * only ever come from an existing Secret, named in the cluster file. The chart (1.21.1) has no
 * `envFrom`: its container takes `env` entries only, so each credential is an entry reading one
 * key of that Secret (`valueFrom.secretKeyRef`): `credentials` names the Secret and its keys. One pod, one
 * container (lib/platform/profiles/external-dns.ts).
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import type { HelmValues } from '../../lib/platform/helm';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { CHARTS } from '../../lib/platform/versions';

const EXTERNAL_DNS = 'external-dns';

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
        env: [...Object.entries(utility.env).map(([name, value]) => ({ name, value })), ...credentialsEnv(utility.credentials)],
        priorityClassName,
        // the chart's values.schema.json types each of requests/limits cpu and memory as a string
        resources: resources('externalDns'),
      }),
    });
  }
}

/** `env` entries that read an existing Secret, one per key, named after it (what `envFrom` would have done). */
function credentialsEnv(credentials: { secret: string; keys: readonly string[] } | undefined): HelmValues[] {
  return (credentials?.keys ?? []).map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: credentials!.secret, key } } }));
}
