/**
 * Schema: every object is valid against the OpenAPI schema of the cluster's Kubernetes version,
 * or its CRD's, strictly (unknown fields are errors, as `kubectl apply` rejects them); its kind
 * exists; its name is one the API server accepts; it has a namespace exactly when its kind is
 * namespaced (an object without one would land wherever Argo CD's destination points).
 */
import { formatPath } from '../../config/problems';
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import { ownedObjects } from '../objects';
import type { Rule } from '../rule';
import { SchemaCatalog, schemaVersionFor } from '../schema/catalog';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kinds whose names become DNS labels (a Service's name is a DNS name in its namespace). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

export const schema: Rule = (tree) => {
  const cluster = tree.cluster.name;
  const wanted = tree.cluster.kubernetes.version;
  const version = schemaVersionFor(wanted);
  if (!version) {
    return [
      {
        level: 'error',
        rule: 'schema/version',
        cluster,
        message: `no schema for Kubernetes ${wanted} or older in imports/schemas`,
        fix: 'add its OpenAPI files to ../shared/schemas and run npm run import-schemas',
      },
    ];
  }
  const findings: Finding[] = [];
  if (version !== wanted) {
    findings.push({
      level: 'warning',
      rule: 'schema/version',
      cluster,
      message: `no Kubernetes ${wanted} schema in imports/schemas; objects are checked against ${version}, the nearest older version`,
      fix: `add ../shared/schemas/kubernetes-${wanted} and run npm run import-schemas`,
    });
  }
  const catalog = SchemaCatalog.of(version);
  for (const { app, object } of ownedObjects(tree)) {
    const at = { level: 'error', rule: 'schema/invalid', cluster, app, object: objectRef(object) } as const;
    const kind = catalog.lookup(object.apiVersion, object.kind);
    if (!kind) {
      const served = catalog.apiVersionsOf(object.kind);
      findings.push({
        ...at,
        rule: 'schema/unknown-kind',
        field: 'apiVersion',
        message: `no schema for ${object.kind} in ${object.apiVersion} (Kubernetes ${version} and the CRDs of imports/schemas)`,
        fix: served.length
          ? `use apiVersion ${served.join(' or ')}`
          : 'if it is a custom resource, add its CRD to ../shared/crds and run npm run import-schemas',
      });
      continue;
    }
    for (const v of catalog.validate(object, kind)) findings.push({ ...at, field: formatPath(v.path), message: v.message, fix: v.fix });
    const { name, namespace } = object.metadata;
    const nameRule = LABEL_NAMED.has(object.kind) ? { re: DNS_LABEL, max: 63, what: 'a DNS label' } : { re: DNS_SUBDOMAIN, max: 253, what: 'a DNS subdomain' };
    if (typeof name === 'string' && (!nameRule.re.test(name) || name.length > nameRule.max)) {
      findings.push({
        ...at,
        field: 'metadata.name',
        message: `"${name}" is not a valid ${object.kind} name: it must be ${nameRule.what} of at most ${nameRule.max} characters`,
        fix: 'use lower-case letters, digits and "-"',
      });
    } else if (!name) {
      findings.push({ ...at, field: 'metadata.name', message: 'has no name', fix: 'give it metadata.name' });
    }
    if (kind.namespaced && !namespace) {
      findings.push({
        ...at,
        field: 'metadata.namespace',
        message: `${object.kind} is namespaced but has no namespace; it would land in whatever namespace Argo CD's destination says`,
        fix: 'set metadata.namespace explicitly',
      });
    } else if (!kind.namespaced && namespace !== undefined) {
      findings.push({
        ...at,
        field: 'metadata.namespace',
        message: `${object.kind} is cluster-scoped but says namespace "${namespace}"`,
        fix: 'remove metadata.namespace',
      });
    }
  }
  return findings;
};
