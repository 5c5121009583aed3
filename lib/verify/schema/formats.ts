/**
 * The `format`s the generated schemas keep (scripts/schemas/strict.ts CHECKED_FORMATS): the ones
 * the API server enforces, or whose violation a Go decoder rejects (int32 overflow).
 */
import { isIPv4, isIPv6 } from 'node:net';

interface FormatCheck {
  readonly type: 'number' | 'string';
  readonly test: (value: any) => boolean;
  /** What a valid value looks like, for messages. */
  readonly expected: string;
}

const INT32 = 2 ** 31;

export const FORMATS: Readonly<Record<string, FormatCheck>> = {
  int32: { type: 'number', test: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32, expected: 'a 32-bit integer' },
  int64: { type: 'number', test: (n: number) => Number.isInteger(n), expected: 'a 64-bit integer' },
  byte: { type: 'string', test: (s: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s), expected: 'base64 data' },
  'date-time': {
    type: 'string',
    test: (s: string) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s),
    expected: 'an RFC 3339 time such as 2025-01-31T12:00:00Z',
  },
  ipv4: { type: 'string', test: isIPv4, expected: 'an IPv4 address' },
  ipv6: { type: 'string', test: isIPv6, expected: 'an IPv6 address' },
  cidr: { type: 'string', test: isCidr, expected: 'a CIDR such as 192.0.2.0/24' },
};

function isCidr(s: string): boolean {
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length || !/^\d{1,3}$/.test(bits ?? '')) return false;
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  return Number(bits) <= max;
}
