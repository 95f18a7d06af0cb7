/**
 * The comparator behind live-qemu.test.ts, on a small invented introspection schema
 * (`frob-widget`, `WIDGET_MOVED`): it must report each kind of disagreement, and only those.
 */
import { describe, expect, it } from 'vitest';
import type { Command, Event, Example, Member, Model, ObjectType, TypeRef } from '../../generator/model/types.js';
import { MODEL_VERSION } from '../../generator/model/types.js';
import { Introspection, compareWithIntrospection, validateExamples, type SchemaEntry } from './introspection.js';

const SCHEMA: SchemaEntry[] = [
  { name: 'str', 'meta-type': 'builtin', 'json-type': 'string' },
  { name: 'int', 'meta-type': 'builtin', 'json-type': 'int' },
  { name: 'bool', 'meta-type': 'builtin', 'json-type': 'boolean' },
  { name: 'any', 'meta-type': 'builtin', 'json-type': 'value' },
  { name: '0', 'meta-type': 'object', members: [] },
  { name: 'frob-widget', 'meta-type': 'command', 'arg-type': '10', 'ret-type': '11' },
  { name: 'poke-widget', 'meta-type': 'command', 'arg-type': '0', 'ret-type': '0' },
  { name: 'WIDGET_MOVED', 'meta-type': 'event', 'arg-type': '20' },
  { name: 'WIDGET_IDLE', 'meta-type': 'event', 'arg-type': '0' },
  // arguments: { label: str, speed?: int, mode: enum, + variant members per mode }
  {
    name: '10',
    'meta-type': 'object',
    members: [
      { name: 'label', type: 'str' },
      { name: 'speed', type: 'int', default: null, features: ['deprecated'] },
      { name: 'mode', type: '12' },
    ],
    tag: 'mode',
    variants: [
      { case: 'spin', type: '13' },
      { case: 'halt', type: '0' },
    ],
  },
  { name: '12', 'meta-type': 'enum', values: ['spin', 'halt'] },
  { name: '13', 'meta-type': 'object', members: [{ name: 'rpm', type: 'int' }] },
  // return: array of { id: int, tags?: [str], size: int-or-str }
  { name: '11', 'meta-type': 'array', 'element-type': '14' },
  {
    name: '14',
    'meta-type': 'object',
    members: [
      { name: 'id', type: 'int' },
      { name: 'tags', type: '15', default: null },
      { name: 'size', type: '16' },
    ],
  },
  { name: '15', 'meta-type': 'array', 'element-type': 'str' },
  { name: '16', 'meta-type': 'alternate', members: [{ type: 'int' }, { type: 'str' }] },
  { name: '20', 'meta-type': 'object', members: [{ name: 'where', type: '21' }, { name: 'note', type: 'any', default: null }] },
  { name: '21', 'meta-type': 'object', members: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] },
];

const at = { file: 'widgets.txt', line: 1, column: 1 };
const m = (name: string, type: TypeRef, optional = false): Member => ({ name, type, optional, description: '', position: at });
const obj = (members: Member[], open = false): ObjectType => ({ kind: 'object', members, open });
const str: TypeRef = { kind: 'string' };
const int: TypeRef = { kind: 'int' };

function goodModel(): Model {
  const frob: Command = {
    name: 'frob-widget',
    section: 'regular',
    summary: '',
    description: '',
    arguments: obj([
      m('label', str),
      { ...m('speed', int, true), deprecated: true },
      m('mode', { kind: 'enum', values: [{ name: 'spin' }, { name: 'halt' }] }),
      m('rpm', int, true),
    ]),
    argumentsStated: true,
    returns: {
      kind: 'array',
      items: obj([m('id', int), m('tags', { kind: 'array', items: str }, true), m('size', { kind: 'alternate', of: [int, str] })]),
    },
    notes: [],
    examples: [],
    origin: 'docs',
    position: at,
  };
  const poke: Command = { ...frob, name: 'poke-widget', arguments: obj([]), returns: undefined };
  delete poke.returns;
  const moved: Event = {
    name: 'WIDGET_MOVED',
    summary: '',
    description: '',
    data: obj([m('where', obj([m('x', int), m('y', int)])), m('note', { kind: 'any' }, true)]),
    notes: [],
    examples: [],
    origin: 'docs',
    position: at,
  };
  const idle: Event = { ...moved, name: 'WIDGET_IDLE' };
  delete idle.data;
  return { modelVersion: MODEL_VERSION, sources: [], commands: [frob, poke], events: [moved, idle], types: [] };
}

