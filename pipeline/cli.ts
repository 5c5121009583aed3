/**
 * The `npm run synth` command line: render every cluster of clusters/ into dist/ and argocd/, or
 * explain why not (and leave both exactly as they were). Exit code 0 on success, 1 on any problem.
 * bin/synth.cjs runs it from a cached bundle; bin/synth.ts runs it through tsx.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, didYouMean } from '../lib/config';
import { synth } from './synth';
import { formatFinding, VerifyError } from '../lib/verify';
import { OutputError } from '../lib/output/errors';
import { toYaml } from '../lib/output/serialize';
import { formatQosReport, qosByTier } from '../lib/docs/qos-report';
import { capacityTable } from '../lib/verify/scheduling/table';

const USAGE = `usage: npm run synth -- [--out DIR] [--root DIR] [--allow-destroy Kind/namespace/name]...

Renders clusters/*/cluster.yaml into dist/ and argocd/ (atomically: all or nothing).
  --out DIR        write dist/ and argocd/ under DIR instead of the project root
  --root DIR       read clusters/ from DIR instead of this project (and write there by default)
  --allow-destroy  allow this object to be removed, or recreated for an immutable field change
                   (as named in the error, e.g. PersistentVolumeClaim/4-aux-vaultwarden/data;
                   homelab:Kind/namespace/name for one cluster only;
                   or Cluster/<name> for a cluster whose file is gone); repeat it for each object
  --debug          on an internal error, print its stack trace
`;

const OPTIONS = {
  out: { type: 'string' },
  root: { type: 'string' },
  'allow-destroy': { type: 'string', multiple: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A mistake on the command line: said in one line, with the usage. */
class UsageError extends Error {}

/** Runs the command line `args` for the project at `projectRoot`; returns the exit code. */
export function main(args: string[], projectRoot: string): number {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    values = commandLine(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`synth: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) return (process.stdout.write(USAGE), 0);
  const root = values.root ? resolve(values.root) : projectRoot;
  const out = values.out ? resolve(values.out) : root;
  try {
    const result = synth({ root, out, allowDestroy: values['allow-destroy'] });
    for (const w of result.warnings) console.warn(formatFinding(w));
    if (!result.clusters.length)
      console.log(
        `no clusters in ${join(root, 'clusters')} yet: \`npm run new -- <name>\` scaffolds one (the reference clusters are in examples/: \`npm run examples\`)`,
      );
    result.trees.forEach((tree, i) => {
      const objects = tree.folders.reduce((n, f) => n + f.objects.length, 0);
      console.log(`${tree.cluster.name}: ${tree.folders.length - 1} applications, ${objects} objects`);
      console.log(`  ${formatQosReport(qosByTier(tree))}`);
      console.log(`${capacityTable(tree.cluster.name, result.schedules[i])}\n`);
    });
    const { written, removed } = result.written;
    console.log(
      `${join(out, 'dist')} and ${join(out, 'argocd')}: ${result.files.size} files: ${written} written, ${result.files.size - written} unchanged, ${removed} removed`,
    );
    // Under `cdk8s synth`, also leave one manifest per cluster where cdk8s-cli looks for them.
    const cdk8sOut = process.env.CDK8S_OUTDIR;
    if (cdk8sOut) {
      mkdirSync(cdk8sOut, { recursive: true });
      for (const tree of result.trees) {
        writeFileSync(join(cdk8sOut, `${tree.cluster.name}.k8s.yaml`), tree.folders.flatMap((f) => f.objects.map(toYaml)).join('---\n'));
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`${e.message}\n\nsynth failed: ${e.problems.length} problem(s) in the cluster files; dist/ and argocd/ are unchanged`);
    } else if (e instanceof VerifyError) {
      const errors = e.findings.filter((f) => f.level === 'error');
      console.error(
        `${e.findings.map(formatFinding).join('\n')}\n\nsynth failed: ${errors.length} error(s) in the rendered objects; dist/ and argocd/ are unchanged`,
      );
    } else if (e instanceof OutputError) {
      console.error(e.message); // one line: what happened, whether dist/ and argocd/ changed, what to do
    } else {
      // a bug of ours, not a mistake of the user's: one line, the trace only when asked for
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      console.error(`synth: internal error: ${message} (please report it with the command and its --debug output)`);
      if (values.debug) console.error(e instanceof Error ? e.stack : e);
      console.error('synth failed; dist/ and argocd/ are unchanged');
    }
    return 1;
  }
}

/** The options, or a UsageError for a typo, a value where none goes, or an argument npm did not pass through. */
function commandLine(args: string[]) {
  try {
    const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
    if (positionals.length) {
      // `npm run synth --allow-destroy X` without `--`: npm keeps the option and passes X alone
      throw new UsageError(`unexpected argument "${positionals[0]}": options go after \`--\` (npm run synth -- --allow-destroy ${positionals[0]})`);
    }
    return values;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw e;
    const option = /--[a-z][-a-z]*/.exec((e as Error).message)?.[0] ?? /-[a-z]/.exec((e as Error).message)?.[0] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const guess = didYouMean(option.replace(/^-+/, ''), Object.keys(OPTIONS));
      throw new UsageError(`unknown option ${option}${guess ? ` (did you mean --${guess}?)` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(`${option} ${OPTIONS[option.replace(/^-+/, '') as keyof typeof OPTIONS]?.type === 'string' ? 'needs a value' : 'takes no value'}`);
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}
