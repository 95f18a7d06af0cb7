/**
 * The TypeScript emitter over the real corpus (QEMU 0.13 → 2.8).
 *
 * For every version: generate the package, and a type-test file that calls the generated
 * method with each documented request example's arguments, and checks each documented event
 * example's data against the event's type. Whether a call should compile is decided
 * independently of TypeScript, by checking the example against the model (`conforms`); calls
 * that should not compile carry `// @ts-expect-error`. A deliberately wrong call per command
 * (an argument no command has) is added too. Then ONE TypeScript program type-checks every
 * version's sources and tests under the package's own tsconfig (strict, isolatedDeclarations):
 * any diagnostic — a real error, or an expected error that did not happen — fails.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { hasArguments, planNames } from '../../generator/layout/typescript.js';
import { valueText } from '../../generator/emit/typescript/print.js';
import { runtimeNames, runtimeSources } from '../../generator/layout/runtime.js';
import type { Model, NamedType, TypeRef } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { packageCompilerOptions, tempDir, templatesOnce, typecheck, writeTree } from '../typescript/helpers.js';

const versions = corpusVersions();

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Does `value` fit `type`, read the way TypeScript reads the generated declarations
 * (structurally; `int` is `number`; closed objects reject unknown members in a literal)?
 */
export function conforms(value: unknown, type: TypeRef, types: ReadonlyMap<string, NamedType>): boolean {
  switch (type.kind) {
    case 'string':
      return typeof value === 'string';
    case 'int':
    case 'number':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'any':
      return value !== undefined;
    case 'enum':
      return typeof value === 'string' && type.values.some((v) => v.name === value);
    case 'array':
      return Array.isArray(value) && value.every((v) => conforms(v, type.items, types));
    case 'alternate':
      return type.of.some((t) => conforms(value, t, types));
    case 'object': {
      if (!isPlainObject(value)) return false;
      const byName = new Map(type.members.map((m) => [m.name, m]));
      for (const m of type.members) if (!m.optional && !(m.name in value)) return false;
      return Object.entries(value).every(([k, v]) => {
        const m = byName.get(k);
        return m ? conforms(v, m.type, types) : type.open;
      });
    }
    case 'ref': {
      const named = types.get(type.name);
      if (!named) return value !== undefined; // generated as `unknown`
      switch (named.kind) {
        case 'enum':
          return conforms(value, { kind: 'enum', values: named.values }, types);
        case 'alternate':
          return conforms(value, { kind: 'alternate', of: named.of }, types);
        case 'struct':
          return !named.base && conforms(value, { kind: 'object', members: named.members, open: named.open ?? false }, types);
        default:
          return true; // unions: not produced from the text docs; accept
      }
    }
  }
}

interface Counts {
  /** Calls made from request examples, and how many of them should not compile. */
  examples: number;
  examplesMisfit: number;
  /** Deliberately wrong calls (all should not compile). */
  wrong: number;
  /** Event examples checked with `satisfies`, and the misfits. */
  events: number;
  eventsMisfit: number;
}

interface VersionOutput {
  version: string;
  dir: string;
  model: Model;
  counts: Counts;
}

/** The type-test file of one version. */
function typeTests(model: Model, methods: Map<string, { method: string; takesArgs: boolean }>, dataTypes: Map<string, string | undefined>) {
  const types = new Map(model.types.map((t) => [t.name, t]));
  const lines = [
    "import type { Qmp, QmpEvents } from './src/index.js';",
    '',
    'export async function examples(qmp: Qmp): Promise<void> {',
  ];
  const counts: Counts = { examples: 0, examplesMisfit: 0, wrong: 0, events: 0, eventsMisfit: 0 };
  const push = (ok: boolean, line: string, why: string) => {
    if (!ok) lines.push(`  // @ts-expect-error: ${why}`);
    lines.push(`  ${line}`);
  };
  for (const c of model.commands) {
    const info = methods.get(c.name);
    if (!info) continue;
    for (const ex of c.examples) {
      for (const m of ex.messages) {
        const v = m.value;
        if (m.role !== 'request' || m.elided || !isPlainObject(v) || v.execute !== c.name) continue;
        const args = v.arguments;
        if (args !== undefined && !isPlainObject(args)) continue;
        const given = args !== undefined && Object.keys(args).length > 0;
        const ok = info.takesArgs
          ? conforms(args ?? {}, c.arguments, types)
          : !given;
        const call = info.takesArgs || given ? `await qmp.${info.method}(${valueText(args ?? {}, 1e9)});` : `await qmp.${info.method}();`;
        push(ok, call, `the example does not fit the documented arguments (line ${m.position.line})`);
        counts.examples++;
        if (!ok) counts.examplesMisfit++;
      }
    }
    // deliberately wrong: an argument no command has (for a command without arguments it
    // lands on the options parameter, which is closed too)
    if (!c.arguments.open) {
      const required = Object.fromEntries(c.arguments.members.filter((m) => !m.optional).map((m) => [m.name, sample(m.type, types)]));
      push(false, `await qmp.${info.method}(${valueText({ ...required, 'no-such-argument-anywhere': 1 }, 1e9)});`, 'unknown argument');
      counts.wrong++;
    }
  }
  for (const e of model.events) {
    if (!dataTypes.has(e.name)) continue;
    for (const ex of e.examples) {
      for (const m of ex.messages) {
        const v = m.value;
        if (m.role !== 'event' || m.elided || !isPlainObject(v) || v.event !== e.name) continue;
        const ok = e.data ? conforms(v.data, e.data, types) : v.data === undefined;
        push(ok, `void (${valueText(v.data, 1e9)} satisfies QmpEvents[${JSON.stringify(e.name)}]);`, `event example does not fit (line ${m.position.line})`);
        counts.events++;
        if (!ok) counts.eventsMisfit++;
      }
    }
  }
  lines.push('}', '');
  return { text: lines.join('\n'), counts };
}

