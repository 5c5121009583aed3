/**
 * The floor of a synth, for `npm run bench`: Node start-up, then only the unavoidable work on
 * the same final objects: stringify each with `yaml` and write the same files.
 * `node bench/floor.cjs <objects.json> <out dir>`; the JSON, dumped by the bench from a real
 * render, is { options: (yaml options of lib/output/serialize.ts), manifests: [[path, [object...]]...],
 * texts: [[path, text]...] } (texts: the other files, such as READMEs, written as they are).
 */
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { stringify } = require('yaml');

const [input, out] = process.argv.slice(2);
const made = new Set();
function write(path, text) {
  const file = join(out, path);
  const dir = dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(file, text);
}

const { options, manifests, texts } = JSON.parse(readFileSync(input, 'utf8'));
for (const [path, objects] of manifests) write(path, objects.map((o) => stringify(o, options)).join('---\n'));
for (const [path, text] of texts) write(path, text);
