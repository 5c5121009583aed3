/**
 * Every platform pod counted and held to the tier policy (issue 12): the chart profile logic
 * (null CPU-limit parameters only where the chart defaults a limit, resources as Helm merges
 * them), the parameters of the rendered Applications, a pinned version without its profile,
 * DaemonSets on every node they tolerate, GPU operands on GPU nodes only, the tiny-cluster
 * refusal and the CPU-limit safety net.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { render, type SynthResult } from '../pipeline/synth';
import { cpuMillis } from '../lib/config';
import { VerifyError, type Finding } from '../lib/verify';
import type { Schedule } from '../lib/verify/scheduling/simulate';
import type { PodSource } from '../lib/verify/pods';
import { UTILITY_NAMES } from '../lib/config/utility-defaults';
import { chartRepoUrl } from '../lib/platform/helm';
import { cpuLimitRemovals, predictWorkloads, HELM_HOOK, OPERAND, PREDICTED_FROM } from '../lib/platform/predict';
import { type ChartProfile, count, on } from '../lib/platform/profile';
import { profileOf } from '../lib/platform/profiles';
import { CHARTS } from '../lib/platform/versions';
import type { K8sObject } from '../lib/objects/object';
import { podTemplateOf } from '../lib/objects/pods';
import { EXAMPLES, scratchProject } from './helpers';

const Mi = 2 ** 20;
const header = (name: string) => `name: ${name}\nkubernetes: { version: "1.34" }\ngitops: { repoURL: https://git.example.com/${name}.git }\n`;
const POOL = 'network:\n  pools:\n    lan: { addresses: [10.0.0.200-10.0.0.210] }\n';

/** Findings (warnings, or the errors that stopped synth) and the schedule when synth went through. */
function outcome(clusters: Record<string, string>): { findings: Finding[]; result?: SynthResult } {
  try {
    const result = render(scratchProject(clusters));
    return { findings: [...result.warnings], result };
  } catch (e) {
    if (e instanceof VerifyError) return { findings: [...e.findings] };
    throw e;
  }
}

const sourcesOf = (s: Schedule, app: string) => [...s.resources.keys()].filter((src) => src.app === app);
const named = (sources: PodSource[], name: string) => sources.find((src) => src.object.metadata.name === name)!;
/** What one pod of a source adds to a node's footprint. */
const onePod = (s: Schedule, src: PodSource) => ({ ...s.resources.get(src)!.requests, pods: 1 });
/** The pod spec of a predicted object, read as every check reads one. */
const podSpec = (o: K8sObject): any => podTemplateOf(o)!.spec;

