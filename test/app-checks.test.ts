/**
 * The app cross-checks beyond the fixtures in test/fixtures/invalid (which also check the
 * position and that dist/ stays untouched): each case is one mistake in an otherwise valid app,
 * and gives exactly one problem at the right field.
 */
import { parseCluster } from '../lib/config';

const ESO = 'secrets: { provider: external-secrets, store: { name: vault } }';

/** A valid cluster whose app `web` gets `app` (lines under it, replacing its own ports/tier when given). */
const cluster = (app: string, extra = '') => `
name: mini
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/mini.git }
nodes:
  node1: { cpu: 4, memory: 16Gi }
storage:
  classes:
    nfs: { server: nas, path: /k8s }
network:
  pools:
    lan: { addresses: [192.0.2.0/28] }
${extra.startsWith('  ') ? extra : ''}
${extra.startsWith('  ') ? '' : extra}
apps:
  web:
    image: nginx:1.27.3
${app.includes('    tier:') ? '' : '    tier: 4-aux\n'}${app.includes('    ports:') ? '' : '    ports: { http: { port: 80 } }\n'}${app}`;

const cases: [string, string, string, string][] = [
  ['a port name Kubernetes refuses', '    ports: { http-with-a-long-name: { port: 80 } }', 'apps.web.ports.http-with-a-long-name', 'longer than 15 characters'],
  [
    'a probe on a port the app lacks',
    '    probes: { readiness: { http: { path: /, port: https } } }',
    'apps.web.probes.readiness.http.port',
    'port "https" is not one of the app\'s ports',
  ],
  [
    'a volume with two sources',
    '    volumes: { data: { mountPath: /data, class: nfs, size: 1Gi, volume: media } }',
    'apps.web.volumes.data',
    'a volume has one source, got class and volume',
  ],
  [
    'a claim from a class without a size',
    '    volumes: { data: { mountPath: /data, class: nfs } }',
    'apps.web.volumes.data',
    'a claim from a class needs a size',
  ],
  [
    'a size on an inline volume',
    '    volumes: { data: { mountPath: /data, nfs: { server: nas, path: /d }, size: 1Gi } }',
    'apps.web.volumes.data.size',
    'size applies to a new claim from a class',
  ],
  [
    'a volume named like a generated one',
    '    volumes: { files: { mountPath: /data, class: nfs, size: 1Gi } }',
    'apps.web.volumes.files',
    'a pod volume name the generator uses itself',
  ],
  [
    'two mounts at one path',
    '    writablePaths: [/data]\n    volumes: { data: { mountPath: /data, class: nfs, size: 1Gi } }',
    'apps.web.writablePaths[0]',
    '/data is already mounted by apps.web.volumes.data.mountPath',
  ],
  ['two files with one ConfigMap key', '    files: { /a/b_c: x, /a_b/c: y }', 'apps.web.files["/a_b/c"]', 'would share the ConfigMap key "a_b_c"'],
  ['a strategy on a StatefulSet', '    kind: StatefulSet\n    strategy: Recreate', 'apps.web.strategy', 'strategy applies to Deployments'],
  [
    'an init step named like the app',
    '    init: [{ name: web, command: [/bin/true] }]',
    'apps.web.init[0].name',
    'container name "web" is taken by the app itself',
  ],
  [
    'an init image on latest',
    '    init: [{ name: migrate, image: "migrate/migrate:latest", command: [migrate] }]',
    'apps.web.init[0].image',
    'uses the moving tag "latest"',
  ],
  ['GPUs on a cluster without GPU nodes', '    tier: 2-gpu\n    gpus: 1', 'apps.web.gpus', 'no node has a GPU'],
  [
    'a short hostname without a DNS domain',
    '    expose: { pool: lan, hostname: web }',
    'apps.web.expose.hostname',
    '"web" is not a full DNS name and the cluster has no DNS domain',
  ],
  ['an ingress without an ingress controller', '    ingress: { host: web.example.com }', 'apps.web.ingress', 'the cluster has no ingress controller'],
  [
    'an env var set literally and from a secret',
    '    env: { ADMIN_TOKEN: "" }\n    secrets: { admin: { env: { ADMIN_TOKEN: token } } }',
    'apps.web.secrets.admin.env.ADMIN_TOKEN',
    'ADMIN_TOKEN is also set by apps.web.env',
  ],
  ['a secret nothing reads', '    secrets: { admin: {} }', 'apps.web.secrets.admin', 'the secret is not used'],
  [
    'sealed values on an external-secrets cluster',
    '    secrets: { admin: { env: { T: t }, sealed: { t: x } } }',
    'apps.web.secrets.admin.sealed',
    'not from sealed values',
  ],
];
/** What a case needs besides the app: a top-level section, or lines under `network:` (indented). */
const extras: Record<string, string> = {
  'an env var set literally and from a secret': ESO,
  'a secret nothing reads': ESO,
  'sealed values on an external-secrets cluster': ESO,
};

test.each(cases)('%s', (name, app, path, message) => {
  const { problems } = parseCluster(cluster(app, extras[name]), 'clusters/mini/cluster.yaml', 'mini');
  expect(problems.map((p) => [p.path, p.message])).toEqual([[path, expect.stringContaining(message)]]);
});

test("the base cluster is valid with each case's extra section, and with an inline NFS volume without mount options", () => {
  for (const extra of ['', ...new Set(Object.values(extras))])
    expect(parseCluster(cluster('', extra), 'clusters/mini/cluster.yaml', 'mini').problems).toEqual([]);
  const inlineNfs = cluster('    volumes: { old: { mountPath: /old, nfs: { server: nas, path: /old } } }');
  expect(parseCluster(inlineNfs, 'clusters/mini/cluster.yaml', 'mini').problems).toEqual([]);
});

test('GPU nodes that slice their cards differently are an error: the device plugin gets one config', () => {
  const text = cluster('').replace(
    '  node1: { cpu: 4, memory: 16Gi }',
    '  gpu1: { cpu: 8, memory: 32Gi, gpus: { count: 1, timeSlicing: 3 } }\n  gpu2: { cpu: 8, memory: 32Gi, gpus: { count: 1 } }',
  );
  expect(parseCluster(text, 'clusters/mini/cluster.yaml', 'mini').problems.map((p) => [p.path, p.message])).toEqual([
    ['nodes.gpu2.gpus.timeSlicing', "timeSlicing 1 differs from gpu1's 3; the device plugin gets one time-slicing config for every GPU node"],
  ]);
});
