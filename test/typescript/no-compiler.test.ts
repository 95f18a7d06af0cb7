/**
 * The format stage (format/typescript.ts) and the dist/ printers (dist-print.ts) read the
 * generated TypeScript with our own parser (syntax.ts): on what the emitter writes, neither
 * loads ts-morph or the TypeScript compiler (issue 12: requiring them is ~0.5 s of every cold
 * run), nor prettier. Checked in a fresh process (Node's module cache: ts-morph and typescript
 * are CommonJS) on the files the emitter writes for docs-input, with the outputs compared to
 * this process's; a control process that asks compile.ts for the compiler's options (what a declined file needs) shows that the check sees the compiler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { printClientModule, printEntryModule, printTypesDeclaration, printValuesModule } from '../../generator/emit/typescript/dist-print.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { formatTypeScriptLikePrettier } from '../../generator/format/typescript.js';
import { buildModel } from '../../generator/build-model.js';
import { ROOT, templatesOnce } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-no-compiler-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NAMES = ['types', 'client', 'index', 'names', 'shell'];
const href = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, rel)).href);

/** The script run in the fresh process: every file formatted and printed, then what is loaded. */
const SCRIPT = `
  import { createRequire } from 'node:module';
  import { readFileSync } from 'node:fs';
  const { formatTypeScriptLikePrettier } = await import(${href('generator/format/typescript.ts')});
  const dp = await import(${href('generator/emit/typescript/dist-print.ts')});
  const out = {};
  let prettier = 0;
  for (const name of ${JSON.stringify(NAMES)}) {
    const file = 'src/' + name + '.ts';
    const text = readFileSync(${JSON.stringify(tmp)} + '/' + name + '.ts', 'utf8');
    out[name] = {
      formatted: await formatTypeScriptLikePrettier(file, text, async () => { prettier++; return ''; }),
      dist: name === 'types' ? dp.printTypesDeclaration(file, text) : dp.printClientModule(file, text) ?? dp.printValuesModule(file, text) ?? dp.printEntryModule(file, text),
    };
  }
  if (process.argv.includes('--control')) (await import(${href('generator/emit/typescript/compile.ts')})).distOptions({ target: 'ES2022' });
  const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/](ts-morph|@ts-morph|typescript|prettier)[\\\\/]/.test(k));
  console.log(JSON.stringify({ out, prettier, loaded }));
`;

function fresh(control: boolean): { out: Record<string, { formatted: string; dist: unknown }>; prettier: number; loaded: string[] } {
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
  const args = ['--import', pathToFileURL(tsx).href, '--input-type=module', '-e', SCRIPT, ...(control ? ['--', '--control'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 }));
}

describe('formatting and printing dist/ without the TypeScript compiler', () => {
  it('docs-input: every file formatted and printed in a fresh process that loads neither ts-morph, typescript nor prettier', async () => {
    const inputs = ['qmp-commands.txt', 'qmp-events.txt'].map((n) => new VFile({ path: `docs-input/${n}`, value: readFileSync(path.join(ROOT, 'docs-input', n), 'utf8') }));
    const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
    const files = emitTypescript(buildModel(inputs, reporter), { reporter, packageName: 'x', generatorVersion: '0.0.0', templates: await templatesOnce() });
    const expected: Record<string, { formatted: string; dist: unknown }> = {};
    for (const name of NAMES) {
      const file = `src/${name}.ts`;
      const text = files.find((f) => f.path === file)!.contents;
      writeFileSync(path.join(tmp, `${name}.ts`), text);
      expected[name] = {
        formatted: await formatTypeScriptLikePrettier(file, text, () => Promise.reject(new Error('prettier'))),
        dist: name === 'types' ? printTypesDeclaration(file, text) : (printClientModule(file, text) ?? printValuesModule(file, text) ?? printEntryModule(file, text)),
      };
      expect(expected[name]!.dist, `${file}: a printer printed it`).toBeDefined();
    }
    const run = fresh(false);
    expect(run).toEqual({ out: expected, prettier: 0, loaded: [] });
  }, 120_000);

  it("the control: compile.ts's compiler options load the compiler, and the check sees it", () => {
    expect(fresh(true).loaded.some((k) => k.includes('ts-morph'))).toBe(true);
  }, 120_000);
});
