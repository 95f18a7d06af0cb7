/**
 * The fidelity report's miss parsing and doc-error / parser-miss classing, on an invented
 * document (a fictional "widget" device) written to a temp file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command, Member, TypeRef } from '../../generator/model/types.js';
import { DocText, entriesOf, f1, mentions, parseMiss, classify, type ParsedMiss } from './classify.js';
import { verdicts, type VersionScore } from './report.js';
import type { DispatchEntry } from '../../generator/read/legacy/dispatch.js';

describe('parseMiss', () => {
  it.each([
    ["frob: arguments ['a', 'b_c'] != QAPI ['a', 'b-c']", { metric: 'arg_name_f1', item: 'frob', ours: ['a', 'b_c'], qapi: ['a', 'b-c'] }],
    ['frob: arguments [] != QAPI [\'x\']', { metric: 'arg_name_f1', item: 'frob', ours: [], qapi: ['x'] }],
    ['frob.speed: kind string != QAPI integer', { metric: 'arg_kind_accuracy', item: 'frob', member: 'speed', ours: 'string', qapi: 'integer' }],
    ['__org.x_frob.speed: kind integer|string != QAPI integer', { metric: 'arg_kind_accuracy', item: '__org.x_frob', member: 'speed', ours: 'integer|string', qapi: 'integer' }],
    ['frob.id: optional False != QAPI True', { metric: 'arg_optional_accuracy', item: 'frob', member: 'id', ours: false, qapi: true }],
    ['query-w: return kind object != QAPI array', { metric: 'return_kind_accuracy', item: 'query-w', ours: 'object', qapi: 'array' }],
    ["query-w: return members ['id'] != QAPI ['id', 'name']", { metric: 'return_member_f1', item: 'query-w', ours: ['id'], qapi: ['id', 'name'] }],
    ["W_DONE: data ['id'] != QAPI []", { metric: 'event_member_f1', item: 'W_DONE', ours: ['id'], qapi: [] }],
  ] as [string, ParsedMiss][])('%s', (line, expected) => {
    expect(parseMiss(line)).toEqual(expected);
  });

  it('unknown lines are not guessed', () => {
    expect(parseMiss('something else entirely')).toBeUndefined();
  });
});

describe('f1 and mentions', () => {
  it.each([
    [[], [], 1],
    [['a'], ['a'], 1],
    [['a', 'b'], ['a'], 2 / 3],
    [['x'], ['y'], 0],
  ] as [string[], string[], number][])('f1(%j, %j) = %d', (a, b, v) => {
    expect(f1(a, b)).toBeCloseTo(v, 10);
  });

  it.each([
    ['- "buf-size": how much', 'buf-size', true],
    ['- "buf-size": how much', 'buf', false],
    ['the size of the widget', 'size', true],
    ['the sizes of the widget', 'size', false],
    ['x-size', 'size', false],
  ] as const)('mentions(%j, %j) = %s', (text, token, yes) => {
    expect(mentions(text, token)).toBe(yes);
  });
});

// An invented document, and the model a parser would make of it.
const DOC = [
  'spin-widget', //                                                     1
  '-----------', //                                                     2
  '', //                                                                3
  'Spin a widget.', //                                                  4
  '', //                                                                5
  'Arguments:', //                                                      6
  '', //                                                                7
  '- "id": which widget (json-string)', //                              8
  '- "turn_rate": turns per second (json-int)', //                      9
  '- "label": a label for the widget', //                              10
  '           (json-string, optional)', //                             11
  '- "mode": how it spins (json-string)', //                           12
  '', //                                                               13
  'The "colour" of the widget can be changed too.', //                 14
  '', //                                                               15
  'Example:', //                                                       16
  '', //                                                               17
  '-> { "execute": "spin-widget", "arguments": { "id": "w", "hidden": 1 } }', // 18
  '<- { "return": {} }', //                                            19
  '', //                                                               20
  'query-widget', //                                                   21
  '------------', //                                                   22
  '', //                                                               23
  'Show a widget.', //                                                 24
  '', //                                                               25
].join('\n');

const dir = mkdtempSync(path.join(os.tmpdir(), 'classify-'));
const FILE = path.join(dir, 'widgets.txt');
writeFileSync(FILE, DOC);

const pos = (line: number) => ({ file: FILE, line, column: 1 });
const mem = (name: string, line: number, type: TypeRef, optional = false): Member => ({ name, type, optional, description: '', position: pos(line) });
const cmd = (name: string, line: number, members: Member[], extra: Partial<Command> = {}): Command => ({
  name,
  section: 'regular',
  summary: '',
  description: '',
  arguments: { kind: 'object', members, open: false },
  argumentsStated: true,
  notes: [],
  examples: [],
  origin: 'docs',
  position: pos(line),
  ...extra,
});

const spin = cmd('spin-widget', 1, [
  mem('id', 8, { kind: 'string', docType: 'json-string' }),
  mem('turn_rate', 9, { kind: 'int', docType: 'json-int' }),
  mem('label', 10, { kind: 'string', docType: 'json-string' }, true),
  mem('mode', 12, { kind: 'string', docType: 'json-string' }, true), // parser error: doc does not say optional
], {
  examples: [
    {
      position: pos(18),
      messages: [
        { direction: 'client', role: 'request', raw: '{}', value: {}, repairs: [], elided: false, position: pos(18) },
        { direction: 'server', role: 'reply', raw: '{}', value: {}, repairs: [], elided: false, position: pos(19) },
      ],
    },
  ],
});
const query = cmd('query-widget', 21, []);
const model = { modelVersion: 1 as const, sources: [], commands: [query, spin], events: [], types: [] };
const docs = new DocText();
const entries = entriesOf(model, docs);
const run = (line: string) => classify(parseMiss(line)!, entries, docs, (f) => path.basename(f)).map((r) => `${r.item} ${r.cls} ${r.location} | ${r.note}`);

describe('classify', () => {
  it('entries span from their heading to the next one', () => {
    expect(entries.get('command:spin-widget')).toMatchObject({ start: 1, end: 20 });
    expect(entries.get('command:query-widget')).toMatchObject({ start: 21, end: 25 });
  });

  it.each([
    [
      "spin-widget: arguments ['id', 'label', 'mode', 'turn_rate'] != QAPI ['id', 'label', 'mode', 'turn-rate']",
      [
        'spin-widget.turn_rate doc error widgets.txt:9 | doc documents `turn_rate`, which QAPI does not have',
        'spin-widget.turn-rate doc error widgets.txt:1 | doc never names `turn-rate` (outside examples)',
      ],
    ],
    [
      "spin-widget: arguments ['id', 'label', 'mode', 'turn_rate'] != QAPI ['colour', 'hidden', 'id', 'label', 'mode', 'turn_rate']",
      [
        'spin-widget.colour parser miss widgets.txt:14 | doc names `colour` here; not read',
        'spin-widget.hidden doc error widgets.txt:1 | doc never names `hidden` (outside examples)',
      ],
    ],
    ['spin-widget.id: optional False != QAPI True', ['spin-widget.id doc error widgets.txt:8 | doc does not mark it `optional`']],
    ['spin-widget.label: optional True != QAPI False', ['spin-widget.label doc error widgets.txt:10 | doc marks it `optional`']],
    ['spin-widget.mode: optional True != QAPI False', ['spin-widget.mode parser miss widgets.txt:12 | doc does not mark it `optional`; read as optional']],
    ['spin-widget.turn_rate: kind integer != QAPI number', ['spin-widget.turn_rate doc error widgets.txt:9 | doc types it `json-int`']],
    ['spin-widget.id: kind integer != QAPI string', ['spin-widget.id parser miss widgets.txt:8 | doc types it `json-string`; read as integer']],
    ['query-widget: return kind object != QAPI array', ['query-widget doc error widgets.txt:21 | doc has no `Return` section']],
  ])('%s', (line, expected) => {
    expect(run(line)).toEqual(expected);
  });
});

describe('verdicts', () => {
  const score = (value: number, adjusted: number, n = 10): VersionScore =>
    ({
      version: 'x',
      metrics: Object.fromEntries(
        ['arg_name_f1', 'arg_kind_accuracy', 'arg_optional_accuracy', 'return_kind_accuracy', 'return_member_f1', 'event_member_f1'].map((k) => [k, { value, adjusted, n }]),
      ),
    }) as unknown as VersionScore;

  it.each([
    [[score(0.99, 0.99)], 'met'],
    [[score(0.9, 0.99)], 'met (doc errors)'],
    [[score(0.9, 0.91)], 'NOT met'],
    [[score(0.99, 0.99), score(0.5, 0.5, 0)], 'met'], // versions that judged nothing do not count
  ] as const)('%#', (scores, verdict) => {
    expect(verdicts(scores).find((v) => v.key === 'arg_name_f1')!.verdict).toBe(verdict);
  });
});

describe('table errors (the .hx dispatch table says what the schema says)', () => {
  const pos = (line: number) => ({ file: '/tmp/w.hx', line, column: 1 });
  const entry: DispatchEntry = {
    names: ['frob'],
    open: false,
    fields: {},
    position: pos(3),
    argsPosition: pos(4),
    args: [
      { name: 'id', letter: 'B', optional: false, kind: 'string', position: pos(4) },
      { name: 'cpu', letter: 'i', optional: true, kind: 'int', position: pos(4) },
    ],
  };
  const table = new Map([['frob', entry]]);
  const show = (f: string) => path.basename(f);
  const none = new Map();
  it.each([
    [{ metric: 'arg_name_f1', item: 'frob', ours: ['id', 'cpu'], qapi: ['id', 'cpu-index'] }, ['frob.cpu table error', 'frob.cpu-index table error']],
    [{ metric: 'arg_kind_accuracy', item: 'frob', member: 'id', ours: 'string', qapi: 'integer' }, ['frob.id table error']],
    [{ metric: 'arg_optional_accuracy', item: 'frob', member: 'cpu', ours: true, qapi: false }, ['frob.cpu table error']],
  ] as [ParsedMiss, string[]][])('%j', (miss, rows) => {
    expect(classify(miss, none, new DocText(), show, table).map((r) => `${r.item} ${r.cls}`)).toEqual(rows);
  });

  it('a miss the table does not explain is classed from the docs as before', () => {
    const miss: ParsedMiss = { metric: 'arg_kind_accuracy', item: 'frob', member: 'id', ours: 'integer', qapi: 'string' };
    expect(classify(miss, none, new DocText(), show, table).map((r) => r.cls)).toEqual(['parser miss']);
  });
});
