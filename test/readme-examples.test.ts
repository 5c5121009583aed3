/**
 * Every YAML example of the README works as pasted. The line before each ```yaml fence says what
 * the example is:
 *
 * - `<!-- example: scaffolded -->`: what `npm run new` writes for the README's command, line for line;
 * - `<!-- example: add to the scaffolded cluster -->`: pasted into that cluster file (its keys merged
 *   in), the cluster synths without an error;
 * - `<!-- example: fragment of <file> -->`: a part of that file, which synths (the examples do).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../lib/config';
import { scaffold } from '../pipeline/scaffold';
import { CHARTS } from '../lib/platform/versions';
import { render } from '../pipeline/synth';
import { VerifyError } from '../lib/verify';
import { ROOT, scratchProject } from './helpers';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The command the README shows, and what it writes. */
const NEW_COMMAND = 'npm run new -- garage --repo https://git.example.com/me/homelab-gitops.git --node node1:4:16Gi --pool 192.168.1.240-192.168.1.250';
const SCAFFOLDED = scaffold({
  name: 'garage',
  repoURL: 'https://git.example.com/me/homelab-gitops.git',
  kubernetes: '1.34',
  distribution: 'kubeadm',
  nodes: ['node1:4:16Gi'],
  pool: '192.168.1.240-192.168.1.250',
}).text!;

interface Example {
  readonly line: number;
  readonly marker?: string;
  readonly text: string;
}

function yamlExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  lines.forEach((line, i) => {
    const fence = /^(\s*)```yaml\s*$/.exec(line);
    if (!fence) return;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    const indent = fence[1].length;
    const marker = /<!-- example: (.+?) -->/.exec(lines[i - 1] ?? '')?.[1];
    examples.push({
      line: i + 1,
      marker,
      text:
        lines
          .slice(i + 1, end)
          .map((l) => l.slice(indent))
          .join('\n') + '\n',
    });
  });
  return examples;
}

const examples = yamlExamples(README);

test('the README shows the command that scaffolds the cluster its examples are pasted into', () => {
  expect(README).toContain(NEW_COMMAND);
  expect(examples.length).toBeGreaterThan(5);
});

test.each(examples.map((e) => [e.line, e] as const))('the YAML example at README line %i says what it is, and is it', (_, example) => {
  expect(example.marker).toBeDefined();
  const marker = example.marker!;
  if (marker === 'scaffolded') {
    expect(SCAFFOLDED).toBe(example.text);
  } else if (marker === 'add to the scaffolded cluster') {
    expect(problemsOf(merge(parse(SCAFFOLDED), parse(example.text)))).toEqual([]);
  } else {
    const file = /^fragment of (.+)$/.exec(marker)?.[1];
    expect(file).toBeDefined();
    const whole = file === 'the scaffolded cluster' ? SCAFFOLDED : readFileSync(join(ROOT, file!), 'utf8');
    const fragment = parse(example.text);
    // a fragment of comments only (the schema line) is checked as text
    if (fragment == null) expect(whole).toContain(example.text.trim());
    else expect(containsSomewhere(parse(whole), fragment)).toBe(true);
  }
});

/** The errors of a cluster file (none when it synths). */
function problemsOf(cluster: unknown): string[] {
  const root = scratchProject({ garage: stringify(cluster) });
  try {
    render(root);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    if (e instanceof VerifyError) return e.findings.filter((f) => f.level === 'error').map((f) => `${f.rule} ${f.object ?? ''}: ${f.message}`);
    throw e;
  }
}

function merge(base: any, extra: any): any {
  if (!isMap(base) || !isMap(extra)) return extra;
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}

/** Whether `fragment` is a deep subset of `whole` or of one of its sub-trees (an indented fragment). */
function containsSomewhere(whole: unknown, fragment: unknown): boolean {
  if (isSubset(whole, fragment)) return true;
  return isMap(whole)
    ? Object.values(whole).some((v) => containsSomewhere(v, fragment))
    : Array.isArray(whole)
      ? whole.some((v) => containsSomewhere(v, fragment))
      : false;
}

function isSubset(whole: unknown, part: unknown): boolean {
  if (isMap(part)) return isMap(whole) && Object.entries(part).every(([k, v]) => k in whole && isSubset(whole[k], v));
  return JSON.stringify(whole) === JSON.stringify(part);
}

function isMap(v: unknown): v is Record<string, any> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

test("the README's bootstrap is the one synth writes for the homelab example, version and namespace included", () => {
  const generated = readFileSync(join(ROOT, 'examples/dist/homelab/README.md'), 'utf8');
  const commands = (text: string) =>
    text
      .split('\n')
      .filter((l) => /^(kubectl|helm) /.test(l))
      .map((l) => l.replace(/\s+#.*$/, ''));
  const readmeBootstrap = README.slice(README.indexOf('## Bootstrapping Argo CD'), README.indexOf('**A private repository.**'));
  expect(commands(readmeBootstrap)).toEqual(commands(generated.slice(generated.indexOf('## Bootstrap'), generated.indexOf('## Nodes'))));
  expect(readmeBootstrap).toContain(`--version ${CHARTS.argoCd.version} -n argocd`);
});