const q = new Introspection(SCHEMA);
type Edit = (model: Model) => void;
const frob = (model: Model) => model.commands[0]!;
const frobRet = (model: Model) => ((frob(model).returns as { items: ObjectType }).items);

describe('compareWithIntrospection', () => {
  it('accepts a model that matches', () => {
    expect(compareWithIntrospection(goodModel(), q)).toEqual({ mismatches: [], undetailed: [], plainEnums: [] });
  });

  const cases: Array<[string, Edit, string[]]> = [
    [
      'unknown command',
      (d) => (frob(d).name = 'frob-gadget'),
      ['frob-gadget: documented command does not exist in this QEMU'],
    ],
    [
      'argument missing from the docs',
      (d) => frob(d).arguments.members.splice(0, 1),
      ['frob-widget(arguments).label: QEMU has this required member, the docs do not'],
    ],
    [
      'argument QEMU does not have',
      (d) => frob(d).arguments.members.push(m('colour', str, true)),
      ['frob-widget(arguments).colour: documented, but QEMU has no such member (it has label, speed, mode, rpm)'],
    ],
    [
      'optionality differs',
      (d) => (frob(d).arguments.members[1]!.optional = false),
      ['frob-widget(arguments).speed: required in the docs, optional in QEMU'],
    ],
    [
      'deprecation not documented',
      (d) => delete frob(d).arguments.members[1]!.deprecated,
      ['frob-widget(arguments).speed: deprecated in QEMU, not in the docs'],
    ],
    [
      'deprecation QEMU does not have',
      (d) => (frob(d).arguments.members[0]!.deprecated = true),
      ['frob-widget(arguments).label: deprecated in the docs, not in QEMU'],
    ],
    [
      'variant member documented as required',
      (d) => (frob(d).arguments.members[3]!.optional = false),
      ['frob-widget(arguments).rpm: required in the docs, optional in QEMU (QEMU sends it only when mode=spin)'],
    ],
    [
      'variant member left out of a closed object',
      (d) => frob(d).arguments.members.splice(3, 1),
      ['frob-widget(arguments).rpm: QEMU has this member when mode=spin; the docs neither list it nor mark the object open'],
    ],
    [
      'variant member left out of an open object is fine',
      (d) => {
        frob(d).arguments.members.splice(3, 1);
        frob(d).arguments.open = true;
      },
      [],
    ],
    [
      'scalar type differs',
      (d) => (frob(d).arguments.members[0]!.type = { kind: 'int', docType: 'json-int' }),
      ['frob-widget(arguments).label: type is int (written "json-int") in the docs, QEMU has string'],
    ],
    [
      'enumeration values differ',
      (d) => (frob(d).arguments.members[2]!.type = { kind: 'enum', values: [{ name: 'spin' }, { name: 'wobble' }] }),
      [
        'frob-widget(arguments).mode: enumeration lacks QEMU\'s value(s) "halt"',
        'frob-widget(arguments).mode: enumeration lists value(s) QEMU does not have: "wobble"',
      ],
    ],
    [
      'return kind differs',
      (d) => (frob(d).returns = obj([m('id', int)])),
      ['frob-widget(return): type is object in the docs, QEMU has array of object { id, tags?, size }'],
    ],
    [
      'return member missing (inside the array)',
      (d) => frobRet(d).members.splice(0, 1),
      ['frob-widget(return)[].id: QEMU has this required member, the docs do not'],
    ],
    [
      'array element type differs',
      (d) => (frobRet(d).members[1]!.type = { kind: 'array', items: int }),
      ['frob-widget(return)[].tags[]: type is int in the docs, QEMU has string'],
    ],
    [
      'one branch of an alternate is enough',
      (d) => (frobRet(d).members[2]!.type = str),
      [],
    ],
    [
      'alternate branch QEMU does not have',
      (d) => (frobRet(d).members[2]!.type = { kind: 'bool' }),
      ['frob-widget(return)[].size: bool is not one of QEMU\'s alternate of int or string'],
    ],
    [
      'return documented where QEMU returns {}',
      (d) => (d.commands[1]!.returns = str),
      ['poke-widget(return): the docs state string, QEMU returns {}'],
    ],
    [
      'no return documented where QEMU returns one',
      (d) => delete frob(d).returns,
      ['frob-widget(return): the docs state no return value, QEMU returns array of object { id, tags?, size }'],
    ],
    [
      'nested event data member missing',
      (d) => (d.events[0]!.data!.members[0]!.type as ObjectType).members.pop(),
      ['WIDGET_MOVED(data).where.y: QEMU has this required member, the docs do not'],
    ],
    [
      'event data documented where QEMU sends none',
      (d) => (d.events[1]!.data = obj([m('x', int)])),
      ['WIDGET_IDLE(data).x: documented, but QEMU has no such member (it has none)'],
    ],
    [
      'event data left out where QEMU sends some',
      (d) => delete d.events[0]!.data,
      ['WIDGET_MOVED(data): the docs state no data, QEMU sends object { where, note? }'],
    ],
    [
      'unknown event',
      (d) => (d.events[1]!.name = 'WIDGET_NAPPING'),
      ['WIDGET_NAPPING: documented event does not exist in this QEMU'],
    ],
  ];

  it.each(cases)('%s', (_title, edit, expected) => {
    const model = goodModel();
    edit(model);
    expect(compareWithIntrospection(model, q).mismatches).toEqual(expected);
  });

  it('accepts an undetailed object as it is, and says where it was', () => {
    const model = goodModel();
    frobRet(model).members.length = 0;
    (model.events[0]!.data!.members[0]!.type as ObjectType).members.length = 0;
    expect(compareWithIntrospection(model, q)).toEqual({
      mismatches: [],
      undetailed: ['frob-widget(return)[]', 'WIDGET_MOVED(data).where'],
      plainEnums: [],
    });
  });

  it('accepts an enumeration documented as a plain string, and says where it was', () => {
    const model = goodModel();
    frob(model).arguments.members[2]!.type = str;
    expect(compareWithIntrospection(model, q)).toEqual({
      mismatches: [],
      undetailed: [],
      plainEnums: ['frob-widget(arguments).mode'],
    });
  });
});

