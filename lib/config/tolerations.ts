/** Tolerations derived from the node inventory's real taints. */
import type { NodeModel } from './model';

/** Tolerates every taint, whatever its effect: for agents that must run on every node. */
export const TOLERATE_EVERYTHING = [{ operator: 'Exists' }] as const;

/**
 * Tolerations matching the given nodes' taints exactly: same key, value and effect (a
 * NoSchedule toleration would not match a PreferNoSchedule taint).
 */
export function tolerationsFor(nodes: readonly NodeModel[]): { key: string; operator: string; value?: string; effect: string }[] {
  const seen = new Map<string, { key: string; operator: string; value?: string; effect: string }>();
  for (const taint of nodes.flatMap((n) => n.taints)) {
    const toleration =
      taint.value === undefined
        ? { key: taint.key, operator: 'Exists', effect: taint.effect }
        : { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect };
    seen.set(JSON.stringify(toleration), toleration);
  }
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}
