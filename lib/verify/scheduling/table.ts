/** The per-node capacity table the CLI prints after a synth: requests by tier against allocatable. */
import { showAmount } from '../../objects/quantity';
import type { Schedule } from './simulate';

export function capacityTable(cluster: string, s: Schedule): string {
  const tiers = [...new Set(s.nodes.flatMap((n) => [...n.byTier.keys()]))].sort();
  const extended = [...new Set(s.nodes.flatMap((n) => Object.keys(n.allocatable)))].filter((r) => r !== 'cpu' && r !== 'memory' && r !== 'pods').sort();
  const rows: string[][] = [['node', 'resource', ...tiers, 'requested', 'allocatable', 'used']];
  for (const n of s.nodes) {
    ['cpu', 'memory', ...extended].forEach((r, i) => {
      const perTier = tiers.map((t) => n.byTier.get(t)?.[r] ?? 0);
      const total = perTier.reduce((a, b) => a + b, 0);
      const allocatable = n.allocatable[r] ?? 0;
      if (!allocatable && !total && i > 1) return; // no GPU row for a node without GPUs
      const used = allocatable ? `${Math.round((100 * total) / allocatable)}%` : total ? 'none left' : '-';
      rows.push([i ? '' : n.name, r, ...perTier.map((v) => (v ? showAmount(r, v) : '-')), showAmount(r, total), showAmount(r, allocatable), used]);
    });
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
  return `${cluster}: requests per node by tier (every replica plus rolling-update surge)\n${lines.join('\n')}`;
}
