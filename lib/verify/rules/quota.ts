/**
 * Quota fit: per namespace, what its pods ask for (every replica plus rolling-update surge, the
 * LimitRange defaults applied) fits each ResourceQuota, and every container declares what a
 * quota counts (the quota admission rejects a pod that leaves a counted cpu/memory unset).
 * Each container's resources fit its LimitRange's min, max and limit/request ratio.
 */
import type { K8sObject } from '../../gitops/collect';
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import { namespaceLimits, ownedObjects } from '../objects';
import type { PodSource } from '../pods';
import { amount, showAmount } from '../../objects/quantity';
import type { PodResources } from '../../objects/resources';
import type { Rule } from '../rule';
import { schedule } from '../scheduling/simulate';

/** Quota keys that make the quota admission demand the value on every container. */
const DECLARED: Readonly<Record<string, { side: 'requests' | 'limits'; resource: string }>> = {
  cpu: { side: 'requests', resource: 'cpu' },
  memory: { side: 'requests', resource: 'memory' },
  'requests.cpu': { side: 'requests', resource: 'cpu' },
  'requests.memory': { side: 'requests', resource: 'memory' },
  'limits.cpu': { side: 'limits', resource: 'cpu' },
  'limits.memory': { side: 'limits', resource: 'memory' },
};

interface NamespacePod {
  readonly source: PodSource;
  readonly app: string;
  readonly count: number;
  readonly resources: PodResources;
}

export const quotaFit: Rule = (tree) => {
  const cluster = tree.cluster.name;
  const { podCounts, resources } = schedule(tree);
  const owned = ownedObjects(tree);
  const podsByNamespace = groupBy(
    [...podCounts],
    ([source]) => source.object.metadata.namespace ?? '',
    ([source, count]): NamespacePod => ({ source, app: source.app, count, resources: resources.get(source)! }),
  );
  const objectsByNamespace = groupBy(
    owned,
    (o) => o.object.metadata.namespace ?? '',
    (o) => o.object,
  );
  const findings: Finding[] = [];
  for (const { app, object: quota } of owned.filter((o) => o.object.kind === 'ResourceQuota')) {
    const namespace = quota.metadata.namespace ?? '';
    const pods = (podsByNamespace.get(namespace) ?? []).filter((p) => inScope(quota, p.source.spec, p.resources));
    const objects = objectsByNamespace.get(namespace) ?? [];
    const hard: Record<string, unknown> = (quota.spec as any)?.hard ?? {};
    for (const [key, limit] of Object.entries(hard)) {
      const at = { level: 'error', rule: 'quota/exceeded', cluster, app, object: objectRef(quota), field: `spec.hard["${key}"]` } as const;
      const declared = DECLARED[key];
      if (declared) {
        for (const p of pods) {
          const missing = p.resources.containers.filter((c) => !(declared.resource in c[declared.side]));
          for (const c of missing) {
            findings.push({
              ...at,
              rule: 'quota/undeclared',
              app: p.app,
              object: objectRef(p.source.object),
              field: `${c.field}.resources.${declared.side}.${declared.resource}`,
              message: `container "${c.name}" sets no ${declared.side}.${declared.resource}, but ${objectRef(quota)} counts ${key}: the quota admission rejects the pod`,
              fix:
                declared.side === 'limits' && declared.resource === 'cpu'
                  ? `drop ${key} from the quota (quota CPU by requests.cpu: a CPU limit throttles) or give every container a CPU limit`
                  : `give every container ${declared.side}.${declared.resource} (or a LimitRange default)`,
            });
          }
        }
      }
      const usage = usageOf(key, pods, objects);
      const max = amount(resourceOf(key), limit);
      if (!usage || max === undefined || usage.total <= max) continue;
      const r = resourceOf(key);
      findings.push({
        ...at,
        message: `${key} adds up to ${showAmount(r, usage.total)} in namespace ${namespace} (every replica plus rolling-update surge), above the quota's ${limit}: ${usage.parts.join(', ')}`,
        fix: `raise the quota (the tier's quota in the cluster file) or lower ${key.startsWith('limits.') ? 'limits' : key === 'pods' ? 'the pod count' : 'requests'}, replicas or surge (maxSurge, or strategy Recreate)`,
      });
    }
  }
  return [...findings, ...limitRangeFit(tree.cluster.name, namespaceLimits(tree), podsByNamespace)];
};

function groupBy<T, V>(items: readonly T[], key: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(value(item));
  }
  return groups;
}

/** The resource a quota key counts: `requests.cpu` -> cpu, `requests.nvidia.com/gpu` -> nvidia.com/gpu. */
function resourceOf(key: string): string {
  return key.replace(/^(requests|limits)\./, '');
}

