/**
 * One reader for each question about final objects (lib/objects): the checks, the docs and the
 * review diff agree on quantities, on what a pod asks for, and on how objects are named.
 */
import { cpuMillis, memoryBytes } from '../lib/config';
import { capacityDeltas } from '../lib/diff/capacity';
import type { ObjectChange } from '../lib/diff/model';
import { apiGroup, objectKey, objectRef } from '../lib/objects/identity';
import type { K8sObject } from '../lib/objects/object';
import { podTemplateOf } from '../lib/objects/pods';
import { amount } from '../lib/objects/quantity';
import { podResources } from '../lib/objects/resources';
import { diffTrees } from '../lib/diff';
import { render } from '../pipeline/synth';
import { NO_UTILITIES, scratchProject } from './helpers';

test('the cluster file accepts fewer spellings, but reads each the way final objects are read', () => {
  for (const q of ['500m', '2', '0.25', '1500m']) expect(cpuMillis(q)).toBe(amount('cpu', q));
  for (const q of ['512Mi', '1.5Gi', '8G', '100']) expect(memoryBytes(q)).toBe(amount('memory', q));
  // the API grammar, which a chart or an escape hatch may write, is read; the cluster file refuses it
  expect(amount('memory', '1e9')).toBe(1e9);
  expect(amount('cpu', '1500u')).toBe(2); // 1.5 millicores, rounded up as the API server does
  expect(() => memoryBytes('1e9')).toThrow('not a memory quantity');
  expect(() => cpuMillis('1500u')).toThrow('not a CPU quantity');
});

const deployment = (resources: object): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: '4-aux-web' },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27.3', resources }] } } },
});

test('a container with limits only asks for its limits, in the checks and in the review diff alike', () => {
  const object = deployment({ limits: { cpu: '500m', memory: '1Gi' } });
  expect(podResources(podTemplateOf(object)!).requests).toEqual({ cpu: 500, memory: 2 ** 30 });
  const change = {
    type: 'added',
    cluster: 'c',
    app: 'web',
    file: 'deployment-web.yaml',
    object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    fields: [],
    after: object,
  } as unknown as ObjectChange;
  expect(capacityDeltas([change], () => ['4-aux'])).toEqual([
    expect.objectContaining({ scope: 'tier', name: '4-aux', cpuMillis: 1000, memoryBytes: 2 * 2 ** 30 }),
  ]);
});

test('objects are named one way: group, kind, namespace, name', () => {
  const object = deployment({});
  expect(apiGroup('apps/v1')).toBe('apps');
  expect(apiGroup('v1')).toBe('');
  expect(objectRef(object)).toBe('Deployment/4-aux-web/web');
  expect(objectKey(object)).toBe('apps|Deployment/4-aux-web/web');
});

test("the review diff's capacity delta is the change of synth's capacity table, LimitRange defaults included", () => {
  // an app that declares no resources: its namespace's LimitRange gives its requests
  const cluster = (replicas: number) => `name: lab
kubernetes: { version: "1.34" }
gitops: { repoURL: https://git.example.com/lab.git }
nodes:
  node1: { cpu: 16, memory: 64Gi }
${NO_UTILITIES}apps:
  web: { image: "nginx:1.27.3", tier: 4-aux, replicas: ${replicas} }
`;
  const [before, after] = [1, 3].map((n) => render(scratchProject({ lab: cluster(n) })));
  const tierTotal = (r: typeof before, resource: string) => r.schedules[0].nodes.reduce((sum, n) => sum + (n.byTier.get('4-aux')?.[resource] ?? 0), 0);
  const report = diffTrees({ from: 'a', to: 'b', before: before.files, after: after.files, clusters: after.clusters });
  const tier = report.capacity.find((c) => c.scope === 'tier' && c.name === '4-aux')!;
  expect(tier.cpuMillis).toBe(tierTotal(after, 'cpu') - tierTotal(before, 'cpu'));
  expect(tier.memoryBytes).toBe(tierTotal(after, 'memory') - tierTotal(before, 'memory'));
  expect(tier.cpuMillis).toBeGreaterThan(0);
});
