/**
 * Cross-checks of the load-balancer address pools and the apps that draw from them: addresses
 * parse (a CIDR or an `a-b` range; a single address needs /32 or /128) and are of the cluster's
 * IP families (`network.ipFamilies`), pools do not overlap, each fixed IP (one, or one per family
 * for a dual-stack Service: "v4,v6") is inside its pool, of its family, and used once unless the
 * apps share it with the same `sharedIPKey` (MetalLB's allow-shared-ip) on different ports, and
 * never the ingress controller's; a pool has an address for every app that draws from it, and
 * internet-facing pools serve only apps that opt in. Cilium announces IPv4 addresses only. What
 * each load balancer accepts (pools or none, fixed addresses, the distribution) is
 * checks-load-balancer.ts's.
 */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';
import { familyName, parseCidr, parseIp, type ParsedIp } from './formats';
import { isEnabled } from './utilities';
import { checkLoadBalancer, usesPools } from './checks-load-balancer';

type Path = (string | number)[];

/** An inclusive address interval of one family, where the file wrote it. */
interface Block {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  readonly text: string;
  readonly pool: string;
  readonly path: Path;
}

interface Parsed {
  readonly block?: Block;
  readonly problem?: { readonly message: string; readonly fix: string };
}

export function checkNetwork(file: ClusterFile): SchemaIssue[] {
  const issues: SchemaIssue[] = checkLoadBalancer(file);
  const lb = file.network.loadBalancer;
  if (!usesPools(lb)) return issues; // pools are refused there, and nothing draws from them
  const clusterFamilies = file.network.ipFamilies;
  const blocks = new Map<string, Block[]>();
  const broken = new Set<string>();
  for (const [pool, spec] of Object.entries(file.network.pools)) {
    blocks.set(pool, []);
    spec.addresses.forEach((text, i) => {
      const path = ['network', 'pools', pool, 'addresses', i];
      const { block, problem } = parseBlock(text, pool, path);
      if (problem) {
        issues.push({ path, ...problem });
        broken.add(pool);
      }
      if (block && !clusterFamilies.includes(familyName(block.family))) {
        const family = familyName(block.family);
        issues.push({
          path,
          message: `${text} is ${family} and the cluster is ${clusterFamilies.join(' and ')} only (network.ipFamilies); a Service of the other family would be refused`,
          fix: `add ${family} to network.ipFamilies if the cluster's pod and service networks have ${family} (dual-stack), or remove the address`,
        });
      }
      if (block && lb === 'cilium' && block.family === 6) {
        issues.push({
          path,
          message: `${text} is IPv6, and Cilium's L2 announcements answer ARP only (no IPv6 neighbor discovery): nothing would announce it`,
          fix: 'use MetalLB for IPv6 addresses (network.loadBalancer: metallb), or remove the address',
        });
      }
      if (block) blocks.get(pool)!.push(block);
    });
  }
  issues.push(...overlaps([...blocks.values()].flat(), lb));

  /** Addresses each pool must hand out, by family. */
  const users = new Map<string, Map<4 | 6, number>>();
  const use = (pool: string, family: 4 | 6) => {
    const byFamily = users.get(pool) ?? new Map<4 | 6, number>();
    users.set(pool, byFamily.set(family, (byFamily.get(family) ?? 0) + 1));
  };
  const fixed = new Map<string, { app: string; key?: string; ports: string[]; ingressController?: boolean }[]>();
  issues.push(...checkIngressController(file, blocks, fixed, use));

  const exposed = Object.entries(file.apps).filter(([, app]) => app.expose?.pool !== undefined && file.network.pools[app.expose.pool]);
  for (const [name, app] of exposed) {
    const expose = app.expose as NonNullable<typeof app.expose> & { pool: string };
    const pool = file.network.pools[expose.pool];
    const at = (...p: Path) => ['apps', name, 'expose', ...p];
    if (pool.internet && !expose.internet) {
      issues.push({
        path: at('pool'),
        message: `pool "${expose.pool}" is internet-facing and the app does not opt in`,
        fix: 'set expose.internet: true if it is meant for the internet, or draw from an internal pool',
      });
    } else if (expose.internet && !pool.internet) {
      issues.push({
        path: at('internet'),
        message: `the app asks for internet exposure but pool "${expose.pool}" is internal`,
        fix: 'draw from an internet-facing pool (internet: true)',
      });
    }
    const own = blocks.get(expose.pool)!;
    if (!expose.ip) {
      // the load balancer takes one address of each family of the Service (the pool's, within the cluster's)
      for (const family of new Set(own.map((b) => b.family))) if (clusterFamilies.includes(familyName(family))) use(expose.pool, family);
      continue;
    }
    const { ips, problem } = parseFixedIps(expose.ip);
    if (problem) {
      issues.push({ path: at('ip'), ...problem });
      continue;
    }
    const ports = Object.values(app.ports).map((p) => `${p.port}/${p.protocol}`);
    for (const { text, ip } of ips) {
      const where = inPool(text, ip, expose.pool, own, clusterFamilies);
      if (where) {
        issues.push({ path: at('ip'), ...where });
        continue;
      }
      const key = `${expose.pool}|${ip.family}|${ip.value}`;
      const sharers = fixed.get(key) ?? [];
      for (const other of sharers) {
        if (other.ingressController) {
          issues.push({
            path: at('ip'),
            message: `${text} is the ingress controller's address (utilities.ingress.ip)`,
            fix: 'give the app an address of its own, or publish it through the ingress controller (ingress: { host: ... })',
          });
        } else if (!expose.sharedIPKey || expose.sharedIPKey !== other.key) {
          issues.push({
            path: at('ip'),
            message: `${text} is already used by app "${other.app}"`,
            fix: `give each app its own address, or let them share it: the same sharedIPKey on both (and different ports)`,
          });
        } else {
          const clash = ports.filter((p) => other.ports.includes(p));
          if (clash.length)
            issues.push({
              path: at('ip'),
              message: `app "${other.app}" shares ${text} and also uses port ${clash.join(', ')}`,
              fix: 'apps that share an address need different ports',
            });
        }
      }
      if (!sharers.length) use(expose.pool, ip.family);
      fixed.set(key, [...sharers, { app: name, key: expose.sharedIPKey, ports }]);
    }
  }

  for (const [pool, byFamily] of users) {
    const families = new Set(blocks.get(pool)!.map((b) => b.family));
    for (const [family, needed] of byFamily) {
      const size = blocks
        .get(pool)!
        .filter((b) => b.family === family)
        .reduce((n, b) => n + (b.last - b.first + 1n), 0n);
      if (BigInt(needed) > size && !broken.has(pool)) {
        const which = families.size > 1 ? ` ${familyName(family)}` : '';
        issues.push({
          path: ['network', 'pools', pool, 'addresses'],
          message: `pool "${pool}" has ${size}${which} address(es) but ${needed} app(s) draw from it`,
          fix: 'add addresses to the pool, or move some apps to another pool',
        });
      }
    }
  }
  return issues;
}

