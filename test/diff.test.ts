/** lib/diff on rendered trees: objects matched by identity (moves too), field paths, line diffs, renderers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffTrees } from '../lib/diff';
import { renderJson } from '../lib/diff/render/json';
import { renderMarkdown } from '../lib/diff/render/markdown';
import { renderText } from '../lib/diff/render/text';
import { formatFieldPath } from '../lib/diff/fields';
import { deployment, diffObjects, object, reviewDiff, tree } from './fixtures/diff/trees';
import { ROOT } from './helpers';

const fields = (report: ReturnType<typeof diffTrees>) => report.changes.flatMap((c) => c.fields.map((f) => formatFieldPath(f.path)));

describe('objects', () => {
  const cm = (data: Record<string, string>) => object('v1', 'ConfigMap', 'settings', '4-aux-app', { data });

  test('added, removed and changed objects, per cluster and application', () => {
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({ 'dist/lab/app/configmap-settings.yaml': cm({ a: '1' }), 'dist/lab/app/deployment-old.yaml': deployment('old') }),
      after: tree({ 'dist/lab/app/configmap-settings.yaml': cm({ a: '2' }), 'dist/lab/web/deployment-new.yaml': deployment('new') }),
    });
    expect(report.changes.map((c) => [c.type, c.cluster, c.app, c.object.kind, c.object.name])).toEqual([
      ['changed', 'lab', 'app', 'ConfigMap', 'settings'],
      ['removed', 'lab', 'app', 'Deployment', 'old'],
      ['added', 'lab', 'web', 'Deployment', 'new'],
    ]);
    expect(report.changes[0].fields).toEqual([{ path: ['data', 'a'], before: '1', after: '2' }]);
  });

  test('an object moving to another file or application is a move, with its field changes', () => {
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({ 'dist/lab/app/configmap-settings.yaml': cm({ a: '1' }), 'dist/lab/app/deployment-web.yaml': deployment('web') }),
      after: tree({ 'dist/lab/shared/configmap-settings.4-aux-app.yaml': cm({ a: '2' }), 'dist/lab/app/deploy-web.yaml': deployment('web') }),
    });
    expect(report.changes.map((c) => [c.type, c.app, c.from])).toEqual([
      ['moved', 'app', { app: 'app', file: 'dist/lab/app/deployment-web.yaml' }],
      ['moved', 'shared', { app: 'app', file: 'dist/lab/app/configmap-settings.yaml' }],
    ]);
    expect(report.changes[0].fields).toEqual([]);
    expect(fields(report)).toEqual(['data.a']);
  });

  test('identity is group, kind, namespace and name: a new API version is a change, another namespace is another object', () => {
    const v1beta1 = object('policy/v1beta1', 'PodDisruptionBudget', 'web', 'ns');
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({ 'dist/lab/app/pdb.yaml': v1beta1, 'dist/lab/app/cm.yaml': cm({}) }),
      after: tree({
        'dist/lab/app/pdb.yaml': { ...v1beta1, apiVersion: 'policy/v1' },
        'dist/lab/app/cm.yaml': { ...cm({}), metadata: { name: 'settings', namespace: 'other' } },
      }),
    });
    expect(report.changes.map((c) => [c.type, c.object.kind, c.object.namespace])).toEqual([
      ['removed', 'ConfigMap', '4-aux-app'],
      ['added', 'ConfigMap', 'other'],
      ['changed', 'PodDisruptionBudget', 'ns'],
    ]);
    expect(fields(report)).toEqual(['apiVersion']);
  });

  test('a file rewritten with the same content (other key order, quoting) is no change', () => {
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: new Map([['dist/lab/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n']]),
      after: new Map([['dist/lab/app/cm.yaml', "kind: ConfigMap\napiVersion: v1\ndata: { a: '1' }\nmetadata: { name: x }\n"]]),
    });
    expect(report.changes).toEqual([]);
  });

  test('the bootstrap file argocd/<cluster>.yaml is read document by document', () => {
    const project = (revision: string) => object('argoproj.io/v1alpha1', 'AppProject', 'apps', 'argocd', { spec: { sourceRepos: [revision] } });
    const root = object('argoproj.io/v1alpha1', 'Application', 'root', 'argocd');
    const report = diffTrees({
      from: 'a',
      to: 'b',
      before: tree({ 'argocd/lab.yaml': [project('a'), root] }),
      after: tree({ 'argocd/lab.yaml': [project('b'), root] }),
    });
    expect(report.changes.map((c) => [c.type, c.app, c.object.name])).toEqual([['changed', 'argocd', 'apps']]);
  });
});

describe('fields', () => {
  test('named list entries are matched by name: a container inserted in front changes nothing else', () => {
    const sidecar = { name: 'proxy', image: 'example/proxy:2.0.0' };
    const before = deployment('web');
    const after = deployment('web', { pod: { containers: [sidecar, ...(before.spec as any).template.spec.containers] } });
    const report = diffObjects([before], [after]);
    expect(report.changes[0].fields).toEqual([{ path: ['spec', 'template', 'spec', 'containers', '[proxy]'], after: sidecar }]);
  });

  test('lists of plain values are one field; entries in another order are reported as an order change', () => {
    const env = (names: string[]) => ({ containers: [{ name: 'web', image: 'x:1', args: names, env: names.map((n) => ({ name: n, value: n })) }] });
    const report = diffObjects([deployment('web', { pod: env(['A', 'B']) })], [deployment('web', { pod: env(['B', 'A']) })]);
    expect(report.changes[0].fields.map((f) => [formatFieldPath(f.path), f.before, f.after])).toEqual([
      ['spec.template.spec.containers[web].args', ['A', 'B'], ['B', 'A']],
      ['spec.template.spec.containers[web].env (order)', ['A', 'B'], ['B', 'A']],
    ]);
  });

  test('multi-line strings (embedded config) come with a line diff', () => {
    const config = (port: number) => object('v1', 'ConfigMap', 'cfg', 'ns', { data: { 'nginx.conf': `server {\n  listen ${port};\n  root /srv;\n}\n` } });
    const [field] = diffObjects([config(80)], [config(8080)]).changes[0].fields;
    expect(formatFieldPath(field.path)).toBe('data["nginx.conf"]');
    expect(field.lines).toEqual(['@@ -1,4 +1,4 @@', ' server {', '-  listen 80;', '+  listen 8080;', '   root /srv;', ' }']);
  });
});

describe('renderers', () => {
  const report = reviewDiff();

  test('the README sample is the Markdown of the review fixture', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sample = /<!-- diff-sample:start -->\n````markdown\n([\s\S]*?)````\n<!-- diff-sample:end -->/.exec(readme)?.[1];
    // A failure here: the Markdown changed; put the received text (renderMarkdown(reviewDiff())) between the markers.
    expect(sample).toBe(renderMarkdown(report));
  });

  test('Markdown: summary, flags table, capacity table, one section per application, line diffs fenced', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('**8 object(s): 1 removed, 6 changed, 1 moved; 8 flag(s)**');
    expect(md).toContain(
      '| exposure | homelab/gitea | `Service/3-edge-gitea/gitea` | exposure changes: pool internal → public (internet-facing); IP 10.0.20.220 → 203.0.113.10; new hostname git.example.com |',
    );
    expect(md).toContain('| homelab | tier 3-edge | +500m | +1Gi | 0 |');
    expect(md).toContain(
      '- **moved** `NetworkPolicy/4-aux-freshrss/default-deny` (`networkpolicy-default-deny.4-aux-freshrss.yaml`, moved from freshrss/networkpolicy-default-deny.yaml)',
    );
    expect(md).toContain('    ```diff\n    @@ -3,6 +3,6 @@\n');
    expect(md.match(/^#### homelab \/ /gm)).toEqual(['#### homelab / ', '#### homelab / ', '#### homelab / ']);
  });

  test('Markdown escapes what would break it: pipes in table cells, backticks in code', () => {
    const cm = (v: string) => object('v1', 'ConfigMap', 'c', 'ns', { data: { v } });
    const md = renderMarkdown(diffObjects([cm('a')], [cm('`b`')]));
    expect(md).toContain('`` "`b`" ``');
  });

  test('text: plain without colour, ANSI colours when asked', () => {
    const plain = renderText(report, { color: false });
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain('  ~ Deployment/3-edge-gitea/gitea  (deployment-gitea.yaml)\n      spec.replicas: 1 → 2\n');
    expect(plain).toContain('  homelab  tier 3-edge: cpu +500m, memory +1Gi\n');
    expect(renderText(report, { color: true })).toContain('\x1b[31m"nfs-slow"\x1b[0m → \x1b[32m"nfs-fast"\x1b[0m');
  });

  test('JSON: the changes without the objects, paths as segments and text', () => {
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json)).toEqual(['from', 'to', 'changes', 'flags', 'capacity']);
    const quota = json.changes.find((c: { object: { kind: string } }) => c.object.kind === 'ResourceQuota');
    expect(quota).toEqual({
      type: 'changed',
      cluster: 'homelab',
      app: 'gitea',
      file: 'dist/homelab/gitea/resourcequota-quota.yaml',
      object: { apiVersion: 'v1', kind: 'ResourceQuota', namespace: '3-edge-gitea', name: 'quota' },
      fields: [{ field: 'spec.hard["requests.cpu"]', path: ['spec', 'hard', 'requests.cpu'], before: '16', after: '8' }],
    });
    expect(json.flags).toHaveLength(8);
  });

  test('no changes: every format says so', () => {
    const none = diffTrees({ from: 'a', to: 'b', before: new Map(), after: new Map() });
    expect(renderText(none, { color: false })).toBe('dist/ a → b: no changes\n');
    expect(renderMarkdown(none)).toContain('No changes in `dist/`.');
    expect(JSON.parse(renderJson(none)).changes).toEqual([]);
  });
});
