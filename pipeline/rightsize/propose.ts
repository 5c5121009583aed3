/**
 * Per app of a cluster: the `upperBound` VPA recommends for it and the sizes that follow through
 * the headroom rule (lib/tiers/headroom.ts), before anything is rendered. The recommendation read
 * is the VPA's `upperBound` for the app's main container, the one named after the app: init steps
 * run before it, with its resources, so they need no size of their own.
 */
import type { AppModel, ClusterModel } from '../../lib/config';
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from '../../lib/config/quantity';
import { cpuWithHeadroom, HEADROOM, memoryWithHeadroom, sizedChoice, stabilityOf } from '../../lib/config/headroom';
import { tierResources, type PlainResources } from '../../lib/config/tier-resources';
import type { Bound, Vpa } from './vpa';

/** The sizes an app declares by hand, as written in the cluster file. */
export interface Declared {
  readonly cpu?: string | number;
  readonly memory?: string;
  readonly memoryLimit?: string;
}

interface Missing {
  readonly kind: 'missing';
  readonly app: string;
  readonly reason: string;
}

export interface Proposal {
  readonly kind: 'proposal';
  readonly app: string;
  readonly tier: string;
  /** x1.2, or x1.3 for the GPU tier and volatile apps, and why. */
  readonly headroom: { readonly factor: number; readonly why: string };
  /** The upperBound of the cluster file, and the one proposed (each field VPA recommends, where the app does not size it by hand). */
  readonly current: Bound;
  readonly proposed: Bound;
  /** The fields of `proposed` that differ from `current`: what --write sets. */
  readonly changes: Bound;
  /** Sizes declared by hand (`cpu`, `memory`), which an upperBound may not be given beside: reported with the recommendation. */
  readonly handSized: readonly { readonly field: string; readonly declared: string; readonly recommended: string; readonly sized: string }[];
  readonly before: PlainResources;
  readonly after: PlainResources;
  /** Why it cannot be written whatever else fits: the memory limit is above the tier's max. */
  readonly aboveMax?: string;
}

export type Outcome = Missing | Proposal;

export function propose(cluster: ClusterModel, declared: Readonly<Record<string, Declared>>, vpas: readonly Vpa[]): Outcome[] {
  return cluster.apps.map((app) => {
    const recommended = recommendation(cluster, app, vpas);
    return typeof recommended === 'string'
      ? { kind: 'missing', app: app.name, reason: recommended }
      : proposal(cluster, app, declared[app.name] ?? {}, recommended);
  });
}

/** VPA's upperBound for the app's main container, rounded up to millicores and whole MiB; or why there is none. */
function recommendation(cluster: ClusterModel, app: AppModel, vpas: readonly Vpa[]): Bound | string {
  const vpa = vpas.find((v) => v.namespace === app.namespace && v.name === app.name);
  if (!vpa)
    return `no VerticalPodAutoscaler ${app.namespace}/${app.name} in the list${cluster.utilities.vpa.enabled ? '' : ' (utilities.vpa is disabled in this cluster)'}`;
  if (!vpa.upperBounds.size) return 'its VPA has no recommendation yet: the recommender needs some history of the running pods';
  const bound = vpa.upperBounds.get(app.name);
  if (!bound) return `its VPA recommends nothing for container "${app.name}" (only for ${[...vpa.upperBounds.keys()].join(', ')})`;
  try {
    return {
      ...(bound.cpu === undefined ? {} : { cpu: formatCpu(Math.ceil(cpuMillis(bound.cpu))) }),
      ...(bound.memory === undefined ? {} : { memory: formatMemory(Math.ceil(memoryBytes(bound.memory) / MiB) * MiB) }),
    };
  } catch (e) {
    return `its VPA's upperBound is not readable: ${(e as Error).message}`;
  }
}

const MiB = 2 ** 20;

function proposal(cluster: ClusterModel, app: AppModel, declared: Declared, recommended: Bound): Proposal {
  const tier = cluster.tiers[app.tier];
  const stability = stabilityOf(app, tier);
  const current = ordered({ cpu: app.upperBound?.cpu === undefined ? undefined : String(app.upperBound.cpu), memory: app.upperBound?.memory });
  // the config checks refuse an upperBound field beside the size it would derive (lib/config/checks-apps.ts)
  const byHand = {
    cpu: declared.cpu === undefined ? undefined : `cpu: ${declared.cpu}`,
    memory:
      declared.memoryLimit !== undefined
        ? `memoryLimit: ${declared.memoryLimit}`
        : declared.memory !== undefined && tier.memoryRequestEqualsLimit
          ? `memory: ${declared.memory}`
          : undefined,
  };
  const proposed: { cpu?: string; memory?: string } = { ...current };
  const changes: { cpu?: string; memory?: string } = {};
  const handSized: Proposal['handSized'][number][] = [];
  for (const field of ['cpu', 'memory'] as const) {
    const value = recommended[field];
    if (value === undefined) continue;
    if (byHand[field])
      handSized.push({
        field,
        declared: byHand[field]!,
        recommended: value,
        sized: field === 'cpu' ? cpuWithHeadroom(value, stability) : memoryWithHeadroom(value, stability),
      });
    else if (proposed[field] === undefined || !sameQuantity(field, proposed[field]!, value)) proposed[field] = changes[field] = value;
  }
  const after = tierResources(tier, sizedChoice({ ...declared, upperBound: proposed, volatile: app.volatile }, tier));
  const aboveMax = memoryBytes(after.limits.memory) > memoryBytes(tier.memory.max);
  return {
    kind: 'proposal',
    app: app.name,
    tier: app.tier,
    headroom: { factor: HEADROOM[stability], why: stability === 'stable' ? 'stable' : tier.gpu ? 'GPU tier' : 'volatile' },
    current,
    proposed: ordered(proposed),
    changes: ordered(changes),
    handSized,
    before: { requests: { cpu: app.cpu, memory: app.memory }, limits: { memory: app.memoryLimit } },
    after,
    ...(aboveMax ? { aboveMax: `memory limit ${after.limits.memory} is above tier "${app.tier}"'s max ${tier.memory.max}` } : {}),
  };
}

/** cpu before memory, as the README writes an upperBound. */
function ordered(b: Bound): Bound {
  return { ...(b.cpu === undefined ? {} : { cpu: b.cpu }), ...(b.memory === undefined ? {} : { memory: b.memory }) };
}

function sameQuantity(field: 'cpu' | 'memory', a: string, b: string): boolean {
  return field === 'cpu' ? cpuMillis(a) === cpuMillis(b) : memoryBytes(a) === memoryBytes(b);
}

/** Whether the proposal changes the cluster file. */
export const isChange = (o: Outcome): boolean => o.kind === 'proposal' && Object.keys(o.changes).length > 0;
