/**
 * The grammars the API server, the kubelet, the container runtime or the NFS client enforce on
 * strings of the cluster file, checked at synth: IP addresses and CIDRs, DNS names, port names,
 * image references, git URLs, NFS servers and paths. Each check returns what is wrong and how to
 * fix it, or undefined when the value is valid; the cross-checks put them at their field.
 */
import ipaddr from 'ipaddr.js';

interface FormatProblem {
  readonly message: string;
  readonly fix: string;
}

export type IpFamily = 'IPv4' | 'IPv6';

export interface ParsedIp {
  readonly family: 4 | 6;
  /** The address as a number, for ranges and comparisons. */
  readonly value: bigint;
}

/** An IPv4 address in four-part decimal (no "10.1" shorthands, no leading zeros) or an IPv6 address, as a number. */
export function parseIp(text: string): ParsedIp | undefined {
  const family = ipaddr.IPv4.isValidFourPartDecimal(text) ? 4 : ipaddr.IPv6.isValid(text) && !text.includes('%') ? 6 : undefined;
  if (!family) return undefined;
  return {
    family,
    value: ipaddr
      .parse(text)
      .toByteArray()
      .reduce((n, byte) => (n << 8n) | BigInt(byte), 0n),
  };
}

export const familyName = (family: 4 | 6): IpFamily => (family === 4 ? 'IPv4' : 'IPv6');

interface ParsedCidr extends ParsedIp {
  readonly prefix: number;
  /** The last address of the block. */
  readonly last: bigint;
}

/** A CIDR with its network address ("192.0.2.0/28", "2001:db8::/120"), or why it is not one. */
export function parseCidr(text: string): { cidr?: ParsedCidr; problem?: FormatProblem } {
  const slash = text.indexOf('/');
  const ip = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (!ip) {
    const example = text.includes(':') ? '2001:db8::/64' : '192.168.1.0/24';
    return {
      problem: {
        message: `"${text}" is not a CIDR: ${slash >= 0 ? `"${text.slice(0, slash)}" is not an IP address` : 'it has no address'}`,
        fix: `write an address and a prefix length, e.g. ${example}`,
      },
    };
  }
  const bits = ip.family === 4 ? 32 : 128;
  if (slash < 0) return { problem: { message: `"${text}" is a single address without a prefix length`, fix: `write ${text}/${bits}` } };
  const prefix = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefix) || Number(prefix) > bits)
    return {
      problem: {
        message: `"${text}" has no valid prefix length (0-${bits})`,
        fix: `write a CIDR such as ${ip.family === 4 ? '192.0.2.0/28' : '2001:db8::/120'}`,
      },
    };
  const hostBits = BigInt(bits - Number(prefix));
  const first = (ip.value >> hostBits) << hostBits;
  if (first !== ip.value) {
    const network = `${formatIp(first, ip.family)}/${prefix}`;
    return {
      problem: { message: `"${text}" has host bits set; the network it names is ${network}`, fix: `write ${network}, or a range if you meant only part of it` },
    };
  }
  return { cidr: { family: ip.family, value: first, prefix: Number(prefix), last: first + (1n << hostBits) - 1n } };
}