/** Some value of `type` (for the required members of the deliberately wrong call). */
function sample(type: TypeRef, types: ReadonlyMap<string, NamedType>): unknown {
  switch (type.kind) {
    case 'string':
      return 'x';
    case 'int':
    case 'number':
      return 1;
    case 'bool':
      return true;
    case 'null':
      return null;
    case 'any':
      return 0;
    case 'enum':
      return type.values[0]?.name ?? 'x';
    case 'array':
      return [];
    case 'alternate':
      return type.of[0] ? sample(type.of[0], types) : 0;
    case 'object':
      return Object.fromEntries(type.members.filter((m) => !m.optional).map((m) => [m.name, sample(m.type, types)]));
    case 'ref': {
      const named = types.get(type.name);
      if (!named) return 0;
      if (named.kind === 'enum') return named.values[0]?.name ?? 'x';
      if (named.kind === 'struct') return sample({ kind: 'object', members: named.members, open: false }, types);
      if (named.kind === 'alternate' && named.of[0]) return sample(named.of[0], types);
      return {};
    }
  }
}

describe.skipIf(!corpusAvailable)('TypeScript packages from the corpus', () => {
  let tmp: ReturnType<typeof tempDir>;
  const outputs: VersionOutput[] = [];
  let tsconfig = '';

  beforeAll(async () => {
    tmp = tempDir('qmp-ts-corpus-');
    const templates = await templatesOnce();
    const runtime = runtimeNames(runtimeSources(templates));
    for (const v of versions) {
      const specs = [{ path: v.commandsTxt, declaredRole: 'commands' as const }];
      if (v.events) specs.push({ path: v.events, declaredRole: 'events' as never });
      const inputs = await Promise.all(specs.map((s) => readInput(s, process.cwd())));
      const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
      const model = buildModel(inputs, reporter);
      const files = emitTypescript(model, { reporter, packageName: `qemu-qmp-${v.version.replace(/[^a-z0-9.-]/g, '-')}`, generatorVersion: '0.0.0', templates });
      const dir = path.join(tmp.dir, v.version);
      writeTree(dir, files);
      tsconfig = files.find((f) => f.path === 'tsconfig.json')!.contents;
      // the same plan the emitter made (pure, so it can be made again)
      const plan = planNames(model, new Reporter([], new VFile()), runtime);
      const methods = new Map(plan.commands.map((c) => [c.command.name, { method: c.method, takesArgs: hasArguments(c.command) }]));
      const dataTypes = new Map(plan.events.map((e) => [e.event.name, e.data?.name]));
      const tests = typeTests(model, methods, dataTypes);
      writeFileSync(path.join(dir, 'examples.ts'), tests.text);
      outputs.push({ version: v.version, dir, model, counts: tests.counts });
    }
  }, 900_000);
  afterAll(() => tmp?.remove());

  it('generates a package for every version', () => {
    expect(outputs.map((o) => o.version)).toEqual(versions.map((v) => v.version));
    for (const o of outputs) expect(o.model.commands.length, o.version).toBeGreaterThan(0);
  });

  it('every package and its example calls type-check under strict (one program for all versions)', () => {
    const roots = outputs.flatMap((o) => [
      path.join(o.dir, 'src/index.ts'),
      path.join(o.dir, 'examples.ts'),
    ]);
    const started = performance.now();
    const diagnostics = typecheck(roots, packageCompilerOptions(tsconfig), tmp.dir);
    const seconds = (performance.now() - started) / 1000;
    const sum = (k: keyof Counts) => outputs.reduce((n, o) => n + o.counts[k], 0);
    console.log(
      `typescript corpus: ${outputs.length} versions type-checked in one program in ${seconds.toFixed(1)} s; ` +
        `${sum('examples')} example calls (${sum('examplesMisfit')} do not fit the documented arguments and must fail), ` +
        `${sum('events')} event examples (${sum('eventsMisfit')} must fail), ${sum('wrong')} deliberately wrong calls (all must fail)`,
    );
    expect(diagnostics).toEqual([]);
    // most documented examples fit what the same docs say: the types are not vacuous
    expect(sum('examplesMisfit')).toBeLessThan(sum('examples') * 0.2);
    expect(sum('wrong')).toBeGreaterThan(0);
  }, 900_000);
});
