/** The report for tools: the diff model without the full objects, field paths also as text. */
import { formatFieldPath } from '../fields';
import type { DiffReport } from '../model';

export function renderJson(report: DiffReport): string {
  const changes = report.changes.map(({ before: _before, after: _after, fields, ...change }) => ({
    ...change,
    fields: fields.map((f) => ({ field: formatFieldPath(f.path), ...f })),
  }));
  return `${JSON.stringify({ from: report.from, to: report.to, changes, flags: report.flags, capacity: report.capacity }, null, 2)}\n`;
}
