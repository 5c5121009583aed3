/**
 * The checks on final objects, the way users meet them: a cluster file and charts of one's own
 * (escape hatches included) in, findings out. Each describe renders once and asserts on its findings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ChartFactory } from '../charts';
import { IpAddressPool } from '../imports/metallb-ipaddresspools-metallb.io';
import { SealedSecret } from '../imports/sealed-secrets-bitnami.com';
import type { ClusterModel } from '../lib/config';
import { AppChart, type AppChartProps } from '../lib/gitops/app-chart';
import { k8s } from '../lib/k8s';
import { render, synth } from '../pipeline/synth';
import { VerifyError, type Finding } from '../lib/verify';
import { podResources } from '../lib/objects/resources';
import { gitopsTopology } from '../lib/verify/rules/gitops-topology';
import { capacityTable } from '../lib/verify/scheduling/table';
import { EXAMPLES, copyOfProject, generated, NO_UTILITIES, runSynth, scratchProject, writeFile } from './helpers';

/** A small homelab: a tainted control plane, a GPU node (PreferNoSchedule taint), a plain worker. */
const LAB = `name: lab
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/lab.git }
nodes:
  master:
    cpu: 4
    memory: 8Gi
    roles: [control-plane]
    taints: [{ key: node-role.kubernetes.io/control-plane, effect: NoSchedule }]
  gpu:
    cpu: 8
    memory: 32Gi
    labels: { nvidia.com/gpu.present: "true" }
    taints: [{ key: nvidia.com/gpu, value: "true", effect: PreferNoSchedule }]
    gpus: { count: 1, model: Tesla T4 }
  worker: { cpu: 4, memory: 16Gi }
`;

function findingsOf(cluster: string, charts: ChartFactory[]): Finding[] {
  try {
    return [...render(scratchProject({ lab: cluster }), charts).warnings];
  } catch (e) {
    if (e instanceof VerifyError) return [...e.findings];
    throw e;
  }
}

/** A chart of one's own: namespace `name` (outside the tiers, so only the generic rules govern it). */
function chart(name: string, build: (c: AppChart, ns: string) => void, props: Partial<AppChartProps> = {}): ChartFactory {
  return (scope: Construct, cluster: ClusterModel) => build(new AppChart(scope, { cluster, name, namespace: name, project: 'platform', ...props }), name);
}

const q = (v: string) => k8s.Quantity.fromString(v);

function deployment(c: Construct, ns: string, name: string, pod: Partial<k8s.PodSpec> = {}, spec: Partial<k8s.DeploymentSpec> = {}): k8s.KubeDeployment {
  const labels = { app: name };
  const container: k8s.Container = {
    name,
    image: 'nginx:1.27.3',
    resources: { requests: { cpu: q('100m'), memory: q('128Mi') }, limits: { memory: q('128Mi') } },
  };
  return new k8s.KubeDeployment(c, name, {
    metadata: { name, namespace: ns },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container], ...pod } }, ...spec },
  });
}

const gpuPod = (name: string): Partial<k8s.PodSpec> => ({
  nodeSelector: { 'nvidia.com/gpu.present': 'true' },
  containers: [
    {
      name,
      image: 'ollama/ollama:0.5.7',
      resources: { requests: { cpu: q('1'), memory: q('4Gi') }, limits: { memory: q('4Gi'), 'nvidia.com/gpu': k8s.Quantity.fromNumber(1) } },
    },
  ],
});

describe('the reference clusters', () => {
  const result = render(EXAMPLES, [], { previous: EXAMPLES });

  test('pass every check with no error and no warning, also against their own committed dist/', () => {
    expect(result.warnings).toEqual([]);
  });

  test('come with a per-node capacity table of requests by tier', () => {
    const homelab = result.trees.findIndex((t) => t.cluster.name === 'homelab');
    const table = capacityTable('homelab', result.schedules[homelab]);
    expect(table).toMatch(/^homelab: requests per node by tier/);
    expect(table).toMatch(/\nk8s-node1 +cpu +.*15750m/);
    expect(table).toMatch(/\n +nvidia\.com\/gpu +.* 3 /); // one T4, time-sliced three ways
    for (const node of ['k8s-master', 'k8s-node1', 'k8s-node2', 'k8s-node3', 'k8s-node4']) expect(table).toContain(`\n${node} `);
  });
});

