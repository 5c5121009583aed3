/**
 * The scheduler's filters, in its order (NodeName, TaintToleration, NodeAffinity,
 * NodeResourcesFit), each giving the reason the scheduler itself prints when a node is out.
 */
import type { Resources } from '../../objects/resources';
import type { SchedulingNode, Taint } from './nodes';

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: string;
}

/** Why `node` cannot take a pod with this spec before resources are counted, or undefined. */
export function placementProblem(node: SchedulingNode, spec: any): string | undefined {
  if (spec.nodeName && spec.nodeName !== node.name) return "node(s) didn't match the requested node name";
  const taint = untoleratedTaint(node.taints, spec.tolerations ?? []);
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  if (!matchesNodeSelector(node, spec)) return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

/** The resources a pod needs beyond what is left on the node, as `Insufficient <resource>` reasons. */
export function insufficient(free: Resources, request: Resources): string[] {
  const reasons: string[] = [];
  if ((free.pods ?? 0) < 1) reasons.push('Too many pods');
  for (const [r, n] of Object.entries(request)) if (n > 0 && r !== 'pods' && n > (free[r] ?? 0)) reasons.push(`Insufficient ${r}`);
  return reasons;
}

/** PreferNoSchedule only steers the scheduler's scoring; NoSchedule and NoExecute keep a pod off. */
function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  return taints.find((t) => t.effect !== 'PreferNoSchedule' && !tolerations.some((tol) => tolerates(tol, t)));
}

/** As the scheduler's ToleratesTaint: an empty effect matches every effect, an empty key with Exists every taint. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** nodeSelector and the required node affinity (terms OR-ed, expressions within a term AND-ed). */
function matchesNodeSelector(node: SchedulingNode, spec: any): boolean {
  const selector: Record<string, string> = spec.nodeSelector ?? {};
  if (Object.entries(selector).some(([k, v]) => node.labels[k] !== v)) return false;
  const terms: any[] | undefined = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return !terms || terms.some((term) => matchesTerm(node, term));
}

function matchesTerm(node: SchedulingNode, term: any): boolean {
  const expressions: any[] = term.matchExpressions ?? [];
  const fields: any[] = term.matchFields ?? [];
  if (!expressions.length && !fields.length) return false; // an empty term matches no node
  return (
    expressions.every((e) => matches(node.labels[e.key], e.operator, e.values ?? [])) &&
    fields.every((f) => f.key === 'metadata.name' && matches(node.name, f.operator, f.values ?? []))
  );
}

function matches(value: string | undefined, operator: string, values: string[]): boolean {
  switch (operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}
