/** schema/cluster.schema.json is the validator's own schema, committed for editors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { schemaJson } from '../lib/config/published-schema';
import { EXAMPLES, ROOT } from './helpers';

const committed = readFileSync(join(ROOT, 'schema', 'cluster.schema.json'), 'utf8');

test('the committed schema equals the generated one (run `npm run schema` after changing lib/config/schema)', () => {
  expect(committed).toBe(schemaJson());
});

test('an editor validating with the published schema accepts the reference clusters and rejects an unknown key', () => {
  const validate = new Ajv({ strict: false }).compile(JSON.parse(committed));
  const homelab = parse(readFileSync(join(EXAMPLES, 'clusters/homelab/cluster.yaml'), 'utf8'));
  expect(validate(homelab)).toBe(true);
  expect(validate({ ...homelab, nodez: {} })).toBe(false);
});

test('every cluster file points editors at the schema', () => {
  expect(readFileSync(join(EXAMPLES, 'clusters/homelab/cluster.yaml'), 'utf8')).toMatch(
    /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schema\/cluster\.schema\.json$/m,
  );
});