describe('chart profile logic', () => {
  const chart = { repo: 'https://charts.example.com', chart: 'demo', version: '1.0.0' };
  const profile: ChartProfile = {
    version: '1.0.0',
    workloads: [
      {
        kind: 'Deployment',
        name: 'demo-controller',
        replicas: count('controller.replicas', 2),
        tolerations: {
          values: 'controller.tolerations',
          chartDefault: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
          fixed: [{ key: 'fixed', operator: 'Exists' }],
        },
        containers: [
          {
            name: 'init',
            init: true,
            resources: 'controller.init',
            chartDefault: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          },
          { name: 'main', resources: 'controller.resources', chartDefault: {} },
          { name: 'sidecar', resources: 'controller.sidecar', chartDefault: { requests: { cpu: '5m' }, limits: { memory: '50Mi' } } },
          { name: 'hardcoded', chartDefault: { limits: { cpu: '200m' } } },
        ],
      },
      {
        kind: 'DaemonSet',
        name: 'demo-agent',
        when: on('agent.enabled', false),
        tolerations: 'agent.tolerations',
        containers: [{ name: 'agent', resources: 'controller.init' }],
      },
      {
        kind: 'Job',
        name: 'demo-migrate',
        hook: 'post-upgrade',
        when: on('migrate.enabled', true),
        tolerations: [{ operator: 'Exists' }],
        containers: [{ name: 'migrate' }],
      },
      { kind: 'DaemonSet', name: 'demo-operand', operand: true, containers: [{ name: 'operand' }] },
    ],
  };
  const ours = { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '64Mi' } };
  const predict = (values: Record<string, unknown>) => predictWorkloads(chart, profile, values, cpuLimitRemovals(profile, values), 'ns');
  const workload = (values: Record<string, unknown>, name: string) => predict(values).find((w) => w.metadata.name === name);
  const container = (values: Record<string, unknown>, name: string) =>
    [...(podSpec(workload(values, 'demo-controller')!).initContainers ?? []), ...podSpec(workload(values, 'demo-controller')!).containers].find(
      (c: any) => c.name === name,
    );

  test('a null CPU-limit parameter only for a values path whose chart default has a CPU limit, once per path', () => {
    // not for `{}`, a memory-only limit, or a hard-coded limit no value reaches; controller.init sizes two containers
    expect(cpuLimitRemovals(profile, {})).toEqual([{ name: 'controller.init.limits.cpu', value: 'null' }]);
    expect(
      cpuLimitRemovals(
        { version: '1', workloads: [{ kind: 'Deployment', name: 'x', containers: [{ name: 'x', resources: 'resources', chartDefault: {} }] }] },
        {},
      ),
    ).toEqual([]);
  });

  test("resources are the chart's defaults merged with our values, the nulled CPU limit removed", () => {
    const values = { controller: { init: ours, resources: ours, sidecar: { requests: { memory: '20Mi' } } } };
    expect(container(values, 'init').resources).toEqual(ours);
    expect(container({}, 'init').resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } });
    expect(container(values, 'main').resources).toEqual(ours);
    expect(container({}, 'main').resources).toEqual({});
    expect(container(values, 'sidecar').resources).toEqual({ requests: { cpu: '5m', memory: '20Mi' }, limits: { memory: '50Mi' } });
    // nothing removes what the template hard-codes: the platform/cpu-limit rule (or Kyverno) must deal with it
    expect(container(values, 'hardcoded').resources).toEqual({ limits: { cpu: '200m' } });
    expect(workload({}, 'demo-agent')).toBeUndefined();
  });

  test('no removal for a workload that does not render, nor where Helm keeps the null (a subchart-named key): the limit stays', () => {
    const kept: ChartProfile = {
      version: '1',
      workloads: [
        {
          kind: 'Job',
          name: 'off',
          when: on('off.enabled', false),
          containers: [{ name: 'x', resources: 'off.resources', chartDefault: { limits: { cpu: '100m' } } }],
        },
        {
          kind: 'Job',
          name: 'migrate',
          containers: [{ name: 'cli', resources: 'crds.migration.podResources', chartDefault: { limits: { cpu: '100m' } }, keepsNull: true }],
        },
      ],
    };
    expect(cpuLimitRemovals(kept, {})).toEqual([]);
    expect(cpuLimitRemovals(kept, { off: { enabled: true } })).toEqual([{ name: 'off.resources.limits.cpu', value: 'null' }]);
    const forced = [{ name: 'crds.migration.podResources.limits.cpu', value: 'null' }];
    // as real Helm renders it: the null stays in the merged values, and the API server would refuse it
    expect(podSpec(predictWorkloads(chart, kept, {}, forced, 'ns')[0]).containers[0].resources).toEqual({ limits: { cpu: null } });
  });

  test('a null parameter on a path whose chart default has no such key renders a literal null, as Helm does', () => {
    const bad = [{ name: 'controller.resources.limits.cpu', value: 'null' }];
    const main = podSpec(predictWorkloads(chart, profile, { controller: { resources: ours } }, bad, 'ns')[0]).containers.find((c: any) => c.name === 'main');
    expect(main.resources).toEqual({ requests: ours.requests, limits: { memory: '64Mi', cpu: null } });
  });

  test('`when` and `count` fall back to the chart defaults when our values do not set them', () => {
    const names = (values: Record<string, unknown>) => predict(values).map((w) => w.metadata.name);
    expect(names({})).toEqual(['demo-controller', 'demo-migrate', 'demo-operand']);
    expect(names({ agent: { enabled: true }, migrate: { enabled: false } })).toEqual(['demo-controller', 'demo-agent', 'demo-operand']);
    expect((workload({}, 'demo-controller')!.spec as any).replicas).toBe(2);
    expect((workload({ controller: { replicas: 3 } }, 'demo-controller')!.spec as any).replicas).toBe(3);
  });

  test('hooks and operands are annotated with where they come from', () => {
    const hook = workload({}, 'demo-migrate')!;
    expect(hook).toMatchObject({ kind: 'Job', metadata: { namespace: 'ns', annotations: { [HELM_HOOK]: 'post-upgrade', [PREDICTED_FROM]: 'demo@1.0.0' } } });
    expect(workload({}, 'demo-operand')!.metadata.annotations).toEqual({ [PREDICTED_FROM]: 'demo@1.0.0', [OPERAND]: 'true' });
    expect(workload({}, 'demo-controller')!.metadata.annotations?.[HELM_HOOK]).toBeUndefined();
  });

  test('tolerations: fixed ones, plus ours at the values path or else the chart default', () => {
    const tolerations = (values: Record<string, unknown>, name = 'demo-controller') => podSpec(workload(values, name)!).tolerations;
    const fixed = { key: 'fixed', operator: 'Exists' };
    expect(tolerations({})).toEqual([fixed, { key: 'CriticalAddonsOnly', operator: 'Exists' }]);
    expect(tolerations({ controller: { tolerations: [{ key: 'gpu', operator: 'Exists' }] } })).toEqual([fixed, { key: 'gpu', operator: 'Exists' }]);
    expect(tolerations({ controller: { tolerations: [] } })).toEqual([fixed]);
    expect(tolerations({ agent: { enabled: true, tolerations: [{ operator: 'Exists' }] } }, 'demo-agent')).toEqual([{ operator: 'Exists' }]);
    expect(tolerations({}, 'demo-migrate')).toEqual([{ operator: 'Exists' }]);
  });
});

