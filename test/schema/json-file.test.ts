/**
 * The JSON files of the schema and model emitters remember the value they were printed from
 * (generator/emit/json-file.ts); the validate stage then reads those values instead of
 * parsing the files, and the format stage lays the text out without proving first that
 * JSON.stringify wrote it. Each shortcut is held here to what it replaces, on corpus outputs:
 * the value is what parsing the text gives, and validating and formatting the files give the
 * same files and diagnostics as for copies of them, which nothing is remembered of.
 */
import { isDeepStrictEqual } from 'node:util';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { jsonFile, printedValue } from '../../generator/emit/json-file.js';
import type { OutputFile } from '../../generator/emit/types.js';
import { formatFiles } from '../../generator/format/prettier.js';
import type { Model } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { emit } from '../../generator/pipeline.js';
import { readInput } from '../../generator/cli.js';
import { validateExamples } from '../../generator/validate/index.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';

describe('jsonFile / printedValue', () => {
  it('prints the value as JSON.stringify with two spaces and a newline, and remembers it', () => {
    const value = { a: [1, 'two'], b: { c: null } };
    const file = jsonFile('x.json', value);
    expect(file).toEqual({ path: 'x.json', contents: `${JSON.stringify(value, null, 2)}\n` });
    expect(printedValue(file)?.value).toBe(value);
  });

  it('knows nothing of a copy, or of the file once its contents changed', () => {
    const file = jsonFile('x.json', { a: 1 });
    expect(printedValue({ ...file })).toBeUndefined();
    expect(printedValue({ path: 'x.json', contents: file.contents })).toBeUndefined();
    file.contents = '{"a": 2}\n';
    expect(printedValue(file)).toBeUndefined();
  });
});

/** Validate and format as the pipeline does; the same for copies of the files (parsed, proven). */
async function bothWays(model: Model, emitted: readonly OutputFile[], inputs: readonly VFile[]) {
  const run = async (files: readonly OutputFile[]) => {
    const sink = new VFile({ path: 'qmp-codegen' });
    const reporter = new Reporter(inputs.map((f) => new VFile({ path: f.path })), sink);
    const checked = validateExamples(model, files, reporter);
    const formatted = await formatFiles(checked.files);
    const messages = reporter.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`));
    return { checked, formatted, messages };
  };
  return { remembered: await run(emitted), copied: await run(emitted.map((f) => ({ ...f }))) };
}

async function checkRun(model: Model, emitted: OutputFile[], inputs: readonly VFile[]): Promise<void> {
  const json = emitted.filter((f) => f.path.endsWith('.json'));
  expect(json.length).toBeGreaterThan(10);
  for (const f of json) {
    const printed = printedValue(f);
    expect(printed, f.path).toBeDefined();
    // the value is plain JSON data: parsing the text gives it back exactly (no undefined,
    // -0, NaN or non-plain objects that the text would not keep)
    if (f.path.startsWith('schema/')) expect(isDeepStrictEqual(printed!.value, JSON.parse(f.contents)), f.path).toBe(true);
  }
  const { remembered, copied } = await bothWays(model, emitted, inputs);
  expect(remembered.checked.outcomes.map((o) => [o.status, o.problems, o.explained])).toEqual(copied.checked.outcomes.map((o) => [o.status, o.problems, o.explained]));
  expect(remembered.messages).toEqual(copied.messages);
  expect(remembered.checked.files.map((f) => [f.path, f.contents])).toEqual(copied.checked.files.map((f) => [f.path, f.contents]));
  // the files with examples added are printed by the same function
  for (const f of remembered.checked.files) if (f.path.endsWith('.json')) expect(printedValue(f), f.path).toBeDefined();
  expect(remembered.formatted).toEqual(copied.formatted);
  expect(remembered.checked.stats.passed).toBeGreaterThan(0);
}

describe.skipIf(!corpusAvailable)('on the legacy corpus: the same as parsing', () => {
  const versions = corpusVersions().filter((v) => ['0.13.0', '1.7.0', '2.8.0'].includes(v.version));
  it.each(versions.map((v) => [v.version, v] as const))('%s', async (_v, v) => {
    const specs = [{ path: v.commandsTxt, declaredRole: 'commands' as const }, ...(v.events ? [{ path: v.events, declaredRole: 'events' as const }] : [])];
    const inputs = await Promise.all(specs.map((s) => readInput(s, process.cwd())));
    const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
    const model = buildModel(inputs, reporter);
    const emitted = await emit(model, ['schema', 'model'], { reporter, packageName: 'x', generatorVersion: '0.0.0' });
    await checkRun(model, emitted, inputs);
  }, 120_000);
});

describe.skipIf(!requireQapiCorpus())('on QAPI schemas: the same as parsing', () => {
  const releases = qapiReleases().filter((r) => ['2.12.0', '7.2.0', '9.1.0'].includes(r.version));
  it.each(releases.map((r) => [r.version, r] as const))('%s', async (_v, r) => {
    const { part, files: inputs } = readSchema(r.root, {});
    const model = partToModel(part);
    const reporter = new Reporter(inputs.map((f) => new VFile({ path: f.path })), new VFile({ path: 'qmp-codegen' }));
    const emitted = await emit(model, ['schema', 'model'], { reporter, packageName: 'x', generatorVersion: '0.0.0' });
    await checkRun(model, emitted, inputs);
  }, 120_000);
});
