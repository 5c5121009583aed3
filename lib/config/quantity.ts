/**
 * Kubernetes resource quantities, the subset the cluster file accepts: CPU as cores or
 * millicores ("2", "500m", 0.5), memory as bytes with binary (Ki..Ei) or decimal (k..E) suffixes.
 * Values are normalised to integers (millicores, bytes) so that sums and comparisons are exact.
 */

export const CPU_PATTERN = '^([0-9]+m|[0-9]+(\\.[0-9]{1,3})?)$';
export const MEMORY_PATTERN = '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$';

const MEMORY_UNITS: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Millicores of a CPU quantity ("500m" -> 500, "2" -> 2000, 0.25 -> 250). */
export function cpuMillis(q: string | number): number {
  const s = String(q);
  if (!new RegExp(CPU_PATTERN).test(s)) throw new Error(`"${s}" is not a CPU quantity`);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Math.round(Number(s) * 1000);
}

/** Bytes of a memory quantity ("512Mi" -> 536870912). */
export function memoryBytes(q: string | number): number {
  const m = new RegExp(MEMORY_PATTERN).exec(String(q));
  if (!m) throw new Error(`"${q}" is not a memory quantity`);
  return Math.round(parseFloat(String(q)) * MEMORY_UNITS[m[2] ?? '']);
}

/** Canonical CPU string: "500m", "2". */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Canonical memory string in the largest binary unit that divides it exactly ("1536Mi", "2Gi"). */
export function formatMemory(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    if (bytes >= MEMORY_UNITS[unit] && bytes % MEMORY_UNITS[unit] === 0) return `${bytes / MEMORY_UNITS[unit]}${unit}`;
  }
  return String(bytes);
}

/** A hint for the common mistakes in memory quantities ("8GB", "8gi", "512 Mi"). */
export function memoryHint(value: unknown): string {
  const m = /^\s*([0-9.]+)\s*([a-zA-Z]*)\s*$/.exec(String(value));
  if (m) {
    const unit = m[2].toLowerCase().replace(/b$/, '').replace(/i$/, '');
    const binary = { k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti', p: 'Pi', e: 'Ei' }[unit];
    if (binary) return `write ${m[1]}${binary} (Kubernetes uses binary suffixes Ki, Mi, Gi; "B" is not a unit)`;
  }
  return 'write a Kubernetes quantity such as 512Mi or 8Gi';
}