describe('schema: every object against its Kubernetes or CRD schema, strictly', () => {
  const findings = findingsOf(LAB, [
    chart('extra', (c, ns) => {
      // a plain number patched into a Quantity field of a typed object: cdk8s loses it (cdk8s #2172)
      deployment(c, ns, 'web').addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', 1));
      // typed objects drop unknown fields; raw ApiObjects keep them
      const raw = {
        selector: { matchLabels: { app: 'raw' } },
        template: { metadata: { labels: { app: 'raw' } }, spec: { containers: [{ name: 'raw', image: 'nginx:1.27.3' }] } },
      };
      new ApiObject(c, 'raw', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'raw', namespace: ns }, spec: raw }).addJsonPatch(
        JsonPatch.add('/spec/replica', 2),
      );
      new ApiObject(c, 'old', { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'old', namespace: ns } });
      new k8s.KubeConfigMap(c, 'cm', { metadata: { name: 'settings' }, data: { a: 'b' } });
      new k8s.KubeClusterRole(c, 'role', { metadata: { name: 'reader', namespace: ns } });
      new k8s.KubeService(c, 'svc', { metadata: { name: 'Web_1', namespace: ns }, spec: { ports: [{ port: 80 }] } });
      new ApiObject(c, 'pool', {
        apiVersion: IpAddressPool.GVK.apiVersion,
        kind: IpAddressPool.GVK.kind,
        metadata: { name: 'lan', namespace: ns },
        spec: { addresses: ['192.0.2.0/28'], autoassign: false },
      });
    }),
  ]);
  const of = (object: string, field?: string) => findings.filter((f) => f.object === object && (field === undefined || f.field === field));

  test('an unknown field is an error, with a did-you-mean', () => {
    expect(of('Deployment/extra/raw', 'spec.replica')).toEqual([
      expect.objectContaining({ rule: 'schema/invalid', message: expect.stringContaining('unknown field "replica"'), fix: 'did you mean "replicas"?' }),
    ]);
  });

  test('a null quantity (a plain number patched over a typed object) is an error that names the cdk8s pitfall', () => {
    const [f] = of('Deployment/extra/web', 'spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]');
    expect(f.message).toBe('has no value (it would be left out of the YAML), expected a quantity');
    expect(f.fix).toContain('k8s.Quantity.fromNumber');
  });

  test('a kind that has no schema in that apiVersion is an error that names the served ones', () => {
    expect(of('Deployment/extra/old')).toEqual([expect.objectContaining({ rule: 'schema/unknown-kind', fix: 'use apiVersion apps/v1' })]);
  });

  test('a namespaced object says its namespace, a cluster-scoped one says none', () => {
    expect(of('ConfigMap/settings', 'metadata.namespace')[0].message).toContain('is namespaced but has no namespace');
    expect(of('ClusterRole/extra/reader', 'metadata.namespace')[0].message).toContain('is cluster-scoped');
  });

  test('a name the API server refuses is an error', () => {
    expect(of('Service/extra/Web_1', 'metadata.name')[0].message).toContain('must be a DNS label');
  });

  test('a custom resource is checked against its CRD', () => {
    expect(of('IPAddressPool/extra/lan', 'spec.autoassign')[0]).toMatchObject({ rule: 'schema/invalid', fix: 'did you mean "autoAssign"?' });
  });

  test('and nothing else is reported on those objects', () => {
    const schemaFindings = findings.filter((f) => f.rule.startsWith('schema/'));
    expect(schemaFindings).toHaveLength(7);
  });
});

test('a Kubernetes version without its own schema is checked against the nearest older one, with a warning', () => {
  const findings = findingsOf(LAB.replace('"1.34"', '"1.32"'), []);
  expect(findings).toEqual([expect.objectContaining({ level: 'warning', rule: 'schema/version', message: expect.stringContaining('checked against 1.30') })]);
});

