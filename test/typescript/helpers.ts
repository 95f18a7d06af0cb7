/**
 * Shared by the TypeScript emitter tests: run the emitter + formatter on a model, write the
 * package to a temporary folder, type-check files with the TypeScript compiler API.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { VFile } from 'vfile';
import { loadTemplates } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import type { OutputFile } from '../../generator/emit/types.js';
import { formatFiles } from '../../generator/format/prettier.js';
import type { Model } from '../../generator/model/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let templates: Record<string, string> | undefined;
export async function templatesOnce(): Promise<Record<string, string>> {
  templates ??= await loadTemplates();
  return templates;
}

export interface Emitted {
  files: OutputFile[];
  /** `path`→contents */
  byPath: Map<string, string>;
  /** Diagnostics as `file:line:col rule-id` lines, in report order. */
  messages: string[];
  /** The same with the reason, for debugging failures. */
  reasons: string[];
}

/** Emit (and format, as the pipeline does) the TypeScript package for `model`. */
export async function emitPackage(model: Model, packageName = 'widget-qmp'): Promise<Emitted> {
  // one vfile per file any position of the model names, as the CLI has one per input
  const files = new Set(model.sources.map((s) => s.path));
  JSON.stringify(model, (key, value: unknown) => {
    if (key === 'position' && typeof value === 'object' && value !== null) files.add((value as { file: string }).file);
    return value;
  });
  const vfiles = [...files].map((p) => new VFile({ path: p }));
  const fallback = new VFile({ path: 'qmp-codegen' });
  const reporter = new Reporter(vfiles, fallback);
  const raw = emitTypescript(model, { reporter, packageName, generatorVersion: '0.0.0-test', templates: await templatesOnce() });
  const formatted = await formatFiles(raw);
  const all = reporter.files.flatMap((f) => f.messages.map((m) => ({ f, m })));
  return {
    files: formatted,
    byPath: new Map(formatted.map((f) => [f.path, f.contents])),
    messages: all.map(({ f, m }) => `${f.path}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId}`),
    reasons: all.map(({ m }) => m.reason),
  };
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(dir: string, files: readonly OutputFile[]): void {
  for (const f of files) {
    const abs = path.join(dir, f.path);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, f.contents);
  }
}

/** The generated package's compiler options (its tsconfig), plus node types from this repo. */
export function packageCompilerOptions(tsconfigText: string): ts.CompilerOptions {
  const json = ts.parseConfigFileTextToJson('tsconfig.json', tsconfigText).config as { compilerOptions: unknown };
  const { options } = ts.convertCompilerOptionsFromJson(json.compilerOptions, ROOT);
  return {
    ...options,
    noEmit: true,
    rootDir: undefined,
    outDir: undefined,
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
    types: ['node'],
  };
}

/** Type-check `rootNames` in one program; diagnostics as `relative/path:line:col TSnnnn message`. */
export function typecheck(rootNames: readonly string[], options: ts.CompilerOptions, relativeTo: string): string[] {
  const program = ts.createProgram({ rootNames, options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${path.relative(relativeTo, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}:${
            d.file.getLineAndCharacterOfPosition(d.start).character + 1
          }`
        : '(global)';
    return `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
