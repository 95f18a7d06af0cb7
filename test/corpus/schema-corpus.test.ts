/**
 * The schema emitter over the real corpus (QEMU 0.13 → 2.8): every schema compiles on its
 * own under ajv strict, every example failure is a diagnostic, and over the whole corpus at
 * least 98% of the example messages that were read (not elided) validate.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { runCorpusVersion } from '../fidelity/corpus-run.js';

const versions = corpusVersions();
const totals = { versions: 0, schemas: 0, messages: 0, checked: 0, passed: 0, failed: 0, skipped: 0 };
const hx = { versions: 0, checked: 0, passed: 0 };

/** Every `$ref` in a schema, to check that none leaves the file. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe.skipIf(!corpusAvailable)('schemas from the corpus', () => {
  it.each(versions.map((v) => [v.version, v] as const))('%s', async (_version, v) => {
    const run = await runCorpusVersion(v);
    expect(run.model.commands.length).toBeGreaterThan(0);
    const schemas = run.files.filter((f) => f.path.endsWith('.json'));
    expect(schemas.length).toBe(2 * run.model.commands.length + run.model.events.length + 1);
    // standalone: every reference is local (`#...`, resolved against the file's own $id), so
    // compiling them side by side in one validator is the same as compiling each alone
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const f of schemas) {
      const schema = JSON.parse(f.contents) as object;
      for (const r of refs(schema)) expect(r.startsWith('#'), `${f.path}: ${r}`).toBe(true);
      expect(() => ajv.compile(schema), f.path).not.toThrow();
    }
    const diagnostics = run.reporter.files.flatMap((file) => file.messages.filter((m) => m.ruleId === 'example-invalid'));
    expect(diagnostics.length).toBe(run.stats.failed);
    for (const d of diagnostics) expect(d.line, d.reason).toBeGreaterThan(0);
    const skipped = Object.values(run.stats.skipped).reduce((a, b) => a + b, 0);
    expect(run.stats.checked + skipped).toBe(run.stats.messages);
    expect(run.stats.passed + run.stats.failed).toBe(run.stats.checked);

    totals.versions++;
    totals.schemas += schemas.length;
    totals.messages += run.stats.messages;
    totals.checked += run.stats.checked;
    totals.passed += run.stats.passed;
    totals.failed += run.stats.failed;
    totals.skipped += skipped;
  });

  // The same with each version's .hx (and its dispatch table) where it has one.
  const withHx = versions.filter((v) => v.hx);
  it.each(withHx.map((v) => [v.version, v] as const))('%s with the .hx', async (_version, v) => {
    const run = await runCorpusVersion(v, 'hx');
    expect(run.inputs[0]!.path).toBe(v.hx);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const f of run.files.filter((x) => x.path.endsWith('.json'))) expect(() => ajv.compile(JSON.parse(f.contents) as object), f.path).not.toThrow();
    hx.versions++;
    hx.checked += run.stats.checked;
    hx.passed += run.stats.passed;
  });

  it('at least 98% of the example messages validate against the .hx-based schemas too', () => {
    expect(hx.versions).toBe(withHx.length);
    const rate = hx.passed / hx.checked;
    console.log(`schema corpus with the .hx: ${hx.versions} versions; examples: ${hx.passed}/${hx.checked} valid (${(100 * rate).toFixed(2)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.98);
  });

  it('at least 98% of the example messages validate over the whole corpus', () => {
    expect(totals.versions).toBe(versions.length);
    const rate = totals.passed / totals.checked;
    console.log(
      `schema corpus: ${totals.versions} versions, ${totals.schemas} schemas compiled (ajv strict); ` +
        `examples: ${totals.passed}/${totals.checked} valid (${(100 * rate).toFixed(2)}%), ${totals.failed} example-invalid, ` +
        `${totals.skipped} skipped of ${totals.messages} messages`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.98);
  });
});

afterAll(() => {
  if (!corpusAvailable) console.warn('SKIP schema corpus test: corpus not available');
});