describe('scheduling: every pod placed on the declared nodes the way the scheduler filters them', () => {
  // the utilities' own pods (counted elsewhere: test/platform-pods.test.ts) would blur these cases
  const bare = `${LAB}${NO_UTILITIES}`;
  const placed = (factory: ChartFactory) => render(scratchProject({ lab: bare }), [factory]).schedules[0];
  const errors = (factory: ChartFactory) => findingsOf(bare, [factory]).filter((f) => f.level === 'error');

  test('two GPU apps asking for the single T4: the second is an error worded like the scheduler, naming the holder', () => {
    const found = errors(
      chart('ml', (c, ns) => {
        deployment(c, ns, 'ollama', gpuPod('ollama'), { strategy: { type: 'Recreate' } });
        deployment(c, ns, 'comfyui', gpuPod('comfyui'), { strategy: { type: 'Recreate' } });
      }),
    );
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'scheduling/unschedulable',
        object: 'Deployment/ml/ollama',
        message:
          "1 of 1 replica(s) cannot be scheduled: 0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. (held by Deployment/ml/comfyui)",
      }),
    ]);
  });

  test("a GPU app's rolling update needs a second GPU: the surge is an error until it updates with Recreate", () => {
    const [f] = errors(chart('ml', (c, ns) => void deployment(c, ns, 'ollama', gpuPod('ollama'))));
    expect(f.message).toMatch(/^1 rolling-update surge pod\(s\) cannot be scheduled: 0\/3 nodes are available: 1 Insufficient nvidia.com\/gpu/);
    expect(f.fix).toContain('Recreate');
  });

  test('PreferNoSchedule never filters; a toleration with operator Exists and no effect tolerates the control plane', () => {
    const pod = (tolerations: k8s.Toleration[]) => ({
      tolerations,
      containers: [{ name: 'x', image: 'nginx:1.27.3', resources: { requests: { cpu: q('3500m'), memory: q('1Gi') }, limits: { memory: q('1Gi') } } }],
    });
    const factory = (extra: boolean) =>
      chart('ops', (c, ns) => {
        deployment(c, ns, 'a', pod([]), { replicas: 3, strategy: { type: 'Recreate' } }); // two on the gpu node, one on the worker
        deployment(c, ns, 'b', pod([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }]), { strategy: { type: 'Recreate' } });
        if (extra)
          deployment(c, ns, 'c', pod([{ key: 'node-role.kubernetes.io/control-plane', effect: 'PreferNoSchedule', operator: 'Exists' }]), {
            strategy: { type: 'Recreate' },
          });
      });
    const s = placed(factory(false));
    const cpu = Object.fromEntries(s.nodes.map((n) => [n.name, [...n.byTier.values()].reduce((sum, r) => sum + (r.cpu ?? 0), 0)]));
    expect(cpu).toEqual({ master: 3500, gpu: 7000, worker: 3500 });
    // a toleration for another effect does not tolerate NoSchedule
    expect(errors(factory(true))[0].message).toBe(
      '1 of 1 replica(s) cannot be scheduled: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
    );
  });

  test('a node selector on an arch no node has, and an untolerated taint, are the reasons', () => {
    const [f] = errors(chart('ops', (c, ns) => void deployment(c, ns, 'pi-only', { nodeSelector: { 'kubernetes.io/arch': 'arm64' } })));
    expect(f.message).toContain(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector.",
    );
    expect(f.fix).toContain('nodeSelector');
  });

  test('required node affinity counts like a node selector', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker'] }] }],
        },
      },
    };
    const s = placed(chart('ops', (c, ns) => void deployment(c, ns, 'pinned', { affinity }, { replicas: 2 })));
    expect(s.nodes.filter((n) => n.byTier.size).map((n) => n.name)).toEqual(['worker']);
  });

  test('a DaemonSet pod that does not fit on one node names that node', () => {
    const [f] = errors(
      chart('ops', (c, ns) => {
        const labels = { app: 'agent' };
        const resources = { requests: { cpu: q('100m'), memory: q('20Gi') }, limits: { memory: q('20Gi') } };
        new k8s.KubeDaemonSet(c, 'ds', {
          metadata: { name: 'agent', namespace: ns },
          spec: {
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image: 'busybox:1.37.0', resources }] } },
          },
        });
      }),
    );
    expect(f.message).toBe('the pod for node worker cannot be scheduled: 0/1 nodes are available: 1 Insufficient memory.');
  });

  test('a pod asks for the largest init container or the sum of its containers (sidecars stay running)', () => {
    const c = (cpu: string, restartPolicy?: string) => ({ name: cpu, resources: { requests: { cpu } }, ...(restartPolicy ? { restartPolicy } : {}) });
    const spec = { initContainers: [c('200m', 'Always'), c('2')], containers: [c('500m'), c('300m')] };
    expect(podResources({ spec, path: 'spec' } as any).requests.cpu).toBe(2200); // init 2 runs beside the 200m sidecar
  });
});

