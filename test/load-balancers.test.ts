/**
 * `network.loadBalancer`, one small cluster per choice, rendered and verified: MetalLB (its
 * application, pools and annotations), Cilium LB-IPAM (the cilium-lb application's pools and L2
 * announcement policies, the pool label and lbipam annotations on the Services), k3s's ServiceLB
 * (plain LoadBalancer Services, no load-balancer application) and none (nothing exposed). The
 * ingress controller's Service follows the same choice, and so do the sync waves.
 */
import type { K8sObject } from '../lib/gitops/collect';
import { render } from '../pipeline/synth';
import { syncWaves } from '../lib/gitops/waves';
import { NO_UTILITIES, scratchProject } from './helpers';

const head = (name: string, distribution = 'kubeadm') => `
name: ${name}
kubernetes: { version: "1.34", distribution: ${distribution} }
gitops: { repoURL: https://git.example.com/${name}.git }
nodes:
  node1: { cpu: 8, memory: 32Gi, labels: { lan: "true" } }
  node2: { cpu: 8, memory: 32Gi }
${NO_UTILITIES}`;

const app = (name: string, expose: string, port = 80, protocol = 'TCP') => `
  ${name}:
    image: nginx:1.27.3
    tier: 4-aux
    ports: { p: { port: ${port}, protocol: ${protocol} } }
    expose: ${expose}`;

// (a utility's settings go right after NO_UTILITIES, under utilities:)
const METALLB = `${head('metal')}
  ingress: { pool: lan, ip: 192.0.2.2 }
network:
  pools:
    lan: { addresses: [192.0.2.0/28] }
  ingress: { className: traefik }
apps:${app('web', '{ pool: lan, ip: 192.0.2.3 }')}
`;

const CILIUM = `${head('cil')}
  ingress: { pool: lan, ip: 192.0.2.2, controller: nginx }
network:
  loadBalancer: cilium
  pools:
    lan: { addresses: [192.0.2.0/28, 192.0.2.100-192.0.2.110] }
    spare: { addresses: [198.51.100.0/29] }
    internet: { addresses: [203.0.113.8/29], autoAssign: false, internet: true }
  l2:
    interfaces: [eth0, enp3s0.100]
    nodeSelectors: [{ lan: "true" }, { kubernetes.io/hostname: node2 }]
  ingress: { className: nginx }
apps:${app('web', '{ pool: lan, ip: 192.0.2.3 }')}${app('public', '{ pool: internet, internet: true }', 443)}${app('dns-udp', '{ pool: lan, ip: 192.0.2.5, sharedIPKey: dns }', 53, 'UDP')}${app('dns-tcp', '{ pool: lan, ip: 192.0.2.5, sharedIPKey: dns }', 53)}${app('local', '{ pool: spare }', 8080)}
`;

const SERVICELB = `${head('k3s', 'k3s')}
network:
  loadBalancer: servicelb
  ingress: { className: traefik }
apps:${app('dns', '{}', 53, 'UDP')}${app('web', '{ hostname: web.example.com }', 8080)}
`;

const NONE = `${head('bare')}
network:
  loadBalancer: none
apps:
  web:
    image: nginx:1.27.3
    tier: 4-aux
    ports: { p: { port: 80 } }
`;

const result = render(scratchProject({ metal: METALLB, cil: CILIUM, k3s: SERVICELB, bare: NONE }));
const tree = (cluster: string) => result.trees.find((t) => t.cluster.name === cluster)!;
const folders = (cluster: string) => tree(cluster).folders.map((f) => f.name);
const objects = (cluster: string, app: string) => tree(cluster).folders.find((f) => f.name === app)!.objects as (K8sObject & { spec: any })[];
const service = (cluster: string, app: string) => objects(cluster, app).find((o) => o.kind === 'Service' && o.metadata.name === app)!;
const application = (cluster: string, app: string) => objects(cluster, 'apps').find((o) => o.kind === 'Application' && o.metadata.name === app)!;
const ingressValues = (cluster: string) =>
  (application(cluster, 'ingress').spec.sources as { helm?: { valuesObject: any } }[]).find((s) => s.helm)!.helm!.valuesObject;
const dependsOn = (cluster: string, app: string) => tree(cluster).dependencies.find((d) => d.appName === app)!.dependsOn;

test('the cluster file itself: the scratch clusters render and verify', () => {
  expect(result.trees.map((t) => t.cluster.network.loadBalancer).sort()).toEqual(['cilium', 'metallb', 'none', 'servicelb']);
});

