/**
 * Scheduling and capacity: every replica, every DaemonSet pod and every rolling-update surge pod
 * must find a node (lib/verify/scheduling/simulate.ts). What does not is an error worded like
 * the scheduler's own FailedScheduling event, with the workloads holding a contested GPU.
 */
import { type Finding } from '../finding';
import { objectRef } from '../../objects/identity';
import type { Rule } from '../rule';
import { schedule, type UnscheduledPod } from '../scheduling/simulate';

export const scheduling: Rule = (tree) => {
  const groups = new Map<string, UnscheduledPod[]>();
  for (const pod of schedule(tree).unscheduled) {
    const key = `${objectRef(pod.source.object)}|${pod.surge}|${pod.node ?? ''}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(pod);
  }
  // a workload whose replicas do not fit needs no second message about its surge
  const short = new Set([...groups.values()].filter(([p]) => !p.surge).map(([p]) => p.source));
  return [...groups.values()]
    .filter(([p]) => !p.surge || !short.has(p.source))
    .map((pods): Finding => {
      const [first] = pods;
      const { source } = first;
      const held = first.holders.length ? ` (held by ${first.holders.join(', ')})` : '';
      return {
        level: 'error',
        rule: 'scheduling/unschedulable',
        cluster: tree.cluster.name,
        app: source.app,
        object: objectRef(source.object),
        field: source.path,
        message: `${what(first, pods.length)} cannot be scheduled: ${first.message}${held}`,
        fix: fix(first),
      };
    });
};

function what(pod: UnscheduledPod, count: number): string {
  if (pod.source.predicted && pod.node) return `the ${pod.source.app} chart's pod for node ${pod.node}`;
  if (pod.node) return `the pod${pod.surge ? ' of a rolling update' : ''} for node ${pod.node}`;
  if (pod.surge) return `${count} rolling-update surge pod(s)`;
  return `${count} of ${pod.source.replicas} replica(s)`;
}

function fix(pod: UnscheduledPod): string {
  if (pod.source.predicted) {
    const u = pod.source.app;
    return `this pod comes from the ${u} utility's chart: give it a smaller footprint (utilities.${u}.resources), disable it (utilities.${u}.enabled: false), or add a bigger node to the inventory`;
  }
  if (pod.tooBig) return 'lower its requests: no node it may run on can hold it even when empty';
  if (pod.surge) return 'make room on the nodes, or update by stopping the old pod first (Deployment strategy.type: Recreate)';
  if (pod.holders.length)
    return 'there are not enough of that resource for every pod that asks for it: give it to fewer apps or replicas (with one GPU, only one app can hold it), or add one';
  if (pod.message.includes('Insufficient') || pod.message.includes('Too many pods'))
    return 'the nodes are full: lower requests or replicas, or add capacity to the node inventory';
  return "make its nodeSelector, node affinity and tolerations match some node's labels and taints in the cluster file";
}
