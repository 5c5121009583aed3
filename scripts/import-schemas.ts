/**
 * `npm run import-schemas`: regenerates imports/schemas/ (the Kubernetes and CRD schemas the
 * verifier validates every object against) from the upstream copies in ../shared.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSchemaFiles } from './schemas/generate';

const out = resolve(__dirname, '..', 'imports', 'schemas');
const files = generateSchemaFiles(resolve(__dirname, '..', '..', 'shared'));
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (!files.has(f)) rmSync(join(out, f));
for (const [name, text] of files) writeFileSync(join(out, name), text);
console.log(`wrote ${[...files.keys()].join(', ')} to ${out}`);
