/** The review flags and capacity deltas of lib/diff, each on a small tree built for it. */
import type { ClusterModel } from '../lib/config';
import { diffTrees, type DiffReport, type FlagCategory } from '../lib/diff';
import { formatRef } from '../lib/diff/objects';
import { capacityAmounts, capacityScope } from '../lib/diff/render/common';
import type { K8sObject } from '../lib/gitops/collect';
import { deployment, diffObjects, object, reviewDiff, tree } from './fixtures/diff/trees';

const flags = (report: DiffReport, category: FlagCategory) =>
  report.flags.filter((f) => f.category === category).map((f) => `${formatRef(f.object)}: ${f.message}`);
const withSpec = (o: K8sObject, patch: (s: any) => void): K8sObject => {
  const copy = structuredClone(o);
  patch(copy.spec);
  return copy;
};

describe('pods restart', () => {
  test('a pod template change restarts; a replica count alone does not', () => {
    const before = deployment('web');
    expect(flags(diffObjects([before], [deployment('web', { replicas: 3 })]), 'restart')).toEqual([]);
    expect(flags(diffObjects([before], [deployment('web', { image: 'example/web:1.1.0' })]), 'restart')).toEqual([
      'Deployment/4-aux-web/web: pod template changes (spec.template.spec.containers[web].image): every pod is replaced (rolling update)',
    ]);
  });

  test('a StatefulSet with updateStrategy OnDelete keeps its pods until they are deleted', () => {
    const sts = (image: string) => withSpec(deployment('db', { kind: 'StatefulSet', image }), (s) => (s.updateStrategy = { type: 'OnDelete' }));
    expect(flags(diffObjects([sts('pg:16.1')], [sts('pg:16.2')]), 'restart')[0]).toMatch(
      /updateStrategy OnDelete: each pod keeps the old template until it is deleted$/,
    );
  });

  describe('Reloader', () => {
    const cm = (value: string, annotations?: Record<string, string>) =>
      object('v1', 'ConfigMap', 'web-config', '4-aux-web', { data: { value } }, annotations ? { annotations } : {});
    const uses = { containers: [{ name: 'web', image: 'x:1', envFrom: [{ configMapRef: { name: 'web-config' } }] }] };
    const web = (annotations: Record<string, string>, pod: Record<string, unknown> = uses) => deployment('web', { annotations, pod });
    const restarts = (workload: K8sObject, before = cm('a'), after = cm('b')) => flags(diffObjects([before, workload], [after, workload]), 'restart');

    test('a changed ConfigMap restarts the workloads that use it with reloader.stakater.com/auto', () => {
      expect(restarts(web({ 'reloader.stakater.com/auto': 'true' }))).toEqual([
        'Deployment/4-aux-web/web: ConfigMap web-config changes and the pods use it with Reloader on (reloader.stakater.com/auto): its pods restart',
      ]);
    });

    test('...or names it in configmap.reloader.stakater.com/reload, or searches for configs marked match', () => {
      expect(restarts(web({ 'configmap.reloader.stakater.com/reload': 'other, web-config' }, {}))).toHaveLength(1);
      expect(
        restarts(
          web({ 'reloader.stakater.com/search': 'true' }),
          cm('a', { 'reloader.stakater.com/match': 'true' }),
          cm('b', { 'reloader.stakater.com/match': 'true' }),
        ),
      ).toHaveLength(1);
      expect(restarts(web({ 'reloader.stakater.com/search': 'true' }))).toEqual([]);
    });

    test('no restart without Reloader, for an unused config, for a Secret under configmap auto, or for a metadata-only change', () => {
      expect(restarts(web({}))).toEqual([]);
      expect(restarts(web({ 'reloader.stakater.com/auto': 'true' }, {}))).toEqual([]);
      expect(restarts(web({ 'reloader.stakater.com/auto': 'true' }), cm('a'), cm('a', { note: 'x' }))).toEqual([]);
      const secret = (v: string) => object('v1', 'Secret', 'web-config', '4-aux-web', { data: { v } });
      const usesSecret = { containers: [{ name: 'web', image: 'x:1', envFrom: [{ secretRef: { name: 'web-config' } }] }] };
      expect(restarts(web({ 'configmap.reloader.stakater.com/auto': 'true' }, usesSecret), secret('YQ=='), secret('Yg=='))).toEqual([]);
      expect(restarts(web({ 'secret.reloader.stakater.com/auto': 'true' }, usesSecret), secret('YQ=='), secret('Yg=='))).toHaveLength(1);
    });

    test('an ExternalSecret changes the Secret it targets', () => {
      const es = (key: string) =>
        object('external-secrets.io/v1', 'ExternalSecret', 'web-es', '4-aux-web', {
          spec: { target: { name: 'web-secret' }, data: [{ secretKey: 'k', remoteRef: { key } }] },
        });
      const pod = { containers: [{ name: 'web', image: 'x:1' }], volumes: [{ name: 's', secret: { secretName: 'web-secret' } }] };
      expect(restarts(web({ 'reloader.stakater.com/auto': 'true' }, pod), es('a'), es('b'))).toEqual([
        'Deployment/4-aux-web/web: Secret web-secret changes and the pods use it with Reloader on (reloader.stakater.com/auto): its pods restart',
      ]);
    });

    test('a workload created in the same change is not restarted', () => {
      const report = diffObjects([cm('a')], [cm('b'), web({ 'reloader.stakater.com/auto': 'true' })]);
      expect(flags(report, 'restart')).toEqual([]);
    });
  });
});

