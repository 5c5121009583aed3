/**
 * Kubernetes OpenAPI v3 (built-in kinds) and CRD `openAPIV3Schema`s -> plain JSON Schema that
 * ajv validates the way `kubectl apply` (strict field validation) and the API server do:
 * unknown fields are errors, the Kubernetes extensions become ordinary keywords, and what
 * only documents (descriptions, defaults, CEL rules) is dropped to keep the files small.
 */

/** Built-in schemas mean "free-form" by an object without properties; CRD schemas mean "no fields". */
export type Dialect = 'builtin' | 'crd';

type Schema = Record<string, any>;

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** Where CRD schemas find ObjectMeta: in the Kubernetes file of the version being validated. */
export const OBJECT_META_REF = `kubernetes#/definitions/${OBJECT_META}`;

/** The API server's quantity grammar (k8s.io/apimachinery/pkg/api/resource). */
export const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+))?$';

/** Formats the runtime checks (lib/verify/schema/formats.ts); others are not checked by the API server either. */
export const CHECKED_FORMATS = new Set(['int32', 'int64', 'byte', 'date-time', 'ipv4', 'ipv6', 'cidr']);

const VALUE_KEYWORDS = [
  'type',
  'enum',
  'pattern',
  'format',
  'required',
  'title',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
] as const;

/**
 * One schema node. `structural` is false inside anyOf/allOf/oneOf/not, whose branches only add
 * constraints to the node they belong to (they never declare its fields).
 */
export function strictSchema(node: Schema, dialect: Dialect, structural = true): Schema {
  const out: Schema = {};
  for (const k of VALUE_KEYWORDS) if (node[k] !== undefined) out[k] = node[k];
  if (out.format !== undefined && !CHECKED_FORMATS.has(out.format)) delete out.format;
  if (out.pattern !== undefined) out.pattern = jsPattern(out.pattern);
  // OpenAPI 3.0's boolean exclusive bounds -> JSON Schema's numeric ones
  if (node.exclusiveMinimum === true) {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true) {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  }
  if (node.$ref) out.$ref = String(node.$ref).replace('#/components/schemas/', '#/definitions/');
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
  }
  for (const k of ['anyOf', 'allOf', 'oneOf'] as const) if (node[k]) out[k] = node[k].map((b: Schema) => strictSchema(b, dialect, false));
  if (node.not) out.not = strictSchema(node.not, dialect, false);
  if (node['x-kubernetes-int-or-string'] && !out.anyOf && !out.oneOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  if (node.items) out.items = strictSchema(node.items, dialect, structural);
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, strictSchema(v as Schema, dialect, structural)]));
  }
  if (node['x-kubernetes-embedded-resource']) embedResource(out);
  if (typeof node.additionalProperties === 'object') out.additionalProperties = strictSchema(node.additionalProperties, dialect, structural);
  else if (node.additionalProperties !== undefined) out.additionalProperties = node.additionalProperties;
  else if (structural && !node['x-kubernetes-preserve-unknown-fields'] && closesUnknownFields(node, dialect)) out.additionalProperties = false;
  return out;
}

/** Go (RE2) to JavaScript (with the `u` flag): `\\pL` is `\\p{L}` there. */
function jsPattern(go: string): string {
  return go.replace(/\\([pP])([A-Z])/g, '\\$1{$2}');
}

function closesUnknownFields(node: Schema, dialect: Dialect): boolean {
  return dialect === 'crd' ? node.type === 'object' : node.properties !== undefined;
}

/** `x-kubernetes-embedded-resource`: a whole object inside another; apiVersion, kind and metadata are implied. */
function embedResource(out: Schema): void {
  out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: OBJECT_META_REF }, ...out.properties };
  out.required = [...new Set([...(out.required ?? []), 'apiVersion', 'kind'])];
}

/** A CRD version's root schema: its metadata is the API server's ObjectMeta (plus any constraints the CRD adds). */
export function crdRootSchema(openAPIV3Schema: Schema): Schema {
  const root = strictSchema(openAPIV3Schema, 'crd');
  const own = openAPIV3Schema.properties?.metadata;
  const extra = own?.properties ? [strictSchema({ properties: own.properties }, 'crd', false)] : [];
  root.properties = { ...root.properties, metadata: { allOf: [{ $ref: OBJECT_META_REF }, ...extra] } };
  return root;
}
