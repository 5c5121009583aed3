/** The report for a terminal: one line per object, indented field changes, ANSI colours when asked. */
import { formatFieldPath } from '../fields';
import type { DiffReport, FieldChange, ObjectChange } from '../model';
import { formatRef } from '../objects';
import { formatValue } from '../values';
import { byApp, capacityAmounts, capacityScope, FLAG_TITLES, fileOf, movedFrom, summary } from './common';

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
type Paint = (style: keyof typeof ANSI, text: string) => string;

const MARKS = { added: ['+', 'green'], removed: ['-', 'red'], changed: ['~', 'yellow'], moved: ['→', 'cyan'] } as const;

export function renderText(report: DiffReport, options: { color: boolean }): string {
  const paint: Paint = options.color ? (style, text) => `\x1b[${ANSI[style]}m${text}\x1b[0m` : (_, text) => text;
  const out = [`${paint('bold', `dist/ ${report.from} → ${report.to}`)}: ${report.changes.length ? summary(report) : 'no changes'}`];
  if (report.flags.length) {
    out.push('', paint('bold', 'Flags'));
    for (const f of report.flags) {
      out.push(`  ${paint('yellow', FLAG_TITLES[f.category])}  ${f.cluster}/${f.app}  ${formatRef(f.object)}`, `      ${f.message}`);
    }
  }
  if (report.capacity.length) {
    out.push('', paint('bold', 'Capacity (requests)'));
    for (const row of report.capacity) {
      const amounts = Object.entries(capacityAmounts(row))
        .filter(([, v]) => v !== '0')
        .map(([k, v]) => `${k} ${v}`);
      out.push(`  ${row.cluster}  ${capacityScope(row)}: ${amounts.join(', ')}`);
    }
  }
  for (const [app, changes] of byApp(report.changes)) {
    out.push('', paint('bold', app));
    for (const c of changes) out.push(...objectLines(c, paint));
  }
  return `${out.join('\n')}\n`;
}

function objectLines(change: ObjectChange, paint: Paint): string[] {
  const [mark, colour] = MARKS[change.type];
  const where = [fileOf(change), movedFrom(change)].filter(Boolean).join(', ');
  return [`  ${paint(colour, `${mark} ${formatRef(change.object)}`)}  ${paint('dim', `(${where})`)}`, ...change.fields.flatMap((f) => fieldLines(f, paint))];
}

function fieldLines(field: FieldChange, paint: Paint): string[] {
  const path = formatFieldPath(field.path);
  if (!field.lines) return [`      ${path}: ${paint('red', formatValue(field.before))} → ${paint('green', formatValue(field.after))}`];
  const colourOf = (line: string) => (line.startsWith('+') ? 'green' : line.startsWith('-') ? 'red' : line.startsWith('@@') ? 'cyan' : 'dim');
  return [`      ${path}:`, ...field.lines.map((l) => `        ${paint(colourOf(l), l)}`)];
}