describe('validateExamples', () => {
  const msg = (direction: 'client' | 'server', role: Example['messages'][number]['role'], value: unknown, line: number) => ({
    direction,
    role,
    raw: JSON.stringify(value),
    value,
    repairs: [],
    elided: false,
    position: { file: 'widgets.txt', line, column: 4 },
  });
  const run = (messages: Example['messages'], open = false) => {
    const out: string[] = [];
    validateExamples([{ messages, position: at }], open, q, out);
    return out;
  };

  const cases: Array<[string, Example['messages'], boolean, string[]]> = [
    [
      'valid request, event and reply',
      [
        msg('client', 'request', { execute: 'frob-widget', arguments: { label: 'a', mode: 'spin', rpm: 3 } }, 1),
        msg('server', 'event', { event: 'WIDGET_MOVED', data: { where: { x: 1, y: 2 } }, timestamp: {} }, 2),
        msg('server', 'reply', { return: [{ id: 1, size: '4k' }, { id: 2, size: 9, tags: ['x'] }] }, 3),
      ],
      false,
      [],
    ],
    [
      'variant member of another variant',
      [msg('client', 'request', { execute: 'frob-widget', arguments: { label: 'a', mode: 'halt', rpm: 3 } }, 1)],
      false,
      ['widgets.txt:1 frob-widget arguments: QEMU knows no member "rpm" here'],
    ],
    [
      'open arguments accept extra members',
      [msg('client', 'request', { execute: 'frob-widget', arguments: { label: 'a', mode: 'halt', colour: 'red' } }, 1)],
      true,
      [],
    ],
    [
      'bad values in a reply',
      [
        msg('client', 'request', { execute: 'frob-widget', arguments: { label: 'a', mode: 'halt' } }, 1),
        msg('server', 'reply', { return: [{ id: 1.5, size: true }, { size: 1 }] }, 2),
      ],
      false,
      [
        'widgets.txt:2 frob-widget return[0].id: 1.5 is not a JSON int',
        'widgets.txt:2 frob-widget return[0].size: true matches no branch of alternate of int or string',
        'widgets.txt:2 frob-widget return[1]: required member "id" is missing',
      ],
    ],
    [
      'unknown command and event, bad enum value',
      [
        msg('client', 'request', { execute: 'frob-gadget' }, 1),
        msg('client', 'request', { execute: 'frob-widget', arguments: { label: 'a', mode: 'wobble' } }, 2),
        msg('server', 'event', { event: 'GADGET_MOVED', timestamp: {} }, 3),
      ],
      false,
      [
        'widgets.txt:1: example runs "frob-gadget", which this QEMU does not have',
        'widgets.txt:2 frob-widget arguments.mode: "wobble" is not one of spin, halt',
        'widgets.txt:3: example event GADGET_MOVED does not exist in this QEMU',
      ],
    ],
  ];

  it.each(cases)('%s', (_title, messages, open, expected) => {
    expect(run(messages, open)).toEqual(expected);
  });
});
