/**
 * An independent second check of what synth writes: every file under dist/ and argocd/, read
 * back from disk the way Argo CD reads it (YAML 1.1), validated by ajv (not by the synth's own
 * validator) against the generated schemas of the cluster's Kubernetes version, strictly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { parseCluster } from '../lib/config';
import { SCHEMA_DIR, schemaVersionFor } from '../lib/verify/schema/catalog';
import { FORMATS } from '../lib/verify/schema/formats';
import { EXAMPLES, ROOT } from './helpers';

type SchemaFile = { kinds: Record<string, { definition: string }>; definitions: Record<string, unknown> };
const read = (name: string): SchemaFile => JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8'));
const crds = read('crds.json');

/** One ajv per Kubernetes version; a validator per kind, compiled on first use. */
function validatorsFor(version: string): (apiVersion: string, kind: string) => ValidateFunction | undefined {
  const kubernetes = read(`kubernetes-${version}.json`);
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { optimize: false } });
  for (const [name, f] of Object.entries(FORMATS))
    ajv.addFormat(name, { type: f.type, validate: f.test } as { type: 'string'; validate: (s: string) => boolean });
  ajv.addSchema({ $id: 'kubernetes', definitions: kubernetes.definitions });
  ajv.addSchema({ $id: 'crds', definitions: crds.definitions });
  return (apiVersion, kind) => {
    const gvk = `${apiVersion}/${kind}`;
    if (kubernetes.kinds[gvk]) return ajv.getSchema(`kubernetes#/definitions/${kubernetes.kinds[gvk].definition}`);
    if (crds.kinds[gvk]) return ajv.getSchema(`crds#/definitions/${crds.kinds[gvk].definition.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    return undefined;
  };
}

const clusters = readdirSync(join(EXAMPLES, 'dist')).sort();
const versionOf = (cluster: string) => {
  const { model } = parseCluster(readFileSync(join(EXAMPLES, 'clusters', cluster, 'cluster.yaml'), 'utf8'), cluster, cluster);
  return schemaVersionFor(model!.kubernetes.version)!;
};
const validators = new Map<string, ReturnType<typeof validatorsFor>>();
const validatorFor = (version: string) => validators.get(version) ?? validators.set(version, validatorsFor(version)).get(version)!;

describe.each(clusters)('cluster %s', (cluster) => {
  const validator = validatorFor(versionOf(cluster));
  const files = [
    ...readdirSync(join(EXAMPLES, 'dist', cluster), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(EXAMPLES, 'dist', cluster, f)),
    join(EXAMPLES, 'argocd', `${cluster}.yaml`),
  ];

  test('every written object is valid against its schema, read back as Argo CD reads it', () => {
    const problems: string[] = [];
    let objects = 0;
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })) {
        const o = doc.toJS();
        objects++;
        const validate = validator(o.apiVersion, o.kind);
        if (!validate) problems.push(`${relative(ROOT, file)}: no schema for ${o.apiVersion} ${o.kind}`);
        else if (!validate(o))
          problems.push(...validate.errors!.map((e) => `${relative(ROOT, file)}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
      }
    }
    expect(objects).toBeGreaterThan(files.length - 1);
    expect(problems).toEqual([]);
  });
});

test('the same validator rejects an unknown field, a lost quantity and a wrong type (it can fail)', () => {
  const validate = validatorFor('1.34')('apps/v1', 'Deployment')!;
  const text = readFileSync(join(EXAMPLES, 'dist/homelab/vaultwarden/deployment-vaultwarden.yaml'), 'utf8');
  const good = parseAllDocuments(text, { version: '1.1' })[0].toJS();
  expect(validate(good)).toBe(true);
  const bad = structuredClone(good);
  bad.spec.replica = 2;
  bad.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu'] = null;
  bad.spec.template.spec.containers[0].ports = [{ containerPort: '80' }];
  expect(validate(bad)).toBe(false);
  expect(validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(
    expect.arrayContaining([
      '/spec additionalProperties',
      '/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu anyOf',
      '/spec/template/spec/containers/0/ports/0/containerPort type',
    ]),
  );
});
