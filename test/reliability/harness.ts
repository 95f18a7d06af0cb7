/**
 * Shared pieces of the reliability suite: the documents to mutate (read from the corpus and
 * docs-input/ at test time, never copied), the in-process pipeline with its invariants, and
 * a small stats sink that `report.ts` turns into test/reliability.md.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { RULES } from '../../generator/diagnostics/rules.js';
import type { OutputFile } from '../../generator/emit/types.js';
import { formatFiles } from '../../generator/format/prettier.js';
import type { Model } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { EMIT_KINDS, emit, type EmitKind } from '../../generator/pipeline.js';
import { checkOutputPath } from '../../generator/write/atomic.js';
import { corpusVersions } from '../helpers/corpus.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** fast-check runs per property; `npm run fuzz` raises it. */
export const RUNS = Math.max(1, Number(process.env.QMP_FUZZ_RUNS ?? 0) || 0);
export function runs(defaultRuns: number): number {
  return RUNS > 1 ? RUNS : defaultRuns;
}

export interface SourceDoc {
  label: string;
  path: string;
  text: string;
}

/** Real documents: a few corpus versions (commands, events, the .hx) and docs-input/. */
export function sourceDocs(): SourceDoc[] {
  const docs: SourceDoc[] = [];
  const add = (label: string, p: string | undefined) => {
    if (p && existsSync(p)) docs.push({ label, path: path.basename(p), text: readFileSync(p, 'utf8') });
  };
  for (const v of corpusVersions()) {
    if (!['0.13.0', '1.5.0', '2.8.0'].includes(v.version)) continue;
    add(`${v.version}/commands.txt`, v.commandsTxt);
    add(`${v.version}/events.txt`, v.events);
    if (v.version !== '2.8.0') add(`${v.version}/${v.hx ? path.basename(v.hx) : 'hx'}`, v.hx);
  }
  add('docs-input/qmp-commands.txt', path.join(ROOT, 'docs-input/qmp-commands.txt'));
  add('docs-input/qmp-events.txt', path.join(ROOT, 'docs-input/qmp-events.txt'));
  return docs;
}

export interface RunResult {
  model: Model;
  files: OutputFile[];
  diagnostics: string[];
  ms: number;
}

/**
 * Parse + every emitter (+ prettier when `format`), in process, checking the invariants that
 * hold for ANY input: nothing throws, there is a model, every diagnostic is catalogued and
 * positioned inside the input, output paths are safe and unique, names are unique.
 */
export async function runPipeline(
  inputs: readonly { path: string; text: string }[],
  opts: { kinds?: readonly EmitKind[]; format?: boolean; templates?: Readonly<Record<string, string>> } = {},
): Promise<RunResult> {
  const start = performance.now();
  const files = inputs.map((i) => new VFile({ path: i.path, value: i.text }));
  const reporter = new Reporter(files, new VFile({ path: 'qmp-codegen' }));
  const model = buildModel(files, reporter);
  let out = await emit(model, opts.kinds ?? EMIT_KINDS, {
    reporter,
    packageName: 'qmp-fuzz',
    generatorVersion: '0.0.0',
    ...(opts.templates ? { templates: opts.templates } : {}),
  });
  if (opts.format) out = await formatFiles(out);
  const ms = performance.now() - start;
  const diagnostics: string[] = [];
  const problems: string[] = [];
  for (const f of reporter.files) {
    const lines = String(f.value ?? '').split(/\r\n|\r|\n/).length;
    for (const m of f.messages) {
      diagnostics.push(`${f.path}:${m.line}:${m.column} ${m.ruleId}`);
      if (m.source === 'qmp-codegen' && !Object.hasOwn(RULES, m.ruleId ?? '')) problems.push(`uncatalogued rule ${m.ruleId}`);
      if (f.path !== 'qmp-codegen' && m.line != null && (m.line < 1 || m.line > lines + 1)) problems.push(`line ${m.line} outside ${f.path} (${lines} lines)`);
    }
  }
  const seen = new Set<string>();
  for (const f of out) {
    checkOutputPath('/out', f.path);
    if (seen.has(f.path)) problems.push(`duplicate output ${f.path}`);
    seen.add(f.path);
    if (typeof f.contents !== 'string') problems.push(`non-string contents for ${f.path}`);
  }
  for (const list of [model.commands.map((c) => c.name), model.events.map((e) => e.name)]) {
    if (new Set(list).size !== list.length) problems.push(`duplicate names in model: ${list.join(',')}`);
  }
  if (problems.length > 0) throw new Error(`invariants broken:\n${problems.join('\n')}`);
  return { model, files: out, diagnostics, ms };
}

/** Record a measurement for the report (only when QMP_RELIABILITY_STATS names a file). */
export function recordStat(name: string, value: Record<string, unknown>): void {
  const file = process.env.QMP_RELIABILITY_STATS;
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ name, ...value })}\n`);
}
