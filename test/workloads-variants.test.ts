/**
 * The generic app beyond the homelab: replicas and disruption budgets, config files,
 * dependencies, shared and dual-stack addresses, k3s GPUs, sealed secrets, escalating Pod
 * Security levels, and the TypeScript twin (charts/custom). Two scratch clusters, one render.
 */
import { appModel, AppSpecError } from '../lib/config/app-spec';
import { ConfigError } from '../lib/config';
import type { K8sObject } from '../lib/gitops/collect';
import { isSecretEnvName } from '../lib/config/plaintext';
import { render } from '../pipeline/synth';
import { scratchProject } from './helpers';

const SEALED = 'Ag' + 'B'.repeat(400) + '==';

const LAB = `
name: lab
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/lab.git }
nodes:
  node1: { cpu: 16, memory: 64Gi }
  gpu1:
    cpu: 16
    memory: 64Gi
    labels: { nvidia.com/gpu.present: "true" }
    taints: [{ key: nvidia.com/gpu, effect: NoSchedule }]
    gpus: { count: 2 }
storage:
  classes:
    nfs: { server: nas, path: /k8s, mountOptions: [nfsvers=4.2, nconnect=8] }
network:
  ipFamilies: [IPv4, IPv6]
  pools:
    lan: { addresses: [192.0.2.0/28] }
    dual: { addresses: [198.51.100.0/28, 2001:db8::/120] }
    v6: { addresses: [2001:db8:1::/120] }
  ingress: { className: nginx }
  dns: { domain: lab.home.arpa }
secrets:
  provider: external-secrets
  store: { name: vault }
charts: [whoami]
apps:
  web:
    image: nginx:1.27.3
    tier: 3-edge
    replicas: 3
    ports: { http: { port: 80, targetPort: 8080 } }
    files:
      /etc/nginx/conf.d/default.conf: "server { listen 8080; }"
    volumes:
      shared: { mountPath: /srv, class: nfs, size: 1Gi }
    probes:
      liveness: { tcp: {} }
    expose: { pool: dual, hostname: web }
    dependsOn: [db]
  db:
    image: postgres:17.2
    tier: 1-cluster
    kind: StatefulSet
    replicas: 2
    init:
      - { name: check-data, command: [sh, -c, 'test -w /var/lib/postgresql/data'] }
    ports: { pg: { port: 5432 } }
    volumes:
      data: { mountPath: /var/lib/postgresql/data, class: nfs, size: 10Gi }
  dns:
    image: coredns/coredns:1.12.0
    tier: 0-core
    ports: { dns: { port: 53, protocol: UDP } }
    expose: { pool: lan, ip: 192.0.2.5, sharedIPKey: dns }
  v6app:
    image: nginx:1.27.3
    tier: 4-aux
    ports: { http: { port: 80 } }
    expose: { pool: v6 }
    egress: { cidrs: [192.168.1.0/24] }
  vpn:
    image: nginx:1.27.3
    tier: 4-aux
    ports: { wg: { port: 51820, protocol: UDP } }
    expose: { pool: dual, ip: "198.51.100.5, 2001:db8::5" }
  api:
    image: nginx:1.27.3
    tier: 4-aux
    ports: { http: { port: 80 } }
    expose: { pool: dual, ip: 198.51.100.6 }
  legacy:
    image: busybox:1.37.0
    tier: 4-aux
    volumes:
      old: { mountPath: /old, nfs: { server: nas, path: /old } }
  agent:
    image: busybox:1.37.0
    tier: 0-core
    kind: DaemonSet
    privileges: { hostNetwork: true, capabilities: [NET_ADMIN], reason: it manages the node's routes }
  trainer:
    image: pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime
    tier: 2-gpu
    gpus: 2
`;

const K3S = `
name: k3s
kubernetes: { version: "1.34", distribution: k3s }
gitops: { repoURL: https://git.example.com/k3s.git }
nodes:
  box:
    cpu: 16
    memory: 64Gi
    labels: { nvidia.com/gpu.present: "true" }
    gpus: { count: 1 }
secrets: { provider: sealed-secrets }
apps:
  llm:
    image: ollama/ollama:0.12.6
    tier: 2-gpu
    gpus: 1
    secrets:
      api:
        env: { OLLAMA_API_KEY: key }
        files: { /run/secrets/tls.key: tls-key }
        sealed: { key: ${SEALED}, tls-key: ${SEALED} }
`;

const result = render(scratchProject({ lab: LAB, k3s: K3S }));
const tree = (cluster: string) => result.trees.find((t) => t.cluster.name === cluster)!;
const objects = (cluster: string, app: string) => tree(cluster).folders.find((f) => f.name === app)!.objects as (K8sObject & { spec: any })[];
const find = (cluster: string, app: string, kind: string, name = app) => objects(cluster, app).find((o) => o.kind === kind && o.metadata.name === name)!;
const pod = (cluster: string, app: string) =>
  objects(cluster, app).find((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind))!.spec.template.spec;
