/**
 * Multi-architecture clusters: an app whose image is single-arch is pinned to nodes of that
 * arch, and the capacity check places it there only.
 */
import { render } from '../pipeline/synth';
import { VerifyError } from '../lib/verify';
import { scratchProject } from './helpers';

const cluster = (amd64OnlyMemory: string) => `
name: mixed
kubernetes: { version: "1.34", distribution: k3s }
gitops: { repoURL: https://git.example.com/mixed.git }
nodes:
  ryzen: { cpu: 16, memory: 16Gi, arch: amd64 }
  pi: { cpu: 4, memory: 32Gi, arch: arm64 }
apps:
  everywhere: { image: nginx:1.27.3, tier: 4-aux }
  x86: { image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04, tier: 0-core, arch: [amd64], memory: ${amd64OnlyMemory} }
`;

test('a single-arch image gets a kubernetes.io/arch node selector; a multi-arch one does not', () => {
  const [tree] = render(scratchProject({ mixed: cluster('2Gi') })).trees;
  const pod = (app: string) => (tree.folders.find((f) => f.name === app)!.objects.find((o) => o.kind === 'Deployment')!.spec as any).template.spec;
  expect(pod('x86').nodeSelector).toEqual({ 'kubernetes.io/arch': 'amd64' });
  expect(pod('everywhere').nodeSelector).toBeUndefined();
});

test('the capacity check only counts the nodes of that arch: too big for the amd64 node is an error, whatever the Pi has free', () => {
  // 8Gi plus its surge pod fits the 32Gi Pi but not the Ryzen (15Gi allocatable)
  let error: VerifyError | undefined;
  try {
    render(scratchProject({ mixed: cluster('8Gi') }));
  } catch (e) {
    error = e as VerifyError;
  }
  expect(error).toBeInstanceOf(VerifyError);
  const messages = error!.findings
    .filter((f) => f.level === 'error')
    .map((f) => f.message)
    .join('\n');
  expect(messages).toMatch(/didn't match Pod's node affinity\/selector/);
  expect(messages).toMatch(/Insufficient memory/);
});
