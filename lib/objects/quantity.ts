/**
 * Kubernetes quantities as written in final objects, in the full API grammar ("1.5Gi", "100M",
 * "2e3", "250m", 0.5), as amounts a scheduler adds up: CPU in millicores (rounded up, as the API
 * server does), everything else in base units (bytes, GPUs, pods).
 */

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([KMGTPE]i)|([numkMGTPE])|[eE]([+-]?\d+))?$/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a quantity, or undefined when it is not one (the schema rule reports those). */
function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  const m = typeof q === 'string' ? QUANTITY.exec(q) : null;
  if (!m) return undefined;
  const scale = m[2] ? BINARY[m[2]] : m[3] ? DECIMAL[m[3]] : m[4] ? 10 ** Number(m[4]) : 1;
  return Number(m[1]) * scale;
}

/** The amount of `resource` a quantity stands for: millicores for cpu, base units otherwise (rounded up). */
export function amount(resource: string, q: unknown): number | undefined {
  const value = quantityValue(q);
  if (value === undefined) return undefined;
  // toPrecision absorbs binary floating-point noise (0.1 * 1000 = 100.00000000000001)
  return Math.ceil(Number((resource === 'cpu' ? value * 1000 : value).toPrecision(12)));
}

/** An amount as a person reads it: "1500m", "512Mi", "2". */
export function showAmount(resource: string, n: number): string {
  if (resource === 'cpu') return formatCpu(n);
  if (resource === 'memory' || resource.endsWith('storage')) return formatMemory(Math.ceil(n / 2 ** 20) * 2 ** 20);
  return String(n);
}

const BINARY_UNITS = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const;

/** Canonical CPU string: "500m", "2". */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Canonical memory string in the largest binary unit that divides it exactly ("1536Mi", "2Gi"). */
export function formatMemory(bytes: number): string {
  for (const unit of BINARY_UNITS) {
    if (bytes >= BINARY[unit] && bytes % BINARY[unit] === 0) return `${bytes / BINARY[unit]}${unit}`;
  }
  return String(bytes);
}