const policy = (app: string, name: string) => find('lab', app, 'NetworkPolicy', name)?.spec;
const enforced = (cluster: string, app: string) =>
  objects(cluster, app).find((o) => o.kind === 'Namespace')!.metadata.labels!['pod-security.kubernetes.io/enforce'];

describe('replicas', () => {
  test('several replicas roll one extra pod at a time, never one fewer, and keep all but one through a drain', () => {
    expect(find('lab', 'web', 'Deployment').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(find('lab', 'web', 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } });
    expect(find('lab', 'db', 'PodDisruptionBudget')).toBeDefined();
    expect(find('lab', 'dns', 'PodDisruptionBudget')).toBeUndefined();
  });

  test('a claim shared by several Deployment replicas is ReadWriteMany', () => {
    expect(find('lab', 'web', 'PersistentVolumeClaim', 'web-shared').spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test('a DaemonSet rolls node by node and has no replicas', () => {
    const ds = find('lab', 'agent', 'DaemonSet');
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    expect(ds.spec.replicas).toBeUndefined();
  });
});

test('config files: one ConfigMap, each file mounted read-only at its path, and Reloader restarts on change', () => {
  expect(find('lab', 'web', 'ConfigMap', 'web-files').data).toEqual({ 'etc_nginx_conf.d_default.conf': 'server { listen 8080; }' });
  expect(pod('lab', 'web').containers[0].volumeMounts).toContainEqual({
    name: 'files',
    mountPath: '/etc/nginx/conf.d/default.conf',
    subPath: 'etc_nginx_conf.d_default.conf',
    readOnly: true,
  });
  expect(pod('lab', 'web').volumes).toContainEqual({ name: 'files', configMap: { name: 'web-files' } });
  expect(find('lab', 'web', 'Deployment').metadata.annotations).toEqual({ 'reloader.stakater.com/auto': 'true' });
});

test("an init step runs the app's image with its resources, mounts and restricted security", () => {
  const spec = pod('lab', 'db');
  const [init, app] = [spec.initContainers[0], spec.containers[0]];
  expect(init).toMatchObject({
    name: 'check-data',
    image: 'postgres:17.2',
    command: ['sh', '-c', 'test -w /var/lib/postgresql/data'],
    imagePullPolicy: 'IfNotPresent',
  });
  for (const field of ['resources', 'securityContext', 'volumeMounts']) expect(init[field]).toEqual(app[field]);
  expect(init.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
});

test('a liveness probe alone gets a startup probe with the same check; the port defaults to the first', () => {
  const c = pod('lab', 'web').containers[0];
  expect(c.livenessProbe).toMatchObject({ tcpSocket: { port: 'http' }, periodSeconds: 20 });
  expect(c.startupProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 });
});

test('a dependency opens the way at both ends: egress from the dependent, ingress at the dependency, on its ports', () => {
  const pg = [{ port: 5432, protocol: 'TCP' }];
  expect(policy('web', 'allow-to-db')).toEqual({
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '1-cluster-db' } } }], ports: pg }],
  });
  expect(policy('db', 'allow-from-web')).toEqual({
    podSelector: {},
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '3-edge-web' } } }], ports: pg }],
  });
  expect(policy('web', 'allow-from-db')).toBeUndefined();
});

test('egress to declared CIDRs', () => {
  expect(policy('v6app', 'allow-cidrs').egress).toEqual([{ to: [{ ipBlock: { cidr: '192.168.1.0/24' } }] }]);
});

describe('exposure', () => {
  test('a pool with both families gives a dual-stack Service, and a short hostname lives under the DNS domain', () => {
    const svc = find('lab', 'web', 'Service');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'], externalTrafficPolicy: 'Local' });
    expect(svc.metadata.annotations!['external-dns.alpha.kubernetes.io/hostname']).toBe('web.lab.home.arpa');
  });

  test('an IPv6-only pool gives a single-stack IPv6 Service', () => {
    expect(find('lab', 'v6app', 'Service').spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] });
  });

  test('a fixed address per family ("v4,v6") gives a dual-stack Service with both addresses', () => {
    const svc = find('lab', 'vpn', 'Service');
    expect(svc.metadata.annotations!['metallb.io/loadBalancerIPs']).toBe('198.51.100.5,2001:db8::5');
    expect(svc.spec).toMatchObject({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  test('one fixed address of the primary family in a dual-stack pool gives a single-stack Service', () => {
    const svc = find('lab', 'api', 'Service');
    expect(svc.metadata.annotations!['metallb.io/loadBalancerIPs']).toBe('198.51.100.6');
    expect(svc.spec.ipFamilyPolicy).toBeUndefined();
    expect(svc.spec.ipFamilies).toBeUndefined();
  });

  test('a shared address carries the sharing key and uses the Cluster traffic policy', () => {
    const svc = find('lab', 'dns', 'Service');
    expect(svc.metadata.annotations).toEqual({
      'metallb.io/address-pool': 'lan',
      'metallb.io/loadBalancerIPs': '192.0.2.5',
      'metallb.io/allow-shared-ip': 'dns',
    });
    expect(svc.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }] });
    expect(svc.spec.ipFamilyPolicy).toBeUndefined();
  });
});

