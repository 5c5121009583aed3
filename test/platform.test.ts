/**
 * Platform services, as the homelab renders them: one folder and one child Application per
 * utility, charts pinned from lib/platform/versions.ts, custom resources after their CRDs, sync
 * waves derived from what objects use, tier resources on third-party pods.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { buildCluster } from '../charts';
import { APPLICATION_HEALTH_LUA } from '../charts/platform/argocd';
import { loadClusters } from '../lib/config';
import { AppChart } from '../lib/gitops/app-chart';
import { syncWaves } from '../lib/gitops/waves';
import { k8s } from '../lib/k8s';
import { collect, objectsOf, type K8sObject } from '../lib/gitops/collect';
import { apiGroup as groupOf } from '../lib/objects/identity';
import { dependencyGraph } from '../lib/gitops/dependencies';
import { installOrder, withGraph } from '../pipeline/install-order';
import { chartRepoUrl } from '../lib/platform/helm';
import { PROFILES } from '../lib/platform/profiles';
import { CHARTS } from '../lib/platform/versions';
import { buildPlatform } from '../charts/platform';
import { EXAMPLES, ROOT, scratchProject } from './helpers';

const homelab = loadClusters(EXAMPLES).find((c) => c.name === 'homelab')!;
const build = buildCluster(homelab);
const tree = collect(build);
const waves = syncWaves(build.dependencies);
const applications = new Map(tree.folders.find((f) => f.name === 'apps')!.objects.map((a) => [a.metadata.name, a as Application]));
const utilities = Object.values(homelab.utilities).filter((u) => u.enabled);
const folder = (name: string) => tree.folders.find((f) => f.name === name)!;

type Source = {
  repoURL: string;
  path?: string;
  chart?: string;
  targetRevision: string;
  helm?: { releaseName: string; valuesObject: Values; parameters?: { name: string; value: string }[] };
};
type Application = K8sObject & { spec: { sources: Source[] }; metadata: { finalizers?: string[] } };
type Values = { [key: string]: unknown };
const helmOf = (app: string) => applications.get(app)!.spec.sources.find((s) => s.helm)!;

/** The chart of each utility in lib/platform/versions.ts. */
const CHART_OF: Record<string, keyof typeof CHARTS> = {
  metallb: 'metallb',
  'csi-nfs': 'csiDriverNfs',
  spegel: 'spegel',
  descheduler: 'descheduler',
  reloader: 'reloader',
  'gpu-operator': 'gpuOperator',
  'cert-manager': 'certManager',
  'external-dns': 'externalDns',
  ingress: 'traefik',
  'external-secrets': 'externalSecrets',
  kyverno: 'kyverno',
  vpa: 'vpa',
  goldilocks: 'goldilocks',
  argocd: 'argoCd',
};

test('the homelab runs the utilities its cluster file needs', () => {
  expect(utilities.map((u) => u.name).sort()).toEqual([
    'argocd',
    'cert-manager',
    'csi-nfs',
    'descheduler',
    'external-secrets',
    'goldilocks',
    'gpu-operator',
    'ingress',
    'kyverno',
    'metallb',
    'reloader',
    'spegel',
    'vpa',
  ]);
});