describe('the rendered reference clusters', () => {
  let reference: SynthResult;
  beforeAll(() => {
    reference = render(EXAMPLES);
  });

  test('a null Helm parameter only removes a CPU limit the chart defines, and every such limit is removed', () => {
    const applications = [...reference.files].filter(([path]) => /^dist\/[^/]+\/apps\/application-.*\.yaml$/.test(path)).map(([, text]) => load(text) as any);
    const helmSources = applications.flatMap((a) => (a.spec.sources ?? []).filter((s: any) => s.helm).map((s: any) => ({ app: a.metadata.name, ...s })));
    expect(helmSources.length).toBeGreaterThanOrEqual(30);
    let nulls = 0;
    for (const source of helmSources) {
      const chart = Object.values(CHARTS).find((c) => chartRepoUrl(c) === source.repoURL && (source.chart ?? c.chart) === c.chart)!;
      const { profile, problem } = profileOf({ ...chart, version: source.targetRevision });
      expect({ app: source.app, problem }).toEqual({ app: source.app, problem: undefined });
      // the containers of the workloads that render, where a null really deletes a chart-default CPU limit
      const rendered = profile!.workloads.filter((w) => w.when?.(source.helm.valuesObject) ?? true);
      const limited = new Set(
        rendered
          .flatMap((w) => w.containers)
          .filter((c) => c.resources && !c.keepsNull && c.chartDefault?.limits?.cpu)
          .map((c) => `${c.resources}.limits.cpu`),
      );
      const parameters: { name: string; value: string }[] = source.helm.parameters ?? [];
      for (const p of parameters.filter((p) => p.value === 'null')) {
        nulls++;
        expect({ app: source.app, parameter: p.name, chartDefaultsACpuLimit: limited.has(p.name) }).toEqual({
          app: source.app,
          parameter: p.name,
          chartDefaultsACpuLimit: true,
        });
      }
      expect(parameters.map((p) => p.name).sort()).toEqual([...limited].sort());
      expect(JSON.stringify(source.helm.valuesObject)).not.toContain('null');
    }
    expect(nulls).toBeGreaterThan(0); // descheduler, the GPU operator and kyverno have some
  });

  test('the safety net: tier-no-cpu-limits removes CPU limits from every container and init container in every tier namespace', () => {
    const homelab = reference.clusters.find((c) => c.name === 'homelab')!;
    const policy = load(reference.files.get('dist/homelab/tier-policies/clusterpolicy-tier-no-cpu-limits.yaml')!) as any;
    expect(policy).toMatchObject({ kind: 'ClusterPolicy', metadata: { name: 'tier-no-cpu-limits' } });
    const [rule] = policy.spec.rules;
    const { resources } = rule.match.any[0];
    expect(resources.kinds).toEqual(['Pod']);
    expect(resources.namespaces.sort()).toEqual(
      Object.keys(homelab.tiers)
        .map((t) => `${t}-*`)
        .sort(),
    );
    const patches = rule.mutate.foreach.map((f: any) => load(f.patchesJson6902));
    expect(patches).toEqual([
      [{ op: 'remove', path: '/spec/containers/{{elementIndex}}/resources/limits/cpu' }],
      [{ op: 'remove', path: '/spec/initContainers/{{elementIndex}}/resources/limits/cpu' }],
    ]);
    // every utility namespace of a tier is covered (Argo CD's own namespace is outside the tiers)
    const covered = (ns: string) => resources.namespaces.some((p: string) => ns.startsWith(p.replace(/\*$/, '')));
    const uncovered = Object.values(homelab.utilities)
      .filter((u) => u.enabled && !covered(u.namespace))
      .map((u) => u.namespace);
    expect(uncovered).toEqual([homelab.gitops.argocdNamespace]);
  });

  test('without kyverno (no safety net), no reference chart keeps a CPU limit', () => {
    const withoutKyverno = Object.fromEntries(
      ['homelab', 'pi', 'ryzen'].map((c) => [
        c,
        readFileSync(join(EXAMPLES, 'clusters', c, 'cluster.yaml'), 'utf8').replace(/^utilities:\n/m, 'utilities:\n  kyverno: { enabled: false }\n'),
      ]),
    );
    const { findings, result } = outcome(withoutKyverno);
    expect(findings.filter((f) => f.rule.startsWith('platform/'))).toEqual([]);
    expect(result).toBeDefined();
    expect([...result!.files.keys()].filter((p) => p.includes('tier-no-cpu-limits'))).toEqual([]);
    expect(result!.trees.flatMap((t) => t.folders.map((f) => f.name))).not.toContain('kyverno');
  });
});

