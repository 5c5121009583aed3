/**
 * `npm run new`: the smallest valid cluster file for a new cluster, from the few answers a cluster
 * needs (the repository Argo CD reads, the Kubernetes version and distribution, the nodes, and
 * optionally a load-balancer address range). The text is checked like any cluster file before it
 * is written, so a bad answer is an error at its flag, never a broken file.
 */
import { formatProblem, parseCluster, type Problem } from '../lib/config';

export interface ScaffoldAnswers {
  readonly name: string;
  readonly repoURL: string;
  /** Minor version, e.g. "1.34". */
  readonly kubernetes: string;
  readonly distribution: 'kubeadm' | 'k3s' | 'talos';
  /** `name:cpu:memory[:arch]`, e.g. `node1:4:16Gi` or `pi1:4:8Gi:arm64`. */
  readonly nodes: readonly string[];
  /** An address range or CIDR for LoadBalancer Services (e.g. `192.168.1.240-192.168.1.250`); none: no pool. */
  readonly pool?: string;
  /** What gives LoadBalancer Services their addresses (README "Load balancers"); default metallb. */
  readonly loadBalancer?: 'metallb' | 'cilium' | 'servicelb' | 'none';
}

export const DEFAULT_ANSWERS = { kubernetes: '1.34', distribution: 'kubeadm', nodes: ['node1:4:16Gi'] } as const;

/** The cluster file, or the problems of the answers (located in the generated text, explained by field). */
export function scaffold(answers: ScaffoldAnswers): { text?: string; problems: string[] } {
  const nodes = answers.nodes.map(parseNode);
  const bad = nodes.filter((n): n is { error: string } => 'error' in n);
  if (bad.length) return { problems: bad.map((n) => n.error) };
  const text = [
    '# yaml-language-server: $schema=../../schema/cluster.schema.json',
    '#',
    `# ${answers.name}: scaffolded by \`npm run new\`. README "The cluster file" says what else it can hold;`,
    '# add apps under `apps:` (README "Adding an app") and run `npm run synth`.',
    `name: ${scalar(answers.name)}`,
    `kubernetes: { version: ${JSON.stringify(answers.kubernetes)}, distribution: ${scalar(answers.distribution)} }`,
    'gitops:',
    `  repoURL: ${JSON.stringify(answers.repoURL)}`,
    'nodes:',
    ...(nodes as NodeAnswer[]).map(
      (n) => `  ${scalar(n.name)}: { cpu: ${scalar(n.cpu)}, memory: ${scalar(n.memory)}${n.arch ? `, arch: ${scalar(n.arch)}` : ''} }`,
    ),
    ...network(answers),
    'apps: {}',
    '',
  ].join('\n');
  const { problems } = parseCluster(text, `clusters/${answers.name}/cluster.yaml`, answers.name);
  return problems.length ? { problems: problems.map((p: Problem) => formatProblem(p)) } : { text, problems: [] };
}

/** An answer as YAML: plain when it is a plain word or number, else quoted (an answer never adds keys). */
function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(value) ? value : JSON.stringify(value);
}

/** The load balancer (when not MetalLB) and its pool, commented for what draws from it. */
function network(answers: ScaffoldAnswers): string[] {
  const balancer = answers.loadBalancer ?? 'metallb';
  const lines = balancer === 'metallb' ? [] : [`  loadBalancer: ${balancer}`];
  if (answers.pool) {
    const by = balancer === 'cilium' ? 'Cilium LB-IPAM, L2 announcements' : 'MetalLB, layer 2';
    lines.push('  pools:', `    # LoadBalancer Services draw their addresses from here (${by})`, `    lan: { addresses: [${JSON.stringify(answers.pool)}] }`);
  }
  return lines.length ? ['network:', ...lines] : [];
}

interface NodeAnswer {
  readonly name: string;
  readonly cpu: string;
  readonly memory: string;
  readonly arch?: string;
}

function parseNode(spec: string): NodeAnswer | { error: string } {
  const [name, cpu, memory, arch, ...rest] = spec.split(':');
  if (!name || !cpu || !memory || rest.length) return { error: `--node ${spec}: write name:cpu:memory[:arch], e.g. node1:4:16Gi or pi1:4:8Gi:arm64` };
  return { name, cpu, memory, ...(arch ? { arch } : {}) };
}