describe('stateful objects', () => {
  const pvc = object('v1', 'PersistentVolumeClaim', 'data', '4-aux-web', { spec: { resources: { requests: { storage: '1Gi' } } } });
  const ns = object('v1', 'Namespace', '4-aux-web', undefined);

  test('deleting a claim, a volume, a namespace or a StorageClass is flagged; a Deployment is not', () => {
    const pv = object('v1', 'PersistentVolume', 'media', undefined);
    const sc = object('storage.k8s.io/v1', 'StorageClass', 'nfs-slow', undefined, { provisioner: 'nfs.csi.k8s.io' });
    const report = diffObjects([pvc, ns, pv, sc, deployment('web')], []);
    expect(flags(report, 'stateful').map((f) => f.split(':')[0])).toEqual([
      'Namespace/4-aux-web',
      'PersistentVolume/media',
      'PersistentVolumeClaim/4-aux-web/data',
      'StorageClass/nfs-slow',
    ]);
    expect(flags(report, 'stateful')[0]).toContain('everything in it');
  });

  test('an Application with the cascading finalizer takes its objects with it', () => {
    const app = (finalizers: string[]) => object('argoproj.io/v1alpha1', 'Application', 'web', 'argocd', {}, { finalizers });
    expect(flags(diffObjects([app(['resources-finalizer.argocd.argoproj.io'])], []), 'stateful')).toHaveLength(1);
    expect(flags(diffObjects([app([])], []), 'stateful')).toEqual([]);
  });

  test('a claim moving to another Argo CD application may be pruned by the old one', () => {
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({ 'dist/lab/web/pvc-data.yaml': pvc }),
      after: tree({ 'dist/lab/storage/pvc-data.4-aux-web.yaml': pvc }),
    });
    expect(flags(report, 'stateful')).toEqual([
      'PersistentVolumeClaim/4-aux-web/data: moves from Argo CD application web to storage: if web prunes it before storage adopts it, it is deleted (annotate it argocd.argoproj.io/sync-options: Prune=false for the move)',
    ]);
  });
});

