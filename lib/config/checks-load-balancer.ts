/**
 * The load-balancer choice (`network.loadBalancer`) against what the file asks of it:
 *
 * - `metallb` and `cilium` hand out the addresses of `network.pools`: an exposed app names its
 *   pool. Cilium's L2 announcements answer ARP only (no IPv6 neighbor discovery) and do not work
 *   with `externalTrafficPolicy: Local`, so both are refused with Cilium.
 * - `servicelb` (k3s's built-in ServiceLB) publishes the nodes' own addresses: it exists on k3s
 *   only, has no pools, cannot give a Service a chosen or shared address, and each port serves
 *   one LoadBalancer Service (its pods take the port on the node).
 * - `none` gives no Service an address: `expose` and the ingress controller are refused.
 *
 * Pools, L2 settings and fixed addresses a load balancer would not use are errors, never ignored,
 * and so is an ingress controller whose Service could get no address (no pool, or none it may
 * draw from without naming it).
 */
import type { ClusterFile } from './schema';
import type { ClusterView, FileApp } from './app-model';
import type { SchemaIssue } from './validate';
import type { At, Path } from './check-helpers';
import { isEnabled } from './utilities';

export type LoadBalancer = ClusterFile['network']['loadBalancer'];
type Expose = NonNullable<FileApp['expose']>;

/** The load balancers that hand out addresses from `network.pools`. */
const POOL_LOAD_BALANCERS: readonly LoadBalancer[] = ['metallb', 'cilium'];
export const usesPools = (lb: LoadBalancer): boolean => POOL_LOAD_BALANCERS.includes(lb);

/** The ports of the ingress controller's Service (Traefik's web and websecure, NGINX's http and https). */
const INGRESS_CONTROLLER_PORTS = ['80/TCP', '443/TCP'] as const;

const PICK = 'network.loadBalancer: metallb (any distribution), cilium (Cilium as the CNI, with kube-proxy replacement) or servicelb (k3s)';
const SERVICELB = "k3s's ServiceLB";

/** Cluster-wide: the distribution, pools, L2 settings and the ingress controller's Service. */
export function checkLoadBalancer(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const { loadBalancer: lb, pools, l2 } = file.network;
  const poolNames = Object.keys(pools);
  const ingress = isEnabled(file, 'ingress');
  const ingressAt: Path = file.utilities.ingress.enabled === true ? ['utilities', 'ingress', 'enabled'] : ['network', 'ingress'];

  if (lb === 'servicelb' && file.kubernetes.distribution !== 'k3s') {
    issues.push({
      path: ['network', 'loadBalancer'],
      message: `ServiceLB is k3s's built-in load balancer, and this cluster runs ${file.kubernetes.distribution}`,
      fix: 'pick network.loadBalancer: metallb (any distribution), cilium (Cilium as the CNI, with kube-proxy replacement) or none',
    });
  }
  if (!usesPools(lb) && poolNames.length) {
    issues.push(
      lb === 'servicelb'
        ? {
            path: ['network', 'pools'],
            message: `${SERVICELB} gives LoadBalancer Services the nodes' own addresses; it has no address pools to hand out ${poolNames.join(', ')}`,
            fix: 'remove network.pools, or announce them with network.loadBalancer: metallb (and start k3s with --disable servicelb)',
          }
        : {
            path: ['network', 'pools'],
            message: `network.loadBalancer is none: nothing would hand out the addresses of ${poolNames.join(', ')}`,
            fix: 'remove network.pools, or pick the load balancer that announces them: network.loadBalancer: metallb or cilium',
          },
    );
  }
  const l2Keys = (['interfaces', 'nodeSelectors'] as const).filter((k) => l2[k] !== undefined);
  if (!usesPools(lb) && l2Keys.length) {
    issues.push({
      path: ['network', 'l2', l2Keys[0]],
      message: `network.l2 says where address pools are announced, and ${lb === 'servicelb' ? SERVICELB : 'network.loadBalancer none'} announces none`,
      fix: 'remove network.l2',
    });
  }

  if (ingress && lb === 'none') {
    issues.push({
      path: ingressAt,
      message: 'the ingress controller is reached through a LoadBalancer Service, and network.loadBalancer is none: nothing would give it an address',
      fix: `set ${PICK}, or remove network.ingress`,
    });
  } else if (ingress && usesPools(lb) && !poolNames.length) {
    issues.push({
      path: ingressAt,
      message: "the ingress controller's LoadBalancer Service needs an address, and network.pools declares no pool to draw it from",
      fix: `declare a pool under network.pools${file.kubernetes.distribution === 'k3s' ? ", or use k3s's own: network.loadBalancer: servicelb" : ''}`,
    });
  } else if (ingress && usesPools(lb) && file.utilities.ingress.pool === undefined && !Object.values(pools).some((p) => p.autoAssign)) {
    issues.push({
      path: ingressAt,
      message: 'the ingress controller names no pool, and every pool has autoAssign: false: its Service would get no address',
      fix: `set utilities.ingress.pool to one of: ${poolNames.join(', ')}`,
    });
  }
  if (ingress && lb === 'servicelb') {
    const { pool, ip } = file.utilities.ingress;
    if (pool !== undefined)
      issues.push({
        path: ['utilities', 'ingress', 'pool'],
        message: `${SERVICELB} has no address pools: the ingress controller's Service gets the nodes' own addresses`,
        fix: `drop utilities.ingress.pool${ip !== undefined ? ' and ip' : ''}`,
      });
    else if (ip !== undefined)
      issues.push({
        path: ['utilities', 'ingress', 'ip'],
        message: `${SERVICELB} cannot give the ingress controller a chosen address: it publishes the nodes' own addresses`,
        fix: 'drop utilities.ingress.ip',
      });
  }
  if (lb === 'servicelb') issues.push(...portClashes(file, ingress));
  return issues;
}

