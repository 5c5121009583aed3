/** The Argo CD side: root Application and projects in argocd/, one child Application per folder. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { syncWaves } from '../lib/gitops/waves';
import { EXAMPLES } from './helpers';

const clusters = readdirSync(join(EXAMPLES, 'dist'));

describe.each(clusters)('cluster %s', (cluster) => {
  const dist = join(EXAMPLES, 'dist', cluster);
  const folders = readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'apps')
    .map((d) => d.name);
  const apps = readdirSync(join(dist, 'apps')).map((f) => parse(readFileSync(join(dist, 'apps', f), 'utf8')));

  test('argocd/<cluster>.yaml holds the projects and the root Application over dist/<cluster>/apps', () => {
    const docs = parseAllDocuments(readFileSync(join(EXAMPLES, 'argocd', `${cluster}.yaml`), 'utf8')).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['AppProject/platform', 'AppProject/apps', 'Application/root']);
    const root = docs[2];
    expect(root.spec.source.path).toBe(`examples/dist/${cluster}/apps`); // gitops.path: examples
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(root.metadata.finalizers).toBeUndefined(); // deleting the root must not cascade
  });

  test('one child Application per folder, none without a folder', () => {
    expect(apps.map((a) => a.spec.source?.path ?? a.spec.sources.find((s: { path?: string }) => s.path).path).sort()).toEqual(
      folders.map((f) => `examples/dist/${cluster}/${f}`).sort(),
    );
  });

  test.each(folders)('Application %s syncs automatically, retries, cascades and has a wave', (folder) => {
    const app = apps.find((a) => a.metadata.name === folder);
    // Argo CD's own Application never cascades: deleting it would uninstall Argo CD.
    expect(app.metadata.finalizers).toEqual(folder === 'argocd' ? undefined : ['resources-finalizer.argocd.argoproj.io']);
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toMatch(/^-?[0-9]+$/);
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.syncPolicy.retry.limit).toBeGreaterThan(0);
    expect(app.spec.syncPolicy.retry.backoff).toEqual({ duration: '10s', factor: 2, maxDuration: '5m' });
    expect(app.spec.destination.server).toBe('https://kubernetes.default.svc');
  });
});

describe('sync waves', () => {
  test('are one more than the highest wave of what an app depends on', () => {
    const waves = syncWaves([
      { appName: 'web', dependsOn: ['db', 'cache'] },
      { appName: 'db', dependsOn: ['storage'] },
      { appName: 'cache', dependsOn: [] },
      { appName: 'storage', dependsOn: [] },
    ]);
    expect(Object.fromEntries(waves)).toEqual({ storage: 0, cache: 0, db: 1, web: 2 });
  });

  test('a cycle is an error that names it', () => {
    expect(() =>
      syncWaves([
        { appName: 'a', dependsOn: ['b'] },
        { appName: 'b', dependsOn: ['a'] },
      ]),
    ).toThrow('dependency cycle: a -> b -> a');
  });
});
