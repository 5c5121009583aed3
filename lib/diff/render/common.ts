/** What every renderer says the same way: counts, grouping, flag names, capacity amounts. */
import { formatCpu, formatMemory } from '../../config/quantity';
import type { CapacityDelta, ChangeType, DiffReport, FlagCategory, ObjectChange } from '../model';

export const FLAG_TITLES: Record<FlagCategory, string> = {
  restart: 'pods restart',
  stateful: 'stateful object',
  immutable: 'immutable field',
  exposure: 'exposure',
  version: 'version bump',
  policy: 'policy',
};

export function summary(report: DiffReport): string {
  const count = (type: ChangeType) => report.changes.filter((c) => c.type === type).length;
  const parts = (['added', 'removed', 'changed', 'moved'] as const).filter((t) => count(t)).map((t) => `${count(t)} ${t}`);
  return `${report.changes.length} object(s): ${parts.join(', ')}; ${report.flags.length} flag(s)`;
}

/** Changes grouped by `cluster / app`, in report order. */
export function byApp(changes: readonly ObjectChange[]): Map<string, ObjectChange[]> {
  const groups = new Map<string, ObjectChange[]>();
  for (const c of changes) {
    const key = `${c.cluster} / ${c.app}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return groups;
}

/** The file name within its app folder (the folder is in the heading). */
export function fileOf(change: ObjectChange): string {
  return change.file.slice(change.file.lastIndexOf('/') + 1);
}

export function movedFrom(change: ObjectChange): string {
  return change.from ? `moved from ${change.from.app}/${change.from.file.slice(change.from.file.lastIndexOf('/') + 1)}` : '';
}

/** `tier 4-aux`, `node k8s-node1`, `nodes nvidia.com/gpu.present=true`, `(per node)` for DaemonSets. */
export function capacityScope(row: CapacityDelta): string {
  const scope = row.scope === 'tier' ? 'tier' : row.name.includes('=') ? 'nodes' : 'node';
  return `${scope} ${row.name}${row.perNode ? ' (per node)' : ''}`;
}

export function capacityAmounts(row: CapacityDelta): { cpu: string; memory: string; gpu: string } {
  const signed = (n: number, format: (n: number) => string) => (n === 0 ? '0' : `${n > 0 ? '+' : '-'}${format(Math.abs(n))}`);
  return { cpu: signed(row.cpuMillis, formatCpu), memory: signed(row.memoryBytes, formatMemory), gpu: signed(row.gpus, String) };
}
