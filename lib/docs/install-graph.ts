/**
 * The install order of a cluster as a Mermaid flowchart: one box per sync wave, an arrow from
 * each application to those that wait for it. Generated from the same dependency graph the
 * sync waves come from.
 */
import { syncWaves, type Dependent } from '../gitops/waves';

export function mermaidGraph(dependencies: readonly Dependent[]): string {
  const waves = syncWaves(dependencies);
  const id = (app: string) => app.replace(/[^A-Za-z0-9]/g, '_');
  const byName = [...dependencies].sort((a, b) => (a.appName < b.appName ? -1 : a.appName > b.appName ? 1 : 0));
  const lines = ['flowchart LR'];
  for (const wave of [...new Set(waves.values())].sort((a, b) => a - b)) {
    lines.push(`  subgraph wave${wave}["wave ${wave}"]`);
    for (const app of byName.filter((a) => waves.get(a.appName) === wave)) lines.push(`    ${id(app.appName)}["${app.appName}"]`);
    lines.push('  end');
  }
  for (const app of byName) for (const dep of [...app.dependsOn].sort()) lines.push(`  ${id(dep)} --> ${id(app.appName)}`);
  return lines.join('\n') + '\n';
}
