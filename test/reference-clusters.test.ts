/** The reference fleet (homelab, pi, ryzen) as the seeds describe them, checked on the rendered output. */
import { render } from '../lib/synth';
import type { K8sObject } from '../lib/output/collect';
import { ROOT } from './helpers';

const result = render(ROOT);
const tree = (name: string) => result.trees.find((t) => t.cluster.name === name)!;
const objects = (cluster: string, folder?: string) => tree(cluster).folders.filter((f) => !folder || f.name === folder).flatMap((f) => f.objects) as (K8sObject & Record<string, any>)[];
const application = (cluster: string, name: string) => objects(cluster, 'apps').find((a) => a.metadata.name === name)!;

test('all three reference clusters render and pass every check', () => {
  expect(result.trees.map((t) => t.cluster.name)).toEqual(['homelab', 'pi', 'ryzen']);
  expect(result.warnings.filter((w) => w.level === 'error')).toEqual([]);
});

describe('pi', () => {
  test('its workers are arm64 Raspberry Pis', () => {
    expect(tree('pi').cluster.nodes.filter((n) => n.roles.includes('worker')).every((n) => n.arch === 'arm64')).toBe(true);
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
