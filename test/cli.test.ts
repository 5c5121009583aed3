/** The CLI as a user runs it: exit codes, every error of a file at once, and nothing lost. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyOfProject, generated, HOMELAB, runSynth, writeFile } from './helpers';

test('a cluster file with three mistakes yields three precise errors, exit 1, and dist/ untouched', () => {
  const root = copyOfProject();
  expect(runSynth(['--root', root]).status).toBe(0);
  const before = generated(root);

  const broken = readFileSync(HOMELAB, 'utf8')
    .replace('image: vaultwarden/server:1.34.3', 'imagee: vaultwarden/server:1.34.3') // typo
    .replace('k8s-node2: { cpu: 8, memory: 32Gi }', 'k8s-node2: { cpu: 8, memory: 32GB }') // GB
    .replace(/(freshrss:\n(?:.*\n)*?\s+tier:) 4-aux/, '$1 4-axu'); // no such tier
  writeFile(join(root, 'clusters/homelab/cluster.yaml'), broken);
  const run = runSynth(['--root', root]);

  expect(run.status).toBe(1);
  const lines = broken.split('\n');
  const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
  expect(run.stderr).toContain(`clusters/homelab/cluster.yaml:${lineOf('memory: 32GB')}:`);
  expect(run.stderr).toContain('nodes.k8s-node2.memory\n  error: "32GB" is not a memory quantity\n  fix:   write 32Gi');
  expect(run.stderr).toContain(
    `clusters/homelab/cluster.yaml:${lineOf('imagee:')}:5  apps.vaultwarden.imagee\n  error: unknown key "imagee"\n  fix:   did you mean "image"?`,
  );
  expect(run.stderr).toContain('synth failed: 3 problem(s)');
  expect(generated(root)).toEqual(before);
});

test('--help prints the usage and exits 0', () => {
  const run = runSynth(['--help']);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('usage: npm run synth');
});

test.each([
  [['--allow-destory', 'Namespace/x'], 'synth: unknown option --allow-destory (did you mean --allow-destroy?)'],
  [['Namespace/4-aux-x'], 'synth: unexpected argument "Namespace/4-aux-x": options go after `--` (npm run synth -- --allow-destroy Namespace/4-aux-x)'],
  [['--root'], 'synth: --root needs a value'],
  [['--help=yes'], 'synth: --help takes no value'],
])('a command-line mistake %j is one line with the usage, exit 2, nothing touched', (args, message) => {
  const root = copyOfProject();
  const before = generated(root);
  const run = runSynth([...args, ...(args.includes('--root') ? [] : ['--out', root])], { cwd: root });
  expect(run.status).toBe(2);
  expect(run.stderr.split('\n')[0]).toBe(message);
  expect(run.stderr).toContain('usage: npm run synth');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(generated(root)).toEqual(before);
});