/** `expose.ip`: one address, or one IPv4 and one IPv6 address separated by a comma (a dual-stack Service). */
export function parseFixedIps(text: string): { ips: { text: string; ip: ParsedIp }[]; problem?: { message: string; fix: string } } {
  const fix = 'write one address (192.0.2.10 or 2001:db8::10), or one of each family separated by a comma: 192.0.2.10,2001:db8::10';
  const parts = text.split(',').map((p) => p.trim());
  const ips: { text: string; ip: ParsedIp }[] = [];
  for (const part of parts) {
    const ip = parseIp(part);
    if (!ip) return { ips: [], problem: { message: parts.length > 1 ? `"${part}" in "${text}" is not an IP address` : `"${text}" is not an IP address`, fix } };
    ips.push({ text: part, ip });
  }
  if (ips.length > 2) return { ips: [], problem: { message: `"${text}" lists ${ips.length} addresses; a Service has at most one per IP family`, fix } };
  if (ips.length === 2 && ips[0].ip.family === ips[1].ip.family) {
    return { ips: [], problem: { message: `"${text}" lists two ${familyName(ips[0].ip.family)} addresses; a dual-stack Service has one per family`, fix } };
  }
  return { ips };
}

/** Why a fixed address cannot come from its pool, or undefined when it can. */
function inPool(
  text: string,
  ip: ParsedIp,
  pool: string,
  own: readonly Block[],
  clusterFamilies: readonly string[],
): { message: string; fix: string } | undefined {
  const family = own.filter((b) => b.family === ip.family);
  if (!family.length) {
    const name = familyName(ip.family);
    const alsoCluster = clusterFamilies.includes(name) ? '' : ` (and ${name} to network.ipFamilies, for a dual-stack cluster)`;
    return {
      message: `${text} is an IPv${ip.family} address but pool "${pool}" has no IPv${ip.family} addresses`,
      fix: `add an IPv${ip.family} range to the pool${alsoCluster}, or use an IPv${ip.family === 4 ? 6 : 4} address`,
    };
  }
  if (!family.some((b) => b.first <= ip.value && ip.value <= b.last)) {
    return {
      message: `${text} is outside pool "${pool}" (${family.map((b) => b.text).join(', ')})`,
      fix: `pick an address inside the pool, or add ${text} to it`,
    };
  }
  return undefined;
}