describe.each(utilities.map((u) => u.name))('utility %s', (name) => {
  const utility = homelab.utilities[name];

  test('is a folder holding its Namespace, with its tier and Pod Security level', () => {
    const namespace = folder(name).objects.find((o) => o.kind === 'Namespace')!;
    expect(namespace.metadata.name).toBe(utility.namespace);
    expect(namespace.metadata.labels).toMatchObject({
      'homelab.dev/tier': utility.tier,
      'pod-security.kubernetes.io/enforce': expect.stringMatching(/^(privileged|baseline)$/),
    });
  });

  test('is one platform Application over its folder and its pinned Helm chart', () => {
    const app = applications.get(name)!;
    expect(app.spec).toMatchObject({ project: 'platform', destination: { namespace: utility.namespace } });
    const [own, helm] = app.spec.sources;
    expect(own).toMatchObject({ repoURL: homelab.gitops.repoURL, path: `examples/dist/homelab/${name}` });
    const chart = CHARTS[CHART_OF[name]];
    expect(helm.repoURL).toBe(chartRepoUrl(chart));
    expect(helm.targetRevision).toBe(chart.version);
    expect(helm.chart ?? helm.path).toBe(chart.repo.startsWith('oci://') ? '.' : chart.chart);
    expect(helm.helm!.releaseName).toBe(name);
  });

  test("its pods get the tier's priority, CPU and memory requests, a memory limit and no CPU limit", () => {
    const { valuesObject, parameters = [] } = helmOf(name).helm!;
    const found = walk(valuesObject);
    expect(found.resources.length).toBeGreaterThan(0);
    const rendered = PROFILES[CHART_OF[name]].profile.workloads.filter((w) => w.when?.(valuesObject) ?? true);
    const defaultsWithCpuLimit = rendered.flatMap((w) => w.containers).filter((c) => c.chartDefault?.limits?.cpu && c.resources && !c.keepsNull);
    for (const { path, value } of found.resources) {
      expect(value).toEqual({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } });
      // the chart's own default CPU limit is deleted with a null, and only where the chart defaults one
      const removal = { name: `${path}.limits.cpu`, value: 'null' };
      if (defaultsWithCpuLimit.some((c) => c.resources === path)) expect(parameters).toContainEqual(removal);
      else expect(parameters).not.toContainEqual(removal);
    }
    expect(parameters.length).toBe(new Set(defaultsWithCpuLimit.map((c) => c.resources)).size);
    for (const priority of found.priorityClassNames) expect(priority).toBe(utility.tier);
  });
});

test('every chart repository is allowed in the platform project, and only there', () => {
  const [platform, apps] = tree.bootstrap.filter((o) => o.kind === 'AppProject') as (K8sObject & { spec: { sourceRepos: string[] } })[];
  for (const u of utilities) expect(platform.spec.sourceRepos).toContain(chartRepoUrl(CHARTS[CHART_OF[u.name]]));
  expect(apps.spec.sourceRepos).toEqual([homelab.gitops.repoURL]);
});