describe('immutable fields', () => {
  const immutable = (before: K8sObject, after: K8sObject) => flags(diffObjects([before], [after]), 'immutable');

  test('workload selectors, StatefulSet serviceName and volumeClaimTemplates, Job templates', () => {
    const web = deployment('web');
    expect(
      immutable(
        web,
        withSpec(web, (s) => (s.selector.matchLabels.tier = 'x')),
      )[0],
    ).toMatch(/^Deployment\/4-aux-web\/web: immutable field changes \(spec\.selector\.matchLabels\.tier \(none\) → "x"\): the sync fails/);
    const sts = withSpec(deployment('db', { kind: 'StatefulSet' }), (s) => (s.serviceName = 'db'));
    expect(
      immutable(
        sts,
        withSpec(sts, (s) => (s.serviceName = 'db-headless')),
      ),
    ).toHaveLength(1);
    expect(
      immutable(
        sts,
        withSpec(sts, (s) => (s.volumeClaimTemplates = [{ metadata: { name: 'data' } }])),
      ),
    ).toHaveLength(1);
    expect(
      immutable(
        sts,
        withSpec(sts, (s) => ((s.replicas = 3), (s.template.spec.containers[0].image = 'pg:17'))),
      ),
    ).toEqual([]);
    const job = object('batch/v1', 'Job', 'migrate', 'ns', { spec: { template: { spec: { containers: [{ name: 'm', image: 'm:1' }] } } } });
    expect(
      immutable(
        job,
        withSpec(job, (s) => (s.template.spec.containers[0].image = 'm:2')),
      ),
    ).toHaveLength(1);
  });

  test('claims: the class is fixed and the size may grow but never shrink', () => {
    const pvc = (storage: string, storageClassName = 'nfs-slow') =>
      object('v1', 'PersistentVolumeClaim', 'data', 'ns', { spec: { storageClassName, resources: { requests: { storage } } } });
    expect(immutable(pvc('10Gi'), pvc('20Gi'))).toEqual([]);
    expect(immutable(pvc('10Gi'), pvc('5Gi'))).toEqual([
      'PersistentVolumeClaim/ns/data: immutable field changes (spec.resources.requests.storage "10Gi" → "5Gi"): the sync fails until the PersistentVolumeClaim is deleted and recreated (sync options Replace=true,Force=true), or keep the old value',
    ]);
    expect(immutable(pvc('10Gi'), pvc('10Gi', 'nfs-fast'))).toHaveLength(1);
  });

  test('Service clusterIP, StorageClass parameters, roleRef, the data of an immutable ConfigMap', () => {
    const svc = (clusterIP: string) => object('v1', 'Service', 'dns', 'ns', { spec: { clusterIP, ports: [{ port: 53 }] } });
    expect(immutable(svc('10.96.0.10'), svc('10.96.0.11'))).toHaveLength(1);
    const sc = (nfsvers: string) =>
      object('storage.k8s.io/v1', 'StorageClass', 'nfs', undefined, { provisioner: 'nfs.csi.k8s.io', parameters: { nfsvers }, allowVolumeExpansion: true });
    expect(immutable(sc('4.1'), sc('4.2'))).toHaveLength(1);
    const binding = (role: string) => object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'b', 'ns', { roleRef: { kind: 'Role', name: role } });
    expect(immutable(binding('a'), binding('b'))).toHaveLength(1);
    const cm = (immutableFlag: boolean, v: string) => object('v1', 'ConfigMap', 'c', 'ns', { immutable: immutableFlag, data: { v } });
    expect(immutable(cm(true, 'a'), cm(true, 'b'))).toHaveLength(1);
    expect(immutable(cm(false, 'a'), cm(false, 'b'))).toEqual([]);
  });
});

