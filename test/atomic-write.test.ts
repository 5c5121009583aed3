/**
 * A failure at any point leaves dist/ and argocd/ exactly as they were: a throw while rendering,
 * and a synth killed (SIGKILL) at any moment while it writes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { recover } from '../lib/output/write';
import { synth } from '../pipeline/synth';
import { generated, ROOT, scratchProject, SYNTH_ARGV, writeFile } from './helpers';

/** A cluster big enough that writing it takes a while (a kill lands mid-write). */
function bigCluster(apps: number, image: string): string {
  // four nodes: a kubelet runs at most 110 pods, each app runs a replica plus a surge pod, and the utilities run theirs
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => `  ${n}: { cpu: 64, memory: 256Gi }`);
  const lines = ['name: big', 'kubernetes: { version: "1.34" }', 'gitops: { repoURL: https://git.example.com/big.git }', 'nodes:', ...nodes, 'apps:'];
  for (let i = 0; i < apps; i++) lines.push(`  app${i}: { image: "${image}", tier: 4-aux, ports: { http: { port: 80 } } }`);
  return lines.join('\n') + '\n';
}

test('a synth killed at any moment leaves the old tree or the new one, never a mix', async () => {
  const [oldFile, newFile] = [bigCluster(150, 'nginx:1.27.3'), bigCluster(150, 'nginx:1.27.4')];
  const expectedNew = generated(((other) => (synth({ root: other }), other))(scratchProject({ big: newFile })));
  const root = scratchProject({ big: oldFile });
  /** Starts the CLI; `exited` is taken at once so that an early exit is not missed. */
  const cli = () => {
    const child = spawn(process.execPath, [...SYNTH_ARGV, '--root', root], { cwd: ROOT, stdio: 'ignore' });
    return { child, exited: new Promise((r) => child.on('exit', r)) };
  };

  // how long one whole synth takes here, so the kills spread over all of it
  const started = Date.now();
  await cli().exited;
  const duration = Date.now() - started;

  const outcomes = new Set<string>();
  for (const fraction of [0.2, 0.6, 0.8, 0.9, 1.0]) {
    writeFile(join(root, 'clusters/big/cluster.yaml'), oldFile); // back to the old tree...
    synth({ root, warn: () => {} }); // (it takes over the killed synth's lock, and may complete its update)
    const oldTree = generated(root);
    writeFile(join(root, 'clusters/big/cluster.yaml'), newFile); // ...and synth the new one
    const run = cli();
    await new Promise((r) => setTimeout(r, duration * fraction));
    run.child.kill('SIGKILL');
    await run.exited;
    // killed between leaving its markers and committing: the old tree, with a marker
    const after = new Map([...generated(root)].filter(([path]) => !path.endsWith('/SYNTH-INCOMPLETE')));
    if (existsSync(join(root, '.synth', 'commit'))) {
      // killed inside the swap, after the commit point: the next synth completes it first
      outcomes.add('mid-swap');
      recover(root);
      expect(generated(root)).toEqual(expectedNew);
    } else if (after.size === oldTree.size && [...after].every(([p, c]) => oldTree.get(p) === c)) {
      outcomes.add('old');
    } else {
      outcomes.add('new');
      expect(after).toEqual(expectedNew);
    }
  }
  // the early kills must have stopped a synth before it finished, or this test proves nothing
  expect(outcomes.has('old')).toBe(true);
}, 60_000);

test('an exception while rendering leaves dist/ and argocd/ byte-for-byte unchanged', () => {
  const root = scratchProject({ big: bigCluster(3, 'nginx:1.27.3') });
  synth({ root });
  const before = generated(root);
  // depends on itself through another app: a cycle is only found when the waves are computed
  writeFile(
    join(root, 'clusters/big/cluster.yaml'),
    bigCluster(3, 'nginx:1.27.3').replace('app0: {', 'app0: { dependsOn: [app1],').replace('app1: {', 'app1: { dependsOn: [app0],'),
  );
  expect(() => synth({ root })).toThrow(/dependency cycle: app0 -> app1 -> app0/);
  expect(generated(root)).toEqual(before);
});

test('recover() drops an uncommitted staging tree without touching dist/', () => {
  const root = scratchProject({ big: bigCluster(2, 'nginx:1.27.3') });
  synth({ root });
  const before = generated(root);
  writeFile(join(root, '.synth/next/dist/big/app0/junk.yaml'), 'half-written');
  recover(root);
  expect(existsSync(join(root, '.synth'))).toBe(false);
  expect(generated(root)).toEqual(before);
});
