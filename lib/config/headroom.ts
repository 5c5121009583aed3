/**
 * Right-sizing from VPA recommendations (the seeds' quarterly review): size = upperBound x 1.2 for
 * stable workloads, x 1.3 for GPU and volatile ones, rounded up (to whole MiB / millicores).
 */
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from './quantity';
import type { TierSpec } from './tiers';
import type { ResourceChoice } from './tier-resources';

export const HEADROOM = { stable: 1.2, volatile: 1.3 } as const;
type Stability = keyof typeof HEADROOM;

/** GPU-tier and `volatile: true` apps get the larger headroom. */
export function stabilityOf(input: { readonly volatile?: boolean }, tier: TierSpec): Stability {
  return input.volatile || tier.gpu ? 'volatile' : 'stable';
}

const MiB = 2 ** 20;

export function memoryWithHeadroom(upperBound: string, stability: Stability): string {
  return formatMemory(Math.ceil((memoryBytes(upperBound) * HEADROOM[stability]) / MiB) * MiB);
}

export function cpuWithHeadroom(upperBound: string | number, stability: Stability): string {
  return formatCpu(Math.ceil(cpuMillis(upperBound) * HEADROOM[stability]));
}

/** What an app of the cluster file says about its size. */
interface SizeInput extends ResourceChoice {
  readonly upperBound?: { readonly cpu?: string | number; readonly memory?: string };
  readonly volatile?: boolean;
}

/**
 * The resources an app asks for, with sizes derived from its VPA upper bound where it gives one:
 * the memory limit becomes upperBound x headroom (and so the request, in tiers where they are equal).
 */
export function sizedChoice(input: SizeInput, tier: TierSpec): ResourceChoice {
  const stability = stabilityOf(input, tier);
  const ub = input.upperBound ?? {};
  const cpu = input.cpu ?? (ub.cpu === undefined ? undefined : cpuWithHeadroom(ub.cpu, stability));
  if (ub.memory === undefined) return { ...input, cpu };
  const limit = memoryWithHeadroom(ub.memory, stability);
  const request = tier.memoryRequestEqualsLimit ? limit : input.memory;
  return { cpu, memory: request, memoryLimit: limit };
}
