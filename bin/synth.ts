/** `node --import tsx bin/synth.ts`: the synth CLI straight from the TypeScript sources (no cache). */
import { resolve } from 'node:path';
import { main } from '../pipeline/cli';

process.exitCode = main(process.argv.slice(2), resolve(__dirname, '..'));
