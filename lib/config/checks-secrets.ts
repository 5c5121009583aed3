/**
 * Cross-checks of secrets: the provider is configured, each app's secret references fit it, and
 * no secret value is written into the cluster file (an env var named like a credential with a
 * literal value, or a "sealed" value that is not kubeseal output).
 */
import type { ClusterFile } from './schema';
import type { ClusterView, FileApp } from './app-model';
import type { At } from './check-helpers';
import type { SchemaIssue } from './validate';
import { formatPath } from './problems';
import { resolveSecrets } from './secrets';
import { isSealedValue, isSecretEnvName } from './plaintext';
import { secretName } from './secret-names';
import { tierNamespace } from './tier-names';

export function checkSecretsProvider(file: ClusterFile): SchemaIssue[] {
  const s = resolveSecrets(file);
  if (s?.provider === 'external-secrets' && !s.store) {
    return [
      {
        path: ['secrets'],
        message: 'external-secrets needs the store the ExternalSecrets read from',
        fix: 'describe it under utilities.external-secrets.store (rendered as a ClusterSecretStore), or name an existing one: store: { kind: ClusterSecretStore, name: vault }',
      },
    ];
  }
  if (s?.provider === 'sealed-secrets' && s.store)
    return [{ path: ['secrets', 'store'], message: 'sealed-secrets reads no store: the encrypted values are in this file', fix: 'remove store' }];
  return [];
}

export function checkAppSecrets(appName: string, app: FileApp, view: ClusterView, at: At): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const [name, value] of Object.entries(app.env)) {
    if (value !== '' && isSecretEnvName(name)) {
      issues.push({
        path: at('env', name),
        message: `${name} looks like a secret, and its value is written in the cluster file (which is committed to git)`,
        fix: `keep the value in ${storeOf(view)} and reference it: secrets: { <name>: { env: { ${name}: <key> } } }`,
      });
    }
  }
  const envSetBy = new Map(Object.keys(app.env).map((name) => [name, formatPath(at('env'))]));
  for (const [secret, ref] of Object.entries(app.secrets)) {
    for (const name of Object.keys(ref.env)) {
      const first = envSetBy.get(name);
      if (first)
        issues.push({ path: at('secrets', secret, 'env', name), message: `${name} is also set by ${first}`, fix: 'set each environment variable once' });
      else envSetBy.set(name, `secret "${secret}"`);
    }
  }
  const provider = view.secrets?.provider;
  for (const [name, ref] of Object.entries(app.secrets)) {
    const here = (...path: (string | number)[]) => at('secrets', name, ...path);
    if (!provider) {
      issues.push({
        path: here(),
        message: 'the app reads a secret but the cluster has no secrets provider',
        fix: 'declare secrets: { provider: external-secrets } with utilities.external-secrets.store (or provider: sealed-secrets)',
      });
      continue;
    }
    const keys = [...Object.values(ref.env), ...Object.values(ref.files)];
    if (!keys.length) issues.push({ path: here(), message: 'the secret is not used', fix: 'map its keys to env or files, or remove it' });
    if (provider === 'external-secrets' && ref.sealed)
      issues.push({
        path: here('sealed'),
        message: "this cluster's secrets come from the store through external-secrets, not from sealed values",
        fix: `remove sealed and keep the values in ${storeOf(view)}`,
      });
    if (provider === 'sealed-secrets') {
      if (ref.remoteKey)
        issues.push({
          path: here('remoteKey'),
          message: 'remoteKey names a path in an external-secrets store; this cluster uses sealed-secrets',
          fix: 'remove remoteKey and give the sealed values under sealed',
        });
      for (const [key, value] of Object.entries(ref.sealed ?? {})) {
        if (!isSealedValue(value))
          issues.push({
            path: here('sealed', key),
            message: `the value of "${key}" is not kubeseal output: a plaintext secret would be committed to git`,
            fix: `encrypt it: echo -n '<value>' | kubeseal --raw --namespace ${tierNamespace(app.tier, appName)} --name ${secretName(appName, name)} --from-file=/dev/stdin`,
          });
      }
      for (const key of new Set(keys))
        if (!ref.sealed?.[key])
          issues.push({ path: here(), message: `key "${key}" is used but has no sealed value`, fix: `add sealed: { ${key}: <kubeseal --raw output> }` });
    }
  }
  return issues;
}

function storeOf(view: ClusterView): string {
  return view.secrets?.store ? `the secret store "${view.secrets.store.name}"` : 'a secret store';
}
