/**
 * Synth places pods as the default kube-scheduler scores nodes. The case the real scheduler
 * showed: the roomiest node is a GPU node tainted PreferNoSchedule; a non-GPU app of higher
 * priority is placed first, and the GPU app fits only if the other app went elsewhere. Placing by
 * room alone puts the first app on the GPU node and refuses a cluster the scheduler runs.
 */
import { render } from '../pipeline/synth';
import { VerifyError, type Finding } from '../lib/verify';
import { schedule } from '../lib/verify/scheduling/simulate';
import { NO_UTILITIES, scratchProject } from './helpers';

function cluster(smallMemory: string): string {
  return `name: steer
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/steer.git }
nodes:
  gpu:
    cpu: 16
    memory: 19Gi
    labels: { nvidia.com/gpu.present: "true" }
    taints: [{ key: nvidia.com/gpu, value: "true", effect: PreferNoSchedule }]
    gpus: { count: 1 }
  small: { cpu: 8, memory: ${smallMemory} }
${NO_UTILITIES}apps:
  gitea:
    image: gitea/gitea:1.22.6
    tier: 1-cluster
    memory: 4Gi
    strategy: Recreate
  ollama:
    image: ollama/ollama:0.5.7
    tier: 2-gpu
    gpus: 1
    memory: 16Gi
`;
}

function outcome(text: string) {
  try {
    const result = render(scratchProject({ steer: text }));
    return { findings: [...result.warnings] as Finding[], schedule: result.schedules[0] };
  } catch (e) {
    if (e instanceof VerifyError) return { findings: [...e.findings], schedule: undefined };
    throw e;
  }
}

describe('scheduler scoring', () => {
  test('a pod that does not tolerate a PreferNoSchedule taint goes elsewhere, leaving the GPU node to the GPU app', () => {
    const { findings, schedule: s } = outcome(cluster('16Gi'));
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    const memoryOn = (node: string) => s!.nodes.find((n) => n.name === node)!.byTier;
    // gitea (1-cluster) on the small node although the GPU node has more room; ollama on the GPU node
    expect(memoryOn('small').get('1-cluster')?.memory).toBe(4 * 2 ** 30);
    expect(memoryOn('gpu').has('1-cluster')).toBe(false);
    expect(memoryOn('gpu').get('2-gpu')?.memory).toBe(16 * 2 ** 30);
  });

  test('still refuses what cannot run: when gitea fits only on the GPU node, the GPU app has no room', () => {
    const { findings } = outcome(cluster('2Gi'));
    const errors = findings.filter((f) => f.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'scheduling/unschedulable', app: 'ollama', object: 'Deployment/2-gpu-ollama/ollama' });
    expect(errors[0].message).toContain('Insufficient memory');
  });

  test('the schedule is the one verify uses', () => {
    const result = render(scratchProject({ steer: cluster('16Gi') }));
    expect(schedule(result.trees[0])).toBe(result.schedules[0]);
  });
});

test('a node with gpus carries the label GPU feature discovery sets, so a GPU app finds it without repeating the label', () => {
  const file = (operator: boolean) => `name: steer
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/g.git }
nodes:
  n1: { cpu: 16, memory: 64Gi, gpus: { count: 1 } }
utilities: { gpu-operator: { enabled: ${operator} } }
apps:
  ollama: { image: "ollama/ollama:0.5.7", tier: 2-gpu, gpus: 1, memory: 8Gi }
`;
  expect(outcome(file(true)).findings.filter((f) => f.level === 'error')).toEqual([]);
  // without the GPU operator nothing labels the node, and the app's node selector matches nothing
  expect(outcome(file(false)).findings.find((f) => f.level === 'error')?.message).toContain("didn't match Pod's node affinity/selector");
});
