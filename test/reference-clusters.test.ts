/** The reference fleet (homelab, pi, ryzen) as the seeds describe them, checked on the rendered output. */
import { render } from '../pipeline/synth';
import type { K8sObject } from '../lib/gitops/collect';
import { EXAMPLES } from './helpers';

const result = render(EXAMPLES);
const tree = (name: string) => result.trees.find((t) => t.cluster.name === name)!;
const objects = (cluster: string, folder?: string) =>
  tree(cluster)
    .folders.filter((f) => !folder || f.name === folder)
    .flatMap((f) => f.objects) as (K8sObject & Record<string, any>)[];
const application = (cluster: string, name: string) => objects(cluster, 'apps').find((a) => a.metadata.name === name)!;

test('all three reference clusters render and pass every check', () => {
  expect(result.trees.map((t) => t.cluster.name)).toEqual(['homelab', 'pi', 'ryzen']);
  expect(result.warnings.filter((w) => w.level === 'error')).toEqual([]);
});

describe('pi', () => {
  test('its workers are arm64 Raspberry Pis', () => {
    expect(
      tree('pi')
        .cluster.nodes.filter((n) => n.roles.includes('worker'))
        .every((n) => n.arch === 'arm64'),
    ).toBe(true);
  });

  test("the Synology NFSv3 class carries the seed's database-safe mount options", () => {
    const sc = objects('pi').find((o) => o.kind === 'StorageClass')!;
    expect(sc.mountOptions).toEqual(['vers=3', 'hard', 'tcp', 'rsize=32768', 'wsize=32768', 'noac', 'actimeo=0', 'timeo=600']);
  });

  test("NGINX is the ingress controller (F5's chart), the default class, on the LAN pool", () => {
    const helm = application('pi', 'ingress').spec.sources.find((s: { chart?: string }) => s.chart);
    expect(helm).toMatchObject({ repoURL: 'https://helm.nginx.com/stable', chart: 'nginx-ingress' });
    expect(helm.helm.valuesObject.controller).toMatchObject({
      ingressClass: { name: 'nginx', setAsDefaultIngress: true },
      service: { type: 'LoadBalancer', annotations: { 'metallb.io/address-pool': 'lan' } },
    });
    expect(helm.helm.valuesObject.controller.resources.limits.cpu).toBeUndefined();
  });
});

describe('ryzen', () => {
  test('k3s on an x86 Ryzen node plus a Pi control plane and worker', () => {
    const { cluster } = tree('ryzen');
    expect(cluster.kubernetes.distribution).toBe('k3s');
    expect(cluster.nodes.map((n) => `${n.name}:${n.arch}`)).toEqual(['ryzen:amd64', 'pi-cp:arm64', 'pi-worker:arm64']);
  });

  test('MetalLB has an internal pool and an internet-facing pool with an IPv6 range', () => {
    const pools = objects('ryzen', 'metallb').filter((o) => o.kind === 'IPAddressPool');
    expect(pools.map((p) => [p.metadata.name, p.spec.addresses])).toEqual([
      ['internal', ['10.10.10.200-10.10.10.239']],
      ['internet', ['203.0.113.16/28', '2001:db8:10::/120']],
    ]);
    expect(pools.find((p) => p.metadata.name === 'internet')!.spec.autoAssign).toBe(false);
  });

  test('external-dns publishes every LoadBalancer service to CoreDNS', () => {
    const values = application('ryzen', 'external-dns').spec.sources.find((s: { chart?: string }) => s.chart).helm.valuesObject;
    expect(values).toMatchObject({ provider: { name: 'coredns' }, sources: ['service'], domainFilters: ['ryzen.home.arpa'] });
    expect(values.env).toEqual([{ name: 'ETCD_URLS', value: 'http://porygon.home.arpa:2379' }]);
  });
});

describe('secrets stay out of git', () => {
  test('pi: Gitea reads a SealedSecret, and the Sealed Secrets controller syncs before it', () => {
    const sealed = objects('pi', 'gitea').find((o) => o.kind === 'SealedSecret')!;
    expect(Object.keys(sealed.spec.encryptedData)).toEqual(['secret-key']);
    expect(objects('pi').filter((o) => o.kind === 'Secret')).toEqual([]);
    const wave = (app: string) => Number(application('pi', app).metadata.annotations!['argocd.argoproj.io/sync-wave']);
    expect(wave('gitea')).toBeGreaterThan(wave('sealed-secrets'));
  });
});

describe('ryzen exposure and RBAC', () => {
  test('the VPN is on the internet-facing pool, dual-stack, keeping client source IPs', () => {
    const svc = objects('ryzen', 'wireguard').find((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer')!;
    expect(svc.metadata.annotations!['metallb.io/address-pool']).toBe('internet');
    expect(svc.spec).toMatchObject({ externalTrafficPolicy: 'Local', ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  test('minimal RBAC: the apps project may create no RBAC object, and no app pod mounts an API token', () => {
    const apps = tree('ryzen').bootstrap.find((o) => o.kind === 'AppProject' && o.metadata.name === 'apps') as any;
    expect(apps.spec.namespaceResourceBlacklist).toEqual([{ group: 'rbac.authorization.k8s.io', kind: '*' }]);
    for (const app of tree('ryzen').cluster.apps) {
      const workload = objects('ryzen', app.name).find((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind))!;
      expect(workload.spec.template.spec.automountServiceAccountToken).toBe(false);
    }
  });
});

describe('generated dist/<cluster>/README.md', () => {
  const readme = (cluster: string) => result.files.get(`dist/${cluster}/README.md`)!;

  test.each(['homelab', 'pi', 'ryzen'])('%s: inventory, capacity, QoS and sync order, from the rendered objects', (cluster) => {
    const text = readme(cluster);
    for (const section of ['## Nodes', '## Applications', '## Exposure', '## Storage', '## Capacity', '## QoS by tier', '## Sync order'])
      expect(text).toContain(section);
    for (const app of tree(cluster).cluster.apps) expect(text).toContain(`| ${app.name} | ${app.namespace} |`);
    for (const node of tree(cluster).cluster.nodes) expect(text).toContain(`| ${node.name} | ${node.arch} |`);
    expect(text).toContain('```mermaid\nflowchart LR\n');
    expect(text).toContain('Every pod is Burstable');
  });

  test('homelab: the T4 is shown fully used by the three GPU apps, their images and the sync edges they wait on', () => {
    const text = readme('homelab');
    expect(text).toMatch(/nvidia\.com\/gpu +- +- +3 +- +- +3 +3 +100%/);
    expect(text).toContain('| ollama | 2-gpu-ollama | Deployment/ollama | 1 | `ollama/ollama:0.12.6` |');
    expect(text).toContain('tiers --> ollama');
    expect(text).toContain('csi_nfs --> ollama');
  });

  test('Argo CD never reads it: it lies outside every Application folder, and those hold YAML only', () => {
    for (const t of result.trees) {
      const sources = objects(t.cluster.name, 'apps')
        .flatMap((a) => [a.spec.source, ...(a.spec.sources ?? [])])
        .filter((s) => s?.path)
        .map((s) => s.path);
      expect(sources).not.toContain(`dist/${t.cluster.name}`);
      const inFolders = [...result.files.keys()].filter((p) => p.startsWith(`dist/${t.cluster.name}/`) && p.split('/').length > 3);
      expect(inFolders.filter((p) => !p.endsWith('.yaml'))).toEqual([]);
    }
  });
});
