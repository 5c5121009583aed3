/**
 * What a pod asks of a node and of its namespace's quota, as the API server will see it: each
 * container's requests and limits after defaulting (a request defaults to its limit) and after
 * the LimitRange admission plugin fills in the namespace's defaults; then the pod's total the
 * way the scheduler and the quota count it (init containers run one at a time, sidecars stay).
 */
import type { K8sObject } from './object';
import type { ContainerSpec, PodTemplate } from './pods';
import { amount } from './quantity';

/** Resource name -> amount (cpu in millicores, everything else in base units). */
export type Resources = Readonly<Record<string, number>>;

interface ContainerResources {
  readonly name: string;
  /** Field path of the container, e.g. `spec.template.spec.initContainers[0]`. */
  readonly field: string;
  readonly requests: Resources;
  readonly limits: Resources;
}

export interface PodResources {
  readonly containers: readonly ContainerResources[];
  readonly requests: Resources;
  readonly limits: Resources;
}

/** A LimitRange item of type Container, with the API server's defaulting applied. */
export interface ContainerLimits {
  readonly from: string;
  readonly default: Record<string, unknown>;
  readonly defaultRequest: Record<string, unknown>;
  readonly max: Record<string, unknown>;
  readonly min: Record<string, unknown>;
  readonly maxLimitRequestRatio: Record<string, unknown>;
}

/** Namespace -> its LimitRanges' container items, in object order. */
export function containerLimitsByNamespace(objects: readonly K8sObject[]): Map<string, ContainerLimits[]> {
  const byNamespace = new Map<string, ContainerLimits[]>();
  for (const o of objects) {
    if (o.kind !== 'LimitRange' || !o.metadata.namespace) continue;
    const items = ((o.spec as { limits?: any[] })?.limits ?? []).filter((i) => i.type === 'Container');
    const list = byNamespace.get(o.metadata.namespace) ?? [];
    for (const item of items) list.push(defaulted(item, `LimitRange/${o.metadata.namespace}/${o.metadata.name}`));
    byNamespace.set(o.metadata.namespace, list);
  }
  return byNamespace;
}

/** SetDefaults_LimitRangeItem: default <- max, defaultRequest <- default, defaultRequest <- min. */
function defaulted(item: any, from: string): ContainerLimits {
  const max = item.max ?? {};
  const min = item.min ?? {};
  const dflt = { ...max, ...item.default };
  const defaultRequest = { ...min, ...dflt, ...item.defaultRequest };
  return { from, default: dflt, defaultRequest, max, min, maxLimitRequestRatio: item.maxLimitRequestRatio ?? {} };
}

export function podResources({ spec, path }: PodTemplate, limits: readonly ContainerLimits[] = []): PodResources {
  const list = (key: 'initContainers' | 'containers') => (spec[key] ?? []).map((c, i) => containerResources(c, `${path}.${key}[${i}]`, limits));
  const init = list('initContainers');
  const main = list('containers');
  const total = (pick: (c: ContainerResources) => Resources) => {
    // init containers run in order; a sidecar (restartPolicy: Always) keeps running beside the rest
    let sidecars: Resources = {};
    let peak: Resources = {};
    init.forEach((c, i) => {
      if (spec.initContainers![i].restartPolicy === 'Always') sidecars = add(sidecars, pick(c));
      else peak = max(peak, add(sidecars, pick(c)));
    });
    return add(max(peak, add(sidecars, main.map(pick).reduce(add, {}))), numeric(spec.overhead as Record<string, unknown> | undefined));
  };
  return { containers: [...init, ...main], requests: total((c) => c.requests), limits: total((c) => c.limits) };
}

function containerResources(container: ContainerSpec, field: string, limitRanges: readonly ContainerLimits[]): ContainerResources {
  const limits: Record<string, unknown> = { ...container.resources?.limits };
  const requests: Record<string, unknown> = { ...limits, ...container.resources?.requests };
  for (const lr of limitRanges) {
    for (const [r, q] of Object.entries(lr.default)) if (!(r in limits)) limits[r] = q;
    for (const [r, q] of Object.entries(lr.defaultRequest)) if (!(r in requests)) requests[r] = q;
  }
  return { name: container.name, field, requests: numeric(requests), limits: numeric(limits) };
}

function numeric(list: Record<string, unknown> | undefined): Resources {
  const out: Record<string, number> = {};
  for (const [r, q] of Object.entries(list ?? {})) {
    const n = amount(r, q);
    if (n !== undefined) out[r] = n;
  }
  return out;
}

export function add(a: Resources, b: Resources): Resources {
  const out: Record<string, number> = { ...a };
  for (const [r, n] of Object.entries(b)) out[r] = (out[r] ?? 0) + n;
  return out;
}

export function scale(a: Resources, factor: number): Resources {
  return Object.fromEntries(Object.entries(a).map(([r, n]) => [r, n * factor]));
}

function max(a: Resources, b: Resources): Resources {
  const out: Record<string, number> = { ...a };
  for (const [r, n] of Object.entries(b)) out[r] = Math.max(out[r] ?? 0, n);
  return out;
}
