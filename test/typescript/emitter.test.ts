import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../generator/model/types.js';
import { emitPackage, type Emitted, packageCompilerOptions, tempDir, templatesOnce, typecheck, writeTree } from './helpers.js';
import { command, event, member, model, widgetModel } from './models.js';

/** Golden copies carry a `.golden` suffix so that no tool (tsc, prettier) treats them as sources. */
const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden/widget');
const GOLDEN_FILES = [
  'package.json',
  'README.md',
  'src/index.ts',
  'src/types.ts',
  'src/client.ts',
  'dist/client.js',
  'dist/client.d.ts',
  'dist/index.d.ts',
  'dist/types.d.ts',
];

describe('widget model', () => {
  let out: Emitted;
  beforeAll(async () => {
    out = await emitPackage(widgetModel());
  });

  it('reports nothing for clean input', () => {
    expect(out.messages).toEqual([]);
  });

  it.each(GOLDEN_FILES)('matches the golden %s (UPDATE_GOLDEN=1 to refresh)', (file) => {
    const actual = out.byPath.get(file);
    expect(actual, `${file} was not emitted`).toBeDefined();
    const golden = path.join(GOLDEN, `${file}.golden`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, actual!);
    }
    expect(existsSync(golden), `no golden file ${golden}; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('ships every runtime source, compiled, beside the generated code', async () => {
    const runtime = Object.keys(await templatesOnce())
      .filter((p) => p.startsWith('runtime/') && p.endsWith('.ts'))
      .map((p) => p.slice('runtime/'.length, -3));
    expect(runtime.length).toBeGreaterThan(0);
    for (const name of runtime) {
      for (const f of [`src/runtime/${name}.ts`, `dist/runtime/${name}.js`, `dist/runtime/${name}.d.ts`]) {
        expect(out.byPath.has(f), f).toBe(true);
      }
    }
    // no stray files: package files, src, dist
    for (const f of out.files) expect(f.path).toMatch(/^(package\.json|README\.md|tsconfig\.json|src\/.+\.ts|dist\/.+\.(js|d\.ts))$/);
  });

  it('is byte-identical across runs and independent of object identity', async () => {
    const again = await emitPackage(JSON.parse(JSON.stringify(widgetModel())) as Model);
    expect(again.files).toEqual(out.files);
  });

  it('starts every generated file with the provenance header (version, inputs, sha256), no time stamp', () => {
    for (const file of ['src/types.ts', 'src/client.ts', 'src/index.ts']) {
      const head = out.byPath.get(file)!.split('\n').slice(0, 4).join('\n');
      expect(head).toContain('qmp-codegen 0.0.0-test');
      expect(head).toContain(`docs/widgets.txt (commands, sha256 ${'a'.repeat(64)})`);
      expect(head).toContain(`docs/events.txt (events, sha256 ${'b'.repeat(64)})`);
      expect(head).not.toMatch(/\d{4}-\d\d-\d\d|\d\d:\d\d/);
    }
  });

  it('writes a package.json that says what the package is', () => {
    const pkg = JSON.parse(out.byPath.get('package.json')!) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: 'widget-qmp',
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20.19' },
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './schema/*': './schema/*' },
    });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'schema']));
  });

  describe('type checking', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeAll(() => {
      tmp = tempDir('qmp-ts-types-');
    });
    afterAll(() => tmp.remove());

    it('compiles the package and a consumer; wrong calls are errors', () => {
      writeTree(tmp.dir, out.files);
      // Each `@ts-expect-error` must meet an error, or the directive itself is reported.
      const consumer = `
import { Qmp, QmpError, type QmpCommands, type QueryGizmosResult, type GizmoIoFaultEvent } from './src/index.js';

export async function use(qmp: Qmp): Promise<void> {
  await qmp.frobWidget({ device: 'w0', speed: 3, mode: 'fast' });
  await qmp.frobWidget({ device: 'w0' }, { timeout: 10 });
  // @ts-expect-error: device is required
  await qmp.frobWidget({});
  // @ts-expect-error: arguments are required
  await qmp.frobWidget();
  // @ts-expect-error: no such argument on a closed object
  await qmp.frobWidget({ device: 'w0', bogus: 1 });
  // @ts-expect-error: not a value of the enumeration
  await qmp.frobWidget({ device: 'w0', mode: 'medium' });
  // @ts-expect-error: wrong type
  await qmp.frobWidget({ device: 7 });

  await qmp.setKnobs({ id: 'k0', anyKnob: [1, 2] }); // open: more members allowed
  const n: number = await qmp.setKnobs({ id: 'k0' });

  await qmp.resetGizmo();
  await qmp.resetGizmo({ hard: true });
  await qmp.resetGizmo(undefined, { timeout: 5 });

  const nothing: void = await qmp.haltWidget();
  // @ts-expect-error: takes no arguments, only options
  await qmp.haltWidget({ force: true });

  const gizmos: QueryGizmosResult[] = await qmp.queryGizmos();
  const first = gizmos[0];
  if (first) {
    const cpu: number = first['cpu-index'];
    const file: string | undefined = first.inserted?.file;
    const size: number | string = first.size;
    const mode: 'on' | 'off' = first.mode;
    // @ts-expect-error: the result has no such member
    first.bogus;
    void [cpu, file, size, mode];
  }

  // the map types execute() by wire name
  await qmp.execute('frob-widget', { device: 'w0' });
  await qmp.execute('halt-widget');
  // @ts-expect-error: arguments required
  await qmp.execute('frob-widget');
  // @ts-expect-error: not a command of the map
  await qmp.execute('no-such-command');
  const r: QmpCommands['query-gizmos']['returns'] = gizmos;

  qmp.on('GIZMO_IO_FAULT', (ev) => {
    const action: 'ignore' | 'report' | 'stop' = ev.data.action;
    const data: GizmoIoFaultEvent = ev.data;
    void [action, data, ev.timestamp.seconds];
  });
  qmp.on('WIDGET_HALTED', (ev) => {
    const d: undefined = ev.data;
    void d;
  });
  // @ts-expect-error: not an event of the map
  qmp.on('NO_SUCH_EVENT', () => {});
  const ev = await qmp.waitFor('GIZMO_IO_FAULT');
  const dev: string = ev.data.device;

  try {
    await qmp.haltWidget();
  } catch (error) {
    if (error instanceof QmpError) console.log(error.class, error.desc);
  }
  void [n, nothing, r, dev];
}

export async function connect(): Promise<Qmp> {
  return Qmp.connect({ path: '/nonexistent' });
}
`;
      writeFileSync(path.join(tmp.dir, 'consumer.ts'), consumer);
      const options = packageCompilerOptions(out.byPath.get('tsconfig.json')!);
      const roots = [...out.files.filter((f) => f.path.startsWith('src/')).map((f) => path.join(tmp.dir, f.path)), path.join(tmp.dir, 'consumer.ts')];
      expect(typecheck(roots, options, tmp.dir)).toEqual([]);
    });

    it('the emitted .d.ts files type a consumer the same way (no TS sources)', () => {
      writeTree(tmp.dir, out.files);
      const consumer = `
import { Qmp } from './dist/index.js';
export async function use(qmp: Qmp): Promise<string> {
  // @ts-expect-error: device is required
  await qmp.frobWidget({});
  const g = await qmp.queryGizmos();
  return g[0]?.name ?? '';
}
`;
      writeFileSync(path.join(tmp.dir, 'dts-consumer.ts'), consumer);
      const options = { ...packageCompilerOptions(out.byPath.get('tsconfig.json')!), isolatedDeclarations: false, declaration: false };
      expect(typecheck([path.join(tmp.dir, 'dts-consumer.ts')], options, tmp.dir)).toEqual([]);
    });
  });
});

describe('names and diagnostics', () => {
  const str = { kind: 'string' } as const;

  it('reports renamed methods and types at the item, as line:col rule-id', async () => {
    const m = model({
      commands: [
        command('frob-widget', { position: { file: 'cmds.txt', line: 10, column: 1 } }),
        command('frob_widget', { position: { file: 'cmds.txt', line: 20, column: 1 } }),
        command('execute', { position: { file: 'cmds.txt', line: 30, column: 1 } }),
        command('constructor', { position: { file: 'cmds.txt', line: 40, column: 1 } }),
        command('9lives', { position: { file: 'cmds.txt', line: 50, column: 1 } }),
      ],
    });
    const out = await emitPackage(m);
    expect(out.messages.sort()).toEqual(
      [
        'cmds.txt:20:1 name-collision', // frob_widget → frobWidget2
        'cmds.txt:30:1 name-reserved', // execute → execute_
        'cmds.txt:40:1 name-reserved', // constructor → constructor_
        'cmds.txt:50:1 name-reserved', // 9lives → _9lives
      ].sort(),
    );
    const client = out.byPath.get('src/client.ts')!;
    for (const method of ['frobWidget(', 'frobWidget2(', 'execute_(', 'constructor_(', '_9lives(']) expect(client).toContain(method);
    expect(client).toContain("this.execute('frob_widget'");
  });

  it('keeps the first of a command documented twice and reports the second', async () => {
    const m = model({
      commands: [
        command('frob-widget', { position: { file: 'cmds.txt', line: 10, column: 1 } }),
        command('frob-widget', { position: { file: 'cmds.txt', line: 90, column: 1 } }),
      ],
    });
    const out = await emitPackage(m);
    expect(out.messages).toEqual(['cmds.txt:90:1 name-collision']);
    expect(out.byPath.get('src/client.ts')!.match(/frobWidget\(/g)).toHaveLength(1);
  });

  it('names nested objects after their parent, and never takes a top-level name', async () => {
    const inner = { kind: 'object' as const, open: false, members: [member('x', str)] };
    const m = model({
      commands: [
        // its return has member "inserted" → QueryGizmoResultInserted ...
        command('query-gizmo', {
          returns: { kind: 'object', open: false, members: [member('inserted', inner, { position: { file: 'cmds.txt', line: 7, column: 3 } })] },
        }),
        // ... which is also what this command's result would be called
        command('query-gizmo-result-inserted', {
          returns: { kind: 'object', open: false, members: [member('y', str)] },
        }),
      ],
    });
    const out = await emitPackage(m);
    const types = out.byPath.get('src/types.ts')!;
    expect(types).toContain('export interface QueryGizmoResultInsertedResult {');
    expect(types).toContain('export interface QueryGizmoResult {');
    expect(types).toContain('export interface QueryGizmoResultInserted {');
    expect(out.messages).toEqual([]);
  });

  it('suffixes a nested name that a top-level declaration already has', async () => {
    const m = model({
      commands: [
        command('frob', {
          returns: {
            kind: 'object',
            open: false,
            members: [member('args', { kind: 'object', open: false, members: [member('x', str)] }, { position: { file: 'cmds.txt', line: 5, column: 3 } })],
          },
        }),
        command('frob-result', { arguments: { kind: 'object', open: false, members: [member('z', str)] } }),
      ],
    });
    const out = await emitPackage(m);
    const types = out.byPath.get('src/types.ts')!;
    expect(types).toContain('export interface FrobResultArgs {'); // arguments of frob-result
    expect(types).toContain('export interface FrobResultArgs2 {'); // member "args" of FrobResult
    expect(out.messages).toEqual(['cmds.txt:5:3 name-collision']);
  });

  it('does not let a type shadow a runtime export or a global the code uses', async () => {
    const m = model({
      types: [
        { kind: 'enum', name: 'QmpError', description: 'An invented enum.', values: [{ name: 'a' }], origin: 'docs', position: { file: 'cmds.txt', line: 3, column: 1 } },
        { kind: 'enum', name: 'Promise', description: 'Another.', values: [{ name: 'b' }], origin: 'docs', position: { file: 'cmds.txt', line: 4, column: 1 } },
      ],
    });
    const out = await emitPackage(m);
    const types = out.byPath.get('src/types.ts')!;
    expect(types).toContain('export type QmpError2 =');
    expect(types).toContain('export type Promise_ =');
    expect(out.messages.sort()).toEqual(['cmds.txt:3:1 name-collision', 'cmds.txt:4:1 name-reserved']);
  });

  it('reports a member documented twice and keeps the first', async () => {
    const m = model({
      commands: [
        command('frob', {
          arguments: {
            kind: 'object',
            open: false,
            members: [
              member('a', str, { position: { file: 'cmds.txt', line: 3, column: 3 } }),
              member('a', { kind: 'int' }, { position: { file: 'cmds.txt', line: 4, column: 3 } }),
            ],
          },
        }),
      ],
    });
    const out = await emitPackage(m);
    expect(out.messages).toEqual(['cmds.txt:4:3 name-collision']);
    expect(out.byPath.get('src/types.ts')).toMatch(/interface FrobArgs \{\n(?:.*\n)*?\s+a: string;\n\}/);
  });

  it('types an event without data as undefined and an empty data object as Record<string, never>', async () => {
    const m = model({
      events: [event('GIZMO_GONE'), event('GIZMO_EMPTY', { data: { kind: 'object', open: false, members: [] } })],
    });
    const types = (await emitPackage(m)).byPath.get('src/types.ts')!;
    expect(types).toContain('GIZMO_GONE: undefined;');
    expect(types).toContain('GIZMO_EMPTY: GizmoEmptyEvent;');
    expect(types).toContain('export type GizmoEmptyEvent = Record<string, never>;');
  });

  it('gives each object of an alternate its own variant name', async () => {
    const obj = (n: string) => ({ kind: 'object' as const, open: false, members: [member(n, str)] });
    const m = model({
      commands: [command('frob', { returns: { kind: 'alternate', of: [obj('a'), { kind: 'string' }, obj('b')] } })],
    });
    const out = await emitPackage(m);
    const client = out.byPath.get('src/client.ts')!;
    expect(client).toContain('Promise<FrobResultVariant1 | string | FrobResultVariant2>');
  });
});

describe('edge cases', () => {
  it('an empty model still gives a working, type-checking package', async () => {
    const out = await emitPackage(model({ sources: [] }));
    expect(out.messages).toEqual([]);
    expect(out.byPath.get('src/types.ts')).toContain('export interface QmpCommands {}');
    expect(out.byPath.get('src/client.ts')).toContain('export class Qmp extends QmpClient<QmpCommands, QmpEvents> {}');
    expect(out.byPath.get('README.md')).toContain('The input documented no commands.');
    const tmp = tempDir('qmp-ts-empty-');
    try {
      writeTree(tmp.dir, out.files);
      const roots = out.files.filter((f) => f.path.startsWith('src/')).map((f) => path.join(tmp.dir, f.path));
      expect(typecheck(roots, packageCompilerOptions(out.byPath.get('tsconfig.json')!), tmp.dir)).toEqual([]);
    } finally {
      tmp.remove();
    }
  });

  it.each([
    ['qmp-client', true],
    ['@acme/qemu-qmp', true],
    ['qemu.qmp_2-8~x', true],
    ['Qmp-Client', false],
    ['../evil', false],
    ['qmp client', false],
    ['@scope/', false],
    ['', false],
    ['a'.repeat(215), false],
  ])('package name %j is accepted: %s', async (name, ok) => {
    const { packageNameProblem } = await import('../../generator/emit/typescript/package.js');
    expect(packageNameProblem(name) === undefined).toBe(ok);
  });
});
