/**
 * `npm run synth`: the synth CLI (pipeline/cli.ts), run from a JavaScript bundle that esbuild builds
 * once and caches in node_modules/.cache/synth/, with V8's compiled code for it. Compiling the
 * TypeScript and loading hundreds of package files on every run would cost more than the synth
 * itself (see README, Performance).
 *
 * The bundle never goes stale: every run hashes the project files it was built from (their
 * content), the installed packages (npm's node_modules/.package-lock.json) and this file; any
 * difference rebuilds it first. Plain JavaScript, because it runs before anything is compiled.
 */
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'pipeline', 'cli.ts');
const INSTALLED = path.join(ROOT, 'node_modules', '.package-lock.json');
// one cache per project directory, even when several share a node_modules
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'synth', createHash('sha256').update(ROOT).digest('hex').slice(0, 12));
const MANIFEST = path.join(CACHE, 'manifest.json');

/** The cache key of a bundle built from `inputs` (project files, relative to ROOT). */
function keyOf(inputs) {
  const hash = createHash('sha256');
  for (const file of [__filename, INSTALLED, ...inputs.map((f) => path.join(ROOT, f))]) hash.update(`${file}\0`).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 24);
}

/** The cached bundle, if it was built from exactly the files there are now. */
function cachedBundle() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
    const bundle = path.join(CACHE, `${manifest.key}.js`);
    return keyOf(manifest.inputs) === manifest.key && fs.existsSync(bundle) ? bundle : undefined;
  } catch {
    return undefined; // no manifest yet, or an input file is gone
  }
}

/**
 * A bundled module runs from the cache folder, so `__dirname` and `__filename` in the project's
 * own files are set to where those files are (the key covers ROOT: a moved project rebuilds).
 */
const sourcePaths = {
  name: 'source-paths',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.split(path.sep).includes('node_modules')) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      // same line: line numbers in stack traces stay those of the source
      const paths = `const __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)}; `;
      return { contents: paths + text, loader: 'ts' };
    });
  },
};

async function buildBundle() {
  const esbuild = require('esbuild');
  // a source saved while esbuild reads the sources could be bundled old under the new content's key
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT, // errors and inputs named from the project root
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [sourcePaths],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.split('/').includes('node_modules'))
    .sort();
  if (inputs.some((f) => fs.statSync(path.join(ROOT, f)).mtimeMs >= started - 1)) return buildBundle();
  const key = keyOf(inputs);
  fs.mkdirSync(CACHE, { recursive: true });
  const bundle = path.join(CACHE, `${key}.js`);
  // temporary names, then renames: a concurrent synth sees the old files or the new ones, whole
  writeAtomically(bundle, result.outputFiles[0].contents);
  writeAtomically(MANIFEST, JSON.stringify({ key, inputs }));
  for (const f of fs.readdirSync(CACHE)) if (f !== 'manifest.json' && !f.startsWith(`${key}.`)) fs.rmSync(path.join(CACHE, f), { force: true });
  return bundle;
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/**
 * Runs the bundle with V8's code cache: the functions compiled by a previous run are reused
 * instead of being parsed and compiled again. The cache belongs to one bundle (same key), and
 * V8 rejects it after a Node.js upgrade; it is then written anew.
 */
function runBundle(bundle, args) {
  const codeCache = bundle.replace(/\.js$/, '.v8-cache');
  const cachedData = fs.existsSync(codeCache) ? fs.readFileSync(codeCache) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, 'utf8')}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, CACHE);
  const exitCode = module.exports.main(args, ROOT);
  // after the run: the cache then holds every function this run compiled
  if (!cachedData || script.cachedDataRejected) writeAtomically(codeCache, script.createCachedData());
  return exitCode;
}

async function run() {
  const bundle = cachedBundle() ?? (await buildBundle());
  process.exitCode = runBundle(bundle, process.argv.slice(2));
}

run().catch((e) => {
  // esbuild's errors name file:line:col of the TypeScript that does not compile
  console.error(e.errors ? `synth: the TypeScript sources do not compile:\n${e.message}` : e);
  console.error('\nsynth failed; dist/ and argocd/ are unchanged');
  process.exitCode = 1;
});