function formatIp(value: bigint, family: 4 | 6): string {
  const length = family === 4 ? 4 : 16;
  return ipaddr.fromByteArray(Array.from({ length }, (_, i) => Number((value >> BigInt(8 * (length - 1 - i))) & 0xffn))).toString();
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS name as Kubernetes checks host names (RFC 1123 subdomain): labels of a-z, 0-9 and "-", at most 63 characters each, 253 in all. */
export function dnsNameProblem(name: string, what = 'DNS name'): FormatProblem | undefined {
  const fix = 'write lower-case letters, digits, "-" and dots, e.g. nas.home.arpa';
  if (name.length > 253)
    return { message: `the ${what} "${name.slice(0, 40)}..." is ${name.length} characters long, above the 253 of a DNS name`, fix: 'shorten it' };
  for (const label of name.split('.')) {
    if (!label) return { message: `"${name}" is not a ${what}: it has an empty label (a leading, trailing or double dot)`, fix };
    if (label.length > 63)
      return { message: `"${name}" is not a ${what}: the label "${label}" is ${label.length} characters long, above 63`, fix: 'shorten the label' };
    if (!DNS_LABEL.test(label)) {
      const bad = [...label].find((c) => !/[a-z0-9-]/.test(c));
      const why =
        bad === undefined
          ? `the label "${label}" starts or ends with "-"`
          : /[A-Z]/.test(bad)
            ? `it has upper-case letters`
            : `it holds ${JSON.stringify(bad)}`;
      return { message: `"${name}" is not a ${what}: ${why}`, fix: /[A-Z]/.test(name) ? `write it in lower case: ${name.toLowerCase()}` : fix };
    }
  }
  return undefined;
}

/**
 * A container or Service port name as Kubernetes checks it (IANA_SVC_NAME): at most 15
 * characters of a-z, 0-9 and "-", at least one letter, no "-" at either end or twice in a row.
 */
export function portNameProblem(name: string): FormatProblem | undefined {
  const fix = 'name it after the protocol, e.g. http, ssh, metrics or http-alt';
  if (name.length > 15) return { message: `port name "${name}" is longer than 15 characters`, fix: 'shorten it (e.g. http, ssh, metrics)' };
  if (!/[a-z]/.test(name)) return { message: `port name "${name}" has no letter; Kubernetes takes an all-digit name for a port number`, fix };
  if (name.includes('--')) return { message: `port name "${name}" has "--"`, fix };
  return undefined; // the key pattern (a DNS label) already refuses other characters and an end "-"
}

/**
 * An image reference as containerd parses it (distribution/reference):
 * `[registry[:port]/]path[:tag][@algorithm:hex]`, the path in lower case.
 */
export function imageReferenceProblem(image: string): FormatProblem | undefined {
  const bad = (why: string, fix: string) => ({ message: `image "${image}" is not a valid reference: ${why}`, fix });
  if (/\s/.test(image)) return bad('it holds white space', 'remove the spaces');
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  if (digest !== undefined) {
    const m = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):(.*)$/.exec(digest);
    if (!m) return bad(`"@${digest}" is not a digest`, 'write a digest as @sha256:<64 hex digits>');
    const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
    const [, algorithm, hex] = m;
    const length = lengths[algorithm];
    if (length === undefined) return bad(`"${algorithm}" is not a digest algorithm`, 'use a sha256 digest: @sha256:<64 hex digits>');
    if (!/^[0-9a-f]*$/.test(hex))
      return bad(
        `the ${algorithm} digest holds characters other than 0-9 and a-f`,
        `copy the digest as the registry shows it: ${algorithm}: and ${length} lower-case hex digits`,
      );
    if (hex.length !== length)
      return bad(`a ${algorithm} digest has ${length} hex digits, this one ${hex.length}`, `copy the full digest (${algorithm}: and ${length} hex digits)`);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > lastSlash) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) {
    return bad(`the tag "${tag}" is not a tag`, 'a tag is up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"');
  }
  if (!rest) return bad('it has no repository', 'write the repository, e.g. nginx:1.27.3');
  if (rest.length > 255) return bad(`the name is ${rest.length} characters long, above 255`, 'shorten it');
  const parts = rest.split('/');
  // the first part is a registry when it looks like a host: a dot, a port, "localhost" or upper case
  const registry = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost' || parts[0] !== parts[0].toLowerCase()) ? parts.shift()! : undefined;
  if (
    registry !== undefined &&
    !/^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*)(:[0-9]+)?$/.test(registry)
  ) {
    return bad(`"${registry}" is not a registry host`, 'write the registry as a host name with an optional :port, e.g. ghcr.io or registry.home.arpa:5000');
  }
  for (const part of parts) {
    if (!/^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/.test(part)) {
      if (part !== part.toLowerCase() && /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/.test(part.toLowerCase())) {
        return bad(`the repository "${parts.join('/')}" has upper-case letters`, `write it in lower case: "${image.replace(part, part.toLowerCase())}"`);
      }
      return bad(
        part ? `"${part}" is not a repository name component` : 'it has an empty path component',
        'repository names are lower-case letters and digits, separated by ".", "_", "__" or "-", and "/" between components',
      );
    }
  }
  return undefined;
}

/** A URL git can clone: https://, http://, ssh://, git:// or scp-like user@host:path. */
export function gitUrlProblem(url: string): FormatProblem | undefined {
  const fix = 'write the repository URL, e.g. https://git.example.com/homelab/gitops.git or git@git.example.com:homelab/gitops.git';
  if (/\s/.test(url)) return { message: `"${url}" is not a git URL: it holds white space`, fix };
  const scp = /^[A-Za-z0-9._-]+@([^/:]+):(.+)$/.exec(url);
  if (scp) return hostOf(scp[1]) ? undefined : { message: `"${url}" is not a git URL: "${scp[1]}" is not a host name`, fix };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { message: `"${url}" is not a git URL`, fix };
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol))
    return { message: `"${url}" is not a git URL: Argo CD does not clone ${parsed.protocol}// URLs`, fix };
  if (!parsed.hostname || !hostOf(parsed.hostname.replace(/^\[|\]$/g, ''))) return { message: `"${url}" is not a git URL: it names no host`, fix };
  if (parsed.pathname === '/' || !parsed.pathname) return { message: `"${url}" names a host but no repository`, fix };
  return undefined;
}

/** A host: a DNS name (any case, as URLs allow) or an IP address. */
function hostOf(host: string): boolean {
  return !!parseIp(host) || !dnsNameProblem(host.toLowerCase());
}

/** An NFS server: a DNS name or an IP address. */
export function nfsServerProblem(server: string): FormatProblem | undefined {
  if (parseIp(server)) return undefined;
  const fix = "write the server's DNS name (e.g. nas.home.arpa) or its IP address (e.g. 192.168.1.10)";
  if (/^[0-9.]+$/.test(server)) return { message: `NFS server "${server}" is not an IP address`, fix };
  // host names are case-insensitive: the mount resolves NAS.home.arpa like nas.home.arpa
  const problem = dnsNameProblem(server.toLowerCase(), 'host name or an IP address');
  return problem && { message: `NFS server ${problem.message.replace(JSON.stringify(server.toLowerCase()), JSON.stringify(server))}`, fix };
}

/**
 * An exported path: absolute (the schema checks that), without white space or control characters
 * (the mount source would not survive them) or "#" (csi-driver-nfs joins its volume handle with it).
 */
export function nfsPathProblem(path: string): FormatProblem | undefined {
  const bad = [...path].find((c) => /[\s\x00-\x1f\x7f#]/.test(c));
  if (bad !== undefined)
    return {
      message: `NFS path ${JSON.stringify(path)} holds ${JSON.stringify(bad)}, which the mount or the CSI driver would not survive`,
      fix: 'export the directory under a path without spaces, "#" or control characters',
    };
  if (path.includes('//') || /(^|\/)\.\.?(\/|$)/.test(path))
    return { message: `NFS path "${path}" has an empty, "." or ".." component`, fix: "write the export's canonical path, e.g. /tank/media" };
  return undefined;
}
