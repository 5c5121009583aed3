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
