/** Writes schema/cluster.schema.json, the cluster file's JSON Schema for editors (from lib/config/schema). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaJson } from '../lib/config/published-schema';

writeFileSync(join(__dirname, '..', 'schema', 'cluster.schema.json'), schemaJson());