describe('quota fit: what a namespace runs fits its ResourceQuota and LimitRange', () => {
  const findings = findingsOf(LAB, [
    chart('team', (c, ns) => {
      new k8s.KubeResourceQuota(c, 'quota', {
        metadata: { name: 'quota', namespace: ns },
        spec: { hard: { pods: q('2'), 'requests.memory': q('1Gi'), 'limits.cpu': q('4') } },
      });
      new k8s.KubeLimitRange(c, 'limits', {
        metadata: { name: 'limits', namespace: ns },
        spec: { limits: [{ type: 'Container', defaultRequest: { memory: q('512Mi') }, max: { memory: q('1Gi') } }] },
      });
      const container = { name: 'web', image: 'nginx:1.27.3', resources: { requests: { cpu: q('100m') }, limits: { memory: q('2Gi') } } };
      deployment(c, ns, 'web', { containers: [container] }, { replicas: 2 });
    }),
  ]).filter((f) => f.rule.startsWith('quota/'));
  const on = (field: string) => findings.find((f) => f.field === field);

  test('replicas plus rolling-update surge above the pod quota', () => {
    expect(on('spec.hard["pods"]')!.message).toBe(
      "pods adds up to 3 in namespace team (every replica plus rolling-update surge), above the quota's 2: Deployment/team/web 3 × 1",
    );
  });

  test('requests count LimitRange defaults (and a request defaults to its limit)', () => {
    // no memory request: the limit (2Gi) becomes the request, before the LimitRange default could apply
    expect(on('spec.hard["requests.memory"]')!.message).toContain('requests.memory adds up to 6Gi');
  });

  test('a quota on limits.cpu rejects pods whose containers have no CPU limit', () => {
    expect(on('spec.template.spec.containers[0].resources.limits.cpu')).toMatchObject({
      rule: 'quota/undeclared',
      object: 'Deployment/team/web',
      fix: expect.stringContaining('requests.cpu'),
    });
  });

  test('a container limit above the LimitRange max', () => {
    expect(on('spec.template.spec.containers[0].resources.limits.memory')!.message).toBe(
      'container "web" has a memory limit of 2Gi, above LimitRange/team/limits\'s max 1Gi: the pod would be rejected',
    );
  });

  test('and nothing more', () => expect(findings).toHaveLength(4));
});

describe('secrets and images', () => {
  const findings = findingsOf(LAB, [
    chart('vault', (c, ns) => {
      new k8s.KubeSecret(c, 'secret', { metadata: { name: 'db', namespace: ns }, stringData: { password: 'hunter2' } });
      deployment(c, ns, 'web', { initContainers: [{ name: 'init', image: 'busybox', resources: { requests: { cpu: q('10m') } } }] });
    }),
  ]);

  test('a Secret with data is an error: secret values stay out of git', () => {
    expect(findings.find((f) => f.rule === 'secrets/plaintext')).toMatchObject({
      object: 'Secret/vault/db',
      field: 'stringData',
      fix: expect.stringContaining('ExternalSecret'),
    });
  });

  test('an unpinned image, init containers included', () => {
    expect(findings.find((f) => f.rule === 'images/unpinned')).toMatchObject({
      object: 'Deployment/vault/web',
      field: 'spec.template.spec.initContainers[0].image',
      message: expect.stringContaining('no tag'),
    });
  });
});

