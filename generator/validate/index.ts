/**
 * The validate stage, run after the schema emitter: check the docs' examples against the
 * schema files as emitted (what users get), report each failure as `example-invalid` at the
 * example message, and add the examples that pass to their per-message schema (`examples`).
 * Details of the matching: examples.ts. Pure: files in, files out.
 */
import type { Reporter } from '../diagnostics/reporter.js';
import { BUNDLE_PATH, schemaLayout } from '../layout/schema.js';
import { addExamples, toFile } from '../emit/schema/index.js';
import type { SchemaObject } from '../emit/schema/types.js';
import type { OutputFile } from '../emit/types.js';
import { printedValue } from '../emit/json-file.js';
import type { Model } from '../model/types.js';
import { catalogueOf, passingExamples, targetKey } from './catalogue.js';
import { type ExampleOutcome, type ExampleStats, ExampleValidators, checkExamples, exampleStats, reportOutcomes } from './examples.js';

export type { ExampleOutcome, ExampleStats } from './examples.js';

export interface ExampleValidation {
  stats: ExampleStats;
  outcomes: ExampleOutcome[];
  /** The files given, with passing examples added to the per-message schemas. */
  files: OutputFile[];
}

export function validateExamples(model: Model, files: readonly OutputFile[], reporter: Reporter): ExampleValidation {
  const byPath = new Map(files.map((f) => [f.path, f] as const));
  const documents = new Map<string, SchemaObject>();
  const layout = schemaLayout(model);
  const pathTarget = new Map<string, string>();
  for (const kind of ['request', 'response', 'event'] as const) {
    for (const [name, path] of layout[kind]) {
      const file = byPath.get(path);
      if (!file) continue;
      // the value the emitter printed, when it says (emit/json-file.ts): the same as parsing it
      documents.set(path, (printedValue(file)?.value ?? JSON.parse(file.contents)) as SchemaObject);
      pathTarget.set(path, targetKey({ kind, name }));
    }
  }
  const bundleFile = byPath.get(BUNDLE_PATH);
  const bundle = bundleFile ? ((printedValue(bundleFile)?.value ?? JSON.parse(bundleFile.contents)) as object) : undefined;
  const validators = new ExampleValidators(catalogueOf(layout, documents, bundle, model.events.length > 0));
  const outcomes = checkExamples(model, validators);
  reportOutcomes(outcomes, reporter);

  const examples = passingExamples(outcomes);
  const out = files.map((f) => {
    const doc = documents.get(f.path);
    const list = examples.get(pathTarget.get(f.path) ?? '');
    return doc && list ? toFile(f.path, addExamples(doc, list)) : f;
  });
  return { stats: exampleStats(outcomes), outcomes, files: out };
}
