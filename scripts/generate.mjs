/**
 * `npm run generate`: the CLI, compiled (build/cli.js), after building it when generator/
 * changed since the last build, in this one process. With no arguments that is the main job:
 * docs-input/ → generated/.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD, ensureBuilt } from './build.mjs';

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const cli = path.join(BUILD, 'cli.js');
// the CLI runs when it is the main module (argv[1]); it is, from here on
process.argv[1] = cli;
await import(pathToFileURL(cli).href);
