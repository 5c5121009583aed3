/** A private repository: the credential Argo CD reads, rendered from the secrets provider, and the bootstrap that creates it once. */
import { render } from '../pipeline/synth';
import { scratchProject } from './helpers';

const SEALED = 'AgB' + 'x'.repeat(400);

function cluster(repoURL: string, credentials: string, secrets: string): string {
  return `name: priv
kubernetes: { version: "1.34" }
gitops:
  repoURL: ${repoURL}
  credentials: ${credentials}
nodes:
  node1: { cpu: 8, memory: 32Gi }
${secrets}
`;
}

const STORE = `secrets: { provider: external-secrets }
utilities:
  external-secrets:
    store:
      vault: { server: "https://vault.home.arpa:8200", role: external-secrets }`;

function rendered(text: string) {
  const result = render(scratchProject({ priv: text }));
  const argocd = result.trees[0].folders.find((f) => f.name === 'argocd')!;
  return { objects: argocd.objects, readme: result.files.get('dist/priv/README.md')! };
}

test('with external-secrets: an ExternalSecret templates the repository Secret from the store; the bootstrap creates it once', () => {
  const { objects, readme } = rendered(cluster('https://git.example.com/me/gitops.git', '{ remoteKey: argocd/forge }', STORE));
  const es = objects.find((o) => o.kind === 'ExternalSecret')! as any;
  expect(es.metadata).toEqual({ name: 'repository', namespace: 'argocd' });
  expect(es.spec.target.template).toEqual({
    engineVersion: 'v2',
    metadata: { labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
    data: { type: 'git', url: 'https://git.example.com/me/gitops.git', username: '{{ .username }}', password: '{{ .password }}' },
  });
  expect(es.spec.data.map((d: any) => `${d.remoteRef.key}#${d.remoteRef.property}`)).toEqual(['argocd/forge#username', 'argocd/forge#password']);
  expect(readme).toContain(
    'kubectl create secret generic repository -n argocd --from-literal=type=git --from-literal=url=https://git.example.com/me/gitops.git --from-literal=username="$GIT_USERNAME" --from-literal=password="$GIT_TOKEN"',
  );
  expect(readme).not.toContain('sealedsecrets.bitnami.com/managed');
});

test('with sealed-secrets over ssh: a SealedSecret of the SSH key, its url in the plain template; the hand-made Secret is handed over', () => {
  const { objects, readme } = rendered(
    cluster('git@git.example.com:me/gitops.git', `{ sealed: { sshPrivateKey: ${SEALED} } }`, 'secrets: { provider: sealed-secrets }'),
  );
  const sealed = objects.find((o) => o.kind === 'SealedSecret')! as any;
  expect(Object.keys(sealed.spec.encryptedData)).toEqual(['sshPrivateKey']);
  expect(sealed.spec.template.data).toEqual({ type: 'git', url: 'git@git.example.com:me/gitops.git' });
  expect(sealed.spec.template.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
  expect(readme).toContain('--from-file=sshPrivateKey="$HOME/.ssh/id_ed25519"');
  expect(readme).toContain('kubectl annotate secret repository -n argocd sealedsecrets.bitnami.com/managed=true');
});

test('no credential, no Secret and no step', () => {
  const { objects, readme } = rendered(
    cluster('https://git.example.com/me/gitops.git', '{ remoteKey: x }', STORE).replace('  credentials: { remoteKey: x }\n', ''),
  );
  expect(objects.some((o) => o.kind === 'ExternalSecret' || o.kind === 'SealedSecret')).toBe(false);
  expect(readme).not.toContain('kubectl create secret');
});