describe('GitOps topology: custom resources sync after the application that installs their CRDs', () => {
  const sealed = (c: Construct, ns: string) =>
    new SealedSecret(c, 'db', { metadata: { name: 'db', namespace: ns }, spec: { encryptedData: { password: 'AgB...' } } });
  const crdFindings = (...charts: ChartFactory[]) => findingsOf(LAB, charts).filter((f) => f.rule === 'gitops/crd-order');
  // the provider renders nothing of its own (its Helm chart would): give it a ConfigMap so it is not empty
  const provider = chart('sealed-secrets', (c, ns) => void new k8s.KubeConfigMap(c, 'cm', { metadata: { name: 'x', namespace: ns } }), {
    crds: ['bitnami.com'],
  });

  test('a group no application installs is an error', () => {
    expect(crdFindings(chart('vault', sealed))[0].message).toBe(
      'no application of this cluster installs the CRDs of bitnami.com, so Argo CD cannot create the SealedSecret',
    );
  });

  test("the user syncs after the provider (the dependency is derived); a wave forced back to the provider's is an error", () => {
    const tree = render(scratchProject({ lab: LAB }), [provider, chart('vault', sealed)]).trees[0];
    const apps = tree.folders.find((f) => f.name === 'apps')!;
    const wave = (app: string) => Number(apps.objects.find((a) => a.metadata.name === app)!.metadata.annotations!['argocd.argoproj.io/sync-wave']);
    expect(wave('vault')).toBeGreaterThan(wave('sealed-secrets'));
    const forced = structuredClone([...apps.objects]);
    forced.find((a) => a.metadata.name === 'vault')!.metadata.annotations!['argocd.argoproj.io/sync-wave'] = String(wave('sealed-secrets'));
    const findings = gitopsTopology({ ...tree, folders: tree.folders.map((f) => (f === apps ? { ...f, objects: forced } : f)) });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'gitops/crd-order',
        object: 'SealedSecret/vault/db',
        message: `syncs in wave ${wave('sealed-secrets')}, not after "sealed-secrets" (wave ${wave('sealed-secrets')}), which installs the CRDs of bitnami.com`,
        fix: expect.stringContaining('dependsOn'),
      }),
    ]);
  });

  test('a custom resource in the application that installs its CRDs is fine', () => {
    expect(crdFindings(chart('sealed-secrets', sealed, { crds: ['bitnami.com'] }))).toEqual([]);
  });
});

describe('destructive changes against the last synth (the committed dist/)', () => {
  const minimal = readFileSync(join(__dirname, 'fixtures', 'minimal.yaml'), 'utf8');
  const errorsOf = (run: () => unknown): Finding[] => {
    try {
      run();
    } catch (e) {
      if (e instanceof VerifyError) return e.findings.filter((f) => f.level === 'error');
      throw e;
    }
    return [];
  };

  test('a changed selector is an error until --allow-destroy names the object; a flag that names nothing is a warning', () => {
    const root = scratchProject({ mini: minimal });
    synth({ root });
    // the last synth rendered another selector (an older generator, a hand edit)
    const file = join(root, 'dist/mini/web/deployment-web.yaml');
    writeFile(file, readFileSync(file, 'utf8').replace(/(matchLabels:\n\s+)app\.kubernetes\.io\/name: web/, '$1app: web'));
    const before = generated(root);
    expect(errorsOf(() => synth({ root }))).toEqual([
      expect.objectContaining({
        rule: 'destructive/change',
        object: 'Deployment/4-aux-web/web',
        message:
          'changes spec.selector.matchLabels.app "web" → (none), spec.selector.matchLabels["app.kubernetes.io/name"] (none) → "web", which the API server does not allow to change; the sync would fail',
        fix: expect.stringContaining('npm run synth -- --allow-destroy Deployment/4-aux-web/web'),
      }),
    ]);
    expect(generated(root)).toEqual(before);
    const { warnings } = synth({ root, allowDestroy: ['Deployment/4-aux-web/web', 'Namespace/4-aux-webb'] });
    expect(warnings).toEqual([expect.objectContaining({ rule: 'destructive/unused-allow', object: 'Namespace/4-aux-webb' })]);
  });

  test('a claim that shrinks, changes class or moves to another application, and a removed StorageClass', () => {
    const claim = (app: string, size: string, storageClassName: string) =>
      chart(app, (c, ns) => {
        new k8s.KubePersistentVolumeClaim(c, 'pvc', {
          metadata: { name: 'data', namespace: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: q(size) } } },
        });
        new k8s.KubeConfigMap(c, 'cm', { metadata: { name: 'x', namespace: ns } });
      });
    const storageClass = chart('storage', (c) => void new k8s.KubeStorageClass(c, 'sc', { metadata: { name: 'nfs' }, provisioner: 'nfs.csi.k8s.io' }));
    const root = scratchProject({ mini: minimal });
    synth({ root, extraCharts: [claim('data', '10Gi', 'nfs'), storageClass] });
    const shrunk = errorsOf(() => synth({ root, extraCharts: [claim('data', '5Gi', 'fast')] }));
    expect(shrunk.map((f) => [f.object, f.field, f.message].filter(Boolean).join(' '))).toEqual([
      'PersistentVolumeClaim/data/data spec.resources.requests.storage shrinks the claim from 10Gi to 5Gi; a claim can only grow',
      'PersistentVolumeClaim/data/data spec.storageClassName changes spec.storageClassName "nfs" → "fast", which the API server does not allow to change; the sync would fail',
      'StorageClass/nfs is removed; Argo CD\'s prune deletes it (application "storage")',
    ]);
    const moved = errorsOf(() => synth({ root, extraCharts: [claim('db', '10Gi', 'nfs'), storageClass] }));
    expect(moved.map((f) => f.message)).toEqual([
      'moves from application "data" to "db"; the old application\'s prune may delete it before the new one adopts it',
    ]);
  });
});

