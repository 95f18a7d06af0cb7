/**
 * The validate stage compiles with ajv's code optimisation and `$ref` inlining turned off, for
 * speed (generator/validate/examples.ts, newAjv). That must not change any outcome: for every
 * corpus version, each example message gets the same status and the same problem lines as
 * with ajv's defaults (strict, all errors).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { BUNDLE_PATH, schemaLayout } from '../../generator/emit/schema/index.js';
import { catalogueOf } from '../../generator/validate/catalogue.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { checkExamples, ExampleValidators, newAjv } from '../../generator/validate/examples.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';

/** A spread of versions (each takes two full compilations): every fifth, and the newest. */
const SAMPLE = corpusVersions().filter((_, i, all) => i % 5 === 0 || i === all.length - 1);

describe.skipIf(!corpusAvailable)('validate stage ajv options', () => {
  it.each(SAMPLE.map((v) => [v.version, v] as const))('qemu-%s: same outcome for every example as ajv defaults', (_v, v) => {
    const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
    if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
    const reporter = new Reporter(files, new VFile({ path: 'qmp-codegen' }));
    const model = parseDocs(files, reporter);
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
    const run = (ajv: Ajv2020) => {
      const copy = new Map([...docs].map(([k, d]) => [k, structuredClone(d)] as const));
      const bundle = bundleFile ? (JSON.parse(bundleFile.contents) as object) : undefined;
      const outcomes = checkExamples(model, new ExampleValidators(catalogueOf(layout, copy, bundle, model.events.length > 0), ajv));
      return outcomes.map((o) => [o.message.position?.line, o.status, o.skipped ?? null, o.problems ?? null]);
    };
    const fast = run(newAjv());
    const reference = run(new Ajv2020({ strict: true, allErrors: true }));
    expect(fast.length).toBeGreaterThan(0);
    expect(fast).toEqual(reference);
  });
});