describe('exposure', () => {
  const svc = (annotations: Record<string, string>, type = 'LoadBalancer') =>
    object('v1', 'Service', 'web', '4-aux-web', { spec: { type, ports: [{ port: 80 }] } }, { annotations });

  test('a new LoadBalancer on an internet-facing pool (from the cluster model)', () => {
    const model = { name: 'lab', network: { pools: { public: { internet: true }, internal: { internet: false } } }, tiers: {} } as unknown as ClusterModel;
    const after = tree({ 'dist/lab/web/service-web.yaml': svc({ 'metallb.io/address-pool': 'public', 'metallb.io/loadBalancerIPs': '203.0.113.10' }) });
    const report = diffTrees({ from: 'a', to: 'b', before: new Map(), after, clusters: [model] });
    expect(flags(report, 'exposure')).toEqual(['Service/4-aux-web/web: newly exposed: LoadBalancer on pool public (internet-facing), IP 203.0.113.10']);
  });

  test('IP, pool and type changes; a pool is internet-facing by its label when no model is given', () => {
    const pool = object('metallb.io/v1beta1', 'IPAddressPool', 'public', 'metallb-system', {}, { labels: { 'homelab.dev/internet': 'true' } });
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({
        'dist/lab/web/service-web.yaml': svc({ 'metallb.io/address-pool': 'internal' }, 'ClusterIP'),
        'dist/lab/metallb/ipaddresspool-public.yaml': pool,
      }),
      after: tree({
        'dist/lab/web/service-web.yaml': svc({ 'metallb.io/address-pool': 'public', 'metallb.io/loadBalancerIPs': '203.0.113.10' }),
        'dist/lab/metallb/ipaddresspool-public.yaml': pool,
      }),
    });
    expect(flags(report, 'exposure')).toEqual(['Service/4-aux-web/web: newly exposed: LoadBalancer on pool public (internet-facing), IP 203.0.113.10']);
    expect(flags(diffObjects([svc({ 'metallb.io/loadBalancerIPs': '10.0.0.1' })], [svc({ 'metallb.io/loadBalancerIPs': '10.0.0.2' })]), 'exposure')).toEqual([
      'Service/4-aux-web/web: exposure changes: IP 10.0.0.1 → 10.0.0.2',
    ]);
    expect(flags(diffObjects([svc({})], []), 'exposure')).toEqual([
      'Service/4-aux-web/web: no longer exposed (was LoadBalancer on pool (any auto-assign pool))',
    ]);
  });

  test("Cilium LB-IPAM: the pool is the label homelab.dev/address-pool, internet-facing by the CiliumLoadBalancerIPPool's label", () => {
    const pool = object('cilium.io/v2', 'CiliumLoadBalancerIPPool', 'public', undefined, {}, { labels: { 'homelab.dev/internet': 'true' } });
    const cilium = (poolName: string, ip?: string) =>
      object(
        'v1',
        'Service',
        'web',
        '4-aux-web',
        { spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } },
        { labels: { 'homelab.dev/address-pool': poolName }, ...(ip ? { annotations: { 'lbipam.cilium.io/ips': ip } } : {}) },
      );
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({ 'dist/lab/web/service-web.yaml': cilium('internal'), 'dist/lab/cilium-lb/ciliumloadbalancerippool-public.yaml': pool }),
      after: tree({ 'dist/lab/web/service-web.yaml': cilium('public', '203.0.113.10'), 'dist/lab/cilium-lb/ciliumloadbalancerippool-public.yaml': pool }),
    });
    expect(flags(report, 'exposure')).toEqual([
      'Service/4-aux-web/web: exposure changes: pool internal → public (internet-facing); IP (assigned) → 203.0.113.10',
    ]);
  });

  test('hostnames: external-dns annotations and Ingress hosts; a ClusterIP Service is not exposure', () => {
    const ingress = (host: string) => object('networking.k8s.io/v1', 'Ingress', 'web', 'ns', { spec: { rules: [{ host }] } });
    expect(flags(diffObjects([ingress('a.example.com')], [ingress('b.example.com')]), 'exposure')).toEqual([
      'Ingress/ns/web: exposure changes: new hostname b.example.com; hostname gone a.example.com',
    ]);
    expect(flags(diffObjects([svc({}, 'ClusterIP')], [svc({ note: 'x' }, 'ClusterIP')]), 'exposure')).toEqual([]);
  });
});

