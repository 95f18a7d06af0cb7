/**
 * The introspection reader on small replies written for these tests (one entry per line, so
 * entry k of the array is on line k + 2). Masked names are numbers, as QEMU sends them.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { modelFromIntrospection } from '../../generator/assemble/introspection-qapi.js';
import type { Model, NamedType } from '../../generator/model/types.js';
import { introspectionReader } from '../../generator/read/introspection/index.js';

type Entry = Record<string, unknown>;

const GADGETS: Entry[] = [
  { name: 'gadget-add', 'meta-type': 'command', 'arg-type': '10', 'ret-type': '0' },
  { name: 'query-gadgets', 'meta-type': 'command', 'arg-type': '0', 'ret-type': '[11]' },
  { name: 'gadget-reset', 'meta-type': 'command', 'arg-type': '0', 'ret-type': '0', 'allow-oob': true, features: ['unstable'] },
  { name: 'gadget-configure', 'meta-type': 'command', 'arg-type': '13', 'ret-type': 'int' },
  { name: 'GADGET_MOVED', 'meta-type': 'event', 'arg-type': '16' },
  { name: 'PING', 'meta-type': 'event', 'arg-type': '0' },
  { name: '0', 'meta-type': 'object', members: [] },
  { name: '10', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'size', type: 'int', default: null }, { name: 'mode', type: '12', features: ['deprecated'] }] },
  { name: '[11]', 'meta-type': 'array', 'element-type': '11' },
  { name: '11', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'state', type: '12' }, { name: 'parts', type: '[17]', default: null }] },
  { name: '12', 'meta-type': 'enum', values: ['on', 'off'], members: [{ name: 'on' }, { name: 'off', features: ['deprecated'] }] },
  { name: '13', 'meta-type': 'object', members: [{ name: 'kind', type: '18' }], tag: 'kind', variants: [{ case: 'lamp', type: '14' }, { case: 'fan', type: '15' }] },
  { name: '14', 'meta-type': 'object', members: [{ name: 'watts', type: 'int' }] },
  { name: '15', 'meta-type': 'object', members: [{ name: 'speed', type: '19' }] },
  { name: '16', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'to', type: '17' }] },
  { name: '[17]', 'meta-type': 'array', 'element-type': '17' },
  { name: '17', 'meta-type': 'object', members: [{ name: 'x', type: 'number' }, { name: 'y', type: 'number' }] },
  { name: '18', 'meta-type': 'enum', values: ['lamp', 'fan'] },
  { name: '19', 'meta-type': 'alternate', members: [{ type: 'int' }, { type: 'str' }] },
  { name: 'str', 'meta-type': 'builtin', 'json-type': 'string' },
  { name: 'int', 'meta-type': 'builtin', 'json-type': 'int' },
  { name: 'number', 'meta-type': 'builtin', 'json-type': 'number' },
];

/** One entry per line: entry k is at line k + 2, column 1. */
const text = (entries: readonly unknown[]) => `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;

function read(value: string, path = 'qemu/query-qmp-schema.json'): { model: Model; diagnostics: string[]; file: VFile } {
  const file = new VFile({ path, value });
  const reporter = new Reporter([file], file);
  const model = modelFromIntrospection(introspectionReader.read([file], reporter, {}));
  return { model, diagnostics: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), file };
}

const type = (model: Model, name: string): NamedType => {
  const t = model.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${model.types.map((x) => x.name).join(', ')}`);
  return t;
};

describe('introspectionReader.sniff', () => {
  it.each([
    ['a bare reply array', text(GADGETS), true],
    ['a {"return": [...]} reply', JSON.stringify({ return: GADGETS }), true],
    ['an empty reply', '[]', true],
    ['legacy commands text', 'query-gadgets\n-------------\n\nLists gadgets.\n', false],
    ['another JSON object', '{"execute": "query-gadgets"}', false],
    ['a JSON array of other things', '[1, 2, 3]', false],
  ])('%s → %s', (_what, value, expected) => {
    expect(introspectionReader.sniff(new VFile({ path: 'x.json', value }))).toBe(expected);
  });
});

