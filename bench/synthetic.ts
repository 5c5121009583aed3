/**
 * Synthetic cluster files for the scale curve: N apps that use what the cluster file offers
 * (storage, exposure, ingress, secrets, config files, probes, GPUs, StatefulSets, dependencies),
 * and enough nodes, GPUs and addresses for all of them. To cover a new cluster-file feature, add
 * a line to FEATURES (and what it needs at cluster level to syntheticClusterFile).
 */
import { stringify } from 'yaml';

type Fields = Record<string, unknown>;

/** App number i -> the fields it adds to the app (undefined: not for this app). */
const FEATURES: readonly ((i: number) => Fields | undefined)[] = [
  (i) => ({ image: `registry.example.com/app${i % 97}:1.${i % 13}.0`, tier: i % 3 ? '4-aux' : '3-edge', cpu: '50m', memory: '64Mi', memoryLimit: '128Mi' }),
  () => ({ ports: { http: { port: 8080 } }, env: { LOG_LEVEL: 'info' } }),
  (i) => (i % 20 === 19 ? { tier: '2-gpu', gpus: 1, memory: '2Gi', memoryLimit: '2Gi' } : undefined),
  (i) => (i % 4 === 0 ? { expose: { pool: 'lan', ...(i % 8 === 0 ? { ip: fixedIp(i) } : {}) } } : undefined),
  (i) => (i % 10 === 5 ? { kind: 'StatefulSet' } : undefined),
  () => ({ probes: { readiness: { http: { path: '/healthz' } } } }),
  (i) => (i % 3 === 0 ? { volumes: { data: { mountPath: '/data', class: 'nfs', size: '1Gi' } } } : undefined),
  (i) => (i % 6 === 1 ? { files: { '/etc/app/config.yaml': `name: ${appName(i)}\nlog:\n  level: info\n` } } : undefined),
  (i) => (i % 5 === 2 ? { secrets: { api: { env: { API_TOKEN: 'token' } } } } : undefined),
  (i) => (i % 7 === 3 ? { ingress: { host: `${appName(i)}.example.com` } } : undefined),
  // a dependency on the first app of its group of five: many short chains, as in real clusters
  (i) => (i % 5 ? { dependsOn: [appName(i - (i % 5))] } : undefined),
];

const APPS_PER_NODE = 40;
const GPUS_PER_NODE = 4;

export function appName(i: number): string {
  return `app-${String(i).padStart(5, '0')}`;
}

/** A fixed address for app i inside the `lan` pool (10.64.0.0/12). */
function fixedIp(i: number): string {
  return `10.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

export function syntheticApps(count: number): Record<string, Fields> {
  const apps: Record<string, Fields> = {};
  for (let i = 0; i < count; i++) {
    apps[appName(i)] = Object.assign({}, ...FEATURES.map((feature) => feature(i)));
  }
  return apps;
}

/** The text of clusters/<name>/cluster.yaml with `count` apps. */
export function syntheticCluster(name: string, count: number): string {
  return stringify(syntheticClusterFile(name, count), { lineWidth: 0 });
}

/** The content of a cluster file with `count` apps, to edit before writing it. */
export function syntheticClusterFile(name: string, count: number) {
  const apps = syntheticApps(count);
  const gpus = Object.values(apps).reduce((n, a) => n + ((a.gpus as number | undefined) ?? 0), 0);
  const nodes: Record<string, Fields> = {
    'control-1': { cpu: 8, memory: '32Gi', roles: ['control-plane'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  };
  for (let n = 0; n < Math.ceil(count / APPS_PER_NODE); n++) nodes[`worker-${n}`] = { cpu: 64, memory: '256Gi' };
  for (let n = 0; n < Math.ceil(gpus / GPUS_PER_NODE); n++) {
    nodes[`gpu-${n}`] = {
      cpu: 32,
      memory: '128Gi',
      labels: { 'nvidia.com/gpu.present': 'true' },
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'PreferNoSchedule' }],
      gpus: { count: GPUS_PER_NODE, model: 'Tesla T4' },
    };
  }
  return {
    name,
    kubernetes: { version: '1.34' },
    gitops: { repoURL: `https://git.example.com/${name}.git` },
    nodes,
    storage: { classes: { nfs: { server: 'nas.home.arpa', path: '/export/k8s', mountOptions: ['nfsvers=4.1', 'nconnect=8'], default: true } } },
    network: { pools: { lan: { addresses: ['10.64.0.0/12'] } }, ingress: { className: 'traefik', issuer: 'letsencrypt' }, dns: { domain: 'home.arpa' } },
    secrets: { provider: 'external-secrets' },
    utilities: {
      ingress: { pool: 'lan', ip: '10.79.255.1' },
      'cert-manager': { issuer: { acme: { email: 'admin@example.com' } } },
      'external-secrets': { store: { vault: { server: 'https://vault.home.arpa:8200', role: 'external-secrets' } } },
    },
    apps,
  };
}