/**
 * ServiceLB runs, for each LoadBalancer Service, pods that take its ports on the nodes: a second
 * Service on a port already taken stays pending. Every exposed port (and the ingress
 * controller's 80 and 443) is one Service's.
 */
function portClashes(file: ClusterFile, ingress: boolean): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const owner = new Map<string, string>();
  if (ingress) for (const p of INGRESS_CONTROLLER_PORTS) owner.set(p, 'the ingress controller');
  for (const [name, app] of Object.entries(file.apps)) {
    if (!app.expose) continue;
    const ports = [...new Set(Object.values(app.ports).map((p) => `${p.port}/${p.protocol}`))];
    const taken = ports.filter((p) => owner.has(p));
    if (taken.length) {
      const by = [...new Set(taken.map((p) => owner.get(p)!))].map((o) => (o.startsWith('the ') ? o : `app "${o}"`)).join(' and ');
      issues.push({
        path: ['apps', name, 'expose'],
        message: `${SERVICELB} serves every LoadBalancer Service on the nodes' own addresses, and port ${taken.join(', ')} is already ${by}'s: the Service would stay pending`,
        fix: `give one of them another port, or publish HTTP apps through the ingress controller (ingress: { host: ... })`,
      });
    }
    for (const p of ports) if (!owner.has(p)) owner.set(p, name);
  }
  return issues;
}

/** One app's `expose` under the cluster's load balancer (apps of TypeScript charts included). */
export function checkExpose(expose: Expose, view: Pick<ClusterView, 'network'>, at: At): SchemaIssue[] {
  const { loadBalancer: lb, pools } = view.network;
  const poolNames = Object.keys(pools);
  if (lb === 'none') {
    return [
      {
        path: at('expose'),
        message: "network.loadBalancer is none: nothing would give the app's LoadBalancer Service an address",
        fix: `set ${PICK}, or drop expose and keep the app inside the cluster`,
      },
    ];
  }
  const issues: SchemaIssue[] = [];
  if (lb === 'servicelb') {
    if (expose.pool !== undefined)
      issues.push({
        path: at('expose', 'pool'),
        message: `${SERVICELB} has no address pools: the app's Service gets the nodes' own addresses`,
        fix: 'drop expose.pool',
      });
    if (expose.ip !== undefined) {
      issues.push({
        path: at('expose', 'ip'),
        message: `${SERVICELB} cannot give a Service a chosen address: it publishes the addresses of the nodes its pods run on`,
        fix: 'drop expose.ip, or pick a load balancer with address pools: network.loadBalancer: metallb (and start k3s with --disable servicelb)',
      });
    }
    if (expose.sharedIPKey !== undefined) {
      issues.push({
        path: at('expose', 'sharedIPKey'),
        message: `${SERVICELB} serves every LoadBalancer Service on the nodes' own addresses: there is no address of its own to share`,
        fix: "drop sharedIPKey (apps on ServiceLB share the nodes' addresses, on different ports)",
      });
    }
    if (expose.internet) {
      issues.push({
        path: at('expose', 'internet'),
        message: `expose.internet opts in to an internet-facing pool, and ${SERVICELB} has no pools`,
        fix: "drop internet: whether the nodes' addresses are reachable from the internet is your router's business",
      });
    }
    return issues;
  }
  if (expose.pool === undefined) {
    issues.push({
      path: at('expose'),
      message: `the app's LoadBalancer Service needs an address pool to draw from (network.loadBalancer: ${lb})`,
      fix: poolNames.length ? `set expose.pool to one of: ${poolNames.join(', ')}` : 'declare a pool under network.pools and name it in expose.pool',
    });
  }
  if (lb === 'cilium' && expose.externalTrafficPolicy === 'Local') {
    issues.push({
      path: at('expose', 'externalTrafficPolicy'),
      message:
        "Cilium's L2 announcements do not support externalTrafficPolicy Local: the address can be announced from a node without the app's pods, and traffic to it is dropped",
      fix: "drop externalTrafficPolicy (Cluster is the default with Cilium), or use MetalLB to keep the client's address",
    });
  }
  return issues;
}
