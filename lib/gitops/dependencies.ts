/**
 * Every application's dependencies: those its chart declares, plus those its objects imply
 * (lib/platform/capabilities.ts). An exposed app depends on the load balancer (MetalLB, or
 * cilium-lb; nothing provides k3s's built-in ServiceLB, so nothing is waited for), a claim
 * on nfs-slow on csi-nfs, a custom resource on the app installing its CRD... Sync waves are
 * computed from this graph, never numbered by hand.
 */
import type { AppChart } from './app-chart';
import type { Dependent } from './waves';
import { crdGroup, providedBy, usedBy, type Capability, type ObjectJson } from './capabilities';

/** `objects`: each chart's final objects, as rendered. */
export function dependencyGraph(charts: readonly AppChart[], objects: ReadonlyMap<AppChart, readonly ObjectJson[]>): Dependent[] {
  const providers = new Map<Capability, string[]>();
  const uses = new Map<string, Capability[]>();
  for (const chart of charts) {
    const rendered = objects.get(chart) ?? [];
    for (const capability of new Set([...chart.crds.map(crdGroup), ...chart.provides, ...rendered.flatMap(providedBy)])) {
      providers.set(capability, [...(providers.get(capability) ?? []), chart.appName]);
    }
    uses.set(chart.appName, [...chart.uses, ...rendered.flatMap(usedBy)]);
  }
  return charts.map((chart) => {
    const derived = uses
      .get(chart.appName)!
      .flatMap((c) => providers.get(c) ?? [])
      .filter((p) => p !== chart.appName);
    return { appName: chart.appName, dependsOn: [...new Set([...chart.dependsOn, ...derived.sort()])] };
  });
}
