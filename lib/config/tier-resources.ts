/**
 * Container resources under the tier policy, as the model decides them: a CPU request always, a
 * CPU limit never (CFS throttling), a memory request and limit (equal in tiers 0-2). The same
 * values serve typed containers (lib/tiers/resources.ts) and third-party Helm charts' values.
 */
import { memoryBytes } from './quantity';
import type { TierSpec } from './tiers';

export interface ResourceChoice {
  /** CPU request; defaults to the tier's default request. */
  readonly cpu?: string | number;
  /** Memory request; defaults to the tier's default request. */
  readonly memory?: string;
  /** Memory limit; defaults to the request in tiers 0-2 and to the tier's default limit otherwise. */
  readonly memoryLimit?: string;
}

/** Plain resources (for Helm values and for typed containers alike). */
export interface PlainResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

export function tierResources(tier: TierSpec, choice: ResourceChoice = {}): PlainResources {
  const memory = choice.memory ?? tier.memory.defaultRequest;
  const limit = choice.memoryLimit ?? (tier.memoryRequestEqualsLimit ? memory : maxMemory(memory, tier.memory.defaultLimit));
  return { requests: { cpu: String(choice.cpu ?? tier.cpu.defaultRequest), memory }, limits: { memory: limit } };
}

function maxMemory(a: string, b: string): string {
  return memoryBytes(a) >= memoryBytes(b) ? a : b;
}
