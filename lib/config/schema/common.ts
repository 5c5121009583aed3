/** Schema building blocks shared by the sections of the cluster file. */
import { Type, type TObject, type TProperties, type TSchema, type ObjectOptions } from '@sinclair/typebox';
import { CPU_PATTERN, MEMORY_PATTERN } from '../quantity';

/** An object that rejects unknown keys, as every object of the cluster file does. */
export function Strict<T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A DNS-1123 label: names of apps, nodes, pools, classes (they become object names). */
export const Name = Type.String({ pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$', title: 'name', description: 'lower-case letters, digits and "-" (a DNS label)' });

/** A DNS subdomain (RFC 1123): host names, IngressClass and ClusterIssuer names, DNS domains. */
export const DnsName = Type.String({
  pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$',
  maxLength: 253,
  title: 'DNS name',
  description: 'lower-case letters, digits, "-" and dots, e.g. nas.home.arpa',
});

/** The largest value of the 32-bit integers Kubernetes stores uids, gids, probe timings... in. */
export const INT32_MAX = 2147483647;

export const Cpu = Type.Union([Type.String({ pattern: CPU_PATTERN }), Type.Number({ exclusiveMinimum: 0 })], {
  title: 'CPU quantity',
  description: 'cores ("2", 0.5) or millicores ("500m")',
});

export const Memory = Type.String({ pattern: MEMORY_PATTERN, title: 'memory quantity', description: 'a binary suffix, e.g. 512Mi, 8Gi' });

/** A mapping from names to `value`s: apps, nodes, pools, classes. Keys must be DNS labels. */
export function NamedMap<T extends TSchema>(value: T, options: ObjectOptions = {}) {
  return Type.Record(Name, value, { additionalProperties: false, ...options });
}

/** A label key, taint key or extended resource name: an optional DNS-name prefix and "/", then a name of up to 63 characters. */
export const QualifiedName = Type.String({
  pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$',
  maxLength: 317,
  title: 'label or taint key',
  description: 'an optional DNS prefix and "/", then letters, digits, "-", "_" and "." (e.g. example.com/role)',
});

/** A label or taint value: empty, or up to 63 letters, digits, "-", "_" and "." starting and ending with a letter or digit. */
export const LabelValue = Type.String({
  pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$',
  maxLength: 63,
  title: 'label value',
  description: 'up to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
});

export const Labels = Type.Record(QualifiedName, LabelValue, { additionalProperties: false });
