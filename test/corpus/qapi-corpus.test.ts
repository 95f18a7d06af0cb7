/**
 * The QAPI reader over every release of ../shared/qemu-qapi (1.0 → 9.1, QMP and guest agent
 * schemas): no crash, no error-level diagnostic, every diagnostic positioned. For a few
 * releases (to keep CI time down): every emitted JSON Schema compiles under ajv strict and the
 * generated TypeScript package type-checks under strict; 9.1's `.. qmp-example::` transcripts
 * validate against the schemas, each failure an example-invalid diagnostic.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/cli.js';
import { qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';
import { runQapi } from '../read-qapi/run.js';
import { verdictOf } from '../fidelity/qapi-example-verdicts.js';
import { packageCompilerOptions, tempDir, typecheck, writeTree } from '../typescript/helpers.js';

const corpus = requireQapiCorpus();
const releases = qapiReleases();
const SAMPLE = ['1.0', '2.12.0', '6.2.0', '7.2.0', '9.1.0'];

describe.skipIf(!corpus)('QAPI reader over the corpus', () => {
  it('finds the 38 releases', () => {
    expect(releases.length).toBe(38);
  });

  it.each(releases.map((r) => [r.version, r] as const))('%s: reads without error', (_v, r) => {
    for (const root of [r.root, ...(r.qga ? [r.qga] : [])]) {
      const { part, diags } = readSchema(root);
      expect(diags.filter((d) => d.severity === 'error'), root).toEqual([]);
      for (const d of diags) expect(d.line, `${d.rule}: ${d.message}`).toBeGreaterThan(0);
      expect(part.commands.length, root).toBeGreaterThan(root === r.qga ? 5 : 20);
      for (const c of part.commands) expect(c.position.line).toBeGreaterThan(0);
    }
  });

  it('reads the guest agent schema of the releases that have one', () => {
    expect(releases.filter((r) => r.qga).length).toBeGreaterThan(30);
  });
});

describe.skipIf(!corpus)('QAPI outputs of sample releases', () => {
  const tmp = tempDir('qmp-qapi-corpus-');
  afterAll(() => tmp.remove());
  const sample = releases.filter((r) => SAMPLE.includes(r.version));

  it('has every sample release', () => {
    expect(sample.map((r) => r.version)).toEqual(SAMPLE);
  });

  it('every schema compiles under ajv strict; every TypeScript package type-checks under strict', async () => {
    const templates = await loadTemplates();
    const roots: string[] = [];
    let tsconfig = '';
    for (const r of sample) {
      const run = await runQapi(r.root, { packageName: `qemu-${r.version}`, emit: ['schema', 'typescript'], templates });
      expect(run.emitDiags.filter((d) => d.severity === 'error'), r.version).toEqual([]);
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      const schemas = run.files.filter((f) => f.path.startsWith('schema/') && f.path.endsWith('.json'));
      expect(schemas.length).toBe(2 * run.model.commands.length + run.model.events.length + 1);
      for (const f of schemas) expect(() => ajv.compile(JSON.parse(f.contents) as object), `${r.version} ${f.path}`).not.toThrow();
      const dir = path.join(tmp.dir, r.version);
      writeTree(dir, run.files.filter((f) => !f.path.startsWith('schema/')));
      tsconfig = run.files.find((f) => f.path === 'tsconfig.json')!.contents;
      roots.push(path.join(dir, 'src/index.ts'));
    }
    expect(typecheck(roots, packageCompilerOptions(tsconfig), tmp.dir)).toEqual([]);
  }, 900_000);
});

/**
 * 9.x's doc comments carry example transcripts (`.. qmp-example::` in 9.1). The ones that fail
 * are QEMU's doc errors, each checked against its release (members since renamed or made
 * required, abbreviated replies, a string for a number): each must be an example-invalid
 * diagnostic at its line, and a verdict of test/fidelity/qapi-example-verdicts.ts must hold
 * for it (a new failure, e.g. a regression of the reader, is unclassified and fails here).
 */
describe.skipIf(!corpus)('9.x doc examples against the generated schemas', () => {
  it.each(releases.filter((r) => r.version.startsWith('9.')).map((r) => [r.version, r] as const))('%s', async (version, r) => {
    const run = await runQapi(r.root, { packageName: `qemu-${version}` });
    const { stats } = run;
    const failures = run.emitDiags.filter((d) => d.rule === 'example-invalid');
    expect(failures.length).toBe(stats.failed);
    for (const d of failures) expect(d.line, d.message).toBeGreaterThan(0);
    expect(stats.checked).toBeGreaterThan(400);
    const rate = stats.passed / stats.checked;
    console.log(`qapi ${version} examples: ${stats.passed} of ${stats.checked} valid (${(100 * rate).toFixed(1)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.97);
    const unclassified = run.outcomes.filter((o) => o.status === 'failed' && !verdictOf(o));
    expect(unclassified.map((o) => `${o.message.position.line} ${o.what}: ${(o.explained ?? o.problems ?? []).join('; ')}`)).toEqual([]);
  }, 120_000);
});
