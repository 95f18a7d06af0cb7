/**
 * templates/runtime/capabilities.ts on a small schema written for these tests, and the
 * client's hooks (schema(), supports(), has(), validate: 'schema', deprecated warnings)
 * against the fake server.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { QmpSchema, QmpSchemaError, QmpError, type SchemaInfo } from '../../templates/runtime/index.js';
import { harness, settle, teardown, type Harness } from './util.js';

const SCHEMA: SchemaInfo[] = [
  { name: 'lamp-add', 'meta-type': 'command', 'arg-type': '1', 'ret-type': '0' },
  { name: 'query-lamps', 'meta-type': 'command', 'arg-type': '0', 'ret-type': '[2]', features: ['unstable'] },
  { name: 'lamp-dim', 'meta-type': 'command', 'arg-type': '6', 'ret-type': '0', features: ['deprecated'] },
  { name: 'LAMP_LIT', 'meta-type': 'event', 'arg-type': '2' },
  { name: '0', 'meta-type': 'object', members: [] },
  {
    name: '1',
    'meta-type': 'object',
    members: [
      { name: 'id', type: 'str' },
      { name: 'colour', type: '3', default: null },
      { name: 'bulb', type: '4' },
      { name: 'old-watts', type: 'int', default: null, features: ['deprecated'] },
      { name: 'tags', type: '[str]', default: null },
      { name: 'brightness', type: '7', default: null },
    ],
  },
  { name: '[2]', 'meta-type': 'array', 'element-type': '2' },
  { name: '2', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'on', type: 'bool' }], features: ['lamp-feature'] },
  { name: '3', 'meta-type': 'enum', values: ['red', 'amber'], members: [{ name: 'red' }, { name: 'amber', features: ['deprecated'] }] },
  {
    name: '4',
    'meta-type': 'object',
    members: [{ name: 'kind', type: '8' }],
    tag: 'kind',
    variants: [{ case: 'led', type: '5' }, { case: 'bulb', type: '0' }],
  },
  { name: '5', 'meta-type': 'object', members: [{ name: 'diodes', type: 'int' }, { name: 'mode', type: '3', default: null }] },
  { name: '6', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }] },
  { name: '7', 'meta-type': 'alternate', members: [{ type: 'int' }, { type: '9' }] },
  { name: '8', 'meta-type': 'enum', values: ['led', 'bulb'] },
  { name: '9', 'meta-type': 'enum', values: ['max', 'min'] },
  { name: '[str]', 'meta-type': 'array', 'element-type': 'str' },
  { name: 'str', 'meta-type': 'builtin', 'json-type': 'string' },
  { name: 'int', 'meta-type': 'builtin', 'json-type': 'int' },
  { name: 'bool', 'meta-type': 'builtin', 'json-type': 'boolean' },
];

describe('QmpSchema.supports: the query language', () => {
  const schema = new QmpSchema(SCHEMA);
  it.each<[string, boolean]>([
    ['lamp-add', true],
    ['LAMP_LIT', true],
    ['lamp-fly', false],
    ['1', false], // a type's masked name is not a command
    ['', false],
    ['lamp-add/arg-type', true],
    ['lamp-add/ret-type', true],
    ['LAMP_LIT/ret-type', false], // events have no ret-type
    ['lamp-add/arg-type/id', true],
    ['lamp-add/arg-type/wattage', false],
    ['lamp-add/arg-type/*colour', true], // optional
    ['lamp-add/arg-type/*id', false], // required
    ['lamp-add/arg-type/colour/^red', true],
    ['lamp-add/arg-type/colour/^blue', false],
    ['lamp-add/arg-type/colour/^red/more', false], // ^ comes last
    ['lamp-add/arg-type/bulb/+led', true],
    ['lamp-add/arg-type/bulb/+laser', false],
    ['lamp-add/arg-type/bulb/+led/diodes', true],
    ['lamp-add/arg-type/bulb/+led/*mode/^amber', true],
    ['lamp-add/arg-type/bulb/+led/mode', true],
    ['lamp-add/arg-type/bulb/kind/^led', true],
    ['lamp-add/arg-type/id/!string', true],
    ['lamp-add/arg-type/id/!int', false],
    ['lamp-add/arg-type/tags/!string', true], // arrays are looked through
    ['lamp-add/arg-type/brightness/^max', true], // alternates: every branch is tried
    ['lamp-add/arg-type/brightness/!int', true],
    ['lamp-add/arg-type/brightness/!string', false],
    ['query-lamps/ret-type/on', true], // through the array of the result
    ['query-lamps/ret-type/on/!boolean', true],
    ['query-lamps/$unstable', true],
    ['query-lamps/$deprecated', false],
    ['query-lamps/ret-type/$lamp-feature', true],
    ['lamp-add/arg-type/old-watts/$deprecated', true], // a member's own feature
    ['lamp-add/arg-type/id/$deprecated', false],
    ['lamp-dim/$deprecated', true],
  ])('%s → %s', (path, expected) => {
    expect(schema.supports(path)).toBe(expected);
  });

  it('has() knows commands and events only, and lists them', () => {
    expect([schema.has('lamp-add'), schema.has('LAMP_LIT'), schema.has('1'), schema.has('str')]).toEqual([true, true, false, false]);
    expect(schema.commands).toEqual(['lamp-add', 'lamp-dim', 'query-lamps']);
    expect(schema.events).toEqual(['LAMP_LIT']);
  });

  it("has() narrows a name to the package's commands and events", () => {
    const typed = new QmpSchema<'lamp-add' | 'LAMP_LIT'>(SCHEMA);
    const name: string = 'lamp-add';
    if (typed.has(name)) expectTypeOf(name).toEqualTypeOf<'lamp-add' | 'LAMP_LIT'>();
    expect(typed.has(name)).toBe(true);
    // supports() offers the known names and still takes any path
    expectTypeOf(typed.supports).parameter(0).toExtend<string>();
    expect(typed.supports('lamp-add/arg-type/id')).toBe(true);
  });

  it('stops on cyclic schemas instead of recursing forever', () => {
    const cyclic = new QmpSchema([
      { name: 'c', 'meta-type': 'command', 'arg-type': 'a' },
      { name: 'a', 'meta-type': 'alternate', members: [{ type: 'a' }] },
    ]);
    expect(cyclic.supports('c/arg-type/x')).toBe(false);
    expect(cyclic.checkArguments('c', { x: 1 })).toBeUndefined();
  });
});

describe('QmpSchema.checkArguments', () => {
  const schema = new QmpSchema(SCHEMA);
  const ok = { id: 'desk', bulb: { kind: 'led', diodes: 3 } };
  it.each<[string, unknown, string | undefined]>([
    ['valid arguments', ok, undefined],
    ['valid, every optional member', { ...ok, colour: 'red', tags: ['a'], brightness: 'max', 'old-watts': 40 }, undefined],
    ['an alternate branch (int)', { ...ok, brightness: 3 }, undefined],
    ['an unknown member', { ...ok, wattage: 3 }, 'arguments.wattage'],
    ['a missing required member', { bulb: { kind: 'bulb' } }, 'arguments.id'],
    ['a wrong JSON type', { ...ok, id: 7 }, 'arguments.id'],
    ['an enum value the server lacks', { ...ok, colour: 'blue' }, 'arguments.colour'],
    ['an array element of the wrong type', { ...ok, tags: ['a', 2] }, 'arguments.tags[1]'],
    ['a member of another variant', { id: 'x', bulb: { kind: 'bulb', diodes: 2 } }, 'arguments.bulb.diodes'],
    ['a variant member missing', { id: 'x', bulb: { kind: 'led' } }, 'arguments.bulb.diodes'],
    ['no alternate branch matches', { ...ok, brightness: 'dim' }, 'arguments.brightness'],
  ])('%s → %s', (_what, args, member) => {
    const problem = schema.checkArguments('lamp-add', args);
    expect(problem?.member).toBe(member);
    if (problem) {
      expect(problem).toBeInstanceOf(QmpSchemaError);
      expect(problem).toBeInstanceOf(QmpError);
      expect(problem).toMatchObject({ class: 'GenericError', command: 'lamp-add', local: true });
      expect(problem.message).toContain(member);
    }
  });

  it('a command the server does not have is a problem', () => {
    expect(schema.checkArguments('lamp-fly', {})?.member).toBe('command');
  });

  it('lists the deprecated things a call uses', () => {
    expect(schema.deprecatedUses('lamp-add', { ...ok, colour: 'amber', 'old-watts': 3 }).map((u) => u.path)).toEqual([
      'arguments.colour=amber',
      'arguments.old-watts',
    ]);
    expect(schema.deprecatedUses('lamp-dim', { id: 'x' }).map((u) => u.path)).toEqual(['lamp-dim']);
    expect(schema.deprecatedUses('lamp-add', ok)).toEqual([]);
  });
});

describe('client hooks', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await teardown(h);
    h = undefined;
  });
  const server = {
    handler: (c: { name: string }) => (c.name === 'query-qmp-schema' ? { return: SCHEMA } : { return: {} }),
  };

  it('schema() fetches once and caches; supports() and has() use it', async () => {
    h = await harness(server);
    const conn = await h.server.connection();
    const [a, b] = await Promise.all([h.qmp.schema(), h.qmp.schema()]);
    expect(a).toBe(b);
    expect(await h.qmp.supports('lamp-add/arg-type/bulb/+led/diodes')).toBe(true);
    expect(await h.qmp.has('lamp-fly')).toBe(false);
    expect(conn.received.filter((c) => c.name === 'query-qmp-schema')).toHaveLength(1);
  });

  it("validate: 'schema' refuses bad arguments locally, naming the member, and sends nothing", async () => {
    h = await harness(server, { validate: 'schema' });
    const conn = await h.server.connection();
    const bad = await settle(h.qmp.executeUntyped('lamp-add', { id: 'x', bulb: { kind: 'led', diodes: 'many' } }));
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason as QmpSchemaError;
    expect(error).toBeInstanceOf(QmpSchemaError);
    expect(error.member).toBe('arguments.bulb.diodes');
    expect(conn.received.map((c) => c.name)).toEqual(['qmp_capabilities', 'query-qmp-schema']);
    await h.qmp.executeUntyped('lamp-add', { id: 'x', bulb: { kind: 'bulb' } });
    expect(conn.received.map((c) => c.name)).toEqual(['qmp_capabilities', 'query-qmp-schema', 'lamp-add']);
  });

  it('without validate, nothing is checked until the schema is known; then deprecated use is warned about', async () => {
    h = await harness(server);
    const conn = await h.server.connection();
    await h.qmp.executeUntyped('lamp-dim', { id: 'x' });
    expect(h.warnings).toEqual([]);
    expect(conn.received.map((c) => c.name)).toEqual(['qmp_capabilities', 'lamp-dim']);
    await h.qmp.schema();
    await h.qmp.executeUntyped('lamp-dim', { id: 'x' });
    await h.qmp.executeUntyped('lamp-add', { id: 'x', colour: 'amber', bulb: { kind: 'bulb' } });
    expect(h.warnings.map((w) => [w.code, (w.detail as { path: string }).path])).toEqual([
      ['deprecated', 'lamp-dim'],
      ['deprecated', 'arguments.colour=amber'],
    ]);
    // warnings do not stop the command
    expect(conn.received.filter((c) => c.name === 'lamp-dim')).toHaveLength(2);
  });

  it('a failed schema fetch is not cached', async () => {
    let fail = true;
    h = await harness({
      handler: (c) =>
        c.name === 'query-qmp-schema'
          ? fail
            ? { error: { class: 'GenericError', desc: 'not now' } }
            : { return: SCHEMA }
          : { return: {} },
    });
    expect((await settle(h.qmp.schema())).status).toBe('rejected');
    fail = false;
    expect(await h.qmp.supports('lamp-add')).toBe(true);
  });
});