test('a pinned version without its profile is an error naming the profile to update', () => {
  const cluster = { lb: `${header('lb')}nodes:\n  n: { cpu: 8, memory: 16Gi }\n${POOL}` };
  const pinned = CHARTS.metallb.version;
  let findings: Finding[];
  try {
    (CHARTS.metallb as any).version = '9.9.9';
    findings = outcome(cluster).findings;
  } finally {
    (CHARTS.metallb as any).version = pinned;
  }
  const problems = findings.filter((f) => f.rule === 'platform/profile');
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ level: 'error', app: 'metallb' });
  expect(problems[0].message).toContain('lib/platform/profiles/metallb.ts');
  expect(problems[0].message).toContain('9.9.9');
  expect(problems[0].fix).toContain('lib/platform/profiles/metallb.ts');
  expect(outcome(cluster).findings.filter((f) => f.rule === 'platform/profile')).toEqual([]);
});

test('DaemonSets are counted on every node they tolerate, other chart pods only where they may run', () => {
  const cp = '  cp: { cpu: 4, memory: 8Gi, roles: [control-plane], taints: [{ key: node-role.kubernetes.io/control-plane, effect: NoSchedule }] }\n';
  const { result } = outcome({ ds: `${header('ds')}nodes:\n${cp}  w1: { cpu: 8, memory: 16Gi }\n  w2: { cpu: 8, memory: 16Gi }\n${POOL}` });
  const s = result!.schedules[0];
  const node = (name: string) => s.nodes.find((n) => n.name === name)!.platform;
  const spegel = named(sourcesOf(s, 'spegel'), 'spegel');
  const speaker = named(sourcesOf(s, 'metallb'), 'metallb-speaker');
  expect(s.podCounts.get(spegel)).toBe(3);
  expect(s.podCounts.get(speaker)).toBe(3);
  for (const n of ['cp', 'w1', 'w2']) expect(node(n).get('spegel')).toEqual(onePod(s, spegel));
  // the speaker tolerates the control-plane taint, the MetalLB controller does not
  expect(node('cp').get('metallb')).toEqual(onePod(s, speaker));
  expect(['w1', 'w2'].reduce((pods, n) => pods + node(n).get('metallb')!.pods, 0)).toBe(3);
  // Argo CD, Kyverno, the descheduler... tolerate no taint: only on the workers
  expect([...node('cp').keys()].sort()).toEqual(['metallb', 'spegel']);
  const onWorkers = new Set([...node('w1').keys(), ...node('w2').keys()]);
  for (const u of ['argocd', 'kyverno', 'descheduler', 'reloader', 'vpa', 'goldilocks']) expect(onWorkers).toContain(u);
});

