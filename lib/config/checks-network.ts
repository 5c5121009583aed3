/**
 * Cross-checks of the load-balancer address pools and the apps that draw from them: addresses
 * parse (a CIDR or an `a-b` range; a single address needs /32 or /128), pools do not overlap,
 * each fixed IP is inside its pool, of its family, and used once unless the apps share it with
 * the same `sharedIPKey` (MetalLB's allow-shared-ip) on different ports, a pool has an address
 * for every app that draws from it, and internet-facing pools serve only apps that opt in.
 */
import ipaddr from 'ipaddr.js';
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';

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
  const issues: SchemaIssue[] = [];
  const blocks = new Map<string, Block[]>();
  const broken = new Set<string>();
  for (const [pool, spec] of Object.entries(file.network.pools)) {
    blocks.set(pool, []);
    spec.addresses.forEach((text, i) => {
      const path = ['network', 'pools', pool, 'addresses', i];
      const { block, problem } = parseBlock(text, pool, path);
      if (problem) issues.push({ path, ...problem }), broken.add(pool);
      if (block) blocks.get(pool)!.push(block);
    });
  }
  issues.push(...overlaps([...blocks.values()].flat()));

  const exposed = Object.entries(file.apps).filter(([, app]) => app.expose && file.network.pools[app.expose.pool]);
  const users = new Map<string, number>();
  const fixed = new Map<string, { app: string; key?: string; ports: string[] }[]>();
  for (const [name, app] of exposed) {
    const expose = app.expose!;
    const pool = file.network.pools[expose.pool];
    const at = (...p: Path) => ['apps', name, 'expose', ...p];
    if (pool.internet && !expose.internet) {
      issues.push({ path: at('pool'), message: `pool "${expose.pool}" is internet-facing and the app does not opt in`, fix: 'set expose.internet: true if it is meant for the internet, or draw from an internal pool' });
    } else if (expose.internet && !pool.internet) {
      issues.push({ path: at('internet'), message: `the app asks for internet exposure but pool "${expose.pool}" is internal`, fix: 'draw from an internet-facing pool (internet: true)' });
    }
    if (!expose.ip) {
      users.set(expose.pool, (users.get(expose.pool) ?? 0) + 1);
      continue;
    }
    const ip = parseIp(expose.ip);
    if (!ip) {
      issues.push({ path: at('ip'), message: `"${expose.ip}" is not an IP address`, fix: 'write one address, e.g. 192.0.2.10 or 2001:db8::10' });
      continue;
    }
    const own = blocks.get(expose.pool)!;
    const family = own.filter((b) => b.family === ip.family);
    if (!family.length) {
      issues.push({ path: at('ip'), message: `${expose.ip} is an IPv${ip.family} address but pool "${expose.pool}" has no IPv${ip.family} addresses`, fix: `add an IPv${ip.family} range to the pool, or use an IPv${ip.family === 4 ? 6 : 4} address` });
      continue;
    }
    if (!family.some((b) => b.first <= ip.value && ip.value <= b.last)) {
      issues.push({ path: at('ip'), message: `${expose.ip} is outside pool "${expose.pool}" (${family.map((b) => b.text).join(', ')})`, fix: `pick an address inside the pool, or add ${expose.ip} to it` });
      continue;
    }
    const key = `${expose.pool}|${ip.family}|${ip.value}`;
    const sharers = fixed.get(key) ?? [];
    const ports = Object.values(app.ports).map((p) => `${p.port}/${p.protocol}`);
    for (const other of sharers) {
      if (!expose.sharedIPKey || expose.sharedIPKey !== other.key) {
        issues.push({ path: at('ip'), message: `${expose.ip} is already used by app "${other.app}"`, fix: `give each app its own address, or let them share it: the same sharedIPKey on both (and different ports)` });
      } else {
        const clash = ports.filter((p) => other.ports.includes(p));
        if (clash.length) issues.push({ path: at('ip'), message: `app "${other.app}" shares ${expose.ip} and also uses port ${clash.join(', ')}`, fix: 'apps that share an address need different ports' });
      }
    }
    if (!sharers.length) users.set(expose.pool, (users.get(expose.pool) ?? 0) + 1);
    fixed.set(key, [...sharers, { app: name, key: expose.sharedIPKey, ports }]);
  }

  for (const [pool, needed] of users) {
    const size = blocks.get(pool)!.reduce((n, b) => n + (b.last - b.first + 1n), 0n);
    if (BigInt(needed) > size && !broken.has(pool)) {
      issues.push({ path: ['network', 'pools', pool, 'addresses'], message: `pool "${pool}" has ${size} address(es) but ${needed} app(s) draw from it`, fix: 'add addresses to the pool, or move some apps to another pool' });
    }
  }
  return issues;
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
  const slash = text.indexOf('/');
  const ip = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (!ip) return { problem: { message: `"${text}" is not a CIDR or an address range`, fix: 'write a CIDR (192.0.2.0/28, 2001:db8::/120) or a range (192.0.2.10-192.0.2.20)' } };
  const bits = ip.family === 4 ? 32 : 128;
  if (slash < 0) return { problem: { message: `"${text}" is a single address without a prefix length`, fix: `write ${text}/${bits}` } };
  const prefix = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return { problem: { message: `"${text}" has no valid prefix length (0-${bits})`, fix: `write a CIDR such as ${ip.family === 4 ? '192.0.2.0/28' : '2001:db8::/120'}` } };
  const hostBits = BigInt(bits - Number(prefix));
  const first = (ip.value >> hostBits) << hostBits;
  if (first !== ip.value) {
    const network = `${ipaddr.fromByteArray(toBytes(first, bits / 8)).toString()}/${prefix}`;
    return { problem: { message: `"${text}" has host bits set; the network it names is ${network}`, fix: `write ${network}, or a range if you meant only part of it` } };
  }
  return { block: { family: ip.family, first, last: first + (1n << hostBits) - 1n, text, pool, path } };
}

/** An IPv4 address in four-part decimal (no "10.1" shorthands) or an IPv6 address, as a number. */
function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  const family = ipaddr.IPv4.isValidFourPartDecimal(text) ? 4 : ipaddr.IPv6.isValid(text) && !text.includes('%') ? 6 : undefined;
  if (!family) return undefined;
  return { family, value: ipaddr.parse(text).toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n) };
}

function toBytes(value: bigint, length: number): number[] {
  return Array.from({ length }, (_, i) => Number((value >> BigInt(8 * (length - 1 - i))) & 0xffn));
}

/** Every overlap, found by sorting once: a block overlaps the widest block seen before it when that one reaches it. */
function overlaps(blocks: Block[]): SchemaIssue[] {
  const sorted = [...blocks].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const issues: SchemaIssue[] = [];
  let reach: Block | undefined;
  for (const b of sorted) {
    if (reach && reach.family === b.family && b.first <= reach.last) {
      const where = reach.pool === b.pool ? `another address of pool "${b.pool}"` : `pool "${reach.pool}"`;
      issues.push({ path: b.path, message: `${b.text} overlaps ${reach.text} (${where}); MetalLB would hand out the same address twice`, fix: 'make the pools disjoint' });
    }
    if (!reach || reach.family !== b.family || b.last > reach.last) reach = b;
  }
  return issues;
}