function usageOf(key: string, pods: readonly NamespacePod[], objects: readonly K8sObject[]): { total: number; parts: string[] } | undefined {
  const sum = (items: { what: string; n: number; each: number }[], resource: string) => {
    const used = items.filter((i) => i.each > 0 && i.n > 0);
    return { total: used.reduce((s, i) => s + i.n * i.each, 0), parts: used.map((i) => `${i.what} ${i.n} × ${showAmount(resource, i.each)}`) };
  };
  const perPod = (side: 'requests' | 'limits', resource: string) =>
    sum(
      pods.map((p) => ({ what: objectRef(p.source.object), n: p.count, each: p.resources[side][resource] ?? 0 })),
      resource,
    );
  const count = (match: (o: K8sObject) => boolean, noun: string) => sum([{ what: noun, n: objects.filter(match).length, each: 1 }], 'count');
  if (key === 'pods' || key === 'count/pods')
    return sum(
      pods.map((p) => ({ what: objectRef(p.source.object), n: p.count, each: 1 })),
      'count',
    );
  if (key.startsWith('limits.')) return perPod('limits', resourceOf(key));
  if (key === 'requests.storage')
    return sum(
      objects
        .filter((o) => o.kind === 'PersistentVolumeClaim')
        .map((o) => ({ what: objectRef(o), n: 1, each: amount('storage', (o.spec as any)?.resources?.requests?.storage) ?? 0 })),
      'storage',
    );
  if (key.startsWith('requests.') || key === 'cpu' || key === 'memory') return perPod('requests', resourceOf(key));
  if (key === 'services' || key === 'count/services') return count((o) => o.kind === 'Service', 'Services');
  if (key === 'services.loadbalancers') return count((o) => o.kind === 'Service' && (o.spec as any)?.type === 'LoadBalancer', 'LoadBalancer Services');
  if (key === 'persistentvolumeclaims' || key === 'count/persistentvolumeclaims')
    return count((o) => o.kind === 'PersistentVolumeClaim', 'PersistentVolumeClaims');
  return undefined;
}

/** A quota with scopes counts only the pods they select. */
function inScope(quota: K8sObject, spec: any, resources: PodResources): boolean {
  const q = quota.spec as any;
  const bestEffort = resources.containers.every((c) => !Object.keys(c.requests).length && !Object.keys(c.limits).length);
  const terminating = spec.activeDeadlineSeconds !== undefined;
  const scope = (name: string, operator = 'Exists', values: string[] = []): boolean => {
    switch (name) {
      case 'BestEffort':
        return bestEffort;
      case 'NotBestEffort':
        return !bestEffort;
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'PriorityClass': {
        const pc: string | undefined = spec.priorityClassName;
        if (operator === 'Exists') return pc !== undefined;
        if (operator === 'DoesNotExist') return pc === undefined;
        return operator === 'In' ? pc !== undefined && values.includes(pc) : pc === undefined || !values.includes(pc);
      }
      default:
        return false;
    }
  };
  return (
    (q?.scopes ?? []).every((s: string) => scope(s)) && (q?.scopeSelector?.matchExpressions ?? []).every((e: any) => scope(e.scopeName, e.operator, e.values))
  );
}

/** Each container's resources against its namespace's LimitRange (Container items: min, max, maxLimitRequestRatio). */
function limitRangeFit(cluster: string, byNamespace: ReturnType<typeof namespaceLimits>, podsByNamespace: ReadonlyMap<string, NamespacePod[]>): Finding[] {
  const findings: Finding[] = [];
  for (const [namespace, items] of byNamespace) {
    for (const p of podsByNamespace.get(namespace) ?? []) {
      for (const c of p.resources.containers) {
        for (const lr of items) {
          const at = { level: 'error', rule: 'quota/limitrange', cluster, app: p.app, object: objectRef(p.source.object) } as const;
          for (const [r, q] of Object.entries(lr.max)) {
            const max = amount(r, q)!;
            if ((c.limits[r] ?? Infinity) > max)
              findings.push({
                ...at,
                field: `${c.field}.resources.limits.${r}`,
                message: `container "${c.name}" has a ${r} limit of ${showAmount(r, c.limits[r])}, above ${lr.from}'s max ${q}: the pod would be rejected`,
                fix: `lower it to ${q} or less`,
              });
          }
          for (const [r, q] of Object.entries(lr.maxLimitRequestRatio)) {
            const [limit, request] = [c.limits[r], c.requests[r]];
            if (limit === undefined)
              findings.push({
                ...at,
                field: `${c.field}.resources.limits.${r}`,
                message: `container "${c.name}" has no ${r} limit, but ${lr.from} sets a maxLimitRequestRatio for ${r}: the pod would be rejected`,
                fix: `give it a ${r} limit, or drop maxLimitRequestRatio.${r} from the LimitRange`,
              });
            else if (request && limit / request > Number(q))
              findings.push({
                ...at,
                field: `${c.field}.resources.limits.${r}`,
                message: `container "${c.name}" has a ${r} limit ${showAmount(r, limit)} more than ${q}× its request ${showAmount(r, request)} (${lr.from}'s maxLimitRequestRatio): the pod would be rejected`,
                fix: `bring the limit within ${q}× the request`,
              });
          }
          for (const [r, q] of Object.entries(lr.min)) {
            const min = amount(r, q)!;
            if ((c.requests[r] ?? 0) < min)
              findings.push({
                ...at,
                field: `${c.field}.resources.requests.${r}`,
                message: `container "${c.name}" requests ${showAmount(r, c.requests[r] ?? 0)} ${r}, below ${lr.from}'s min ${q}: the pod would be rejected`,
                fix: `raise it to ${q} or more`,
              });
          }
        }
      }
    }
  }
  return findings;
}
