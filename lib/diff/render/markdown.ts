/** The report as a pull-request comment (GitHub-flavoured Markdown). */
import { formatFieldPath } from '../fields';
import type { DiffReport, FieldChange, ObjectChange } from '../model';
import { formatRef } from '../objects';
import { formatValue } from '../values';
import { byApp, capacityAmounts, capacityScope, FLAG_TITLES, fileOf, movedFrom, summary } from './common';

export function renderMarkdown(report: DiffReport): string {
  const out = [`### Manifest diff: ${code(report.from)} → ${code(report.to)}`, ''];
  if (!report.changes.length) return lines([...out, 'No changes in `dist/`.']);
  out.push(`**${summary(report)}**`);
  if (report.flags.length) {
    out.push('', '#### Review flags', '', '| flag | where | object | what |', '|---|---|---|---|');
    for (const f of report.flags) out.push(`| ${FLAG_TITLES[f.category]} | ${f.cluster}/${f.app} | ${code(formatRef(f.object))} | ${cell(f.message)} |`);
  }
  if (report.capacity.length) {
    out.push('', '#### Requested capacity', '', '| cluster | where | cpu | memory | gpu |', '|---|---|---:|---:|---:|');
    for (const row of report.capacity) {
      const { cpu, memory, gpu } = capacityAmounts(row);
      out.push(`| ${row.cluster} | ${capacityScope(row)} | ${cpu} | ${memory} | ${gpu} |`);
    }
  }
  for (const [app, changes] of byApp(report.changes)) {
    out.push('', `#### ${app}`, '');
    for (const c of changes) out.push(...objectLines(c));
  }
  return lines(out);
}

/** No trailing spaces (a blank context line of a line diff would leave one), so editors keep the text as is. */
function lines(out: string[]): string {
  return `${out.map((l) => l.trimEnd()).join('\n')}\n`;
}

function objectLines(change: ObjectChange): string[] {
  const where = [code(fileOf(change)), movedFrom(change)].filter(Boolean).join(', ');
  return [`- **${change.type}** ${code(formatRef(change.object))} (${where})`, ...change.fields.flatMap(fieldLines)];
}

function fieldLines(field: FieldChange): string[] {
  const path = code(formatFieldPath(field.path));
  if (!field.lines) return [`  - ${path}: ${code(formatValue(field.before))} → ${code(formatValue(field.after))}`];
  const fence = '`'.repeat(Math.max(3, longerThanTicks(field.lines.join('\n'))));
  return [`  - ${path}:`, '', `    ${fence}diff`, ...field.lines.map((l) => `    ${l}`), `    ${fence}`, ''];
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
  const ticks = '`'.repeat(longerThanTicks(text));
  return ticks.length > 1 ? `${ticks} ${text} ${ticks}` : `\`${text}\``;
}

/** One more than the longest run of backticks in the text (at least 1): a fence it cannot close. */
function longerThanTicks(text: string): number {
  return (text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length + 1), 1);
}

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
