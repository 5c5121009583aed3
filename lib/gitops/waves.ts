/**
 * Argo CD sync waves from declared dependencies: an application's wave is one more than the
 * highest wave of what it depends on, so every provider syncs (and is healthy) before its users.
 */

export interface Dependent {
  readonly appName: string;
  readonly dependsOn: readonly string[];
}

export class WaveError extends Error {}

export function syncWaves(apps: readonly Dependent[]): Map<string, number> {
  const byName = new Map(apps.map((a) => [a.appName, a]));
  const waves = new Map<string, number>();
  const visiting: string[] = [];
  const wave = (name: string): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    if (visiting.includes(name)) throw new WaveError(`dependency cycle: ${[...visiting.slice(visiting.indexOf(name)), name].join(' -> ')}`);
    const app = byName.get(name);
    if (!app) throw new WaveError(`"${visiting[visiting.length - 1]}" depends on "${name}", which is not an application of this cluster`);
    visiting.push(name);
    const w = app.dependsOn.reduce((max, dep) => Math.max(max, wave(dep) + 1), 0);
    visiting.pop();
    waves.set(name, w);
    return w;
  };
  for (const a of apps) wave(a.appName);
  return waves;
}
