/**
 * The validate stage checks the docs' examples with its own interpreter of the schema
 * vocabulary (generator/validate/interpret.ts) and falls back to ajv compiled without code
 * optimisation or `$ref` inlining (newAjv) for anything else. Neither may change an outcome:
 * for a spread of legacy-doc versions and of QAPI releases (whose schemas use oneOf, if/then
 * and unevaluatedProperties), every example message gets the same status and the same
 * problem lines as with ajv's defaults (strict, all errors), and every emitted schema is one
 * the interpreter takes (so no run loads ajv).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { BUNDLE_PATH, schemaLayout } from '../../generator/layout/schema.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import type { Model } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { catalogueOf } from '../../generator/validate/catalogue.js';
import { checkExamples, ExampleValidators, newAjv } from '../../generator/validate/examples.js';
import { interpretable } from '../../generator/validate/interpret.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiCorpusAvailable, qapiReleases, readSchema } from '../read-qapi/helpers.js';

/** A spread of versions (each takes three full runs): every fifth, and the newest. */
const SAMPLE = corpusVersions().filter((_, i, all) => i % 5 === 0 || i === all.length - 1);
let failedSeen = 0;
const QAPI_SAMPLE = qapiReleases().filter((r) => ['2.12.0', '6.2.0', '8.1.0', '9.1.0'].includes(r.version));

/** Every example's [line, status, skip reason, problems] under each way of validating. */
function outcomes(model: Model) {
  const reporter = new Reporter([], new VFile({ path: 'qmp-codegen' }));
  const emitted = emitSchemas(model, { reporter, packageName: 'qmp-client', generatorVersion: '0.0.0' });
  const layout = schemaLayout(model);
  const docs = new Map<string, object>();
  for (const kind of ['request', 'response', 'event'] as const) {
    for (const [, p] of layout[kind]) {
      const f = emitted.find((e) => e.path === p);
      if (f) docs.set(p, JSON.parse(f.contents) as object);
    }
  }
  const bundleFile = emitted.find((f) => f.path === BUNDLE_PATH);
  // each run gets its own parsed copies: ajv may annotate schema objects it compiles
  const run = (ajv?: Ajv2020) => {
    const copy = new Map([...docs].map(([k, d]) => [k, structuredClone(d)] as const));
    const bundle = bundleFile ? (JSON.parse(bundleFile.contents) as object) : undefined;
    const found = checkExamples(model, new ExampleValidators(catalogueOf(layout, copy, bundle, model.events.length > 0), ajv));
    return found.map((o) => [o.message.position?.line, o.status, o.skipped ?? null, o.problems ?? null]);
  };
  const all = [...docs.values(), ...(bundleFile ? [JSON.parse(bundleFile.contents) as object] : [])];
  return { interpreted: run(), fastAjv: run(newAjv()), reference: run(new Ajv2020({ strict: true, allErrors: true })), all };
}

describe.skipIf(!corpusAvailable)('validate stage: legacy docs', () => {
  it.each(SAMPLE.map((v) => [v.version, v] as const))('qemu-%s: same outcome for every example as ajv defaults', (_v, v) => {
    const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
    if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
    const model = parseDocs(files, new Reporter(files, new VFile({ path: 'qmp-codegen' })));
    const { interpreted, fastAjv, reference, all } = outcomes(model);
    expect(reference.length).toBeGreaterThan(0);
    failedSeen += reference.filter((o) => o[1] === 'failed').length;
    expect(interpreted).toEqual(reference);
    expect(fastAjv).toEqual(reference);
    expect(all.filter((s) => !interpretable(s))).toEqual([]);
  });
  it('compared failing examples too, problem lines and all', () => expect(failedSeen).toBeGreaterThan(0));
});

describe.skipIf(!qapiCorpusAvailable)('validate stage: QAPI schemas', () => {
  it('has the releases it samples', () => expect(QAPI_SAMPLE.length).toBe(4));
  it.each(QAPI_SAMPLE.map((r) => [r.version, r] as const))('%s: same outcome for every example as ajv defaults', (_v, r) => {
    const model = partToModel(readSchema(r.root).part);
    const { interpreted, fastAjv, reference, all } = outcomes(model);
    expect(reference.filter((o) => o[1] !== 'skipped').length).toBeGreaterThan(0);
    expect(interpreted).toEqual(reference);
    expect(fastAjv).toEqual(reference);
    expect(all.filter((s) => !interpretable(s))).toEqual([]);
  });
});
