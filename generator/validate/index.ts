/**
 * The validate stage: after emitting, check the docs' examples against the schema files as
 * emitted (what users get), report each failure as `example-invalid` at the example message,
 * and return the tally. Details of the matching: examples.ts.
 */
import type { Reporter } from '../diagnostics/reporter.js';
import { BUNDLE_PATH, catalogueOf, schemaLayout } from '../emit/schema/index.js';
import type { OutputFile } from '../emit/types.js';
import type { Model } from '../model/types.js';
import { type ExampleStats, ExampleValidators, checkExamples, exampleStats, reportOutcomes } from './examples.js';

export type { ExampleOutcome, ExampleStats } from './examples.js';

/** True when `files` hold emitted schemas (the stage has something to check). */
export function hasSchemas(files: readonly OutputFile[]): boolean {
  return files.some((f) => f.path === BUNDLE_PATH);
}

export function validateExamples(model: Model, schemaFiles: readonly OutputFile[], reporter: Reporter): ExampleStats {
  const byPath = new Map(schemaFiles.map((f) => [f.path, f] as const));
  const documents = new Map<string, object>();
  const layout = schemaLayout(model);
  for (const paths of [layout.request, layout.response, layout.event]) {
    for (const path of paths.values()) {
      const file = byPath.get(path);
      if (file) documents.set(path, JSON.parse(file.contents) as object);
    }
  }
  const bundleFile = byPath.get(BUNDLE_PATH);
  const bundle = bundleFile ? (JSON.parse(bundleFile.contents) as object) : undefined;
  const validators = new ExampleValidators(catalogueOf(layout, documents, bundle, model.events.length > 0));
  const outcomes = checkExamples(model, validators);
  reportOutcomes(outcomes, reporter);
  return exampleStats(outcomes);
}
