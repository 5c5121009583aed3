/**
 * The `tier-policies` application: Kyverno ClusterPolicies from the tier table (generated
 * LimitRange/ResourceQuota for tier namespaces created outside git; CPU limits audited).
 * Rendered only when Kyverno is installed: it is the provider of their CRDs.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { TierKyvernoPolicies } from '../lib/tiers/kyverno-policies';

export { TIER_POLICIES_APP } from '../lib/config/generated-apps';
import { TIER_POLICIES_APP } from '../lib/config/generated-apps';

export class TierPoliciesChart extends AppChart {
  constructor(scope: Construct, cluster: ClusterModel, kyvernoApp: string) {
    super(scope, { cluster, name: TIER_POLICIES_APP, namespace: 'default', project: 'platform', dependsOn: [kyvernoApp] });
    new TierKyvernoPolicies(this, 'policies', cluster);
  }
}
