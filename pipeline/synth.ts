/**
 * The whole pipeline: cluster files -> models -> charts -> final objects -> checks -> files,
 * written atomically. Every stage is a plain function of the previous one; nothing here reads
 * the clock, the environment or the network.
 */
import { buildCluster, type ChartFactory } from '../charts';
import { CUSTOM_CHARTS } from '../charts/custom';
import { ConfigError, loadClusters, type ClusterModel } from '../lib/config';
import { DuplicateApplicationError } from '../lib/gitops/app-chart';
import { allowedIn, unusedAllows } from '../lib/verify/allow-destroy';
import { removedClusters } from '../lib/verify/removed-clusters';
import { REMOVED_CLUSTER } from '../lib/verify/rules/destructive';
import { collect, type ClusterObjects } from '../lib/gitops/collect';
import { serialize } from '../lib/output/serialize';
import { acquireLock, tookOverWarning, type OutputOptions } from '../lib/output/lock';
import { recover, writeTrees, type WriteStats } from '../lib/output/write';
import { bySource, located, verify, VerifyError, type Finding } from '../lib/verify';
import { readPreviousTree } from '../lib/verify/previous';
import { schedule, type Schedule } from '../lib/verify/scheduling/simulate';

export interface RenderOptions {
  /** Where the last synth's `dist/` is (checked for destructive changes); none: no such check. */
  readonly previous?: string;
  /** `Kind/namespace/name` of objects the user allows to be deleted or recreated. */
  readonly allowDestroy?: readonly string[];
}

export interface SynthOptions extends Omit<RenderOptions, 'previous'> {
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
  /** Per cluster, where every pod lands and what each node is asked for (the CLI prints it). */
  readonly schedules: readonly Schedule[];
}

/** Renders and checks everything in memory; writes nothing. */
export function render(root: string, extraCharts: readonly ChartFactory[] = [], options: RenderOptions = {}): SynthResult {
  const clusters = loadClusters(root, { charts: Object.keys(CUSTOM_CHARTS) });
  const trees = clusters.map((c) => collect(build(c, extraCharts)));
  const schedules = trees.map(schedule);
  const files = new Map<string, string>();
  trees.forEach((tree, i) => {
    for (const [path, content] of serialize(tree, schedules[i])) files.set(path, content);
  });
  const flags = options.allowDestroy ?? [];
  const previousOf = (cluster: string) => (options.previous === undefined ? undefined : readPreviousTree(options.previous, cluster, files));
  const perCluster = trees.flatMap((t) =>
    verify(t, { allowDestroy: allowedIn(t.cluster.name, flags), previous: previousOf(t.cluster.name) }).map((f) => located(t.cluster, f)),
  );
  const findings = [
    ...removedClusters(options.previous, clusters, new Set(flags)),
    ...unusedAllows(
      perCluster,
      flags.filter((f) => !f.startsWith(`${REMOVED_CLUSTER}/`)),
      clusters.map((c) => c.name),
    ),
  ].sort(bySource);
  if (findings.some((f) => f.level === 'error')) throw new VerifyError(findings);
  return { clusters, trees, files, warnings: findings, schedules };
}

/** A cluster's charts; two applications of one name are the cluster file's mistake, at the app's line. */
function build(cluster: ClusterModel, extraCharts: readonly ChartFactory[]) {
  try {
    return buildCluster(cluster, extraCharts);
  } catch (e) {
    if (!(e instanceof DuplicateApplicationError)) throw e;
    const p = cluster.positions[`apps.${e.app}`] ?? { line: 1, col: 1 };
    throw new ConfigError([
      {
        file: cluster.file,
        ...p,
        path: `apps.${e.app}`,
        message: `a TypeScript chart of this cluster also renders an application "${e.app}"`,
        fix: "rename the app (or the chart's app): one Application and one folder per name",
      },
    ]);
  }
}

export function synth(options: SynthOptions & OutputOptions): SynthResult & { written: WriteStats } {
  const out = options.out ?? options.root;
  const warn = options.warn ?? ((line: string) => console.warn(line));
  // one synth at a time per output folder: from recovering the previous trees to writing the new ones
  const lock = acquireLock(out, { waitMs: options.lockWaitMs });
  try {
    const tookOver = tookOverWarning(lock);
    if (tookOver) warn(tookOver);
    const recovered = recover(out); // a killed synth's committed update is the previous tree, so finish it first
    if (recovered) warn(recovered);
    const result = render(options.root, options.extraCharts, { previous: out, allowDestroy: options.allowDestroy });
    return { ...result, written: writeTrees(out, result.files) };
  } finally {
    lock.release();
  }
}
