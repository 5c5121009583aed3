/**
 * Kubernetes resource quantities, the subset the cluster file accepts: CPU as cores or
 * millicores ("2", "500m", 0.5), memory as bytes with binary (Ki..Ei) or decimal (k..E) suffixes.
 * The patterns are validation only; the values come from the one parser of the full grammar
 * (lib/objects/quantity.ts), as integers (millicores, bytes) so sums and comparisons are exact.
 */
import { amount, formatCpu, formatMemory } from '../objects/quantity';

export const CPU_PATTERN = '^([0-9]+m|[0-9]+(\\.[0-9]{1,3})?)$';
export const MEMORY_PATTERN = '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$';

/** Millicores of a CPU quantity of the cluster file ("500m" -> 500, "2" -> 2000, 0.25 -> 250). */
export function cpuMillis(q: string | number): number {
  const s = String(q);
  if (!new RegExp(CPU_PATTERN).test(s)) throw new Error(`"${s}" is not a CPU quantity`);
  return amount('cpu', s)!;
}

/** Bytes of a memory quantity of the cluster file ("512Mi" -> 536870912). */
export function memoryBytes(q: string | number): number {
  if (!new RegExp(MEMORY_PATTERN).test(String(q))) throw new Error(`"${q}" is not a memory quantity`);
  return amount('memory', String(q))!;
}

export { formatCpu, formatMemory };

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
