/**
 * Every application's dependencies: those its chart declares, plus those its objects imply
 * (lib/platform/capabilities.ts). An app exposed on an address pool depends on MetalLB, a claim
 * on nfs-slow on csi-nfs, a custom resource on the app installing its CRD... Sync waves are
 * computed from this graph, never numbered by hand.
 */
import { ApiObject } from 'cdk8s';
import type { AppChart } from '../gitops/app-chart';
import type { Dependent } from '../gitops/waves';
import { INSPECTED_KINDS, crdGroup, providedBy, usedBy, type Capability, type ObjectJson } from './capabilities';

export function dependencyGraph(charts: readonly AppChart[]): Dependent[] {
  const providers = new Map<Capability, string[]>();
  const uses = new Map<string, Capability[]>();
  for (const chart of charts) {
    const objects = objectsOf(chart);
    for (const capability of new Set([...chart.crds.map(crdGroup), ...chart.provides, ...objects.flatMap(providedBy)])) {
      providers.set(capability, [...(providers.get(capability) ?? []), chart.appName]);
    }
    uses.set(chart.appName, [...chart.uses, ...objects.flatMap(usedBy)]);
  }
  return charts.map((chart) => {
    const derived = uses.get(chart.appName)!.flatMap((c) => providers.get(c) ?? []).filter((p) => p !== chart.appName);
    return { appName: chart.appName, dependsOn: [...new Set([...chart.dependsOn, ...derived.sort()])] };
  });
}

/**
 * The chart's objects, as far as capabilities go: rendered (`toJson`) only for the kinds whose
 * body matters, so the other objects are not resolved twice per synth.
 */
function objectsOf(chart: AppChart): ObjectJson[] {
  return chart.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .map((o) => (INSPECTED_KINDS.has(o.kind) ? (o.toJson() as ObjectJson) : { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.name } }));
}
