/**
 * `npm run new -- <name> [--repo URL] [--kubernetes 1.34] [--distribution kubeadm|k3s|talos]
 * [--node name:cpu:memory[:arch]]... [--pool RANGE] [--root DIR]`: scaffolds
 * clusters/<name>/cluster.yaml (pipeline/scaffold.ts). In a terminal it asks for what the flags leave
 * out; elsewhere the defaults apply, and the repository is required.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ANSWERS, scaffold, type ScaffoldAnswers } from './scaffold';

const USAGE = `usage: npm run new -- <name> [--repo URL] [--kubernetes 1.34] [--distribution kubeadm|k3s|talos]
                      [--node name:cpu:memory[:arch]]... [--pool 192.168.1.240-192.168.1.250]

Scaffolds clusters/<name>/cluster.yaml, the smallest valid cluster file, then run npm run synth.
  --repo          the git repository Argo CD reads (default: this clone's origin)
  --kubernetes    the cluster's Kubernetes minor version (default ${DEFAULT_ANSWERS.kubernetes})
  --distribution  kubeadm, k3s or talos (default ${DEFAULT_ANSWERS.distribution})
  --node          a node: name, cpu, memory and optionally arch (amd64, arm64); repeat per node
                  (default ${DEFAULT_ANSWERS.nodes[0]})
  --load-balancer metallb (default), cilium (Cilium LB-IPAM), servicelb (k3s's own) or none
  --pool          addresses for LoadBalancer Services (a range a-b or a CIDR); none: no pool
`;

class UsageError extends Error {}

/** Where the command runs: the project, where it prints, and how it asks (a terminal; none elsewhere). */
export interface NewIo {
  readonly projectRoot: string;
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Asks a question with its default; undefined when there is no terminal to ask in. */
  readonly ask?: (question: string) => Promise<string>;
}

async function main(args: string[], io: NewIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      repo: { type: 'string' },
      kubernetes: { type: 'string' },
      distribution: { type: 'string' },
      node: { type: 'string', multiple: true },
      pool: { type: 'string' },
      'load-balancer': { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (io.out(USAGE), 0);
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError(name ? `one cluster at a time: unexpected "${extra[0]}"` : 'name the cluster: npm run new -- <name>');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 40)
    throw new UsageError(`"${name}" is not a cluster name: lowercase letters, digits and "-", at most 40 characters`);
  const root = values.root ? resolve(io.cwd, values.root) : io.projectRoot;
  const file = join(root, 'clusters', name, 'cluster.yaml');
  if (existsSync(file)) throw new UsageError(`${relative(io.cwd, file)} exists already: edit it, or pick another name`);

  const question = async (text: string, fallback?: string) => {
    if (!io.ask) return fallback;
    const answer = (await io.ask(`${text}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return answer || fallback;
  };
  const repoURL = values.repo ?? (await question('git repository Argo CD reads', originOf(root)));
  if (!repoURL) throw new UsageError('give the git repository Argo CD reads: --repo https://git.example.com/me/homelab-gitops.git');
  const answers: ScaffoldAnswers = {
    name,
    repoURL,
    kubernetes: values.kubernetes ?? (await question('Kubernetes version', DEFAULT_ANSWERS.kubernetes))!,
    distribution: (values.distribution ??
      (await question('distribution (kubeadm, k3s, talos)', DEFAULT_ANSWERS.distribution))!) as ScaffoldAnswers['distribution'],
    nodes: values.node ?? (await question('nodes, name:cpu:memory[:arch], separated by spaces', DEFAULT_ANSWERS.nodes.join(' ')))!.split(/\s+/).filter(Boolean),
    loadBalancer: (values['load-balancer'] ??
      (await question('load balancer (metallb, cilium, servicelb, none)', 'metallb'))) as ScaffoldAnswers['loadBalancer'],
    pool: values.pool ?? (await question('address range for LoadBalancer Services (empty: none)', '')),
  };
  const { text, problems } = scaffold(answers);
  if (!text) {
    io.err(`${problems.join('\n')}\n\nnew failed: nothing was written`);
    return 1;
  }
  mkdirSync(join(root, 'clusters', name), { recursive: true });
  writeFileSync(file, text);
  io.out(`wrote ${relative(io.cwd, file)}; add apps under apps: (README "Adding an app"), then npm run synth`);
  return 0;
}

/** This clone's origin, the likely answer to "which repository does Argo CD read". */
function originOf(root: string): string | undefined {
  try {
    return execFileSync('git', ['-C', root, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `npm run new` with `args`; the exit code (0 written, 1 the answers are not a valid cluster, 2 a usage error). */
export async function newMain(args: string[], io: NewIo): Promise<number> {
  try {
    return await main(args, io);
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(usage ? `new: ${(e as Error).message.split('\n')[0]}\n\n${USAGE}` : `new: internal error: ${(e as Error).message}`);
    return 2;
  }
}
