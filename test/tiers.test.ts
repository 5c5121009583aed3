/**
 * Tiers as Kubernetes will enforce them: namespace objects with exactly the table's numbers, one
 * PriorityClass per tier, tier QoS on every container, and no way for a LimitRange or
 * ResourceQuota to inject or demand a CPU limit.
 */
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { DEFAULT_TIERS, type ClusterModel } from '../lib/config';
import { k8s } from '../lib/k8s';
import { AppChart } from '../lib/gitops/app-chart';
import type { K8sObject } from '../lib/gitops/collect';
import { render, synth } from '../pipeline/synth';
import { cpuWithHeadroom, memoryWithHeadroom } from '../lib/config/headroom';
import { TierKyvernoPolicies } from '../lib/tiers/kyverno-policies';
import { limitRangeSpec, resourceQuotaSpec } from '../lib/tiers/policy-objects';
import { qosClass } from '../lib/tiers/qos';
import { VerifyError, type Finding } from '../lib/verify';
import { tierHelmValues } from '../lib/verify/rules/tier-helm-values';
import { tierPolicy } from '../lib/verify/rules/tier-policy';
import { generated, scratchProject } from './helpers';

/** A cluster with one app in each tier (a GPU node for the GPU app). */
const CLUSTER = `
name: tiered
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/tiered.git }
nodes:
  cpu1: { cpu: 16, memory: 64Gi }
  gpu1:
    cpu: 16
    memory: 64Gi
    labels: { nvidia.com/gpu.present: "true" }
    taints: [{ key: nvidia.com/gpu, value: "true", effect: PreferNoSchedule }]
    gpus: { count: 3 }
apps:
  dns: { image: coredns/coredns:1.12.0, tier: 0-core, memory: 1Gi }
  git: { image: gitea/gitea:1.23.1, tier: 1-cluster, upperBound: { cpu: 250m, memory: 1Gi } }
  llm: { image: ollama/ollama:0.5.7, tier: 2-gpu, gpus: 1, upperBound: { memory: 8Gi } }
  proxy: { image: traefik:v3.3.2, tier: 3-edge, memory: 128Mi, memoryLimit: 256Mi }
  rss: { image: freshrss/freshrss:1.26.3, tier: 4-aux }
`;

const result = render(scratchProject({ tiered: CLUSTER }));
const tree = result.trees[0];
const all = tree.folders.flatMap((f) => f.objects);
const find = (kind: string, namespace: string | undefined, name: string) =>
  all.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name) as K8sObject & { spec: any };

