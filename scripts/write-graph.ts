/** Writes the homelab's install order (a Mermaid graph of its sync waves) into README.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installOrder, withGraph } from '../pipeline/install-order';

const root = join(__dirname, '..');
const readme = join(root, 'README.md');
writeFileSync(readme, withGraph(readFileSync(readme, 'utf8'), installOrder(join(root, 'examples'))));
