/**
 * The tier policy for what third-party charts create: every container, init container and hook
 * of every utility's chart (and the GPU operator's operands), as its profile predicts Helm will
 * render it with our values, must reach the cluster with a CPU and a memory request (its own or
 * the namespace's LimitRange default), no CPU limit and no null value. A CPU limit that no value
 * can remove is allowed only where the Kyverno safety net (`tier-no-cpu-limits`, a mutate policy)
 * removes it at admission. A chart pinned at a version its profile does not describe is an error.
 */
import type { K8sObject } from '../../gitops/collect';
import { namespaceLimits } from '../objects';
import { OPERAND, PREDICTED_FROM } from '../../platform/predict';
import { NO_CPU_LIMITS_POLICY } from '../../tiers/kyverno-policies';
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import { isHook } from '../pods';
import { containersOf, podTemplateOf } from '../../objects/pods';
import { podResources } from '../../objects/resources';
import type { Rule } from '../rule';

export const platformPods: Rule = (tree) => {
  const cluster = tree.cluster.name;
  const findings: Finding[] = [];
  const objects = [...tree.folders.flatMap((f) => f.objects), ...tree.bootstrap];
  const limitRanges = namespaceLimits(tree);
  const strippedAt = cpuLimitsRemovedIn(objects);
  for (const folder of tree.folders) {
    if (!folder.helm) continue;
    const { chart, problem } = folder.helm;
    if (problem) {
      findings.push({
        level: 'error',
        rule: 'platform/profile',
        cluster,
        app: folder.name,
        object: `Application/${folder.name}`,
        field: 'spec.sources.targetRevision',
        message: problem.message,
        fix: problem.fix,
      });
    }
    for (const object of folder.helm.workloads) {
      const pod = podTemplateOf(object)!;
      const namespace = object.metadata.namespace ?? '';
      const admitted = podResources(pod, limitRanges.get(namespace));
      const what = `${isHook(object) ? 'hook ' : object.metadata.annotations?.[OPERAND] ? 'operand ' : ''}${object.kind} ${object.metadata.name} (${object.metadata.annotations?.[PREDICTED_FROM] ?? chart.chart})`;
      containersOf(pod).forEach(({ container, path }, i) => {
        const at = (rule: string, field: string, message: string, fix: string) =>
          findings.push({
            level: 'error',
            rule: `platform/${rule}`,
            cluster,
            app: folder.name,
            object: objectRef(object),
            field: `${path}.resources.${field}`,
            message,
            fix,
          });
        const resources = container.resources ?? {};
        for (const side of ['requests', 'limits'] as const) {
          for (const [r, v] of Object.entries(resources[side] ?? {})) {
            if (v === null || v === undefined)
              at(
                'null-resource',
                `${side}.${r}`,
                `container "${container.name}" of ${what} would render ${side}.${r}: null, which the API server rejects`,
                `remove the null from the chart's values (a null only deletes a key the chart's defaults define)`,
              );
          }
        }
        const cpuLimit = resources.limits?.cpu;
        if (cpuLimit != null && !strippedAt(namespace)) {
          at(
            'cpu-limit',
            'limits.cpu',
            `container "${container.name}" of ${what} keeps a CPU limit of ${cpuLimit}, which throttles it through CFS even when CPUs are idle`,
            'size it through the values path its profile names, or enable kyverno so the tier-no-cpu-limits policy removes the limit at admission in tier namespaces',
          );
        }
        const requests = admitted.containers[i].requests;
        for (const r of ['cpu', 'memory']) {
          if (!(r in requests))
            at(
              'request',
              `requests.${r}`,
              `container "${container.name}" of ${what} has no ${r} request and its namespace ${namespace} has no LimitRange default`,
              `size it in the utility's values, or give the namespace a LimitRange with defaultRequest.${r}`,
            );
        }
      });
    }
  }
  return findings;
};

/** The namespaces where the Kyverno safety net strips CPU limits at admission, read off its ClusterPolicy. */
function cpuLimitsRemovedIn(objects: readonly K8sObject[]): (namespace: string) => boolean {
  const policy = objects.find((o) => o.kind === 'ClusterPolicy' && o.metadata.name === NO_CPU_LIMITS_POLICY);
  const rules: any[] = (policy?.spec as any)?.rules ?? [];
  const patterns: string[] = rules.filter((r) => r.mutate).flatMap((r) => (r.match?.any ?? []).flatMap((m: any) => m.resources?.namespaces ?? []));
  const matchers = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ),
  );
  return (namespace) => matchers.some((m) => m.test(namespace));
}