test('the CLI takes --allow-destroy and prints warnings and the capacity table; what Argo CD keeps is only a warning', () => {
  const root = copyOfProject();
  synth({ root });
  const move = (cluster: string, app: string, from: string, to: string) => {
    const file = join(root, `clusters/${cluster}/cluster.yaml`);
    writeFile(file, readFileSync(file, 'utf8').replace(new RegExp(`(${app}:\\n(?:.*\\n)*?\\s+tier:) ${from}`), `$1 ${to}`));
  };
  move('pi', 'wiki', '3-edge', '4-aux'); // no data: its old namespace is deleted
  move('homelab', 'freshrss', '4-aux', '3-edge'); // its claim and namespace are kept (Prune=false,Delete=false)
  // a flag scoped to another cluster allows nothing here
  expect(runSynth(['--root', root, '--allow-destroy', 'homelab:Namespace/3-edge-wiki']).stderr).toContain(
    'error [destructive/change] pi / wiki / Namespace/3-edge-wiki',
  );
  // scoped to the cluster it is meant for; a flag that allows nothing is said once, not per cluster
  const run = runSynth([
    '--root',
    root,
    '--allow-destroy',
    'pi:Namespace/3-edge-wiki',
    '--allow-destroy',
    'Namespace/3-edge-wik',
    '--allow-destroy',
    'pie:Namespace/x',
  ]);
  expect(run.status).toBe(0);
  expect(run.stderr.match(/destructive\/unused-allow\] [^\n]*Namespace\/3-edge-wik\n/g)).toEqual([
    'destructive/unused-allow] homelab, pi, ryzen / Namespace/3-edge-wik\n',
  ]);
  expect(run.stderr).toContain('--allow-destroy Namespace/3-edge-wik allows nothing: no such object is removed or changed destructively in any cluster');
  expect(run.stderr).toContain('--allow-destroy pie:Namespace/x names no cluster of this project (homelab, pi, ryzen)');
  expect(run.stderr).toContain('warning [destructive/left-behind] homelab / freshrss / PersistentVolumeClaim/4-aux-freshrss/freshrss-data');
  expect(run.stderr).toContain('warning [destructive/left-behind] homelab / freshrss / Namespace/4-aux-freshrss');
  expect(run.stdout).toMatch(
    /pi: requests per node by tier \(every replica plus rolling-update surge\)\nnode +resource +0-core +1-cluster +4-aux +requested +allocatable +used\n/,
  );
});

test('apps that share a fixed address say so with the same sharedIPKey, rendered as MetalLB allow-shared-ip', () => {
  const cluster = `${LAB}network:
  pools:
    lan: { addresses: [192.0.2.0/28] }
apps:
  dns-tcp: { image: "coredns/coredns:1.12.0", tier: 4-aux, ports: { dns: { port: 53 } }, expose: { pool: lan, ip: 192.0.2.3, sharedIPKey: dns } }
  dns-udp: { image: "coredns/coredns:1.12.0", tier: 4-aux, ports: { dns: { port: 53, protocol: UDP } }, expose: { pool: lan, ip: 192.0.2.3, sharedIPKey: dns } }
`;
  const { trees } = render(scratchProject({ lab: cluster }));
  const services = trees[0].folders.flatMap((f) => f.objects).filter((o) => o.kind === 'Service');
  expect(services.map((s) => s.metadata.annotations)).toEqual([
    { 'metallb.io/address-pool': 'lan', 'metallb.io/loadBalancerIPs': '192.0.2.3', 'metallb.io/allow-shared-ip': 'dns' },
    { 'metallb.io/address-pool': 'lan', 'metallb.io/loadBalancerIPs': '192.0.2.3', 'metallb.io/allow-shared-ip': 'dns' },
  ]);
});
