/**
 * The stock cdk8s app over the same charts, for `npm run bench`: cdk8s resolves, validates and
 * writes them itself with `app.synth()` (one multi-document file per chart), as a project made
 * by `cdk8s init typescript-app` does. `STOCK_ROOT` says where clusters/ is.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCluster } from '../../charts';
import { loadClusters } from '../../lib/config';

const out = resolve(process.env.CDK8S_OUTDIR ?? 'dist');
for (const cluster of loadClusters(process.env.STOCK_ROOT ?? resolve(__dirname, '../..'))) {
  const dir = join(out, cluster.name);
  mkdirSync(dir, { recursive: true });
  process.chdir(dir); // each cluster's App writes to its own relative outdir, here
  buildCluster(cluster).app.synth();
}
