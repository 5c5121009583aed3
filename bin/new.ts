/**
 * `npm run new -- <name> [--repo URL] [--kubernetes 1.34] [--distribution kubeadm|k3s|talos]
 * [--node name:cpu:memory[:arch]]... [--pool RANGE] [--root DIR]`: scaffolds
 * clusters/<name>/cluster.yaml (pipeline/scaffold.ts). In a terminal it asks for what the flags leave
 * out; elsewhere the defaults apply, and the repository is required.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_ANSWERS, scaffold, type ScaffoldAnswers } from '../pipeline/scaffold';

const USAGE = `usage: npm run new -- <name> [--repo URL] [--kubernetes 1.34] [--distribution kubeadm|k3s|talos]
                      [--node name:cpu:memory[:arch]]... [--pool 192.168.1.240-192.168.1.250]

Scaffolds clusters/<name>/cluster.yaml, the smallest valid cluster file, then run npm run synth.
  --repo          the git repository Argo CD reads (default: this clone's origin)
  --kubernetes    the cluster's Kubernetes minor version (default ${DEFAULT_ANSWERS.kubernetes})
  --distribution  kubeadm, k3s or talos (default ${DEFAULT_ANSWERS.distribution})
  --node          a node: name, cpu, memory and optionally arch (amd64, arm64); repeat per node
                  (default ${DEFAULT_ANSWERS.nodes[0]})
  --pool          addresses for LoadBalancer Services (a range a-b or a CIDR); none: no pool
`;

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      repo: { type: 'string' },
      kubernetes: { type: 'string' },
      distribution: { type: 'string' },
      node: { type: 'string', multiple: true },
      pool: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (process.stdout.write(USAGE), 0);
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError(name ? `one cluster at a time: unexpected "${extra[0]}"` : 'name the cluster: npm run new -- <name>');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 40)
    throw new UsageError(`"${name}" is not a cluster name: lowercase letters, digits and "-", at most 40 characters`);
  const root = values.root ? resolve(values.root) : resolve(__dirname, '..');
  const file = join(root, 'clusters', name, 'cluster.yaml');
  if (existsSync(file)) throw new UsageError(`${relative(process.cwd(), file)} exists already: edit it, or pick another name`);

  const ask = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  const question = async (text: string, fallback?: string) => {
    if (!ask) return fallback;
    const answer = (await ask.question(`${text}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return answer || fallback;
  };
  try {
    const repoURL = values.repo ?? (await question('git repository Argo CD reads', originOf(root)));
    if (!repoURL) throw new UsageError('give the git repository Argo CD reads: --repo https://git.example.com/me/homelab-gitops.git');
    const answers: ScaffoldAnswers = {
      name,
      repoURL,
      kubernetes: values.kubernetes ?? (await question('Kubernetes version', DEFAULT_ANSWERS.kubernetes))!,
      distribution: (values.distribution ??
        (await question('distribution (kubeadm, k3s, talos)', DEFAULT_ANSWERS.distribution))!) as ScaffoldAnswers['distribution'],
      nodes:
        values.node ?? (await question('nodes, name:cpu:memory[:arch], separated by spaces', DEFAULT_ANSWERS.nodes.join(' ')))!.split(/\s+/).filter(Boolean),
      pool: values.pool ?? (await question('address range for LoadBalancer Services (empty: none)', '')),
    };
    const { text, problems } = scaffold(answers);
    if (!text) {
      console.error(`${problems.join('\n')}\n\nnew failed: nothing was written`);
      return 1;
    }
    mkdirSync(join(root, 'clusters', name), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative(process.cwd(), file)}; add apps under apps: (README "Adding an app"), then npm run synth`);
    return 0;
  } finally {
    ask?.close();
  }
}

/** This clone's origin, the likely answer to "which repository does Argo CD read". */
function originOf(root: string): string | undefined {
  try {
    return execFileSync('git', ['-C', root, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(usage ? `new: ${(e as Error).message.split('\n')[0]}\n\n${USAGE}` : `new: internal error: ${(e as Error).message}`);
    process.exitCode = 2;
  });
