/**
 * The tier rules for third-party charts: every `resources:` block the product sets in a Helm
 * Application's values has a CPU request and no CPU limit, and a memory request no higher than
 * its limit. (Which tier a utility runs in is its PriorityClass, also set through its values.)
 */
import { memoryBytes } from '../../config';
import type { K8sObject } from '../../gitops/collect';
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import type { Rule } from '../rule';

interface ResourcesBlock {
  readonly path: string;
  readonly value: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

export const tierHelmValues: Rule = (tree) => {
  const findings: Finding[] = [];
  for (const folder of tree.folders) {
    for (const o of folder.objects.filter((x) => x.kind === 'Application')) {
      for (const { path, value } of helmValues(o).flatMap(({ path, values }) => resourcesBlocks(values, path))) {
        const report = (rule: string, field: string, message: string, fix: string) =>
          findings.push({ level: 'error', rule: `tier/${rule}`, cluster: tree.cluster.name, app: o.metadata.name, object: objectRef(o), field, message, fix });
        if (value.limits?.cpu != null)
          report(
            'cpu-limit',
            `${path}.limits.cpu`,
            `the chart values set a CPU limit (${value.limits.cpu}); CPU limits throttle through CFS even when CPUs are idle`,
            'set requests.cpu only',
          );
        if (value.requests?.cpu == null)
          report('cpu-request', `${path}.requests.cpu`, 'the chart values set resources without a CPU request', 'set requests.cpu');
        const request = value.requests?.memory;
        const limit = value.limits?.memory;
        if (request == null || limit == null)
          report(
            'memory',
            `${path}.${request == null ? 'requests' : 'limits'}.memory`,
            `the chart values set resources without a memory ${request == null ? 'request' : 'limit'}`,
            'set both requests.memory and limits.memory',
          );
        else if (memoryBytes(String(request)) > memoryBytes(String(limit)))
          report(
            'memory-request-above-limit',
            `${path}.requests.memory`,
            `memory request ${request} is above the limit ${limit}`,
            'raise the limit or lower the request',
          );
      }
    }
  }
  return findings;
};

function helmValues(app: K8sObject): { path: string; values: unknown }[] {
  const spec = app.spec as { source?: { helm?: { valuesObject?: unknown } }; sources?: { helm?: { valuesObject?: unknown } }[] };
  const found: { path: string; values: unknown }[] = [];
  if (spec.source?.helm?.valuesObject) found.push({ path: 'spec.source.helm.valuesObject', values: spec.source.helm.valuesObject });
  (spec.sources ?? []).forEach((s, i) => s.helm?.valuesObject && found.push({ path: `spec.sources[${i}].helm.valuesObject`, values: s.helm.valuesObject }));
  return found;
}

/** Every `resources: { requests/limits }` block in a values tree, with its path. */
function resourcesBlocks(values: unknown, path: string): ResourcesBlock[] {
  if (!values || typeof values !== 'object') return [];
  if (Array.isArray(values)) return values.flatMap((v, i) => resourcesBlocks(v, `${path}[${i}]`));
  return Object.entries(values).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    const isBlock = key === 'resources' && v && typeof v === 'object' && ('requests' in v || 'limits' in v);
    return isBlock ? [{ path: here, value: v as ResourcesBlock['value'] }] : resourcesBlocks(v, here);
  });
}
