/**
 * sources → read (generator/read/: one reader per kind of input) → assemble → model → emitters
 * → format → (write, at the edge).
 *
 * Every function here is pure over plain data except `formatFiles` (prettier is async, but
 * touches no disk). Reading inputs and writing outputs belong to the CLI and write/.
 */
import type { VFile } from 'vfile';
import type { Reporter } from './diagnostics/reporter.js';
import type { EmitContext, Emitter, OutputFile } from './emit/types.js';
import { formatFiles } from './format/prettier.js';
import { EMIT_KINDS, type EmitKind, type PartialOptions, readOptionsOf, resolveOptions } from './options.js';
import { assemble } from './assemble/index.js';
import type { Model } from './model/types.js';
import { assembleIntrospection, modelFromIntrospection } from './assemble/introspection-qapi.js';
import { readInputs } from './read/load.js';
import type { ModelPart } from './read/types.js';

export { EMIT_KINDS, type EmitKind, type GenerateOptions } from './options.js';

/**
 * Each emitter is loaded only when its kind is asked for: `--emit schema` never loads ts-morph
 * (TypeScript's compiler), prettier or the Markdown serialiser, which are most of a cold
 * process's start-up.
 */
const EMITTERS: Record<EmitKind, () => Promise<Emitter>> = {
  schema: async () => (await import('./emit/schema/index.js')).emitSchemas,
  typescript: async () => (await import('./emit/typescript/index.js')).emitTypescript,
  markdown: async () => (await import('./emit/markdown/index.js')).emitMarkdown,
  model: async () => (await import('./emit/model/index.js')).emitModelJson,
};

/**
 * The readers' parts (each input read by its reader: generator/read/, the reader chosen for the
 * file, else the one whose sniff recognises it) assembled into one model. `generate` reads
 * with only the readers its inputs need (read/load.ts); build-model.ts's `buildModel` does the
 * same synchronously, with every reader imported.
 *
 * A query-qmp-schema reply (saved, or from --qemu / --qmp) masks type names, so it is not
 * merged by name: with a QAPI schema beside it, the two are matched by structure
 * (assemble/introspection-qapi.ts: names, docs and examples from QAPI, shape from the QEMU);
 * with legacy docs beside it (QEMU before 2.5, names only), the docs are the model and the
 * QEMU adds only what they do not document.
 */
export function modelOf(parts: readonly ModelPart[], reporter: Reporter): Model {
  const intro = parts.filter((p) => p.reader === 'introspection');
  if (intro.length === 0) return assemble(parts, reporter);
  const merged = intro.length === 1 ? intro[0]! : concatParts(intro);
  const qapi = parts.filter((p) => p.reader === 'qapi');
  const model = qapi.length > 0 ? assembleIntrospection(merged, concatParts(qapi), reporter) : modelFromIntrospection(merged);
  const legacy = parts.filter((p) => p.reader === 'legacy');
  if (legacy.length === 0) return model;
  const documented = assemble(legacy, reporter);
  const known = new Set([...documented.commands, ...documented.events].map((i) => i.name));
  const sort = <T extends { name: string }>(items: T[]) => items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    ...documented,
    sources: [...documented.sources, ...model.sources],
    commands: sort([...documented.commands, ...model.commands.filter((c) => !known.has(c.name))]),
    events: sort([...documented.events, ...model.events.filter((e) => !known.has(e.name))]),
    types: sort([...documented.types, ...model.types.filter((t) => !documented.types.some((d) => d.name === t.name))]),
  };
}

/** Several parts of one reader as one. */
function concatParts(parts: readonly ModelPart[]): ModelPart {
  const [first, ...rest] = parts;
  if (!first) throw new Error('internal: no parts');
  return rest.reduce<ModelPart>(
    (a, b) => ({
      ...a,
      sources: [...a.sources, ...b.sources],
      commands: [...a.commands, ...b.commands],
      events: [...a.events, ...b.events],
      types: [...a.types, ...b.types],
    }),
    first,
  );
}

/** Run the chosen emitters; output is sorted by path so that every run is byte-identical. */
export async function emit(model: Model, kinds: readonly EmitKind[], ctx: EmitContext): Promise<OutputFile[]> {
  const chosen = EMIT_KINDS.filter((kind) => kinds.includes(kind));
  const emitters = await Promise.all(chosen.map((kind) => EMITTERS[kind]()));
  const out: OutputFile[] = [];
  for (const emitter of emitters) out.push(...emitter(model, ctx));
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
  const model = modelOf(await readInputs(files, reporter, readOptionsOf(options)), reporter);
  const raw = await emit(model, options.emit, {
    reporter,
    packageName: options.packageName,
    generatorVersion: options.generatorVersion,
    emitted: options.emit,
    license: options.license,
    testedWith: options.testedWith,
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.prebuilt ? { prebuilt: options.prebuilt } : {}),
  });
  // validate: the docs' examples against the schemas as emitted (example-invalid warnings);
  // the examples that pass are added to their schemas
  const checked = options.emit.includes('schema')
    ? (await import('./validate/index.js')).validateExamples(model, raw, reporter).files
    : raw;
  return { model, files: await formatFiles(checked) };
}
