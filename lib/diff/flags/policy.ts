/** Policy changes: quotas, limits, priorities, admission policies, network policies, Argo CD projects. */
import { formatFieldPath } from '../fields';
import { apiGroup } from '../../objects/identity';
import { firstFew, formatValue } from '../values';
import { flag, type FlagRule } from './flag-rule';

/** `group/Kind` of the policy objects. */
const POLICY_KINDS = new Set([
  '/ResourceQuota',
  '/LimitRange',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/NetworkPolicy',
  'kyverno.io/ClusterPolicy',
  'kyverno.io/Policy',
  'cilium.io/CiliumNetworkPolicy',
  'cilium.io/CiliumClusterwideNetworkPolicy',
  'argoproj.io/AppProject',
]);

export const policyChanges: FlagRule = (changes) =>
  changes
    .filter((c) => POLICY_KINDS.has(`${apiGroup(c.object.apiVersion)}/${c.object.kind}`))
    .filter((c) => c.type === 'added' || c.type === 'removed' || c.fields.length)
    .map((c) => {
      const fields = c.fields.map((f) => `${formatFieldPath(f.path)} ${formatValue(f.before)} → ${formatValue(f.after)}`);
      const what = c.type === 'added' ? 'new policy' : c.type === 'removed' ? 'policy removed' : `policy changes: ${firstFew(fields)}`;
      return flag('policy', c, what);
    });
