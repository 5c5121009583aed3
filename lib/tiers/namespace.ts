/**
 * A tier namespace as git manages it: the Namespace (tier, Pod Security and Goldilocks labels),
 * its LimitRange and its ResourceQuota, all from the tier table.
 */
import { Construct } from 'constructs';
import { cpuMillis, formatCpu, formatMemory, memoryBytes, type ClusterModel } from '../config';
import { k8s } from '../k8s';
import { MANAGED_BY } from '../config/labels';
import { LIMIT_RANGE_NAME, RESOURCE_QUOTA_NAME, limitRangeSpec, resourceQuotaSpec } from './policy-objects';

const TIER_LABEL = 'homelab.dev/tier';
/** Goldilocks shows VPA recommendations for namespaces carrying this label. */
const GOLDILOCKS_LABEL = 'goldilocks.fairwinds.com/enabled';

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface TierNamespaceProps {
  readonly cluster: Pick<ClusterModel, 'nodes' | 'tiers'>;
  readonly tier: string;
  readonly name: string;
  /** Enforced Pod Security Standard; `restricted` is always audited and warned about. */
  readonly podSecurity: PodSecurityLevel;
  /** E.g. Argo CD sync options that keep the namespace (and the claims in it) when its app is deleted. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** What the namespace's own pods need of the quota at most (a utility's chart): the tier's quota is raised to it. */
  readonly quotaAtLeast?: { readonly cpu: number; readonly memory: number; readonly memoryLimits: number; readonly pods: number };
}

/** The quota's values, each raised to what the namespace's own pods need at most. */
function raised(hard: Record<string, string>, need: TierNamespaceProps['quotaAtLeast']): Record<string, string> {
  if (!need) return hard;
  const mib = (bytes: number) => Math.ceil(bytes / 2 ** 20) * 2 ** 20;
  const at = (key: string, needed: number, amount: (q: string) => number, show: (n: number) => string) =>
    needed > amount(hard[key]) ? { [key]: show(needed) } : {};
  return {
    ...hard,
    ...at('requests.cpu', need.cpu, cpuMillis, formatCpu),
    ...at('requests.memory', mib(need.memory), memoryBytes, formatMemory),
    ...at('limits.memory', mib(need.memoryLimits), memoryBytes, formatMemory),
    ...at('pods', need.pods, Number, String),
  };
}

export class TierNamespace extends Construct {
  constructor(scope: Construct, id: string, props: TierNamespaceProps) {
    super(scope, id);
    const tier = props.cluster.tiers[props.tier];
    const namespace = props.name;
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: namespace,
        labels: {
          ...MANAGED_BY,
          [TIER_LABEL]: props.tier,
          [GOLDILOCKS_LABEL]: 'true',
          'pod-security.kubernetes.io/enforce': props.podSecurity,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
    });
    const quantities = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
    const limits = limitRangeSpec(tier).limits.map((l) => ({
      ...l,
      defaultRequest: quantities(l.defaultRequest),
      default: quantities(l.default),
      max: quantities(l.max),
    }));
    new k8s.KubeLimitRange(this, 'limit-range', { metadata: { name: LIMIT_RANGE_NAME, namespace, labels: { ...MANAGED_BY } }, spec: { limits } });
    new k8s.KubeResourceQuota(this, 'resource-quota', {
      metadata: { name: RESOURCE_QUOTA_NAME, namespace, labels: { ...MANAGED_BY } },
      spec: { hard: quantities(raised(resourceQuotaSpec(tier, props.cluster).hard, props.quotaAtLeast)) },
    });
  }
}