test("the GPU operator's operands run on GPU nodes only; NFD's worker on every node", () => {
  const gpu = '  gpu: { cpu: 16, memory: 32Gi, labels: { nvidia.com/gpu.present: "true" }, gpus: { count: 1 } }\n';
  const { result } = outcome({ gpu: `${header('gpu')}nodes:\n${gpu}  plain: { cpu: 8, memory: 16Gi }\n` });
  const s = result!.schedules[0];
  const footprint = (name: string) => s.nodes.find((n) => n.name === name)!.platform.get('gpu-operator')!;
  const sources = sourcesOf(s, 'gpu-operator');
  const operands = sources.filter((src) => src.object.metadata.annotations?.[OPERAND] === 'true');
  const worker = named(sources, 'gpu-operator-node-feature-discovery-worker');
  const replicated = sources.filter((src) => src.replicas !== 'per-node');
  expect(operands.map((o) => o.object.metadata.name).sort()).toEqual([
    'gpu-feature-discovery',
    'nvidia-container-toolkit-daemonset',
    'nvidia-dcgm-exporter',
    'nvidia-device-plugin-daemonset',
    'nvidia-driver-daemonset',
    'nvidia-operator-validator',
  ]);
  for (const o of operands) expect(s.podCounts.get(o)).toBe(1);
  expect(s.podCounts.get(worker)).toBe(2);
  const operandMemory = operands.reduce((m, o) => m + s.resources.get(o)!.requests.memory, 0);
  expect(operandMemory).toBeGreaterThan(2048 * Mi); // unsized init containers get the LimitRange default
  // the GPU node carries every operand and the worker (plus any Deployment the scheduler put there)
  expect(footprint('gpu').pods).toBeGreaterThanOrEqual(operands.length + 1);
  expect(footprint('gpu').memory).toBeGreaterThanOrEqual(operandMemory + s.resources.get(worker)!.requests.memory);
  // the plain node: the worker and at most the Deployments, never an operand
  expect(footprint('plain').pods).toBeLessThanOrEqual(1 + replicated.length);
  const deployments = replicated.reduce((m, r) => m + s.resources.get(r)!.requests.memory, 0);
  expect(footprint('plain').memory).toBeLessThanOrEqual(s.resources.get(worker)!.requests.memory + deployments);
  expect(footprint('plain').memory).toBeGreaterThanOrEqual(s.resources.get(worker)!.requests.memory);
});

test('a 1 CPU / 2 GiB node refuses the default utilities, naming those that do not fit and what to do', () => {
  const { findings, result } = outcome({ tiny: `${header('tiny')}nodes:\n  only: { cpu: 1, memory: 2Gi }\n` });
  expect(result).toBeUndefined();
  const unschedulable = findings.filter((f) => f.rule === 'scheduling/unschedulable');
  expect(unschedulable.length).toBeGreaterThan(0);
  const utilities = new Set(unschedulable.map((f) => f.app));
  // Argo CD alone asks for more memory than the node has
  expect([...utilities]).toEqual(expect.arrayContaining(['argocd', 'kyverno']));
  for (const f of unschedulable) {
    expect(UTILITY_NAMES).toContain(f.app);
    expect(f.level).toBe('error');
    expect(f.message).toMatch(/Insufficient (memory|cpu)/);
    expect(f.fix).toMatch(/utilities\.|bigger node|disable/);
  }
});

test("a utility's quota grows with the nodes its DaemonSets run on: twelve GPU nodes do not exceed the GPU operator's namespace", () => {
  const nodes = Array.from({ length: 12 }, (_, i) => `  gpu${i}: { cpu: 16, memory: 64Gi, gpus: { count: 1 } }`).join('\n');
  const result = render(
    scratchProject({ many: `name: many\nkubernetes: { version: "1.34" }\ngitops: { repoURL: https://git.example.com/many.git }\nnodes:\n${nodes}\n` }),
  );
  expect(result.warnings.filter((f) => f.level === 'error')).toEqual([]);
  const quota = result.trees[0].folders.find((f) => f.name === 'gpu-operator')!.objects.find((o) => o.kind === 'ResourceQuota') as any;
  // six operands of about 500m each (their init containers take the LimitRange default) on twelve nodes: above the tier's 16 CPUs
  expect(cpuMillis(quota.spec.hard['requests.cpu'])).toBeGreaterThan(16_000);
});