/**
 * The ingress controller's LoadBalancer Service (utilities.ingress) draws from its pool like an
 * app, single-stack in the cluster's primary family; its fixed address is nobody else's.
 */
function checkIngressController(
  file: ClusterFile,
  blocks: ReadonlyMap<string, Block[]>,
  fixed: Map<string, { app: string; ingressController?: boolean; ports: string[] }[]>,
  use: (pool: string, family: 4 | 6) => void,
): SchemaIssue[] {
  const { pool, ip } = file.utilities.ingress;
  if (!isEnabled(file, 'ingress') || pool === undefined || !blocks.has(pool)) return []; // a missing pool is the utility checks' to report
  const primary = file.network.ipFamilies[0];
  const family = primary === 'IPv4' ? 4 : 6;
  const own = blocks.get(pool)!;
  if (!own.some((b) => b.family === family)) {
    return [
      {
        path: ['utilities', 'ingress', 'pool'],
        message: `pool "${pool}" has no ${primary} address, and the ingress controller's Service is single-stack ${primary} (the cluster's first IP family)`,
        fix: `add a ${primary} range to the pool, or pick another pool`,
      },
    ];
  }
  if (ip === undefined) {
    use(pool, family);
    return [];
  }
  const at = ['utilities', 'ingress', 'ip'];
  const parsed = parseIp(ip.trim());
  if (!parsed) return [{ path: at, message: `"${ip}" is not an IP address`, fix: `write one ${primary} address from pool "${pool}"` }];
  if (parsed.family !== family)
    return [
      {
        path: at,
        message: `${ip} is ${familyName(parsed.family)} and the ingress controller's Service is single-stack ${primary} (the cluster's first IP family)`,
        fix: `use a ${primary} address from pool "${pool}"`,
      },
    ];
  const where = inPool(ip, parsed, pool, own, file.network.ipFamilies);
  if (where) return [{ path: at, ...where }];
  use(pool, family);
  fixed.set(`${pool}|${parsed.family}|${parsed.value}`, [{ app: 'the ingress controller', ingressController: true, ports: [] }]);
  return [];
}

/** A CIDR ("192.0.2.0/28", network address only) or a range ("192.0.2.10-192.0.2.20"). */
function parseBlock(text: string, pool: string, path: Path): Parsed {
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const [from, to] = [text.slice(0, dash).trim(), text.slice(dash + 1).trim()].map(parseIp);
    if (!from || !to) return { problem: { message: `"${text}" is not an address range`, fix: 'write two addresses of one family: 192.0.2.10-192.0.2.20' } };
    if (from.family !== to.family) return { problem: { message: `"${text}" mixes IPv4 and IPv6`, fix: 'a range runs between two addresses of one family' } };
    if (from.value > to.value) return { problem: { message: `"${text}" ends before it starts`, fix: 'write the lower address first' } };
    return { block: { family: from.family, first: from.value, last: to.value, text, pool, path } };
  }
  if (!parseIp(text.includes('/') ? text.slice(0, text.indexOf('/')) : text)) {
    return {
      problem: {
        message: `"${text}" is not a CIDR or an address range`,
        fix: 'write a CIDR (192.0.2.0/28, 2001:db8::/120) or a range (192.0.2.10-192.0.2.20)',
      },
    };
  }
  const { cidr, problem } = parseCidr(text);
  if (problem) return { problem };
  return { block: { family: cidr!.family, first: cidr!.value, last: cidr!.last, text, pool, path } };
}

/** Every overlap, found by sorting once: a block overlaps the widest block seen before it when that one reaches it. */
function overlaps(blocks: Block[], lb: string): SchemaIssue[] {
  const consequence = lb === 'cilium' ? 'Cilium would mark a pool conflicting and hand out nothing from it' : 'MetalLB would hand out the same address twice';
  const sorted = [...blocks].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const issues: SchemaIssue[] = [];
  let reach: Block | undefined;
  for (const b of sorted) {
    if (reach && reach.family === b.family && b.first <= reach.last) {
      const where = reach.pool === b.pool ? `another address of pool "${b.pool}"` : `pool "${reach.pool}"`;
      issues.push({ path: b.path, message: `${b.text} overlaps ${reach.text} (${where}); ${consequence}`, fix: 'make the pools disjoint' });
    }
    if (!reach || reach.family !== b.family || b.last > reach.last) reach = b;
  }
  return issues;
}
