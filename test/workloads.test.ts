/**
 * The homelab's apps from the seeds, as rendered: GPU scheduling on the time-sliced T4, NFS
 * claims and a static export, LoadBalancer and Ingress exposure, secrets from Vault, restricted
 * security, default-deny network policies. One render, shared by every assertion.
 */
import { parse } from 'yaml';
import { advertisedGpus } from '../lib/gpu';
import type { K8sObject } from '../lib/gitops/collect';
import { render } from '../pipeline/synth';
import { EXAMPLES } from './helpers';

const result = render(EXAMPLES);
const homelab = result.trees.find((t) => t.cluster.name === 'homelab')!;
const objects = (app: string) => homelab.folders.find((f) => f.name === app)!.objects as (K8sObject & { spec: any })[];
const find = (app: string, kind: string, name = app) => {
  const o = objects(app).find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${app}: no ${kind}/${name}`);
  return o as K8sObject & { spec: any; data?: any };
};
const workloadOf = (app: string) => objects(app).find((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind))!;
const podOf = (app: string) => workloadOf(app).spec.template.spec;
const APPS = homelab.cluster.apps.map((a) => a.name);
const GPU_APPS = ['ollama', 'comfyui', 'stable-diffusion'];

test("the seeds' apps are all there, each in its tier", () => {
  expect(Object.fromEntries(homelab.cluster.apps.map((a) => [a.name, a.namespace]))).toEqual({
    ollama: '2-gpu-ollama',
    comfyui: '2-gpu-comfyui',
    'stable-diffusion': '2-gpu-stable-diffusion',
    gitea: '1-cluster-gitea',
    jellyfin: '3-edge-jellyfin',
    vaultwarden: '4-aux-vaultwarden',
    freshrss: '4-aux-freshrss',
  });
});

describe('GPU', () => {
  test.each(GPU_APPS)("%s asks for one nvidia.com/gpu as a limit, selects the GPU label and tolerates the node's actual taint", (app) => {
    const pod = podOf(app);
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
    expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBeUndefined(); // implied by the limit
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    // PreferNoSchedule, as on k8s-node1: a NoSchedule toleration would not match it
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'PreferNoSchedule' }]);
    expect(pod.runtimeClassName).toBeUndefined(); // kubeadm: the GPU operator makes nvidia the default runtime
    expect(pod.priorityClassName).toBe('2-gpu');
  });

  test('only GPU apps tolerate the GPU taint or select GPU nodes', () => {
    for (const app of APPS.filter((a) => !GPU_APPS.includes(a))) {
      const pod = podOf(app);
      expect([app, pod.tolerations, pod.nodeSelector]).toEqual([app, undefined, undefined]);
    }
  });

  test('the time-sliced T4 counts three times, for the GPU quota as for capacity', () => {
    const node1 = homelab.cluster.nodes.find((n) => n.name === 'k8s-node1')!;
    expect(advertisedGpus(node1)).toBe(3);
    expect(find('ollama', 'ResourceQuota', 'tier-quota').spec.hard['requests.nvidia.com/gpu']).toBe('3');
    expect(find('jellyfin', 'ResourceQuota', 'tier-quota').spec.hard['requests.nvidia.com/gpu']).toBe('0');
    const requested = GPU_APPS.reduce((sum, app) => sum + podOf(app).containers[0].resources.limits['nvidia.com/gpu'], 0);
    expect(requested).toBeLessThanOrEqual(advertisedGpus(node1));
  });

  test("the GPU operator's device plugin is configured to advertise the T4 three times", () => {
    const config = find('gpu-operator', 'ConfigMap', 'time-slicing');
    expect(parse(config.data.any)).toEqual({
      version: 'v1',
      flags: { migStrategy: 'none' },
      sharing: { timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: 3 }] } },
    });
    const application = objects('apps').find((o) => o.kind === 'Application' && o.metadata.name === 'gpu-operator')!;
    const helm = application.spec.sources.find((s: any) => s.helm).helm;
    expect(helm.valuesObject.devicePlugin).toMatchObject({ config: { name: 'time-slicing', default: 'any' } });
  });

  test('a GPU app is replaced by Recreate: a rolling update would wait for the GPU the old pod holds', () => {
    for (const app of GPU_APPS) expect(find(app, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('storage', () => {
  const KEEP = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };

  test('a claim from the csi-driver-nfs class is kept by Argo CD when pruning or deleting', () => {
    const claim = find('vaultwarden', 'PersistentVolumeClaim', 'vaultwarden-data');
    expect(claim.metadata.annotations).toEqual(KEEP);
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'nfs-slow', resources: { requests: { storage: '5Gi' } } });
    expect(podOf('vaultwarden').volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'vaultwarden-data' } });
    expect(podOf('vaultwarden').containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
  });

  test('the namespace of an app with data is kept too: deleting it would delete the claims', () => {
    expect(find('vaultwarden', 'Namespace', '4-aux-vaultwarden').metadata.annotations).toEqual(KEEP);
  });

  test('the media library is a static NFS volume: mount options, Retain, no class, bound both ways, read-only', () => {
    const pv = find('jellyfin', 'PersistentVolume', '3-edge-jellyfin-media');
    expect(pv.metadata.annotations).toEqual(KEEP);
    expect(pv.spec).toEqual({
      accessModes: ['ReadOnlyMany'],
      capacity: { storage: '8Ti' },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      mountOptions: ['nfsvers=4.1', 'nconnect=16'],
      nfs: { server: 'candlekeep', path: '/media', readOnly: true },
      claimRef: { namespace: '3-edge-jellyfin', name: 'jellyfin-media' },
    });
    const claim = find('jellyfin', 'PersistentVolumeClaim', 'jellyfin-media');
    expect(claim.metadata.annotations).toEqual(KEEP);
    expect(claim.spec).toMatchObject({ accessModes: ['ReadOnlyMany'], storageClassName: '', volumeName: '3-edge-jellyfin-media' });
    expect(podOf('jellyfin').containers[0].volumeMounts).toContainEqual({ name: 'media', mountPath: '/media', readOnly: true });
  });

  test('no pod mounts NFS inline: mount options need a PersistentVolume or a class', () => {
    for (const app of APPS) expect(podOf(app).volumes?.filter((v: any) => v.nfs) ?? []).toEqual([]);
  });

  test('Gitea is a StatefulSet whose claim comes from a volumeClaimTemplate and outlives it', () => {
    const sts = find('gitea', 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', annotations: KEEP, labels: sts.metadata.labels },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'nfs-slow', resources: { requests: { storage: '50Gi' } } },
      },
    ]);
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(sts.spec.serviceName).toBe('gitea-headless');
    expect(find('gitea', 'Service', 'gitea-headless').spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(objects('gitea').filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
  });

  test('a single-replica app writing a volume is replaced by Recreate: two copies must not share its data', () => {
    expect(find('vaultwarden', 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('exposure', () => {
  test("a LoadBalancer Service on a MetalLB pool, with its fixed address, the client's source address and a DNS name", () => {
    const svc = find('jellyfin', 'Service');
    expect(svc.metadata.annotations).toEqual({
      'metallb.io/address-pool': 'internal',
      'metallb.io/loadBalancerIPs': '10.0.20.213',
      'external-dns.alpha.kubernetes.io/hostname': 'jellyfin.home.arpa',
    });
    expect(svc.spec).toEqual({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      selector: { 'app.kubernetes.io/name': 'jellyfin' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(podOf('jellyfin').containers[0].ports).toEqual([{ name: 'http', containerPort: 8096, protocol: 'TCP' }]);
  });

  test("an Ingress with the cluster's class, a cert-manager certificate and an external-dns name; the Service stays internal", () => {
    const ingress = find('vaultwarden', 'Ingress');
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'external-dns.alpha.kubernetes.io/hostname': 'vault.example.com',
    });
    expect(ingress.spec).toEqual({
      ingressClassName: 'traefik',
      tls: [{ hosts: ['vault.example.com'], secretName: 'vaultwarden-tls' }],
      rules: [
        {
          host: 'vault.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'vaultwarden', port: { name: 'http' } } } }] },
        },
      ],
    });
    expect(find('vaultwarden', 'Service').spec.type).toBe('ClusterIP');
  });
});

describe('secrets', () => {
  test('secrets come from Vault through ExternalSecrets, one property per key', () => {
    const es = find('gitea', 'ExternalSecret', 'gitea-security');
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.spec).toEqual({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      refreshInterval: '1h',
      target: { name: 'gitea-security', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'internal-token', remoteRef: { key: 'gitea/security', property: 'internal-token' } },
        { secretKey: 'secret-key', remoteRef: { key: 'gitea/security', property: 'secret-key' } },
      ],
    });
    expect(podOf('gitea').containers[0].env).toContainEqual({
      name: 'GITEA__security__SECRET_KEY',
      valueFrom: { secretKeyRef: { name: 'gitea-security', key: 'secret-key' } },
    });
  });

  test('no Secret with data is rendered anywhere', () => {
    expect(homelab.folders.flatMap((f) => f.objects).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('a workload reading secrets or config files carries the Reloader annotation; the others do not', () => {
    expect(find('gitea', 'StatefulSet').metadata.annotations).toEqual({ 'reloader.stakater.com/auto': 'true' });
    expect(find('vaultwarden', 'Deployment').metadata.annotations).toEqual({ 'reloader.stakater.com/auto': 'true' });
    expect(find('jellyfin', 'Deployment').metadata.annotations).toBeUndefined();
  });
});

describe('security', () => {
  const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };

  test.each(['ollama', 'gitea', 'jellyfin', 'vaultwarden'])(
    '%s runs restricted: non-root, no escalation, no capabilities, RuntimeDefault seccomp, read-only root with a /tmp',
    (app) => {
      const pod = podOf(app);
      expect(pod.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        fsGroupChangePolicy: 'OnRootMismatch',
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.containers[0].securityContext).toEqual(RESTRICTED_CONTAINER);
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'scratch-tmp', mountPath: '/tmp' });
      expect(pod.volumes).toContainEqual({ name: 'scratch-tmp', emptyDir: { sizeLimit: '1Gi' } });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.enableServiceLinks).toBe(false);
      expect(find(app, 'Namespace', workloadOf(app).metadata.namespace).metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('restricted');
    },
  );

  test('an app that needs root says why, gets exactly what it asked for, and its namespace enforces baseline', () => {
    const pod = podOf('freshrss');
    expect(pod.securityContext).toEqual({ runAsUser: 0, runAsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'] },
    });
    expect(find('freshrss', 'Namespace', '4-aux-freshrss').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(homelab.cluster.apps.find((a) => a.name === 'freshrss')!.privileges!.reason).toMatch(/Apache/);
  });
});

describe('network policies', () => {
  const policies = (app: string) =>
    Object.fromEntries(
      objects(app)
        .filter((o) => o.kind === 'NetworkPolicy')
        .map((p) => [p.metadata.name, p.spec]),
    );

  test.each(APPS)('%s: its namespace denies everything in and out, then allows DNS', (app) => {
    const p = policies(app);
    expect(p['default-deny']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(p['allow-dns'].egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    ]);
  });

  test('a LoadBalancer app admits clients from anywhere, on its ports only', () => {
    expect(policies('gitea')['allow-from-load-balancer'].ingress).toEqual([
      {
        from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
        ports: [
          { port: 3000, protocol: 'TCP' },
          { port: 2222, protocol: 'TCP' },
        ],
      },
    ]);
  });

  test("an Ingress app admits the ingress controller's namespace, and nothing from outside", () => {
    const p = policies('vaultwarden');
    expect(p['allow-from-ingress-controller'].ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '0-core-ingress' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    expect(p['allow-from-load-balancer']).toBeUndefined();
    expect(p['allow-internet']).toBeUndefined();
  });

  test('an app that asks for the internet may reach public addresses, not the LAN or the cluster', () => {
    const [v4, v6] = policies('ollama')['allow-internet'].egress[0].to.map((t: any) => t.ipBlock);
    expect(v4).toEqual({ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] });
    expect(v6).toEqual({ cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] });
  });
});

describe('workload', () => {
  test('probes: readiness and liveness as given, and a startup probe holding liveness off during a slow first start', () => {
    const c = podOf('ollama').containers[0];
    const check = { httpGet: { path: '/api/version', port: 'http' } };
    expect(c.startupProbe).toEqual({ ...check, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 });
    expect(c.readinessProbe).toEqual({ ...check, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ ...check, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 });
    expect(podOf('comfyui').containers[0].startupProbe.failureThreshold).toBe(90);
  });

  test('pinned images are pulled only when missing', () => {
    for (const app of APPS) expect(podOf(app).containers.map((c: any) => c.imagePullPolicy)).toEqual(['IfNotPresent']);
  });

  test('no PodDisruptionBudget for single-replica apps: it would block every drain', () => {
    expect(homelab.folders.flatMap((f) => f.objects).filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });
});
