/** The bench's figures as a table, with the ratios the targets are stated in (README, Performance). */
import type { Measurement } from './measure';

export interface Row extends Measurement {
  readonly label: string;
}

export interface ScalePoint {
  readonly apps: number;
  readonly files: number;
  /** Synth into an empty dist/ (every file written). */
  readonly fresh: Row;
  /** Synth again with nothing changed (the common case: every file read and compared). */
  readonly again: Row;
  readonly floor: Row;
}

export interface Results {
  readonly machine: { readonly cpus: number; readonly cpu: string; readonly node: string; readonly platform: string };
  readonly reference: {
    readonly clusters: readonly string[];
    readonly files: number;
    readonly objects: number;
    /** Objects in stock `cdk8s synth`'s output: the same as `objects`, or it did other work. */
    readonly stockObjects: number;
    readonly rows: Record<'npm' | 'direct' | 'empty' | 'cold' | 'tsx' | 'floor' | 'stock', Row>;
  };
  readonly scale: readonly ScalePoint[];
}

/** The targets (DESIGN.md, issue 9): what the figures are checked against. */
export const TARGETS = { referenceWall: 1000, ofFloor: 3, stockRatio: 5, scaleApps: 10_000, scaleWall: 60_000, scaleRss: 2 ** 31, flatness: 1.25 } as const;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes?: number) => (bytes === undefined ? '' : `${Math.round(bytes / 2 ** 20)} MiB`);
const x = (ratio: number) => `${ratio.toFixed(1)}x`;
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function report(r: Results): string {
  const { rows } = r.reference;
  const out: string[] = [];
  out.push(`machine: ${r.machine.cpus} x ${r.machine.cpu}, node ${r.machine.node}, ${r.machine.platform}`, '');
  out.push(`reference clusters: ${r.reference.clusters.join(', ')} (${r.reference.objects} objects, ${r.reference.files} files)`);
  out.push(
    table(
      ['', 'median', 'min', 'max', 'cpu', 'peak memory', 'runs'],
      Object.values(rows).map((m) => [m.label, s(m.wall), s(m.min), s(m.max), m.cpu === undefined ? '' : s(m.cpu), mib(m.rss), String(m.runs)]),
    ),
  );
  out.push('');
  out.push(
    `npm run synth: ${s(rows.npm.wall)} (target under ${s(TARGETS.referenceWall)}: ${ok(rows.npm.wall < TARGETS.referenceWall)}); npm itself adds ${s(rows.npm.wall - rows.direct.wall)}`,
  );
  out.push(
    `ours / floor: ${x(rows.direct.wall / rows.floor.wall)} (node bin/synth.cjs; target at most ${x(TARGETS.ofFloor)}: ${ok(rows.direct.wall / rows.floor.wall <= TARGETS.ofFloor)}); into an empty folder ${x(rows.empty.wall / rows.floor.wall)}; npm run synth ${x(rows.npm.wall / rows.floor.wall)}; by CPU time ${x(rows.direct.cpu! / rows.floor.cpu!)}`,
  );
  out.push(
    `stock / ours: ${x(rows.stock.wall / rows.npm.wall)} (cdk8s synth vs npm run synth; target at least ${x(TARGETS.stockRatio)}: ${ok(rows.stock.wall / rows.npm.wall >= TARGETS.stockRatio)}); vs node bin/synth.cjs ${x(rows.stock.wall / rows.direct.wall)}`,
  );
  if (r.reference.stockObjects !== r.reference.objects) out.push(`note: stock wrote ${r.reference.stockObjects} objects, ours ${r.reference.objects}`);
  if (!r.scale.length) return out.join('\n') + '\n';

  out.push('', 'scale (synthetic clusters, bench/synthetic.ts), medians:');
  out.push(
    table(
      ['apps', 'files', 'synth', 'per app', 'cpu', 'peak memory', 'again', 'floor', 'ours / floor'],
      r.scale.map((p) => [
        String(p.apps),
        String(p.files),
        s(p.fresh.wall),
        `${(p.fresh.wall / p.apps).toFixed(2)} ms`,
        s(p.fresh.cpu!),
        mib(Math.max(p.fresh.rss!, p.again.rss!)),
        s(p.again.wall),
        s(p.floor.wall),
        x(p.fresh.wall / p.floor.wall),
      ]),
    ),
  );
  out.push('synth: into an empty dist/; again: a second synth, nothing changed; per app: synth / apps');
  for (let i = 1; i < r.scale.length; i++) {
    const [a, b] = [r.scale[i - 1], r.scale[i]];
    const growth = b.fresh.wall / b.apps / (a.fresh.wall / a.apps);
    out.push(
      `time per app ${a.apps} -> ${b.apps}: ${x(growth)}${a.apps >= 1000 ? ` (flat means at most ${x(TARGETS.flatness)}: ${ok(growth <= TARGETS.flatness)})` : ''}`,
    );
  }
  const target = r.scale.find((p) => p.apps === TARGETS.scaleApps);
  if (target) {
    const rss = Math.max(target.fresh.rss!, target.again.rss!);
    out.push(
      `${target.apps} apps: ${s(target.fresh.wall)} (target under ${s(TARGETS.scaleWall)}: ${ok(target.fresh.wall < TARGETS.scaleWall)}), ${mib(rss)} (target under ${mib(TARGETS.scaleRss)}: ${ok(rss < TARGETS.scaleRss)})`,
    );
  }
  return out.join('\n') + '\n';
}