describe('metallb (the default)', () => {
  test('MetalLB is a utility with the pools; Services carry its annotations', () => {
    expect(folders('metal')).toContain('metallb');
    expect(folders('metal')).not.toContain('cilium-lb');
    expect(
      objects('metal', 'metallb')
        .filter((o) => o.kind === 'IPAddressPool')
        .map((o) => o.metadata.name),
    ).toEqual(['lan']);
    expect(service('metal', 'web').metadata.annotations).toEqual({ 'metallb.io/address-pool': 'lan', 'metallb.io/loadBalancerIPs': '192.0.2.3' });
    expect(service('metal', 'web').spec.externalTrafficPolicy).toBe('Local');
  });

  test('the ingress controller asks MetalLB for its pool and address; LoadBalancer Services wait for MetalLB', () => {
    expect(ingressValues('metal').service).toEqual({
      spec: { type: 'LoadBalancer' },
      annotations: { 'metallb.io/address-pool': 'lan', 'metallb.io/loadBalancerIPs': '192.0.2.2' },
    });
    expect(dependsOn('metal', 'web')).toContain('metallb');
    expect(dependsOn('metal', 'ingress')).toContain('metallb');
  });
});

describe('cilium (LB-IPAM and L2 announcements)', () => {
  const pools = () => objects('cil', 'cilium-lb').filter((o) => o.kind === 'CiliumLoadBalancerIPPool');
  const pool = (name: string) => pools().find((o) => o.metadata.name === name)!;
  const policies = () => objects('cil', 'cilium-lb').filter((o) => o.kind === 'CiliumL2AnnouncementPolicy');

  test('no MetalLB: the cilium-lb application holds the pools and the L2 announcement policies, CRDs from Cilium itself', () => {
    expect(folders('cil')).toContain('cilium-lb');
    expect(folders('cil')).not.toContain('metallb');
    expect(
      objects('cil', 'cilium-lb')
        .map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`)
        .sort(),
    ).toEqual([
      'cilium.io/v2/CiliumLoadBalancerIPPool/internet',
      'cilium.io/v2/CiliumLoadBalancerIPPool/lan',
      'cilium.io/v2/CiliumLoadBalancerIPPool/spare',
      'cilium.io/v2alpha1/CiliumL2AnnouncementPolicy/l2-1',
      'cilium.io/v2alpha1/CiliumL2AnnouncementPolicy/l2-2',
    ]);
    for (const o of objects('cil', 'cilium-lb')) {
      expect(o.metadata.namespace).toBeUndefined(); // cluster-scoped
      expect(o.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    }
    expect(application('cil', 'cilium-lb').spec).toMatchObject({ project: 'platform' });
  });

  test('a pool: CIDRs and ranges as blocks, every address allocatable, chosen by the pool label', () => {
    expect(pool('lan').spec).toEqual({
      blocks: [{ cidr: '192.0.2.0/28' }, { start: '192.0.2.100', stop: '192.0.2.110' }],
      allowFirstLastIPs: 'Yes',
      // auto-assign: the Services that name it, and those that name no pool
      serviceSelector: { matchExpressions: [{ key: 'homelab.dev/address-pool', operator: 'NotIn', values: ['internet', 'spare'] }] },
    });
    expect(pool('spare').spec.serviceSelector).toEqual({
      matchExpressions: [{ key: 'homelab.dev/address-pool', operator: 'NotIn', values: ['internet', 'lan'] }],
    });
    // autoAssign: false: only the Services that name it
    expect(pool('internet').spec.serviceSelector).toEqual({ matchLabels: { 'homelab.dev/address-pool': 'internet' } });
    expect(pool('internet').metadata.labels).toEqual({ 'homelab.dev/internet': 'true' });
    expect(pool('lan').metadata.labels).toBeUndefined();
  });

  test('one L2 announcement policy per node selector: load-balancer IPs, on exactly the named interfaces', () => {
    expect(policies().map((p) => p.spec)).toEqual([
      { loadBalancerIPs: true, interfaces: ['^eth0$', '^enp3s0\\.100$'], nodeSelector: { matchLabels: { lan: 'true' } } },
      { loadBalancerIPs: true, interfaces: ['^eth0$', '^enp3s0\\.100$'], nodeSelector: { matchLabels: { 'kubernetes.io/hostname': 'node2' } } },
    ]);
    const regex = new RegExp(policies()[0].spec.interfaces[1]);
    expect(['enp3s0.100', 'enp3s0x100', 'enp3s0.1000'].map((i) => regex.test(i))).toEqual([true, false, false]);
  });

  test('Services name their pool with the label, fixed and shared addresses with lbipam annotations, and keep externalTrafficPolicy Cluster', () => {
    const web = service('cil', 'web');
    expect(web.metadata.labels).toMatchObject({ 'homelab.dev/address-pool': 'lan' });
    expect(web.metadata.annotations).toEqual({ 'lbipam.cilium.io/ips': '192.0.2.3' });
    expect(web.spec.externalTrafficPolicy).toBe('Cluster');
    expect(service('cil', 'public').metadata.labels).toMatchObject({ 'homelab.dev/address-pool': 'internet' });
    expect(service('cil', 'public').metadata.annotations).toBeUndefined();
    // each app has a namespace of its own: sharing across them is allowed on both sides
    expect(service('cil', 'dns-udp').metadata.annotations).toEqual({
      'lbipam.cilium.io/ips': '192.0.2.5',
      'lbipam.cilium.io/sharing-key': 'dns',
      'lbipam.cilium.io/sharing-cross-namespace': '4-aux-dns-tcp',
    });
    expect(service('cil', 'dns-tcp').metadata.annotations).toEqual({
      'lbipam.cilium.io/ips': '192.0.2.5',
      'lbipam.cilium.io/sharing-key': 'dns',
      'lbipam.cilium.io/sharing-cross-namespace': '4-aux-dns-udp',
    });
    for (const o of Object.values(tree('cil').folders).flatMap((f) => f.objects))
      expect(Object.keys(o.metadata.annotations ?? {}).some((a) => a.startsWith('metallb.'))).toBe(false);
  });

  test('the ingress controller (NGINX) gets the pool label, its address and externalTrafficPolicy Cluster', () => {
    expect(ingressValues('cil').controller.service).toEqual({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Cluster',
      annotations: { 'lbipam.cilium.io/ips': '192.0.2.2' },
      extraLabels: { 'homelab.dev/address-pool': 'lan' },
    });
  });

  test('LoadBalancer Services wait for cilium-lb, which waits for nothing', () => {
    expect(dependsOn('cil', 'web')).toContain('cilium-lb');
    expect(dependsOn('cil', 'ingress')).toContain('cilium-lb');
    expect(dependsOn('cil', 'cilium-lb')).toEqual([]);
    const waves = syncWaves(tree('cil').dependencies);
    expect(waves.get('web')).toBeGreaterThan(waves.get('cilium-lb')!);
  });
});

describe("servicelb (k3s's built-in)", () => {
  test("no load-balancer application; plain LoadBalancer Services on the nodes' addresses, the client's address kept", () => {
    expect(folders('k3s')).not.toContain('metallb');
    expect(folders('k3s')).not.toContain('cilium-lb');
    const dns = service('k3s', 'dns');
    expect(dns.spec.type).toBe('LoadBalancer');
    expect(dns.spec.externalTrafficPolicy).toBe('Local');
    expect(dns.spec.ipFamilyPolicy).toBeUndefined();
    expect(dns.metadata.annotations).toBeUndefined();
    expect(Object.keys(dns.metadata.labels!).some((l) => l.includes('pool'))).toBe(false);
    expect(service('k3s', 'web').metadata.annotations).toEqual({ 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' });
  });

  test("the ingress controller's Service asks for nothing, and nothing waits for a load balancer", () => {
    expect(ingressValues('k3s').service).toEqual({ spec: { type: 'LoadBalancer' }, annotations: {} });
    expect(dependsOn('k3s', 'dns')).toEqual(['tiers']);
    expect(dependsOn('k3s', 'ingress')).toEqual(['tiers']);
  });

  test('the cluster README says where the Services are reachable', () => {
    const readme = result.files.get('dist/k3s/README.md')!;
    expect(readme).toContain("| dns | Service/dns |  | the nodes' addresses (ServiceLB) |  | 53/UDP |");
  });
});

describe('none', () => {
  test('no load balancer, no LoadBalancer Service, no ingress controller', () => {
    expect(folders('bare')).not.toContain('metallb');
    expect(folders('bare')).not.toContain('cilium-lb');
    expect(folders('bare')).not.toContain('ingress');
    const all = tree('bare').folders.flatMap((f) => f.objects) as (K8sObject & { spec?: any })[];
    expect(all.filter((o) => o.kind === 'Service' && o.spec?.type === 'LoadBalancer')).toEqual([]);
    expect(service('bare', 'web').spec.type).toBe('ClusterIP');
  });
});
