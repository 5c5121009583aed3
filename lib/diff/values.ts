/** How values appear in reports: JSON, so that "1" and 1 differ; `(none)` for an absent field. */
export function formatValue(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** At most `max` items, then "and N more". */
export function firstFew(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
