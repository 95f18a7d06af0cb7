/**
 * Each stage is imported when a run needs it (issue 12: a cold run pays for every module it
 * loads). The TypeScript compiler (ts-morph and the 10 MB bundle it carries) is the heaviest:
 * a run that emits no TypeScript must not load it, not even through the format stage. Checked
 * in a fresh process of the compiled CLI, from Node's module cache (ts-morph is CommonJS).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../typescript/helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-lazy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);

/**
 * Runs the compiled CLI's main in a fresh process; what it returned, which compiler modules it
 * loaded, and whether Node's `vm` was loaded (it comes with the compiler's code cache, which
 * only runs emitting TypeScript need).
 */
function run(args: string[]): { code: number; loaded: string[]; builtins: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'build/cli.js')).href)});
    const code = await main(${JSON.stringify(args)}, { cwd: ${JSON.stringify(ROOT)}, stdout: () => {}, stderr: () => {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/](ts-morph|@ts-morph|typescript)[\\\\/]/.test(k));
    const builtins = process.moduleLoadList.filter((m) => m === 'NativeModule vm');
    console.log(JSON.stringify({ code, loaded, builtins }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmp, encoding: 'utf8' })) as { code: number; loaded: string[]; builtins: string[] };
}

const DOCS = ['-c', 'docs-input/qmp-commands.txt', '-e', 'docs-input/qmp-events.txt', '-q'];

describe('the TypeScript compiler is loaded only by runs that emit TypeScript', () => {
  it.each([['schema'], ['markdown'], ['model'], ['schema,markdown,model']])('--emit %s: not loaded', (emit) => {
    expect(run([...DOCS, '-o', path.join(tmp, emit), '--emit', emit])).toEqual({ code: 0, loaded: [], builtins: [] });
  }, 120_000);

  it('--emit typescript: loaded (so the check above can see it)', () => {
    const r = run([...DOCS, '-o', path.join(tmp, 'ts'), '--emit', 'typescript']);
    expect(r.code).toBe(0);
    expect(r.loaded.some((k) => k.includes('ts-morph'))).toBe(true);
    expect(r.builtins).toContain('NativeModule vm'); // the code cache, with the compiler
  }, 120_000);
});
