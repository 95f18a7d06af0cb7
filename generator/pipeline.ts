/**
 * docs → parse → model → emitters → format → (write, at the edge).
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
import type { Model } from './model/types.js';
import { modelFromIntrospection } from './assemble/introspection-qapi.js';
import { introspectionReader } from './read/introspection/index.js';
import { parseDocs } from './read/legacy/index.js';
import { validateExamples } from './validate/index.js';
import { EMIT_KINDS, type EmitKind } from './emit/kinds.js';

export { EMIT_KINDS, type EmitKind };

const EMITTERS: Record<EmitKind, Emitter> = {
  schema: emitSchemas,
  typescript: emitTypescript,
  markdown: emitMarkdown,
  model: emitModelJson,
};

/** Parse the given documents (commands and/or events, .txt or .hx) into one model. */
export function buildModel(files: readonly VFile[], reporter: Reporter): Model {
  // query-qmp-schema replies (saved, or from --qemu / --qmp) go to the introspection reader
  // (until the reader registry of generator/read/index.ts routes every input)
  const introspection = files.filter((f) => introspectionReader.sniff(f));
  if (introspection.length === 0) return parseDocs(files, reporter);
  const model = modelFromIntrospection(introspectionReader.read(introspection, reporter, {}));
  const docs = files.filter((f) => !introspection.includes(f));
  if (docs.length === 0) return model;
  // with legacy docs too (QEMU before 2.5, names only): the docs, plus what only the QEMU names
  const documented = parseDocs(docs, reporter);
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

export interface GenerateOptions {
  emit: readonly EmitKind[];
  packageName: string;
  generatorVersion: string;
  license?: string;
  testedWith?: readonly string[];
  /** templates/ contents (see EmitContext.templates); the CLI loads them. */
  templates?: Readonly<Record<string, string>>;
}

/** The whole pure pipeline: input vfiles in, formatted files out, diagnostics on the vfiles. */
export async function generate(
  files: readonly VFile[],
  reporter: Reporter,
  options: GenerateOptions,
): Promise<{ model: Model; files: OutputFile[] }> {
  const model = buildModel(files, reporter);
  const raw = emit(model, options.emit, {
    reporter,
    packageName: options.packageName,
    generatorVersion: options.generatorVersion,
    emitted: options.emit,
    ...(options.license ? { license: options.license } : {}),
    ...(options.testedWith ? { testedWith: options.testedWith } : {}),
    ...(options.templates ? { templates: options.templates } : {}),
  });
  // validate: the docs' examples against the schemas as emitted (example-invalid warnings);
  // the examples that pass are added to their schemas
  const checked = options.emit.includes('schema') ? validateExamples(model, raw, reporter).files : raw;
  return { model, files: await formatFiles(checked) };
}