describe('version bumps and policy', () => {
  test('container images and Argo CD chart revisions', () => {
    expect(flags(diffObjects([deployment('web')], [deployment('web', { image: 'example/web:1.1.0' })]), 'version')).toEqual([
      'Deployment/4-aux-web/web: container web: image example/web:1.0.0 → example/web:1.1.0',
    ]);
    const app = (targetRevision: string) =>
      object('argoproj.io/v1alpha1', 'Application', 'spegel', 'argocd', {
        spec: { source: { repoURL: 'ghcr.io/spegel-org/helm-charts', chart: 'spegel', targetRevision } },
      });
    expect(flags(diffObjects([app('0.3.0')], [app('0.4.0')]), 'version')).toEqual([
      'Application/argocd/spegel: chart spegel (ghcr.io/spegel-org/helm-charts): 0.3.0 → 0.4.0',
    ]);
  });

  test('quotas, priority classes and Kyverno policies; other kinds are not policy', () => {
    const quota = (cpu: string) => object('v1', 'ResourceQuota', 'quota', 'ns', { spec: { hard: { 'requests.cpu': cpu } } });
    const kyverno = object('kyverno.io/v1', 'ClusterPolicy', 'require-requests', undefined, { spec: { rules: [] } });
    const priority = object('scheduling.k8s.io/v1', 'PriorityClass', '2-gpu', undefined, { value: 500000 });
    const report = diffObjects([quota('8'), priority], [quota('16'), kyverno, { ...priority, value: 600000 } as K8sObject, deployment('web')]);
    expect(flags(report, 'policy')).toEqual([
      'ClusterPolicy/require-requests: new policy',
      'PriorityClass/2-gpu: policy changes: value 500000 → 600000',
      'ResourceQuota/ns/quota: policy changes: spec.hard["requests.cpu"] "8" → "16"',
    ]);
  });
});

describe('capacity', () => {
  const rows = (report: DiffReport) => report.capacity.map((r) => `${capacityScope(r)}: ${Object.values(capacityAmounts(r)).join(' ')}`);

  test('requests × replicas per tier (PriorityClass, else namespace prefix) and per pinned node', () => {
    const gpu = (replicas: number) =>
      deployment('ollama', {
        replicas,
        namespace: '2-gpu-ollama',
        pod: {
          nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' },
          containers: [{ name: 'ollama', image: 'o:1', resources: { requests: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': 1 } } }],
        },
      });
    expect(rows(diffObjects([gpu(1)], [gpu(2)]))).toEqual(['tier 2-gpu: +2 +8Gi +1', 'node k8s-node1: +2 +8Gi +1']);
    const web = deployment('web', { replicas: 3, namespace: 'media', pod: { priorityClassName: '3-edge' } });
    expect(rows(diffObjects([web], []))).toEqual(['tier 3-edge: -300m -768Mi 0']);
  });

  test('DaemonSets count per node; init containers count when they ask for more than the containers', () => {
    const agent = (memory: string) =>
      deployment('agent', {
        kind: 'DaemonSet',
        namespace: '0-core-agent',
        pod: {
          nodeSelector: { 'nvidia.com/gpu.present': 'true' },
          initContainers: [{ name: 'setup', image: 's:1', resources: { requests: { cpu: '1', memory } } }],
          containers: [{ name: 'agent', image: 'a:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
        },
      });
    expect(rows(diffObjects([], [agent('32Mi')]))).toEqual(['tier 0-core (per node): +1 +64Mi 0', 'nodes nvidia.com/gpu.present=true (per node): +1 +64Mi 0']);
    expect(rows(diffObjects([agent('32Mi')], [agent('1Gi')]))).toEqual([
      'tier 0-core (per node): 0 +960Mi 0',
      'nodes nvidia.com/gpu.present=true (per node): 0 +960Mi 0',
    ]);
  });

  test('the review fixture: one more gitea replica in 3-edge', () => {
    expect(rows(reviewDiff())).toEqual(['tier 3-edge: +500m +1Gi 0']);
  });
});
