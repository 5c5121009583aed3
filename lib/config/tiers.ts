/**
 * The tier table: the one source of truth for every per-tier number (DESIGN.md "Tiers").
 * A cluster file may override any value of any tier; everything else derives from this.
 */

export interface TierSpec {
  /** PriorityClass value given to every pod of the tier. */
  readonly priority: number;
  /**
   * Whether pods of the tier may evict lower-priority pods to get scheduled. The core, cluster and
   * GPU tiers must run (a GPU job waiting behind an aux pod on the GPU node is the failure the tier
   * exists to prevent); edge and aux pods wait for room rather than evict each other.
   */
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  /** LimitRange defaults: memory request, memory limit and the per-container memory maximum. */
  readonly memory: { readonly defaultRequest: string; readonly defaultLimit: string; readonly max: string };
  /** LimitRange default CPU request. There is deliberately no CPU limit anywhere. */
  readonly cpu: { readonly defaultRequest: string };
  /**
   * ResourceQuota per namespace of the tier: `requests.cpu`, `requests.memory`, `limits.memory`
   * (`memoryLimits`) and `pods`. Never `limits.cpu`: it would demand a CPU limit on every container.
   * `memoryLimits` equals `memory` where request = limit; in tiers 3-4 it is pods x the default
   * limit, so that every pod the quota admits fits at its default limit (their requests are what
   * the quota really bounds).
   */
  readonly quota: { readonly cpu: string; readonly memory: string; readonly memoryLimits: string; readonly pods: number };
  /** Whether pods of this tier may request GPUs (and get a `requests.nvidia.com/gpu` quota). */
  readonly gpu: boolean;
  /** Memory request must equal the limit (tiers 0-2): usage never exceeds the request, the first eviction key. */
  readonly memoryRequestEqualsLimit: boolean;
}

export const DEFAULT_TIERS: Readonly<Record<string, TierSpec>> = Object.freeze({
  '0-core': {
    priority: 900000,
    preemptionPolicy: 'PreemptLowerPriority',
    memory: { defaultRequest: '512Mi', defaultLimit: '512Mi', max: '8Gi' },
    cpu: { defaultRequest: '500m' },
    quota: { cpu: '32', memory: '64Gi', memoryLimits: '64Gi', pods: 100 },
    gpu: false,
    memoryRequestEqualsLimit: true,
  },
  '1-cluster': {
    priority: 700000,
    preemptionPolicy: 'PreemptLowerPriority',
    memory: { defaultRequest: '512Mi', defaultLimit: '512Mi', max: '4Gi' },
    cpu: { defaultRequest: '500m' },
    quota: { cpu: '16', memory: '32Gi', memoryLimits: '32Gi', pods: 30 },
    gpu: false,
    memoryRequestEqualsLimit: true,
  },
  '2-gpu': {
    priority: 500000,
    preemptionPolicy: 'PreemptLowerPriority',
    memory: { defaultRequest: '2Gi', defaultLimit: '2Gi', max: '16Gi' },
    cpu: { defaultRequest: '1' },
    quota: { cpu: '48', memory: '96Gi', memoryLimits: '96Gi', pods: 40 },
    gpu: true,
    memoryRequestEqualsLimit: true,
  },
  '3-edge': {
    priority: 300000,
    preemptionPolicy: 'Never',
    memory: { defaultRequest: '256Mi', defaultLimit: '4Gi', max: '4Gi' },
    cpu: { defaultRequest: '250m' },
    quota: { cpu: '16', memory: '32Gi', memoryLimits: '120Gi', pods: 30 },
    gpu: false,
    memoryRequestEqualsLimit: false,
  },
  '4-aux': {
    priority: 200000,
    preemptionPolicy: 'Never',
    memory: { defaultRequest: '256Mi', defaultLimit: '4Gi', max: '4Gi' },
    cpu: { defaultRequest: '250m' },
    quota: { cpu: '8', memory: '16Gi', memoryLimits: '80Gi', pods: 20 },
    gpu: false,
    memoryRequestEqualsLimit: false,
  },
});
