/**
 * generator/assemble/introspection-qapi.ts: an introspection part merged with a QAPI-like part
 * of the same "release", both built here (the QAPI part by hand, as the QAPI reader would give
 * it): names, docs and sized integers come from QAPI; what the QEMU accepts from introspection;
 * what one source has and the other lacks is a diagnostic.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { assembleIntrospection } from '../../generator/assemble/introspection-qapi.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import type { Command, Member, NamedType, SourcePosition, TypeRef } from '../../generator/model/types.js';
import { introspectionReader } from '../../generator/read/introspection/index.js';
import type { ModelPart } from '../../generator/read/types.js';

const reply = [
  { name: 'gadget-add', 'meta-type': 'command', 'arg-type': '1', 'ret-type': '0' },
  { name: 'query-gadgets', 'meta-type': 'command', 'arg-type': '0', 'ret-type': '[2]' },
  { name: 'gadget-spin', 'meta-type': 'command', 'arg-type': '0', 'ret-type': 'int' },
  { name: 'GADGET_MOVED', 'meta-type': 'event', 'arg-type': '4' },
  { name: 'PING', 'meta-type': 'event', 'arg-type': '0' },
  { name: '0', 'meta-type': 'object', members: [] },
  { name: '1', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'size', type: 'int', default: null }, { name: 'mode', type: '3' }] },
  { name: '[2]', 'meta-type': 'array', 'element-type': '2' },
  { name: '2', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'state', type: '3' }, { name: 'at', type: '5', default: null }] },
  { name: '3', 'meta-type': 'enum', values: ['on', 'off'] },
  { name: '4', 'meta-type': 'object', members: [{ name: 'id', type: 'str' }, { name: 'to', type: '5' }] },
  { name: '5', 'meta-type': 'object', members: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] },
  { name: 'str', 'meta-type': 'builtin', 'json-type': 'string' },
  { name: 'int', 'meta-type': 'builtin', 'json-type': 'int' },
];

const Q = 'gadgets.json';
let line = 0;
const at = (): SourcePosition => ({ file: Q, line: ++line, column: 1 });
const member = (name: string, type: TypeRef, optional = false, description = `The ${name} (QAPI docs).`): Member => ({
  name,
  type,
  optional,
  description,
  position: at(),
});
const ref = (name: string): TypeRef => ({ kind: 'ref', name });
const str: TypeRef = { kind: 'string' };
const command = (name: string, members: Member[], returns?: TypeRef): Command => ({
  name,
  section: 'regular',
  summary: `Summary of ${name}.`,
  description: `Summary of ${name}.`,
  arguments: { kind: 'object', members, open: false },
  argumentsStated: true,
  ...(returns ? { returns } : {}),
  notes: [],
  examples: [{ messages: [], position: at() }],
  since: '7.2',
  origin: 'qapi',
  position: at(),
});
const struct = (name: string, members: Member[], base?: string): NamedType => ({
  kind: 'struct',
  name,
  ...(base ? { base } : {}),
  members,
  description: `About ${name}.`,
  origin: 'qapi',
  position: at(),
});

const qapi: ModelPart = {
  reader: 'qapi',
  sources: [{ path: Q, role: 'schema', format: 'qapi', sha256: '0'.repeat(64) }],
  commands: [
    command('gadget-add', [
      member('id', str),
      member('size', { kind: 'int', width: 'uint32' }, true),
      member('mode', ref('GadgetMode')),
      member('colour', str, true), // configured out of the QEMU
    ]),
    command('query-gadgets', [], { kind: 'array', items: ref('GadgetInfo') }),
    command('gadget-fly', []), // another target's command
  ],
  events: [
    {
      name: 'GADGET_MOVED',
      summary: 'A gadget moved.',
      description: 'A gadget moved.',
      data: { kind: 'object', members: [member('id', str), member('to', ref('Point'))], open: false },
      notes: [],
      examples: [],
      origin: 'qapi',
      position: at(),
    },
  ],
  types: [
    { kind: 'enum', name: 'GadgetMode', values: [{ name: 'on' }, { name: 'off' }, { name: 'turbo' }], description: 'Modes.', origin: 'qapi', position: at() },
    struct('GadgetBase', [member('id', str)]),
    struct('GadgetInfo', [member('state', ref('GadgetMode')), member('at', ref('Point'), false)], 'GadgetBase'),
    struct('Point', [member('x', { kind: 'int', width: 'int16' }), member('y', { kind: 'int', width: 'int16' })]),
  ],
};

function merge() {
  const file = new VFile({ path: 'qemu/query-qmp-schema.json', value: `[\n${reply.map((e) => JSON.stringify(e)).join(',\n')}\n]\n` });
  const q = new VFile({ path: Q });
  const reporter = new Reporter([file, q], new VFile({ path: 'qmp-codegen' }));
  const intro = introspectionReader.read([file], reporter, {});
  const model = assembleIntrospection(intro, qapi, reporter);
  const diagnostics = [file, q].flatMap((f) => f.messages.map((m) => `${f.path}:${m.line}:${m.column} ${m.ruleId}`));
  return { model, diagnostics, reasons: [file, q].flatMap((f) => f.messages.map((m) => m.reason)) };
}

describe('assembleIntrospection with a QAPI part', () => {
  const { model, diagnostics, reasons } = merge();
  const type = (name: string) => model.types.find((t) => t.name === name);

  it('takes the QAPI names for types matched by structure', () => {
    expect(model.types.map((t) => t.name)).toEqual(['GadgetInfo', 'GadgetMode', 'Point']);
    expect(model.commands.find((c) => c.name === 'query-gadgets')!.returns).toEqual({ kind: 'array', items: ref('GadgetInfo') });
    expect(model.commands.find((c) => c.name === 'gadget-add')!.arguments.members.map((m) => m.type)).toEqual([
      str,
      { kind: 'int', width: 'uint32' }, // QAPI's sized integer, which introspection reports as int
      ref('GadgetMode'),
    ]);
  });

  it('takes docs, examples and since from QAPI, and records both sources', () => {
    const add = model.commands.find((c) => c.name === 'gadget-add')!;
    expect(add).toMatchObject({ summary: 'Summary of gadget-add.', since: '7.2', origin: 'qapi' });
    expect(add.examples).toHaveLength(1);
    expect(add.provenance?.map((p) => p.origin)).toEqual(['qapi', 'introspection']);
    expect(add.arguments.members[0]!.description).toBe('The id (QAPI docs).');
    expect(type('GadgetInfo')).toMatchObject({ description: 'About GadgetInfo.' });
  });

  it('keeps the members as the QEMU has them: flattened bases, and its optionality', () => {
    const info = type('GadgetInfo');
    expect(info?.kind === 'struct' && info.members.map((m) => [m.name, m.optional])).toEqual([
      ['id', false],
      ['state', false],
      ['at', true],
    ]);
    expect(info).not.toHaveProperty('base');
    const mode = type('GadgetMode');
    expect(mode?.kind === 'enum' && mode.values.map((v) => v.name)).toEqual(['on', 'off']);
  });

  it('keeps what only the QEMU has with derived names and says so; drops what only QAPI has and says so', () => {
    expect(model.commands.map((c) => c.name)).toEqual(['gadget-add', 'gadget-spin', 'query-gadgets']);
    expect(model.events.map((e) => e.name)).toEqual(['GADGET_MOVED', 'PING']);
    expect(model.commands.find((c) => c.name === 'gadget-spin')!.origin).toBe('introspection');
    expect(diagnostics.sort()).toEqual(
      [
        // gadget-add's "colour" member (QAPI only), gadget-fly (QAPI only), "turbo" (QAPI only)
        `${Q}:4:1 introspection-qapi-only`,
        `${Q}:10:1 introspection-qapi-only`,
        `${Q}:14:1 introspection-qapi-only`,
        // GadgetInfo.at: required in QAPI, optional in the QEMU
        `${Q}:18:1 introspection-qapi-mismatch`,
        // gadget-spin, PING: only in the QEMU
        'qemu/query-qmp-schema.json:4:1 introspection-only',
        'qemu/query-qmp-schema.json:6:1 introspection-only',
      ].sort(),
    );
    expect(reasons.join('\n')).toContain('"colour" is in the QAPI schema but not in this QEMU');
  });

  it('without a QAPI part, is the introspection part sorted', () => {
    const file = new VFile({ path: 'q.json', value: JSON.stringify(reply) });
    const reporter = new Reporter([file], file);
    const m = assembleIntrospection(introspectionReader.read([file], reporter, {}), undefined, reporter);
    expect(m.types.map((t) => t.name)).toEqual(['GadgetAddArgsMode', 'GadgetMovedDataTo', 'QueryGadgetsResultItem']);
  });
});