describe('GPU', () => {
  test("the toleration follows the node's taint: no value means operator Exists, and the effect is the taint's", () => {
    const spec = pod('lab', 'trainer');
    expect(spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(spec.containers[0].resources.limits['nvidia.com/gpu']).toBe(2);
    expect(find('lab', 'trainer', 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('on k3s a GPU pod runs with the nvidia RuntimeClass; an untainted GPU node needs no toleration', () => {
    expect(pod('k3s', 'llm')).toMatchObject({ runtimeClassName: 'nvidia', nodeSelector: { 'nvidia.com/gpu.present': 'true' } });
    expect(pod('k3s', 'llm').tolerations).toBeUndefined();
  });
});

describe('sealed secrets', () => {
  test("a SealedSecret carries only the encrypted values, for the app's name and namespace", () => {
    const sealed = find('k3s', 'llm', 'SealedSecret', 'llm-api');
    expect(sealed.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(sealed.metadata.namespace).toBe('2-gpu-llm');
    expect(sealed.spec.encryptedData).toEqual({ key: SEALED, 'tls-key': SEALED });
    expect(sealed.spec.template.metadata).toMatchObject({ name: 'llm-api', namespace: '2-gpu-llm' });
    expect(objects('k3s', 'llm').filter((o) => o.kind === 'Secret' || o.kind === 'ExternalSecret')).toEqual([]);
  });

  test('secret files are mounted read-only, readable by owner and group only', () => {
    const spec = pod('k3s', 'llm');
    expect(spec.volumes).toContainEqual({ name: 'secret-api', secret: { secretName: 'llm-api', defaultMode: 0o440 } });
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'secret-api', mountPath: '/run/secrets/tls.key', subPath: 'tls-key', readOnly: true });
    expect(spec.containers[0].env).toEqual([{ name: 'OLLAMA_API_KEY', valueFrom: { secretKeyRef: { name: 'llm-api', key: 'key' } } }]);
  });
});

test('the namespace enforces the Pod Security level the app needs: restricted, baseline (inline NFS), privileged (host network)', () => {
  expect(enforced('lab', 'web')).toBe('restricted');
  expect(enforced('lab', 'legacy')).toBe('baseline');
  expect(enforced('lab', 'agent')).toBe('privileged');
  expect(pod('lab', 'agent')).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
  expect(pod('lab', 'agent').containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_ADMIN'] });
});

describe('TypeScript charts', () => {
  test('a chart named in the cluster file adds its apps, built like those of the file', () => {
    for (const color of ['blue', 'green']) {
      const app = `whoami-${color}`;
      expect(find('lab', app, 'Deployment').spec.template.spec.containers[0]).toMatchObject({
        image: 'traefik/whoami:v1.11.0',
        args: ['--port', '8080', '--name', color],
      });
      expect(policy(app, 'default-deny')).toBeDefined();
      expect(
        tree('lab')
          .folders.find((f) => f.name === 'apps')!
          .objects.map((o) => o.metadata.name),
      ).toContain(app);
    }
  });

  test('a chart name that is not registered is a config error with a "did you mean"', () => {
    expect(() => render(scratchProject({ lab: LAB.replace('charts: [whoami]', 'charts: [whoamy]') }))).toThrow(
      expect.objectContaining({
        constructor: ConfigError,
        message: expect.stringMatching(
          /clusters\/lab\/cluster\.yaml:\d+:\d+ {2}charts\[0\]\n {2}error: chart "whoamy" is not registered\n {2}fix: {3}did you mean "whoami"\?/,
        ),
      }),
    );
  });

  test("a TypeScript app gets the cluster file's checks, with the field path", () => {
    const cluster = tree('lab').cluster;
    expect(() => appModel(cluster, 'x', { image: 'nginx:latest', tier: '4-aux', memory: '8GB' })).toThrow(AppSpecError);
    expect(() => appModel(cluster, 'x', { image: 'nginx:latest', tier: '4-aux' })).toThrow(
      /apps\.x\.image\n {4}error: image "nginx:latest" uses the moving tag "latest"/,
    );
    expect(appModel(cluster, 'x', { image: 'nginx:1.27.3', tier: '4-aux' })).toMatchObject({
      namespace: '4-aux-x',
      memory: '256Mi',
      memoryLimit: '4Gi',
      runAs: { user: 1000, group: 1000 },
    });
  });
});

test('env names that carry credentials are told apart from those that point at them', () => {
  expect(['ADMIN_TOKEN', 'DB_PASSWORD', 'GITEA__security__SECRET_KEY', 'API_KEY', 'SMTP_PASS'].filter(isSecretEnvName)).toHaveLength(5);
  expect(['PASSWORD_FILE', 'TOKEN_URL', 'SIGNUPS_ALLOWED', 'OLLAMA_KEEP_ALIVE', 'KEYCLOAK_URL'].filter(isSecretEnvName)).toEqual([]);
});
