/**
 * Exposure changes: what becomes reachable from outside the cluster, and where. Load-balancer
 * Services (type, pool, fixed IPs), hostnames published by external-dns, Ingress and Gateway
 * route hosts. A pool is named internet-facing when the cluster says so.
 */
import { isDeepStrictEqual } from 'node:util';
import type { K8sObject } from '../../gitops/collect';
import { ADDRESS_POOL_LABEL, INTERNET_POOL_LABEL } from '../../network/load-balancer';
import { flag, type FlagRule } from './flag-rule';

export { INTERNET_POOL_LABEL };

const POOL_ANNOTATIONS = ['metallb.io/address-pool', 'metallb.universe.tf/address-pool'];
/** Cilium LB-IPAM: the pool is a label the pools' serviceSelector matches. */
const POOL_LABELS = [ADDRESS_POOL_LABEL];
const IP_ANNOTATIONS = ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs', 'lbipam.cilium.io/ips'];
const HOSTNAME_ANNOTATION = 'external-dns.alpha.kubernetes.io/hostname';
const ROUTE_GROUP = 'gateway.networking.k8s.io/';

interface Exposure {
  /** Service type, when it exposes anything beyond the cluster (LoadBalancer, NodePort). */
  readonly type?: string;
  readonly pool?: string;
  readonly ips: readonly string[];
  readonly hostnames: readonly string[];
}

export const exposureChanges: FlagRule = (changes, context) =>
  changes.flatMap((c) => {
    const [was, now] = [c.before && exposureOf(c.before), c.after && exposureOf(c.after)];
    if (isDeepStrictEqual(was, now)) return [];
    const pool = (name: string | undefined) => (name ? `${name}${context.internetPools(c.cluster).has(name) ? ' (internet-facing)' : ''}` : undefined);
    const message = !was ? `newly exposed: ${describe(now!, pool)}` : !now ? `no longer exposed (was ${describe(was, pool)})` : changed(was, now, pool);
    return [flag('exposure', c, message)];
  });

function exposureOf(object: K8sObject): Exposure | undefined {
  const annotations = object.metadata.annotations ?? {};
  const spec = (object.spec ?? {}) as Record<string, any>; // plain JSON of several kinds
  const hostnames = new Set(list(annotations[HOSTNAME_ANNOTATION]));
  let exposure: Exposure = { ips: [], hostnames: [] };
  if (object.kind === 'Service' && (spec.type === 'LoadBalancer' || spec.type === 'NodePort')) {
    const labels = object.metadata.labels ?? {};
    const pool = [...POOL_ANNOTATIONS.map((a) => annotations[a]), ...POOL_LABELS.map((l) => labels[l])].find(Boolean);
    const ips = [...IP_ANNOTATIONS.flatMap((a) => list(annotations[a])), ...list(spec.loadBalancerIP)];
    exposure = { type: spec.type, ...(pool ? { pool } : {}), ips, hostnames: [] };
  } else if (object.kind === 'Ingress') {
    for (const r of spec.rules ?? []) if (r.host) hostnames.add(r.host);
    for (const t of spec.tls ?? []) for (const h of t.hosts ?? []) hostnames.add(h);
  } else if (object.apiVersion.startsWith(ROUTE_GROUP) && Array.isArray(spec.hostnames)) {
    for (const h of spec.hostnames) hostnames.add(h);
  }
  const result = { ...exposure, hostnames: [...hostnames].sort() };
  return result.type || result.hostnames.length ? result : undefined;
}

function list(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

type PoolName = (name: string | undefined) => string | undefined;

function describe(e: Exposure, pool: PoolName): string {
  return [
    e.type && `${e.type} on pool ${pool(e.pool) ?? '(any auto-assign pool)'}`,
    e.ips.length && `IP ${e.ips.join(', ')}`,
    e.hostnames.length && `hostname ${e.hostnames.join(', ')}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function changed(was: Exposure, now: Exposure, pool: PoolName): string {
  const parts: string[] = [];
  if (was.type !== now.type) parts.push(`type ${was.type ?? 'ClusterIP'} → ${now.type ?? 'ClusterIP'}`);
  if (was.pool !== now.pool) parts.push(`pool ${pool(was.pool) ?? '(any)'} → ${pool(now.pool) ?? '(any)'}`);
  if (!isDeepStrictEqual(was.ips, now.ips)) parts.push(`IP ${was.ips.join(', ') || '(assigned)'} → ${now.ips.join(', ') || '(assigned)'}`);
  const added = now.hostnames.filter((h) => !was.hostnames.includes(h));
  const removed = was.hostnames.filter((h) => !now.hostnames.includes(h));
  if (added.length) parts.push(`new hostname ${added.join(', ')}`);
  if (removed.length) parts.push(`hostname gone ${removed.join(', ')}`);
  return `exposure changes: ${parts.join('; ')}`;
}

export function isInternetPool(object: K8sObject): boolean {
  return object.metadata.labels?.[INTERNET_POOL_LABEL] === 'true';
}
