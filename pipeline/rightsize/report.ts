/** What `npm run rightsize` prints: per app the new upperBound and sizes, what is not written and why, the capacity before and after. */
import type { ClusterModel } from '../../lib/config';
import type { PlainResources } from '../../lib/config/tier-resources';
import { capacityTable } from '../../lib/verify/scheduling/table';
import type { Fit } from './fit';
import { isChange, type Outcome, type Proposal } from './propose';
import type { Bound } from './vpa';

export function formatReport(cluster: ClusterModel, outcomes: readonly Outcome[], fit: Fit | undefined, written: boolean): string {
  const proposals = outcomes.filter((o): o is Proposal => o.kind === 'proposal');
  const changed = proposals.filter(isChange);
  const notWritten = changed.flatMap((p) => {
    const why = p.aboveMax ? [p.aboveMax] : (fit?.rejected.get(p.app) ?? []);
    return why.length ? [`  ${p.app}: ${why.join('\n    ')}`] : [];
  });
  const unchanged = proposals.filter((p) => !isChange(p) && !p.handSized.length).map((p) => p.app);
  const handSized = proposals
    .filter((p) => p.handSized.length)
    .map((p) => `  ${p.app}: ${p.handSized.map((h) => `${h.declared} (VPA upperBound ${h.recommended}, x${p.headroom.factor} = ${h.sized})`).join(', ')}`);
  const missing = outcomes.flatMap((o) => (o.kind === 'missing' ? [`  ${o.app}: ${o.reason}`] : []));
  const fitting = fit?.fitting ?? [];
  const sections = [
    `${cluster.name} (${cluster.file}): VPA upperBound of each app's main container, sized x1.2 (stable) or x1.3 (GPU tier, volatile)`,
    section('new upperBound', changed.map(change)),
    section('unchanged', unchanged.length ? [`  ${unchanged.join(', ')}`] : []),
    section('not written', notWritten),
    section('sized by hand (an upperBound field may not be given beside them: remove the size to adopt the recommendation)', handSized),
    section('no VPA recommendation', missing),
    fit && `capacity before:\n${capacityTable(cluster.name, fit.before)}`,
    fit && `capacity after (the ${fitting.length} proposal(s) that fit):\n${capacityTable(cluster.name, fit.after)}`,
    !changed.length
      ? 'nothing to change'
      : !fitting.length
        ? `${changed.length} change(s) proposed, none can be written`
        : written
          ? `wrote ${cluster.file}: ${fitting.map((p) => `${p.app} upperBound ${bound(p.proposed)}`).join(', ')}`
          : `${fitting.length} app(s) to change: run again with --write to write them to ${cluster.file}`,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function section(title: string, lines: readonly string[]): string | undefined {
  return lines.length ? `${title}:\n${lines.join('\n')}` : undefined;
}

function change(p: Proposal): string {
  return `  ${p.app} (${p.tier}, x${p.headroom.factor} ${p.headroom.why}): upperBound ${bound(p.current)} -> ${bound(p.proposed)}\n    ${sizes(p.before, p.after)}`;
}

function bound(b: Bound): string {
  const fields = Object.entries(b).filter(([, v]) => v !== undefined);
  return fields.length ? `{ ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : 'none';
}

function sizes(before: PlainResources, after: PlainResources): string {
  const arrow = (a: string, b: string) => (a === b ? a : `${a} -> ${b}`);
  return `cpu ${arrow(before.requests.cpu, after.requests.cpu)}, memory request ${arrow(before.requests.memory, after.requests.memory)}, memory limit ${arrow(before.limits.memory, after.limits.memory)}`;
}
