/**
 * Each stage is imported when a run needs it (issue 12: a cold run pays for every module it
 * loads). The heaviest are the TypeScript compiler (ts-morph and the 10 MB bundle it carries)
 * and prettier. The generator has exact printers of its own for everything it writes (printing
 * the structures, formatting, dist/), and those libraries are only their reference and their
 * fallback, so no run on real input loads any of them, whatever it emits. Checked in a fresh
 * process of the compiled CLI: CommonJS modules from Node's module cache, ES modules (prettier)
 * through a resolve hook that reports every URL the process resolves.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Resolve hooks (on Node's hooks thread) that write each resolved URL to stderr, a line each. */
const HOOKS = path.join(tmp, 'hooks.mjs');
writeFileSync(
  HOOKS,
  `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  writeSync(2, 'RESOLVED ' + result.url + '\\n');
  return result;
}
`,
);
const REGISTER = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(HOOKS).href)});`)}`;
const HEAVY = /[\\/](ts-morph|@ts-morph|typescript|prettier)[\\/]/;

/**
 * Runs the compiled CLI's main in a fresh process, then `after` (the controls); what main
 * returned and the heavy modules the process required or imported.
 */
function run(args: string[], after = ''): { code: number; loaded: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'build/cli.js')).href)});
    const code = await main(${JSON.stringify(args)}, { cwd: ${JSON.stringify(ROOT)}, stdout: () => {}, stderr: () => {} });
    ${after}
    console.log(JSON.stringify({ code, required: Object.keys(createRequire(import.meta.url).cache) }));
  `;
  const r = spawnSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', script], { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the probe failed: ${r.stderr}`);
  const { code, required } = JSON.parse(r.stdout) as { code: number; required: string[] };
  const imported = [...r.stderr.matchAll(/^RESOLVED (file:.*)$/gm)].map((m) => m[1]!);
  return { code, loaded: [...new Set([...required, ...imported])].filter((k) => HEAVY.test(k)) };
}

const DOCS = ['-c', 'docs-input/qmp-commands.txt', '-e', 'docs-input/qmp-events.txt', '-q'];

describe('no run loads the TypeScript compiler or prettier', () => {
  it.each([['schema'], ['markdown'], ['model'], ['typescript'], ['schema,typescript,markdown,model']])('--emit %s: none loaded', (emit) => {
    expect(run([...DOCS, '-o', path.join(tmp, emit.replaceAll(',', '-')), '--emit', emit])).toEqual({ code: 0, loaded: [] });
  }, 120_000);

  it('the control: the same process, once it takes the fallbacks (ts-morph, prettier), shows them', () => {
    const buildUrl = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'build', rel)).href);
    const after = `
      (await import(${buildUrl('emit/typescript/ts-morph.js')})).typescriptApi();
      await (await import(${buildUrl('format/prettier.js')})).formatFilesWithPrettier([{ path: 'x.ts', contents: 'let a=1' }]);
    `;
    const r = run([...DOCS, '-o', path.join(tmp, 'control'), '--emit', 'typescript'], after);
    expect(r.code).toBe(0);
    expect(r.loaded.some((k) => /[\\/]ts-morph[\\/]/.test(k))).toBe(true);
    expect(r.loaded.some((k) => /^file:.*[\\/]prettier[\\/]/.test(k))).toBe(true);
  }, 120_000);
});
