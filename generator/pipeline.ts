/**
 * sources → read (generator/read/: one reader per kind of input) → assemble → model → emitters
 * → format → (write, at the edge).
 *
 * Every function here is pure over plain data except `formatFiles` (prettier is async, but
 * touches no disk). Reading inputs and writing outputs belong to the CLI and write/.
 */
import type { VFile } from 'vfile';
import type { Reporter } from './diagnostics/reporter.js';
import { emitMarkdown } from './emit/markdown/index.js';
import { emitModelJson } from './emit/model/index.js';
import { emitSchemas } from './emit/schema/index.js';
import { emitTypescript } from './emit/typescript/index.js';
import type { EmitContext, Emitter, OutputFile } from './emit/types.js';
import { formatFiles } from './format/prettier.js';
import { EMIT_KINDS, type EmitKind, type PartialOptions, readOptionsOf, resolveOptions } from './options.js';
import { assemble } from './assemble/index.js';
import type { Model } from './model/types.js';
import { readAll } from './read/index.js';
import type { ReadOptions } from './read/types.js';
import { validateExamples } from './validate/index.js';

export { EMIT_KINDS, type EmitKind, type GenerateOptions } from './options.js';

const EMITTERS: Record<EmitKind, Emitter> = {
  schema: emitSchemas,
  typescript: emitTypescript,
  markdown: emitMarkdown,
  model: emitModelJson,
};

/**
 * Read the given inputs, each with its reader (generator/read/index.ts: the reader chosen for
 * the file, else the one whose sniff recognises it), and assemble the parts into one model.
 */
export function buildModel(files: readonly VFile[], reporter: Reporter, options: ReadOptions = {}): Model {
  return assemble(readAll(files, reporter, options), reporter);
}

/** Run the chosen emitters; output is sorted by path so that every run is byte-identical. */
export function emit(model: Model, kinds: readonly EmitKind[], ctx: EmitContext): OutputFile[] {
  const out: OutputFile[] = [];
  for (const kind of EMIT_KINDS) if (kinds.includes(kind)) out.push(...EMITTERS[kind](model, ctx));
  const seen = new Set<string>();
  for (const f of out) {
    if (seen.has(f.path)) throw new Error(`internal: two emitters wrote ${f.path}`);
    seen.add(f.path);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The whole pure pipeline: input vfiles in, formatted files out, diagnostics on the vfiles. */
export async function generate(
  files: readonly VFile[],
  reporter: Reporter,
  partial: PartialOptions,
): Promise<{ model: Model; files: OutputFile[] }> {
  const options = resolveOptions(partial);
  const model = buildModel(files, reporter, readOptionsOf(options));
  const raw = emit(model, options.emit, {
    reporter,
    packageName: options.packageName,
    generatorVersion: options.generatorVersion,
    emitted: options.emit,
    license: options.license,
    testedWith: options.testedWith,
    ...(options.templates ? { templates: options.templates } : {}),
  });
  // validate: the docs' examples against the schemas as emitted (example-invalid warnings);
  // the examples that pass are added to their schemas
  const checked = options.emit.includes('schema') ? validateExamples(model, raw, reporter).files : raw;
  return { model, files: await formatFiles(checked) };
}