describe('custom resources', () => {
  const providers = new Map(build.appCharts.flatMap((c) => c.crds.map((g) => [g, c.appName] as const)));
  const customResources = tree.folders.flatMap((f) => f.objects.filter((o) => providers.has(groupOf(o.apiVersion))).map((o) => ({ app: f.name, o })));

  test('the homelab has the typed pools, advertisement, issuer and secret store', () => {
    expect(customResources.map(({ app, o }) => `${app}/${o.kind}/${o.metadata.name}`).sort()).toEqual(
      expect.arrayContaining([
        'cert-manager/ClusterIssuer/letsencrypt',
        'external-secrets/ClusterSecretStore/vault',
        'metallb/IPAddressPool/internal',
        'metallb/L2Advertisement/l2',
      ]),
    );
  });

  test.each(customResources.filter(({ app }) => app !== 'apps').map(({ app, o }) => [`${app}/${o.kind}/${o.metadata.name}`, app, o] as const))(
    '%s syncs after the CRD that defines it',
    (_, app, o) => {
      const provider = providers.get(groupOf(o.apiVersion))!;
      if (provider === app) {
        // same application: a later wave inside it, and no dry run before the CRD exists
        expect(o.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
      } else {
        expect(waves.get(app)!).toBeGreaterThan(waves.get(provider)!);
      }
    },
  );
});

describe('sync waves', () => {
  test('every application syncs after what it depends on', () => {
    for (const { appName, dependsOn } of build.dependencies) for (const dep of dependsOn) expect(waves.get(appName)!).toBeGreaterThan(waves.get(dep)!);
  });

  test('apps exposed on an address pool, and the ingress controller, wait for MetalLB; apps behind an ingress for it; claims for csi-nfs; ExternalSecrets for their operator; VPAs for the VPA; pods for their PriorityClass', () => {
    const dependsOn = Object.fromEntries(build.dependencies.map((d) => [d.appName, d.dependsOn]));
    expect(dependsOn).toMatchObject({
      vaultwarden: ['tiers', 'csi-nfs', 'external-secrets', 'ingress', 'vpa'],
      freshrss: ['tiers', 'csi-nfs', 'metallb', 'vpa'],
      ingress: ['metallb', 'tiers'],
      goldilocks: ['vpa'],
      'tier-policies': ['kyverno'],
    });
    for (const u of utilities.filter((u) => u.name !== 'goldilocks')) expect(dependsOn[u.name]).toContain('tiers');
  });

  test("a user's chart waits for the StorageClass, load balancer, CRDs and PriorityClass its objects use", () => {
    const app = new App();
    buildPlatform(app, homelab);
    const chart = new AppChart(app, { cluster: homelab, name: 'photos', namespace: '4-aux-photos' });
    new k8s.KubePersistentVolumeClaim(chart, 'claim', {
      metadata: { name: 'library', namespace: '4-aux-photos' },
      spec: { storageClassName: 'nfs-slow', accessModes: ['ReadWriteMany'] },
    });
    new k8s.KubeService(chart, 'web', { metadata: { name: 'web', namespace: '4-aux-photos' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    const tiers = new AppChart(app, { cluster: homelab, name: 'tiers', namespace: 'default' });
    new k8s.KubePriorityClass(tiers, 'core', { metadata: { name: '0-core' }, value: 900000 });
    new k8s.KubePriorityClass(tiers, 'aux', { metadata: { name: '4-aux' }, value: 200000 });
    new k8s.KubeDeployment(chart, 'deployment', {
      metadata: { name: 'photos', namespace: '4-aux-photos' },
      spec: {
        selector: { matchLabels: { app: 'photos' } },
        template: { metadata: { labels: { app: 'photos' } }, spec: { priorityClassName: '4-aux', containers: [{ name: 'photos', image: 'photos:1.0.0' }] } },
      },
    });
    const charts = AppChart.allIn(app);
    const graph = dependencyGraph(charts, new Map(charts.map((c) => [c, objectsOf(c)])));
    expect(graph.find((d) => d.appName === 'photos')!.dependsOn).toEqual(['csi-nfs', 'metallb', 'tiers']);
    // and the utilities' pods wait for their tier's PriorityClass too
    expect(graph.find((d) => d.appName === 'metallb')!.dependsOn).toEqual(['tiers']);
  });

  test('the README shows the homelab install order, generated from the same graph (`npm run graph`)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withGraph(readme, installOrder(EXAMPLES)));
  });
});

describe('what the utilities render', () => {
  test('csi-nfs: one StorageClass per NFS export, with its mount options, the default one marked', () => {
    const nfsSlow = folder('csi-nfs').objects.find((o) => o.kind === 'StorageClass')!;
    expect(nfsSlow).toMatchObject({
      metadata: { name: 'nfs-slow', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'nfs.csi.k8s.io',
      parameters: { server: 'candlekeep', share: '/kubernetes' },
      mountOptions: ['nfsvers=4.1', 'nconnect=16'],
      reclaimPolicy: 'Retain',
    });
  });

  test('metallb: the pools and one L2 advertisement of them', () => {
    const objects = folder('metallb').objects;
    expect(objects.find((o) => o.kind === 'IPAddressPool')).toMatchObject({
      metadata: { name: 'internal', namespace: '0-core-metallb' },
      spec: { addresses: ['10.0.20.200-10.0.20.239'], autoAssign: true },
    });
    expect(objects.find((o) => o.kind === 'L2Advertisement')).toMatchObject({ spec: { ipAddressPools: ['internal'] } });
  });

  test("spegel: the public registries and the cluster's own, on every node, in kubeadm's containerd paths", () => {
    const values = helmOf('spegel').helm!.valuesObject as { spegel: Values; tolerations: unknown };
    expect(values.spegel.mirroredRegistries).toEqual([
      'https://docker.io',
      'https://ghcr.io',
      'https://quay.io',
      'https://gcr.io',
      'https://registry.k8s.io',
      'https://mcr.microsoft.com',
      'https://public.ecr.aws',
      'https://git.example.com',
    ]);
    expect(values.spegel.containerdRegistryConfigPath).toBe('/etc/containerd/certs.d');
    expect(values.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('reloader: read-only root filesystem; no PodMonitor unless asked (the chart renders it without the Prometheus Operator)', () => {
    expect(helmOf('reloader').helm!.valuesObject).toMatchObject({ reloader: { readOnlyRootFileSystem: true, podMonitor: { enabled: false } } });
  });

  test('traefik: the Service type is set where chart 40+ reads it', () => {
    expect(helmOf('ingress').helm!.valuesObject).toMatchObject({ service: { spec: { type: 'LoadBalancer' } } });
    expect((helmOf('ingress').helm!.valuesObject.service as Values).type).toBeUndefined();
  });

  test("cert-manager: the HTTP-01 solver pods, started in the certificate's namespace, run at cert-manager's priority", () => {
    const issuer = folder('cert-manager').objects.find((o) => o.kind === 'ClusterIssuer') as any;
    expect(issuer.spec.acme.solvers[0].http01.ingress.podTemplate).toEqual({ spec: { priorityClassName: homelab.utilities['cert-manager'].tier } });
  });

  test('csi-nfs: no csi-snapshotter sidecar without snapshot CRDs', () => {
    expect(helmOf('csi-nfs').helm!.valuesObject).toMatchObject({ controller: { enableSnapshotter: false }, externalSnapshotter: { enabled: false } });
  });

  test('kyverno: the init container and the hook Jobs are sized, their chart default CPU limits removed; the migration hook, whose limit stays, is off', () => {
    const { valuesObject, parameters } = helmOf('kyverno').helm!;
    expect(valuesObject).toMatchObject({
      admissionController: { initContainer: { resources: { requests: { cpu: expect.any(String) } } } },
      webhooksCleanup: { resources: { requests: { cpu: expect.any(String) } } },
      crds: { migration: { enabled: false } },
    });
    expect(parameters).toEqual([
      { name: 'admissionController.initContainer.resources.limits.cpu', value: 'null' },
      { name: 'webhooksCleanup.resources.limits.cpu', value: 'null' },
    ]);
  });

  test('gpu-operator: tolerates the GPU node taint exactly (PreferNoSchedule)', () => {
    expect(helmOf('gpu-operator').helm!.valuesObject).toMatchObject({
      daemonsets: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'PreferNoSchedule' }] },
    });
  });

  test('argocd: the Application health check in argocd-cm, and its Application never cascades', () => {
    expect(helmOf('argocd').helm!.valuesObject).toMatchObject({
      configs: { cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA } },
    });
    expect(APPLICATION_HEALTH_LUA).toContain('obj.status.health.status');
    expect(applications.get('argocd')!.metadata.finalizers).toBeUndefined();
  });

  test("descheduler: LowNodeUtilization, excluding the namespaces the cluster file lists and the GPU tier's", () => {
    const exclude = ['1-cluster-gitea', '2-gpu-comfyui', '2-gpu-ollama', '2-gpu-stable-diffusion', 'kuberay'];
    expect(deschedulerArgs(applications)).toEqual({
      thresholds: { cpu: 20, memory: 20, pods: 20 },
      targetThresholds: { cpu: 50, memory: 50, pods: 50 },
      evictableNamespaces: { exclude },
    });
  });
});

test('on a k3s cluster with a GPU app: the descheduler spares its namespace, Spegel uses k3s paths, CoreDNS gets the etcd', () => {
  const text = readFileSync(join(ROOT, 'test/fixtures/minimal.yaml'), 'utf8')
    .replace('kubernetes: { version: "1.34" }', 'kubernetes: { version: "1.34", distribution: k3s }')
    .replace('node1: { cpu: 4, memory: 16Gi }', 'node1: { cpu: 4, memory: 16Gi, gpus: { count: 1 } }')
    .replace('    lan: { addresses: [192.0.2.0/28] }\n', '    lan: { addresses: [192.0.2.0/28] }\n  dns: { domain: home.arpa, provider: coredns }\n')
    .concat(
      '  ollama: { image: ollama/ollama:0.9.0, tier: 2-gpu, gpus: 1 }\n',
      'utilities:\n  external-dns: { env: { ETCD_URLS: "http://192.0.2.53:2379" } }\n',
    );
  const [mini] = loadClusters(scratchProject({ mini: text }));
  const apps = new Map(
    collect(buildCluster(mini))
      .folders.find((f) => f.name === 'apps')!
      .objects.map((a) => [a.metadata.name, a as Application]),
  );
  const values = (app: string) => apps.get(app)!.spec.sources.find((s) => s.helm)!.helm!.valuesObject as Values;
  expect(deschedulerArgs(apps).evictableNamespaces).toEqual({ exclude: ['2-gpu-ollama'] });
  expect(values('spegel')).toMatchObject({
    spegel: { containerdRegistryConfigPath: '/var/lib/rancher/k3s/agent/etc/containerd/certs.d', containerdSock: '/run/k3s/containerd/containerd.sock' },
  });
  expect(values('external-dns')).toMatchObject({
    provider: { name: 'coredns' },
    domainFilters: ['home.arpa'],
    env: [{ name: 'ETCD_URLS', value: 'http://192.0.2.53:2379' }],
  });
  expect([...apps.keys()]).toContain('gpu-operator');
});

test('renovate.json finds every pinned chart in lib/platform/versions.ts, with the same version', () => {
  const renovate = JSON.parse(readFileSync(join(ROOT, 'renovate.json'), 'utf8'));
  const pattern = new RegExp(renovate.customManagers[0].matchStrings[0], 'g');
  const found = [...readFileSync(join(ROOT, 'lib/platform/versions.ts'), 'utf8').matchAll(pattern)].map((m) => m.groups!);
  expect(found).toHaveLength(Object.keys(CHARTS).length);
  for (const [i, chart] of Object.values(CHARTS).entries()) {
    const oci = chart.repo.startsWith('oci://');
    expect(found[i]).toMatchObject(
      oci
        ? { datasource: 'docker', depName: chartRepoUrl(chart).slice('oci://'.length), currentValue: chart.version }
        : { datasource: 'helm', depName: chart.chart, registryUrl: chart.repo, currentValue: chart.version },
    );
  }
});

function deschedulerArgs(apps: Map<string, Application>): Values {
  const values = apps.get('descheduler')!.spec.sources.find((s) => s.helm)!.helm!.valuesObject as {
    deschedulerPolicy: { profiles: { pluginConfig: { name: string; args: Values }[] }[] };
  };
  return values.deschedulerPolicy.profiles[0].pluginConfig.find((p) => p.name === 'LowNodeUtilization')!.args;
}

/** Every `resources:` block (with its --set path) and every priorityClassName in chart values. */
function walk(values: unknown, path = ''): { resources: { path: string; value: unknown }[]; priorityClassNames: unknown[] } {
  const found = { resources: [] as { path: string; value: unknown }[], priorityClassNames: [] as unknown[] };
  if (!values || typeof values !== 'object' || Array.isArray(values)) return found;
  for (const [key, value] of Object.entries(values)) {
    const at = path + (path ? '.' : '') + key;
    if (key === 'priorityClassName') found.priorityClassNames.push(value);
    else if (value && typeof value === 'object' && 'requests' in value) found.resources.push({ path: at, value });
    else {
      const inner = walk(value, at);
      found.resources.push(...inner.resources);
      found.priorityClassNames.push(...inner.priorityClassNames);
    }
  }
  return found;
}