describe('introspectionReader.read', () => {
  const { model, diagnostics } = read(text(GADGETS));

  it('reads every command and event, each at the line:col of its entry', () => {
    expect(model.commands.map((c) => [c.name, c.position.line, c.position.column])).toEqual([
      ['gadget-add', 2, 1],
      ['gadget-configure', 5, 1],
      ['gadget-reset', 4, 1],
      ['query-gadgets', 3, 1],
    ]);
    expect(model.events.map((e) => e.name)).toEqual(['GADGET_MOVED', 'PING']);
    expect(model.commands.every((c) => c.origin === 'introspection')).toBe(true);
    expect(model.sources).toEqual([expect.objectContaining({ path: 'qemu/query-qmp-schema.json', role: 'introspection', format: 'json' })]);
    expect(diagnostics).toEqual([]);
  });

  it('writes arguments inline, with optionality from "default" and features', () => {
    const add = model.commands.find((c) => c.name === 'gadget-add')!;
    expect(add.arguments.open).toBe(false);
    expect(add.arguments.members.map((m) => [m.name, m.optional, m.type])).toEqual([
      ['id', false, { kind: 'string', docType: 'str' }],
      ['size', true, { kind: 'int', docType: 'int' }],
      ['mode', false, { kind: 'ref', name: 'GadgetAddArgsMode' }],
    ]);
    expect(add.arguments.members[2]).toMatchObject({ deprecated: true, features: [{ name: 'deprecated' }] });
    expect(add.returns).toBeUndefined(); // ret-type is the empty object
    const reset = model.commands.find((c) => c.name === 'gadget-reset')!;
    expect(reset).toMatchObject({ flags: { allowOob: true }, features: [{ name: 'unstable' }], arguments: { members: [], open: false } });
  });

  it('names types from their first use: <Command>ResultItem, <Parent><Member>, <Union><Case>, <Event>Data<Member>', () => {
    expect(model.types.map((t) => t.name)).toEqual([
      'GadgetAddArgsMode',
      'GadgetConfigureArgsFan',
      'GadgetConfigureArgsFanSpeed',
      'GadgetConfigureArgsKind',
      'GadgetConfigureArgsLamp',
      'GadgetMovedDataTo',
      'QueryGadgetsResultItem',
    ]);
    const q = model.commands.find((c) => c.name === 'query-gadgets')!;
    expect(q.returns).toEqual({ kind: 'array', items: { kind: 'ref', name: 'QueryGadgetsResultItem' } });
    // the point type is first reached (breadth first) through the event, not the deeper result member
    const item = type(model, 'QueryGadgetsResultItem');
    expect(item.kind === 'struct' && item.members.find((m) => m.name === 'parts')?.type).toEqual({
      kind: 'array',
      items: { kind: 'ref', name: 'GadgetMovedDataTo' },
    });
  });

  it('reads unions, enums with value features and alternates', () => {
    const configure = model.commands.find((c) => c.name === 'gadget-configure')!;
    // a union as arguments: its common members, open to the variants' members
    expect(configure.arguments).toMatchObject({ open: true, members: [{ name: 'kind', type: { kind: 'ref', name: 'GadgetConfigureArgsKind' } }] });
    // ... and which discriminator value adds which members
    expect(configure.arguments.union).toEqual({
      discriminator: 'kind',
      variants: [
        { value: 'lamp', type: { kind: 'ref', name: 'GadgetConfigureArgsLamp' } },
        { value: 'fan', type: { kind: 'ref', name: 'GadgetConfigureArgsFan' } },
      ],
    });
    expect(configure.returns).toEqual({ kind: 'int', docType: 'int' });
    expect(type(model, 'GadgetAddArgsMode')).toMatchObject({ kind: 'enum', values: [{ name: 'on' }, { name: 'off', features: [{ name: 'deprecated' }] }] });
    expect(type(model, 'GadgetConfigureArgsFanSpeed')).toMatchObject({
      kind: 'alternate',
      of: [{ kind: 'int' }, { kind: 'string' }],
    });
    const moved = model.events.find((e) => e.name === 'GADGET_MOVED')!;
    expect(moved.data?.members.map((m) => m.name)).toEqual(['id', 'to']);
    expect(model.events.find((e) => e.name === 'PING')!.data).toBeUndefined();
  });

  it('reads a union used as a type into a union with its discriminator and variants', () => {
    const entries: Entry[] = [
      { name: 'gadget-batch', 'meta-type': 'command', 'arg-type': '1', 'ret-type': '0' },
      { name: '1', 'meta-type': 'object', members: [{ name: 'items', type: '[2]' }] },
      { name: '[2]', 'meta-type': 'array', 'element-type': '2' },
      { name: '2', 'meta-type': 'object', members: [{ name: 'kind', type: '3' }], tag: 'kind', variants: [{ case: 'lamp', type: '4' }] },
      { name: '3', 'meta-type': 'enum', values: ['lamp'] },
      { name: '4', 'meta-type': 'object', members: [{ name: 'watts', type: 'int' }] },
      { name: 'int', 'meta-type': 'builtin', 'json-type': 'int' },
    ];
    const m = read(text(entries)).model;
    expect(type(m, 'GadgetBatchArgsItems')).toMatchObject({
      kind: 'union',
      discriminator: 'kind',
      members: [{ name: 'kind', type: { kind: 'ref', name: 'GadgetBatchArgsItemsKind' } }],
      variants: [{ value: 'lamp', type: { kind: 'ref', name: 'GadgetBatchArgsItemsLamp' } }],
    });
  });

  it('gives the same model whatever the entry order and the masked numbers', () => {
    // reverse the entries and renumber every masked name
    const renumber = (s: string) => s.replace(/"(\[?)(\d+)(\]?)"/g, (_m, a: string, n: string, b: string) => `"${a}${Number(n) + 500}${b}"`);
    const other = read(renumber(text([...GADGETS].reverse())));
    const strip = (m: Model) => JSON.parse(JSON.stringify(m, (k, v: unknown) => (k === 'position' || k === 'sha256' ? undefined : v))) as unknown;
    expect(strip(other.model)).toEqual(strip(model));
  });

  it('reads {"return": [...]} like the bare array', () => {
    const wrapped = read(JSON.stringify({ return: GADGETS }));
    expect(wrapped.model.commands.map((c) => c.name)).toEqual(model.commands.map((c) => c.name));
    expect(wrapped.model.types.map((t) => t.name)).toEqual(model.types.map((t) => t.name));
  });
});

