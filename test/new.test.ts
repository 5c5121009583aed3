/** `npm run new`: a scaffolded cluster synths as it is; a bad answer is an error and writes nothing. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { newMain } from '../pipeline/scaffold-cli';
import { ROOT, runSynth, scratchProject } from './helpers';

const NEW_ARGV = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'bin/new.ts')];
const runNew = (args: string[]) => spawnSync(process.execPath, [...NEW_ARGV, ...args], { cwd: ROOT, encoding: 'utf8', input: '' });

test('a new cluster from flags is a valid cluster file that synths, with every node and the pool', () => {
  const root = scratchProject({});
  const run = runNew([
    'lab',
    '--root',
    root,
    '--repo',
    'https://git.example.com/me/lab.git',
    '--node',
    'n1:4:16Gi',
    '--node',
    'pi1:4:8Gi:arm64',
    '--pool',
    '192.0.2.0/28',
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const text = readFileSync(join(root, 'clusters/lab/cluster.yaml'), 'utf8');
  expect(text).toContain('  pi1: { cpu: 4, memory: 8Gi, arch: arm64 }');
  expect(text).toContain('lan: { addresses: ["192.0.2.0/28"] }');
  const synth = runSynth(['--root', root]);
  expect(synth.status).toBe(0);
  expect(existsSync(join(root, 'dist/lab/README.md'))).toBe(true);
});

/** The command in-process (a process per case costs a second of start-up), answering from `answers` when given. */
async function runNewInProcess(args: string[], answers?: string[]) {
  const [out, err]: string[][] = [[], []];
  const asked: string[] = [];
  const ask = answers && (async (question: string) => (asked.push(question), answers.shift() ?? ''));
  const status = await newMain(args, { projectRoot: ROOT, cwd: ROOT, out: (l) => out.push(l), err: (l) => err.push(l), ask });
  return { status, stdout: out.join('\n'), stderr: err.join('\n'), asked };
}

test.each([
  [['lab', '--repo', 'https://git.example.com/me/lab.git', '--node', 'n1:4:16GB'], 1, 'nodes.n1.memory\n  error: "16GB" is not a memory quantity'],
  [['lab', '--repo', 'https://git.example.com/me/lab.git', '--node', 'n1:4'], 1, '--node n1:4: write name:cpu:memory[:arch]'],
  [['Lab', '--repo', 'https://git.example.com/me/lab.git'], 2, 'new: "Lab" is not a cluster name'],
  [['lab'], 2, 'new: give the git repository Argo CD reads: --repo'],
  [[], 2, 'new: name the cluster: npm run new -- <name>'],
  [['lab', '--repo', 'https://git.example.com/me/lab.git', '--load-balancer', 'servicelb', '--pool', '192.0.2.0/28'], 1, 'network.loadBalancer'],
])('%j is refused (exit %i) and writes nothing', async (args, status, message) => {
  const root = scratchProject({});
  const run = await runNewInProcess([...args, '--root', root]);
  expect(run.status).toBe(status);
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(root, 'clusters/lab'))).toBe(false);
});

test('in a terminal, what the flags leave out is asked, with its default', async () => {
  const root = scratchProject({});
  const run = await runNewInProcess(['lab', '--root', root], ['https://git.example.com/me/lab.git', '', 'k3s', 'a:2:4Gi b:2:4Gi:arm64', 'servicelb', '']);
  expect(run.status).toBe(0);
  expect(run.asked).toEqual([
    'git repository Argo CD reads: ',
    'Kubernetes version [1.34]: ',
    'distribution (kubeadm, k3s, talos) [kubeadm]: ',
    'nodes, name:cpu:memory[:arch], separated by spaces [node1:4:16Gi]: ',
    'load balancer (metallb, cilium, servicelb, none) [metallb]: ',
    'address range for LoadBalancer Services (empty: none): ',
  ]);
  const text = readFileSync(join(root, 'clusters/lab/cluster.yaml'), 'utf8');
  expect(text).toContain('kubernetes: { version: "1.34", distribution: k3s }');
  expect(text).toContain('  b: { cpu: 2, memory: 4Gi, arch: arm64 }');
  expect(text).toContain('network:\n  loadBalancer: servicelb\n');
  expect(text).not.toContain('pools:');
});

test('an existing cluster is never overwritten', () => {
  const root = scratchProject({ lab: 'name: lab\n' });
  const run = runNew(['lab', '--root', root, '--repo', 'https://git.example.com/me/lab.git']);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('exists already');
  expect(readFileSync(join(root, 'clusters/lab/cluster.yaml'), 'utf8')).toBe('name: lab\n');
});
