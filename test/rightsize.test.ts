/**
 * `npm run rightsize` as a user runs it, on a VPA list in the exact `kubectl get vpa -A -o json`
 * shape (test/fixtures/rightsize/vpa.json) for a small cluster file with comments: the proposed
 * upperBounds and sizes (x1.2 stable, x1.3 GPU tier and volatile), what is reported and not
 * written, and --write changing the upperBound values and not one other character.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { loadClusters } from '../lib/config';
import { EditError, setUpperBounds } from '../pipeline/rightsize/edit';
import { propose, type Proposal } from '../pipeline/rightsize/propose';
import { readVpaList } from '../pipeline/rightsize/vpa';
import { rightsizeMain } from '../pipeline/rightsize/cli';
import { ROOT, scratchDir } from './helpers';

const FIXTURE = join(ROOT, 'test/fixtures/rightsize');
const VPAS = join(FIXTURE, 'vpa.json');
const ORIGINAL = readFileSync(join(FIXTURE, 'clusters/small/cluster.yaml'), 'utf8');

const ARGV = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'bin/rightsize.ts')];
/** The command in-process (a process per case would cost a second of start-up each), as it prints. */
function rightsize(args: string[]): { status: number; stdout: string; stderr: string } {
  const [out, err]: string[][] = [[], []];
  const status = rightsizeMain(args, { cwd: ROOT, projectRoot: ROOT, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

test('npm run rightsize runs the same command as a process', () => {
  const run = spawnSync(process.execPath, [...ARGV, '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(rightsize(['--help']).stdout);
});

/** A scratch project holding the fixture's clusters/. */
function project(): { root: string; file: string } {
  const root = scratchDir('rightsize-test-');
  cpSync(join(FIXTURE, 'clusters'), join(root, 'clusters'), { recursive: true });
  return { root, file: join(root, 'clusters/small/cluster.yaml') };
}

function scratchJson(data: unknown): string {
  const path = join(scratchDir('rightsize-vpa-'), 'vpa.json');
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

describe('proposals from the VPA list', () => {
  const [cluster] = loadClusters(FIXTURE);
  const outcomes = propose(cluster, parse(ORIGINAL).apps, readVpaList(VPAS));
  const get = (app: string) => outcomes.find((o) => o.app === app) as Proposal;

  test("a stable app: the main container's upperBound, rounded up to whole MiB, then x1.2", () => {
    expect(get('gitea')).toMatchObject({
      headroom: { factor: 1.2, why: 'stable' },
      current: { cpu: '250m', memory: '1Gi' },
      proposed: { cpu: '412m', memory: '1270Mi' }, // 1331439862 bytes; the istio-proxy container is not the app
      before: { requests: { cpu: '300m', memory: '1229Mi' }, limits: { memory: '1229Mi' } },
      after: { requests: { cpu: '495m', memory: '1524Mi' }, limits: { memory: '1524Mi' } },
    });
  });

  test('a volatile app and a GPU-tier app: x1.3', () => {
    expect(get('rss')).toMatchObject({
      headroom: { factor: 1.3, why: 'volatile' },
      current: {},
      proposed: { cpu: '25m', memory: '250Mi' }, // 262144k
      after: { requests: { cpu: '33m', memory: '256Mi' }, limits: { memory: '325Mi' } }, // tier 4-aux: the request stays
    });
    expect(get('ollama')).toMatchObject({
      headroom: { factor: 1.3, why: 'GPU tier' },
      proposed: { cpu: '1200m', memory: '7000Mi' }, // 7340032k
      after: { requests: { cpu: '1560m', memory: '9100Mi' }, limits: { memory: '9100Mi' } },
    });
  });

  test("above the tier's max: reported with the limit it would get", () => {
    expect(get('cache').aboveMax).toBe('memory limit 4301Mi is above tier "1-cluster"\'s max 4Gi');
  });

  test('apps sized by hand and apps without a recommendation: reported, nothing proposed', () => {
    expect(get('dns')).toMatchObject({
      changes: {},
      handSized: [
        { field: 'cpu', declared: 'cpu: 100m', recommended: '63m', sized: '76m' },
        { field: 'memory', declared: 'memory: 128Mi', recommended: '100Mi', sized: '120Mi' },
      ],
    });
    expect(outcomes.filter((o) => o.kind === 'missing')).toEqual([
      { kind: 'missing', app: 'notes', reason: 'its VPA has no recommendation yet: the recommender needs some history of the running pods' },
      { kind: 'missing', app: 'whoami', reason: 'no VerticalPodAutoscaler 4-aux-whoami/whoami in the list' },
    ]);
  });
});

describe('the command line', () => {
  test('without --write: every proposal, what is not written and why, the capacity before and after; exit 1, the file untouched', () => {
    const { root, file } = project();
    const run = rightsize([VPAS, '--root', root]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const out = run.stdout;
    expect(out).toContain(
      '  gitea (1-cluster, x1.2 stable): upperBound { cpu: 250m, memory: 1Gi } -> { cpu: 412m, memory: 1270Mi }\n    cpu 300m -> 495m, memory request 1229Mi -> 1524Mi, memory limit 1229Mi -> 1524Mi\n',
    );
    expect(out).toContain(
      '  rss (4-aux, x1.3 volatile): upperBound none -> { cpu: 25m, memory: 250Mi }\n    cpu 250m -> 33m, memory request 256Mi, memory limit 4Gi -> 325Mi\n',
    );
    expect(out).toContain('  ollama (2-gpu, x1.3 GPU tier): upperBound { cpu: 1, memory: 6Gi } -> { cpu: 1200m, memory: 7000Mi }\n');
    expect(out).toContain(
      'not written:\n  cache: memory limit 4301Mi is above tier "1-cluster"\'s max 4Gi\n  builder: would no longer fit:\n    it crowds out vpa: [scheduling/unschedulable] Deployment/1-cluster-vpa/vpa-recommender ',
    );
    // rss is crowded out too, yet its own proposal fits: it is written
    expect(out).toContain(
      '\n    it crowds out rss: [scheduling/unschedulable] Deployment/4-aux-rss/rss 1 rolling-update surge pod(s) cannot be scheduled: 0/2 nodes are available: 1 Insufficient memory',
    );
    expect(out).toContain(
      'sized by hand (an upperBound field may not be given beside them: remove the size to adopt the recommendation):\n  dns: cpu: 100m (VPA upperBound 63m, x1.2 = 76m), memory: 128Mi (VPA upperBound 100Mi, x1.2 = 120Mi)\n',
    );
    expect(out).toContain('no VPA recommendation:\n  notes: its VPA has no recommendation yet');
    expect(out).toContain('  whoami: no VerticalPodAutoscaler 4-aux-whoami/whoami in the list\n');
    expect(out).toMatch(/capacity before:\nsmall: requests per node by tier[^]*\ngpu1 +cpu .*\n +memory +- +- +7988Mi /);
    expect(out).toMatch(/capacity after \(the 3 proposal\(s\) that fit\):\nsmall: requests per node by tier[^]*\ngpu1 +cpu .*\n +memory +- +- +9100Mi /);
    expect(out).toMatch(/3 app\(s\) to change: run again with --write to write them to clusters\/small\/cluster.yaml\n$/);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });

  test('--write: the upperBounds that fit are written, and nothing else of the file changes', () => {
    const { root, file } = project();
    const run = rightsize([VPAS, '--root', root, '--write']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /wrote clusters\/small\/cluster.yaml: gitea upperBound \{ cpu: 412m, memory: 1270Mi \}, rss upperBound \{ cpu: 25m, memory: 250Mi \}, ollama upperBound \{ cpu: 1200m, memory: 7000Mi \}\n$/,
    );
    const written = readFileSync(file, 'utf8');
    const expected = ORIGINAL.replace('upperBound: { cpu: 250m, memory: 1Gi }   # Q3 review', 'upperBound: { cpu: 412m, memory: 1270Mi }   # Q3 review')
      .replace('tier: 4-aux, volatile: true }', 'tier: 4-aux, volatile: true, upperBound: { cpu: 25m, memory: 250Mi } }')
      .replace('cpu: "1"               # quoted on purpose', 'cpu: "1200m"               # quoted on purpose')
      .replace('      memory: 6Gi\n', '      memory: 7000Mi\n');
    expect(written).toBe(expected);
    // every comment line stays, and only lines with an upperBound value differ
    const [before, after] = [ORIGINAL.split('\n'), written.split('\n')];
    expect(after.filter((l) => l.trim().startsWith('#'))).toEqual(before.filter((l) => l.trim().startsWith('#')));
    expect(after).toHaveLength(before.length);
    expect(before.filter((l, i) => l !== after[i])).toEqual([
      '    upperBound: { cpu: 250m, memory: 1Gi }   # Q3 review',
      '  rss: { image: freshrss/freshrss:1.26.3, tier: 4-aux, volatile: true }',
      '      cpu: "1"               # quoted on purpose: the quotes stay',
      '      memory: 6Gi',
    ]);
    // the written file is a valid cluster whose apps have the sizes shown
    const apps = loadClusters(root)[0].apps;
    expect(apps.find((a) => a.name === 'gitea')).toMatchObject({ cpu: '495m', memory: '1524Mi', memoryLimit: '1524Mi' });
    expect(apps.find((a) => a.name === 'rss')).toMatchObject({ cpu: '33m', memory: '256Mi', memoryLimit: '325Mi' });
    expect(apps.find((a) => a.name === 'ollama')).toMatchObject({ cpu: '1560m', memory: '9100Mi', memoryLimit: '9100Mi' });
    // run again: what was written is unchanged, what was not is still proposed
    const again = rightsize([VPAS, '--root', root]);
    expect(again.stdout).toContain('unchanged:\n  gitea, rss, ollama\n');
    expect(again.status).toBe(1);
  });

  test('an upperBound shared through a YAML anchor is reported and left alone; the others are written', () => {
    const { root, file } = project();
    const shared = ORIGINAL.replace('upperBound: { cpu: 250m, memory: 1Gi }', 'upperBound: &q3 { cpu: 250m, memory: 1Gi }').replace(
      'upperBound: { memory: 1Gi } }',
      'upperBound: *q3 }',
    );
    writeFileSync(file, shared);
    const run = rightsize([VPAS, '--root', root, '--write']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('not written:\n  gitea: apps.gitea.upperBound is shared through a YAML anchor or alias: set it by hand\n');
    expect(run.stdout).toMatch(
      /wrote clusters\/small\/cluster.yaml: rss upperBound \{ cpu: 25m, memory: 250Mi \}, ollama upperBound \{ cpu: 1200m, memory: 7000Mi \}\n$/,
    );
    expect(readFileSync(file, 'utf8')).toContain('    upperBound: &q3 { cpu: 250m, memory: 1Gi }   # Q3 review\n');
  });

  test('nothing to change: exit 0, and --write writes nothing', () => {
    const { root, file } = project();
    const run = rightsize([scratchJson({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }), '--root', root, '--write']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/no VPA recommendation:\n( {2}[a-z]+: no VerticalPodAutoscaler .*\n){8}\nnothing to change\n$/);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });

  test.each([
    ['a missing file', () => ['/nonexistent/vpa.json'], '/nonexistent/vpa.json does not exist'],
    [
      'a named pipe (reading it would block forever)',
      () => {
        const fifo = join(scratchDir('rightsize-fifo-'), 'vpa.json');
        spawnSync('mkfifo', [fifo]);
        return [fifo];
      },
      'is not a regular file: save the output of kubectl get vpa -A -o json to a file',
    ],
    ['invalid JSON', () => [scratchJson('{"items": [')], 'is not JSON ('],
    [
      'not a VPA list',
      () => [scratchJson({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] })],
      'is not a list of VerticalPodAutoscalers (items[0] is a Deployment of apps/v1)',
    ],
    ['an unknown --cluster', () => [VPAS, '--cluster', 'smal'], 'no cluster "smal" (did you mean "small"?): the clusters are small'],
    ['no file', () => [], 'give one file, the output of kubectl get vpa -A -o json (got 0)'],
  ])('%s: a one-line message, exit 2', (_, args, message) => {
    const { root, file } = project();
    const run = rightsize([...args(), '--root', root]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toContain(message);
    expect(run.stderr).toMatch(/^.*\n\nrightsize failed\n$/);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });

  test('several clusters: --cluster names the one the VPAs come from', () => {
    const { root } = project();
    cpSync(join(root, 'clusters/small'), join(root, 'clusters/other'), { recursive: true });
    writeFileSync(join(root, 'clusters/other/cluster.yaml'), ORIGINAL.replace('name: small', 'name: other'));
    expect(rightsize([VPAS, '--root', root]).stderr).toMatch(/^clusters\/ holds other, small: name the one the VPAs come from with --cluster\n/);
    expect(rightsize([VPAS, '--root', root, '--cluster', 'small']).status).toBe(1);
  });
});

describe('setting upperBound values in the text', () => {
  const text = [
    'apps:',
    '  a:',
    '    image: x:1   # pinned',
    '    tier: 4-aux',
    '    ports:',
    '      http: { port: 80 }',
    '  b:',
    '    tier: 0-core',
    '    upperBound:',
    "      memory: '1Gi'  # kept",
    '',
  ].join('\n');

  test('a new pair goes on a line of its own after the last one-line value, a missing field beside the others', () => {
    const out = setUpperBounds(
      text,
      new Map([
        ['a', { cpu: '100m', memory: '300Mi' }],
        ['b', { cpu: '2', memory: '2Gi' }],
      ]),
    );
    expect(out).toBe(
      [
        'apps:',
        '  a:',
        '    image: x:1   # pinned',
        '    tier: 4-aux',
        '    upperBound: { cpu: 100m, memory: 300Mi }',
        '    ports:',
        '      http: { port: 80 }',
        '  b:',
        '    tier: 0-core',
        '    upperBound:',
        "      memory: '2Gi'  # kept",
        '      cpu: 2',
        '',
      ].join('\n'),
    );
  });

  test('an upperBound shared through an alias is left for a human', () => {
    const shared = 'small: &small { memory: 1Gi }\napps:\n  a: { tier: 4-aux, upperBound: *small }\n';
    expect(() => setUpperBounds(shared, new Map([['a', { memory: '2Gi' }]]))).toThrow(EditError);
  });
});