describe.each(Object.entries(DEFAULT_TIERS))('tier %s', (tier, spec) => {
  const app = { '0-core': 'dns', '1-cluster': 'git', '2-gpu': 'llm', '3-edge': 'proxy', '4-aux': 'rss' }[tier]!;
  const ns = `${tier}-${app}`;

  test('the namespace is labelled for its tier, Pod Security and Goldilocks', () => {
    expect(find('Namespace', undefined, ns).metadata.labels).toMatchObject({
      'homelab.dev/tier': tier,
      'goldilocks.fairwinds.com/enabled': 'true',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  test("the LimitRange has exactly the table's numbers and nothing about CPU but the default request", () => {
    expect(find('LimitRange', ns, 'tier-defaults').spec).toEqual({
      limits: [
        {
          type: 'Container',
          defaultRequest: { cpu: spec.cpu.defaultRequest, memory: spec.memory.defaultRequest },
          default: { memory: spec.memory.defaultLimit },
          max: { memory: spec.memory.max },
        },
      ],
    });
  });

  test("the ResourceQuota has exactly the table's numbers, requests only for CPU, GPUs only in the GPU tier", () => {
    expect(find('ResourceQuota', ns, 'tier-quota').spec.hard).toEqual({
      'requests.cpu': spec.quota.cpu,
      'requests.memory': spec.quota.memory,
      'limits.memory': spec.quota.memoryLimits,
      pods: String(spec.quota.pods),
      'requests.nvidia.com/gpu': spec.gpu ? '3' : '0',
    });
  });

  test("a PriorityClass carries the tier's value and preemption policy, and the pods use it", () => {
    expect(find('PriorityClass', undefined, tier)).toMatchObject({ value: spec.priority, preemptionPolicy: spec.preemptionPolicy, globalDefault: false });
    expect(find('Deployment', ns, app).spec.template.spec.priorityClassName).toBe(tier);
  });

  test('every container has a CPU request, no CPU limit, and the tier memory rule', () => {
    for (const c of find('Deployment', ns, app).spec.template.spec.containers) {
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.limits.cpu).toBeUndefined();
      if (spec.memoryRequestEqualsLimit) expect(c.resources.limits.memory).toBe(c.resources.requests.memory);
    }
  });

  test('a recommend-only VPA watches the workload', () => {
    expect(find('VerticalPodAutoscaler', ns, app).spec).toEqual({
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
      updatePolicy: { updateMode: 'Off' },
    });
  });
});

test('the effective QoS class is Burstable, as the no-CPU-limit policy implies', () => {
  const pod = find('Deployment', '0-core-dns', 'dns').spec.template.spec;
  expect(qosClass(pod)).toBe('Burstable');
  expect(qosClass({ containers: [{ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] })).toBe('Guaranteed');
  expect(qosClass({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' } } }] })).toBe('Guaranteed');
  expect(qosClass({ containers: [{}], initContainers: [{ resources: { requests: { cpu: '1' } } }] })).toBe('Burstable');
  expect(qosClass({ containers: [{}] })).toBe('BestEffort');
});

describe('right-sizing from VPA upper bounds', () => {
  test('headroom is x1.2 for stable and x1.3 for volatile, rounded up', () => {
    expect(memoryWithHeadroom('1Gi', 'stable')).toBe('1229Mi');
    expect(memoryWithHeadroom('8Gi', 'volatile')).toBe('10650Mi');
    expect(cpuWithHeadroom('250m', 'stable')).toBe('300m');
    expect(cpuWithHeadroom(1, 'volatile')).toBe('1300m');
  });

  test('an app with upperBound gets them: x1.2 in tier 1, x1.3 in the GPU tier', () => {
    const git = find('Deployment', '1-cluster-git', 'git').spec.template.spec.containers[0].resources;
    expect(git).toEqual({ requests: { cpu: '300m', memory: '1229Mi' }, limits: { memory: '1229Mi' } });
    const llm = find('Deployment', '2-gpu-llm', 'llm').spec.template.spec.containers[0].resources;
    expect(llm.limits.memory).toBe('10650Mi');
    expect(llm.requests.memory).toBe('10650Mi');
  });
});

describe('no generated LimitRange or ResourceQuota can inject or demand a CPU limit', () => {
  // every value the schema allows for an override, at the extremes
  const overrides = [
    {},
    {
      cpu: { defaultRequest: '64' },
      memory: { defaultRequest: '1Mi', defaultLimit: '1Ti', max: '1Ti' },
      quota: { cpu: '1000', memory: '1Ti', memoryLimits: '1Ti', pods: 1 },
    },
  ];
  test.each(Object.keys(DEFAULT_TIERS))('tier %s, with any overrides', (name) => {
    for (const o of overrides) {
      const tier = {
        ...DEFAULT_TIERS[name],
        ...o,
        memory: { ...DEFAULT_TIERS[name].memory, ...o.memory },
        cpu: { ...DEFAULT_TIERS[name].cpu, ...o.cpu },
        quota: { ...DEFAULT_TIERS[name].quota, ...o.quota },
      };
      for (const l of limitRangeSpec(tier).limits) {
        expect(l).not.toHaveProperty('default.cpu');
        expect(l).not.toHaveProperty('max.cpu');
        expect(l).not.toHaveProperty('maxLimitRequestRatio');
      }
      const hard = resourceQuotaSpec(tier, tree.cluster).hard;
      expect(Object.keys(hard).filter((k) => k === 'cpu' || (k.startsWith('limits.') && k !== 'limits.memory'))).toEqual([]);
    }
  });

  test('the Kyverno policies generate the very same LimitRange and ResourceQuota data, for namespaces outside git only', () => {
    const chart = new Chart(new App(), 'test');
    new TierKyvernoPolicies(chart, 'p', tree.cluster);
    const policies = chart.toJson();
    const aux = policies.find((p: any) => p.metadata.name === 'tier-4-aux-defaults');
    expect(aux.spec.rules.map((r: any) => r.generate.data.spec)).toEqual([
      limitRangeSpec(DEFAULT_TIERS['4-aux']),
      resourceQuotaSpec(DEFAULT_TIERS['4-aux'], tree.cluster),
    ]);
    expect(aux.spec.rules[0].generate).toMatchObject({ generateExisting: true, synchronize: true, namespace: '{{request.object.metadata.name}}' });
    expect(aux.spec.rules[0].match.any[0].resources).toEqual({ kinds: ['Namespace'], names: ['4-aux-*'] });
    expect(aux.spec.rules[0].exclude.any[0].resources.selector.matchLabels).toEqual({ 'app.kubernetes.io/managed-by': 'homelab-gitops' });
    // the safety net: CPU limits removed at pod creation (JSON patch on Pods only, so Argo CD sees no drift)
    const strip = policies.find((p: any) => p.metadata.name === 'tier-no-cpu-limits');
    expect(strip.metadata.annotations).toEqual({ 'pod-policies.kyverno.io/autogen-controllers': 'none' });
    expect(strip.spec.rules[0].match.any[0].resources).toEqual({
      kinds: ['Pod'],
      operations: ['CREATE'],
      namespaces: Object.keys(DEFAULT_TIERS).map((t) => `${t}-*`),
    });
    expect(strip.spec.rules[0].mutate.foreach.map((f: any) => f.patchesJson6902)).toEqual([
      '- op: remove\n  path: /spec/containers/{{elementIndex}}/resources/limits/cpu',
      '- op: remove\n  path: /spec/initContainers/{{elementIndex}}/resources/limits/cpu',
    ]);
    // the rule checks Kyverno's generate data too
    const poisoned = structuredClone(aux);
    poisoned.spec.rules[0].generate.data.spec.limits[0].default.cpu = '1';
    poisoned.spec.rules[1].generate.data.spec.hard['limits.cpu'] = '8';
    const findings = tierPolicy({ ...tree, folders: [{ name: 'tier-policies', namespace: 'default', objects: [poisoned] }] });
    expect(findings.map((f) => f.field)).toEqual([
      'spec.rules[0].generate.data.spec.limits[0].default.cpu',
      'spec.rules[1].generate.data.spec.hard["limits.cpu"]',
    ]);
  });
});

describe('the tier rule on final objects catches what an escape hatch or a chart of one own slips in', () => {
  /** A chart of one's own in tier 4-aux (or `tier`), whose Deployment is then patched by `patch`. */
  const customChart = (tier: string, patch: (d: ApiObject) => void, extra?: (c: AppChart) => void) => (scope: any, cluster: ClusterModel) => {
    const chart = new AppChart(scope, { cluster, name: 'custom', namespace: `${tier}-custom` });
    const d = new k8s.KubeDeployment(chart, 'd', {
      metadata: { name: 'custom', namespace: `${tier}-custom` },
      spec: {
        selector: { matchLabels: { app: 'custom' } },
        template: {
          metadata: { labels: { app: 'custom' } },
          spec: {
            priorityClassName: tier,
            containers: [
              {
                name: 'main',
                image: 'nginx:1.27.3',
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('256Mi') },
                  limits: { memory: k8s.Quantity.fromString('256Mi') },
                },
              },
            ],
          },
        },
      },
    });
    patch(d);
    extra?.(chart);
  };
  const base = '/spec/template/spec/containers/0/resources';
  // Quantities, not plain strings: a patch runs before cdk8s maps the typed object, which turns a
  // plain value in a Quantity field into null (cdk8s #2172)
  const q = (v: string) => k8s.Quantity.fromString(v);
  const cases: [string, string, (d: ApiObject) => void, string, string][] = [
    [
      'a CPU limit',
      '4-aux',
      (d) => d.addJsonPatch(JsonPatch.add(`${base}/limits/cpu`, q('2'))),
      'tier/cpu-limit',
      'spec.template.spec.containers[0].resources.limits.cpu',
    ],
    [
      'memory request != limit in tier 1',
      '1-cluster',
      (d) => d.addJsonPatch(JsonPatch.replace(`${base}/limits/memory`, q('512Mi'))),
      'tier/memory-request-equals-limit',
      'spec.template.spec.containers[0].resources.limits.memory',
    ],
    [
      'no CPU request',
      '4-aux',
      (d) => d.addJsonPatch(JsonPatch.remove(`${base}/requests/cpu`)),
      'tier/cpu-request',
      'spec.template.spec.containers[0].resources.requests.cpu',
    ],
    [
      'a memory limit above the max',
      '4-aux',
      (d) => d.addJsonPatch(JsonPatch.replace(`${base}/limits/memory`, q('6Gi'))),
      'tier/memory-max',
      'spec.template.spec.containers[0].resources.limits.memory',
    ],
    [
      'a GPU outside the GPU tier',
      '4-aux',
      (d) => d.addJsonPatch(JsonPatch.add(`${base}/limits/nvidia.com~1gpu`, q('1'))),
      'tier/gpu-outside-gpu-tier',
      'spec.template.spec.containers[0].resources.limits.nvidia.com/gpu',
    ],
    [
      'an init container with a CPU limit',
      '4-aux',
      (d) =>
        d.addJsonPatch(
          JsonPatch.add('/spec/template/spec/initContainers', [
            {
              name: 'init',
              image: 'busybox:1.37.0',
              resources: { requests: { cpu: q('10m'), memory: q('32Mi') }, limits: { cpu: q('1'), memory: q('32Mi') } },
            },
          ]),
        ),
      'tier/cpu-limit',
      'spec.template.spec.initContainers[0].resources.limits.cpu',
    ],
    [
      'the wrong priority class',
      '4-aux',
      (d) => d.addJsonPatch(JsonPatch.replace('/spec/template/spec/priorityClassName', '0-core')),
      'tier/priority-class',
      'spec.template.spec.priorityClassName',
    ],
  ];

  test.each(cases)('%s is a synth error naming cluster, app, container and field; nothing is written', (_, tier, patch, rule, field) => {
    const root = scratchProject({ tiered: CLUSTER });
    synth({ root });
    const before = generated(root);
    let error: VerifyError | undefined;
    try {
      synth({ root, extraCharts: [customChart(tier, patch)] });
    } catch (e) {
      error = e as VerifyError;
    }
    if (!(error instanceof VerifyError)) throw error;
    const errors = error!.findings.filter((f: Finding) => f.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule, cluster: 'tiered', app: 'custom', object: `Deployment/${tier}-custom/custom`, field });
    expect(errors[0].message).toMatch(rule === 'tier/priority-class' ? /priority class "0-core", not its tier's "4-aux"/ : /^container "(main|init)"/);
    expect(generated(root)).toEqual(before);
  });

  test('a LimitRange with default.cpu slipped in by a chart is an error', () => {
    const addLimitRange = (c: AppChart) =>
      new k8s.KubeLimitRange(c, 'lr', {
        metadata: { name: 'sneaky', namespace: '4-aux-custom' },
        spec: { limits: [{ type: 'Container', default: { cpu: k8s.Quantity.fromString('1') } }] },
      });
    expect(() => render(scratchProject({ tiered: CLUSTER }), [customChart('4-aux', () => undefined, addLimitRange)])).toThrow(
      /\[tier\/limitrange-cpu\].*\n.*injects a CPU limit/,
    );
  });
});

describe('third-party charts: the resources set through Helm values follow the tier rules too', () => {
  const helmApp = (valuesObject: object): K8sObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'reloader', namespace: 'argocd' },
    spec: { sources: [{ repoURL: 'https://stakater.github.io/stakater-charts', chart: 'reloader', targetRevision: '2.2.7', helm: { valuesObject } }] },
  });
  const check = (values: object) => tierHelmValues({ ...tree, folders: [{ name: 'apps', namespace: 'argocd', objects: [helmApp(values)] }] });

  test('values with a CPU request, no CPU limit and memory request <= limit pass', () => {
    expect(check({ reloader: { deployment: { resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '128Mi' } } } } })).toEqual([]);
  });

  test('a CPU limit, a missing CPU request or memory request > limit anywhere in the values is an error', () => {
    const findings = check({
      controller: { resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } } },
      webhook: { sidecars: [{ resources: { requests: { memory: '256Mi' }, limits: { memory: '128Mi' } } }] },
    });
    expect(findings.map((f) => `${f.rule} ${f.field}`)).toEqual([
      'tier/cpu-limit spec.sources[0].helm.valuesObject.controller.resources.limits.cpu',
      'tier/cpu-request spec.sources[0].helm.valuesObject.webhook.sidecars[0].resources.requests.cpu',
      'tier/memory-request-above-limit spec.sources[0].helm.valuesObject.webhook.sidecars[0].resources.requests.memory',
    ]);
  });
});
