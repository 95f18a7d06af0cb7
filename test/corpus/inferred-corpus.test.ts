/**
 * No requirement is guessed from an example, anywhere in the corpus output.
 *
 * For every version, from qmp-commands.txt and (where there is one) from the .hx: every member
 * the emitted JSON Schemas require — arguments, returned members, event data, at any depth — is
 * named by its entry's text outside the example messages, or checked by the .hx's dispatch
 * table. This is decided from the docs' text, independently of how the reader marks evidence.
 *
 * And the case a new user meets first: 2.8.0's `blockdev-add` (whose text only points at a QAPI
 * type) accepts a valid null-co call, in ajv and in tsc.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { schemaLayout } from '../../generator/emit/schema/index.js';
import type { TypeRef } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { DocText, entriesOf, mentions } from '../fidelity/classify.js';
import { runCorpusVersion } from '../fidelity/corpus-run.js';
import { dispatchOf } from '../fidelity/report.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { emitPackage, packageCompilerOptions, tempDir, typecheck, writeTree } from '../typescript/helpers.js';

const versions = corpusVersions();
const docs = new DocText();

/** `required` names under a schema node, with their JSON pointer, not entering `$defs`. */
function requiredNames(node: unknown, where: string, out: { name: string; where: string }[] = []): { name: string; where: string }[] {
  if (Array.isArray(node)) node.forEach((n, i) => requiredNames(n, `${where}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$defs') continue;
      if (k === 'required' && Array.isArray(v)) for (const n of v) if (typeof n === 'string') out.push({ name: n, where });
      else requiredNames(v, `${where}/${k}`, out);
    }
  }
  return out;
}

describe.skipIf(!corpusAvailable)('no example-only member is required in the corpus output', () => {
  const inputs = versions.flatMap((v) => [[`${v.version} txt`, v, 'txt'] as const, ...(v.hx ? [[`${v.version} hx`, v, 'hx'] as const] : [])]);
  let checked = 0;
  it.each(inputs)('%s', async (_label, v, input) => {
    const run = await runCorpusVersion(v, input);
    const files = new Map(run.files.map((f) => [f.path, JSON.parse(f.contents) as Record<string, unknown>]));
    const layout = schemaLayout(run.model);
    const entries = entriesOf(run.model, docs);
    const table = input === 'hx' ? dispatchOf(v.hx!) : undefined;
    const named = (key: string, name: string, command?: string): boolean => {
      const entry = entries.get(key)!;
      for (let l = entry.start; l <= entry.end; l++) {
        if (!entry.exampleLines.has(l) && mentions(docs.line(entry.file, l), name)) return true;
      }
      return command !== undefined && (table?.get(command)?.args ?? []).some((a) => a.name === name && a.kind !== undefined);
    };
    const unsaid: string[] = [];
    for (const [name, file] of layout.request) {
      const props = (files.get(file)!.properties as Record<string, unknown>).arguments;
      for (const r of requiredNames(props, 'arguments')) {
        checked++;
        if (!named(`command:${name}`, r.name, name)) unsaid.push(`${name} ${r.where}: ${r.name}`);
      }
    }
    for (const [name, file] of layout.response) {
      const props = (files.get(file)!.properties as Record<string, unknown>).return;
      for (const r of requiredNames(props, 'return')) {
        checked++;
        if (!named(`command:${name}`, r.name)) unsaid.push(`${name} ${r.where}: ${r.name}`);
      }
    }
    for (const [name, file] of layout.event) {
      const props = (files.get(file)!.properties as Record<string, unknown>).data;
      for (const r of requiredNames(props, 'data')) {
        checked++;
        if (!named(`event:${name}`, r.name)) unsaid.push(`${name} ${r.where}: ${r.name}`);
      }
    }
    expect(unsaid).toEqual([]);
    // and the model agrees: nothing marked as inferred from an example is required
    const walk = (t: TypeRef, at: string): string[] => {
      if (t.kind === 'array') return walk(t.items, `${at}[]`);
      if (t.kind === 'alternate') return t.of.flatMap((o) => walk(o, at));
      if (t.kind !== 'object') return [];
      return t.members.flatMap((m) => [...(m.evidence === 'example' && !m.optional ? [`${at}.${m.name}`] : []), ...walk(m.type, `${at}.${m.name}`)]);
    };
    const marked = [
      ...run.model.commands.flatMap((c) => [...walk(c.arguments, c.name), ...(c.returns ? walk(c.returns, `${c.name} return`) : [])]),
      ...run.model.events.flatMap((e) => (e.data ? walk(e.data, e.name) : [])),
    ];
    expect(marked).toEqual([]);
  }, 300_000);

  it('looked at required members at all', () => {
    expect(checked).toBeGreaterThan(1000);
  });
});

describe.skipIf(!corpusAvailable || !versions.some((v) => v.version === '2.8.0'))("2.8.0's blockdev-add", () => {
  const v = versions.find((x) => x.version === '2.8.0')!;
  const call = { driver: 'null-co', 'node-name': 'n0' };

  it('accepts the null-co call in ajv', async () => {
    const run = await runCorpusVersion(v);
    const file = schemaLayout(run.model).request.get('blockdev-add')!;
    const schema = JSON.parse(run.files.find((f) => f.path === file)!.contents) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate({ execute: 'blockdev-add', arguments: call }), JSON.stringify(validate.errors)).toBe(true);
    // an object known only from examples stays open: more BlockdevOptions members are fine
    expect(validate({ execute: 'blockdev-add', arguments: { ...call, 'read-only': true } })).toBe(true);
    expect(validate({ execute: 'blockdev-add', arguments: { driver: 7 } })).toBe(false);
  });

  it('accepts the null-co call in tsc', async () => {
    const inputs = await Promise.all([readInput({ path: v.commandsTxt, declaredRole: 'commands' }, process.cwd())]);
    const model = buildModel(inputs, new Reporter(inputs, new VFile({ path: 'qmp-codegen' })));
    const emitted = await emitPackage(model, 'qemu-2-8-0');
    const tmp = tempDir('qmp-blockdev-add-');
    try {
      writeTree(tmp.dir, emitted.files);
      const test = path.join(tmp.dir, 'call.ts');
      writeFileSync(
        test,
        [
          "import type { Qmp } from './src/index.js';",
          'export async function add(qmp: Qmp): Promise<void> {',
          `  await qmp.blockdevAdd(${JSON.stringify(call)});`,
          "  // @ts-expect-error: driver is a string",
          '  await qmp.blockdevAdd({ driver: 7 });',
          '}',
          '',
        ].join('\n'),
      );
      const diagnostics = typecheck([path.join(tmp.dir, 'src/index.ts'), test], packageCompilerOptions(emitted.byPath.get('tsconfig.json')!), tmp.dir);
      expect(diagnostics).toEqual([]);
    } finally {
      tmp.remove();
    }
  }, 300_000);
});

afterAll(() => {
  if (!corpusAvailable) console.warn('SKIP inferred-members corpus test: corpus not available');
});
