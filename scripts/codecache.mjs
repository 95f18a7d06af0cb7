/**
 * build/codecache/: V8's compiled code of the TypeScript emitter's big CommonJS dependencies
 * (generator/codecache.ts), recorded by running the compiled CLI once on docs-input with
 * `--emit typescript` into a temporary folder, then saving what V8 compiled for those files
 * (functions compiled while running included). Run by scripts/build.mjs in a process of its
 * own, so that nothing was loaded before the recording starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = path.join(ROOT, 'build');
const { useCodeCache } = await import(pathToFileURL(path.join(BUILD, 'codecache.js')).href);
const cache = useCodeCache(path.join(BUILD, 'codecache'), true);
const { main } = await import(pathToFileURL(path.join(BUILD, 'cli.js')).href);
const out = mkdtempSync(path.join(tmpdir(), 'qmp-codecache-'));
try {
  const input = path.join(ROOT, 'docs-input');
  const args = ['--commands', path.join(input, 'qmp-commands.txt'), '--events', path.join(input, 'qmp-events.txt'), '--emit', 'typescript', '--out', out, '-q'];
  const code = await main(args, { cwd: ROOT, stdout: () => {}, stderr: (t) => process.stderr.write(t) });
  if (code !== 0) throw new Error(`qmp-codegen build: recording the code cache failed (exit ${code})`);
  cache?.save();
} finally {
  rmSync(out, { recursive: true, force: true });
}