describe('introspection diagnostics (input → line:col rule-id)', () => {
  const cmd = (name: string, arg = '0', ret = '0') => ({ name, 'meta-type': 'command', 'arg-type': arg, 'ret-type': ret });
  const empty = { name: '0', 'meta-type': 'object', members: [] };
  it.each<[string, string, string[]]>([
    ['not JSON', '[\n  {"name": "x",,}\n]', ['2:16 introspection-invalid']],
    ['not a reply', '{"QMP": {}}', ['1:1 introspection-invalid']],
    ['an entry without meta-type', text([cmd('a'), empty, { name: 'lost' }]), ['4:1 introspection-entry-invalid']],
    ['an unknown meta-type', text([cmd('a'), empty, { name: 'x', 'meta-type': 'gizmo' }]), ['4:1 introspection-entry-invalid']],
    ['a member without a type', text([cmd('a', '1'), empty, { name: '1', 'meta-type': 'object', members: [{ name: 'm' }] }]), ['4:45 introspection-entry-invalid']],
    ['a reference to an undefined type', text([cmd('a', '0', '77'), empty]), ['2:1 introspection-unknown-type']],
    ['a duplicate name', text([cmd('a'), empty, cmd('a')]), ['4:1 introspection-duplicate']],
    ['an unused type', text([cmd('a'), empty, { name: '5', 'meta-type': 'enum', values: ['v'] }]), ['4:1 introspection-unused-type']],
    [
      'two uses that derive the same name',
      text([
        cmd('x', '1'),
        cmd('x-args', '0', '2'),
        empty,
        { name: '1', 'meta-type': 'object', members: [{ name: 'result', type: '3' }] },
        { name: '2', 'meta-type': 'object', members: [{ name: 'v', type: '3' }] },
        { name: '3', 'meta-type': 'enum', values: ['v'] },
      ]),
      ['3:1 introspection-name-derived'],
    ],
    [
      'names only (QEMU before 2.5)',
      text([{ name: 'stop', 'meta-type': 'command' }, { name: 'STOP', 'meta-type': 'event' }]),
      ['1:1 introspection-names-only'],
    ],
  ])('%s', (_what, input, expected) => {
    expect(read(input).diagnostics).toEqual(expected);
  });

  it('reads names-only replies into commands that take and return anything', () => {
    const { model } = read(text([{ name: 'stop', 'meta-type': 'command' }, { name: 'STOP', 'meta-type': 'event' }]));
    expect(model.commands[0]).toMatchObject({ name: 'stop', arguments: { members: [], open: true }, argumentsStated: false, returns: { kind: 'any' } });
    expect(model.events[0]).toMatchObject({ name: 'STOP', data: { members: [], open: true } });
  });

  it('renames on collision deterministically: the first command in name order keeps the name', () => {
    const { model } = read(
      text([
        cmd('x-args', '0', '2'),
        cmd('x', '1'),
        { name: '0', 'meta-type': 'object', members: [] },
        { name: '1', 'meta-type': 'object', members: [{ name: 'result', type: '3' }] },
        { name: '2', 'meta-type': 'object', members: [{ name: 'v', type: '3' }] },
        { name: '3', 'meta-type': 'enum', values: ['v'] },
      ]),
    );
    expect(model.commands.find((c) => c.name === 'x')!.arguments.members[0]!.type).toEqual({ kind: 'ref', name: 'XArgsResult' });
    expect(model.commands.find((c) => c.name === 'x-args')!.returns).toEqual({ kind: 'ref', name: 'XArgsResult2' });
  });
});
