/**
 * The whole pipeline: cluster files -> models -> charts -> final objects -> checks -> files,
 * written atomically. Every stage is a plain function of the previous one; nothing here reads
 * the clock, the environment or the network.
 */
import { buildCluster, type ChartFactory } from '../charts';
import { CUSTOM_CHARTS } from '../charts/custom';
import { loadClusters, type ClusterModel } from './config';
import { collect, type ClusterObjects } from './output/collect';
import { serialize } from './output/serialize';
import { writeTrees } from './output/write';
import { verify, VerifyError, type Finding } from './verify';

export interface SynthOptions {
  /** Project root: where `clusters/` is. */
  readonly root: string;
  /** Where `dist/` and `argocd/` are written (default: the project root). */
  readonly out?: string;
  /** Charts of one's own, added to every cluster. */
  readonly extraCharts?: readonly ChartFactory[];
}

export interface SynthResult {
  readonly clusters: readonly ClusterModel[];
  readonly trees: readonly ClusterObjects[];
  readonly files: ReadonlyMap<string, string>;
  /** Warnings (errors throw a VerifyError). */
  readonly warnings: readonly Finding[];
}

/** Renders and checks everything in memory; writes nothing. */
export function render(root: string, extraCharts: readonly ChartFactory[] = []): SynthResult {
  const clusters = loadClusters(root, { charts: Object.keys(CUSTOM_CHARTS) });
  const trees = clusters.map((c) => collect(buildCluster(c, extraCharts)));
  const findings = trees.flatMap((t) => verify(t));
  if (findings.some((f) => f.level === 'error')) throw new VerifyError(findings);
  const files = new Map<string, string>();
  for (const tree of trees) for (const [path, content] of serialize(tree)) files.set(path, content);
  return { clusters, trees, files, warnings: findings };
}

export function synth(options: SynthOptions): SynthResult {
  const result = render(options.root, options.extraCharts);
  writeTrees(options.out ?? options.root, result.files);
  return result;
}
