/**
 * qmp-codegen's programmatic API (the package's `exports`):
 *
 * ```js
 * import { generate, writeFiles } from 'qmp-codegen';
 * const { files, diagnostics, ok } = await generate({ commands: 'qmp-commands.txt', events: 'qmp-events.txt' });
 * for (const d of diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.ruleId}`);
 * if (ok) await writeFiles('out/qmp', files);
 * ```
 *
 * `generate` reads the inputs (or takes their text), runs the same pipeline as the CLI, and
 * returns the output files and the diagnostics as data: it writes nothing. `writeFiles` and
 * `checkFiles` are the CLI's atomic write and `--check`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { loadPrebuilt, loadTemplates, readInput } from './cli.js';
import { Reporter } from './diagnostics/reporter.js';
import { RULES, type RuleId, type Severity } from './diagnostics/rules.js';
import { type Diagnostic, diagnosticRows } from './diagnostics/rows.js';
import { EMIT_KINDS, type EmitKind } from './emit/kinds.js';
import { packageNameProblem } from './emit/typescript/package-name.js';
import { DEFAULT_PACKAGE_LICENSE, type OutputFile } from './emit/types.js';
import type { WriteResult } from './write/atomic.js';

export { EMIT_KINDS, type EmitKind, RULES, type RuleId, type Severity, DEFAULT_PACKAGE_LICENSE };
export type { Model } from './model/types.js';

/** One input document: a path (read from disk) or a path with its text (nothing is read). */
export interface InputDocument {
  path: string;
  /** What the document is; detected from the content when absent. */
  role?: 'commands' | 'events';
  /** The document's text; when given, `path` only names it in diagnostics and provenance. */
  text?: string;
}

export interface GenerateOptions {
  /** Commands document (qmp-commands.txt, qmp-commands.hx or qemu-monitor.hx). */
  commands?: string;
  /** Events document (qmp-events.txt). */
  events?: string;
  /** More documents (paths, or paths with text). */
  inputs?: ReadonlyArray<string | InputDocument>;
  /** Outputs to produce (default: all of EMIT_KINDS). */
  emit?: readonly EmitKind[];
  /** npm name of the generated package (default `qmp-client`). */
  packageName?: string;
  /** SPDX license of the generated package (default DEFAULT_PACKAGE_LICENSE). */
  license?: string;
  /** What the generated package was checked against, for its README. */
  testedWith?: readonly string[];
  /** Relative paths are resolved, and shown in diagnostics, relative to this (default: process.cwd()). */
  cwd?: string;
  /**
   * Where the files will be written (relative to `cwd`): input paths are recorded in the
   * outputs relative to it, as the CLI records them relative to `--out`, so that the output
   * does not depend on the current folder. Absent: recorded as given.
   */
  outDir?: string;
}

/** A diagnostic, as `qmp-codegen --format json` prints it (generator/diagnostics/rows.ts). */
export type { Diagnostic } from './diagnostics/rows.js';

export interface GenerateResult {
  /** The output files, sorted by path (relative, POSIX separators). Empty when `ok` is false. */
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** No error was reported (warnings may have been). */
  ok: boolean;
}

export type { OutputFile, WriteResult };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The version of this qmp-codegen (it is written into provenance headers). */
export async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function diagnosticsOf(files: readonly VFile[]): Diagnostic[] {
  return diagnosticRows(files);
}

async function load(doc: InputDocument, cwd: string, outDir: string | undefined): Promise<VFile> {
  if (doc.text === undefined) {
    const file = await readInput({ path: doc.path, ...(doc.role ? { declaredRole: doc.role } : {}) }, cwd, outDir);
    return file;
  }
  const file = new VFile({ path: doc.path, cwd, value: doc.text, data: { declaredRole: doc.role } });
  file.data.bytes = new TextEncoder().encode(doc.text);
  return file;
}

/**
 * Generate everything the CLI would, without writing: files and diagnostics. Throws only on
 * bad options (a TypeError naming the option), never on bad input, which gets diagnostics.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const docs: InputDocument[] = [];
  if (options.commands !== undefined) docs.push({ path: options.commands, role: 'commands' });
  if (options.events !== undefined) docs.push({ path: options.events, role: 'events' });
  for (const d of options.inputs ?? []) docs.push(typeof d === 'string' ? { path: d } : d);
  if (docs.length === 0) throw new TypeError('generate: no input documents (commands, events or inputs)');
  const emit = options.emit ?? EMIT_KINDS;
  const unknown = emit.filter((k) => !(EMIT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || emit.length === 0) throw new TypeError(`generate: emit must list some of ${EMIT_KINDS.join(', ')}`);
  const packageName = options.packageName ?? 'qmp-client';
  const problem = packageNameProblem(packageName);
  if (problem) throw new TypeError(`generate: packageName: ${problem}`);

  const pipeline = import('./pipeline.js');
  pipeline.catch(() => {});
  const files = await Promise.all(docs.map((d) => load(d, cwd, options.outDir)));
  const general = new VFile({ path: 'qmp-codegen', cwd });
  const reporter = new Reporter(files, general);
  const failed = () => reporter.files.some((f) => f.messages.some((m) => m.fatal === true));
  if (failed()) return { files: [], diagnostics: diagnosticsOf(reporter.files), ok: false };
  const { generate: run } = await pipeline;
  const prebuilt = await loadPrebuilt();
  const { files: output } = await run(files, reporter, {
    emit,
    packageName,
    generatorVersion: await version(),
    license: options.license ?? DEFAULT_PACKAGE_LICENSE,
    testedWith: options.testedWith ?? [],
    templates: await loadTemplates(),
    ...(prebuilt ? { prebuilt } : {}),
  });
  const ok = !failed();
  return { files: ok ? output : [], diagnostics: diagnosticsOf(reporter.files), ok };
}

/** Write `files` into `outDir` atomically (stale files of an earlier run are removed; nothing else is touched). */
export async function writeFiles(
  outDir: string,
  files: readonly OutputFile[],
): Promise<WriteResult> {
  const { writeOutput } = await import('./write/atomic.js');
  return writeOutput(path.resolve(outDir), files);
}

/** What differs between `outDir` and `files` (empty: up to date), as `--check` reports it. */
export async function checkFiles(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const { diffOutput } = await import('./write/check.js');
  return diffOutput(path.resolve(outDir), files);
}
