/**
 * The generic app for TypeScript charts: the same YAML-shaped spec as an entry of `apps:`,
 * validated by the same schema and cross-checks, turned into the same AppModel.
 *
 *   const app = appModel(cluster, 'whoami', { image: 'traefik/whoami:v1.11.0', tier: '4-aux', ports: { http: { port: 80 } } });
 *   new GenericAppChart(scope, cluster, app);
 */
import { App } from './schema/apps';
import { modelView, toAppModel, type FileApp } from './app-model';
import { checkApp } from './checks-apps';
import { deepFreeze, type AppModel, type ClusterModel } from './model';
import { formatPath } from './problems';
import { validatorFor, type SchemaIssue } from './validate';

/** What a TypeScript chart writes: an `apps:` entry, fields with a default optional. */
type AppSpec = DeepPartial<FileApp> & Pick<FileApp, 'image' | 'tier'>;
type DeepPartial<T> = T extends readonly (infer E)[] ? readonly E[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export class AppSpecError extends Error {
  constructor(name: string, issues: readonly SchemaIssue[]) {
    const lines = issues.map((i) => `  ${formatPath(i.key ? [...i.path, i.key] : i.path)}\n    error: ${i.message}` + (i.fix ? `\n    fix:   ${i.fix}` : ''));
    super(`app "${name}" of a TypeScript chart:\n${lines.join('\n')}`);
    this.name = 'AppSpecError';
  }
}

const validateApp = validatorFor(App);

/** The model of a TypeScript chart's app; throws AppSpecError with every problem, like a cluster file would. */
export function appModel(cluster: ClusterModel, name: string, spec: AppSpec): AppModel {
  const app = structuredClone(spec) as FileApp;
  const schemaIssues = validateApp(app);
  if (schemaIssues.length)
    throw new AppSpecError(
      name,
      schemaIssues.map((i) => ({ ...i, path: ['apps', name, ...i.path] })),
    );
  const issues = checkApp(name, app, modelView(cluster, [name]));
  if (issues.length) throw new AppSpecError(name, issues);
  return deepFreeze(toAppModel(name, app, cluster.tiers));
}
