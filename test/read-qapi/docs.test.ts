import { describe, expect, it } from 'vitest';
import { readText } from './unit.js';

/** A doc comment block from lines (each prefixed with `# `). */
const doc = (...lines: string[]) => ['##', ...lines.map((l) => (l ? `# ${l}` : '#')), '##'].join('\n');

describe('QAPI doc comments', () => {
  it('reads the description, members, Returns, Errors, Since and Notes (9.0 style)', () => {
    const text =
      doc(
        '@frob:',
        '',
        'Frobs the widget.',
        '',
        'Longer words about frobbing.',
        '',
        '@level: how hard to frob,',
        '    in frob units',
        '',
        '@name: the widget',
        '',
        'Returns: the frob count',
        '',
        'Errors:',
        '    - If the widget is missing, GenericError',
        '    - If the level is too high, GenericError',
        '',
        'Since: 4.2',
        '',
        'Notes: frobbing twice is fine.',
      ) + "\n{ 'command': 'frob', 'data': { 'level': 'int', '*name': 'str' }, 'returns': 'int' }";
    const { part, diags } = readText(text);
    expect(diags).toEqual([]);
    const c = part.commands[0]!;
    expect(c.summary).toBe('Frobs the widget.');
    expect(c.description).toBe('Frobs the widget.\n\nLonger words about frobbing.');
    expect(c.arguments.members.map((m) => [m.name, m.description])).toEqual([
      ['level', 'how hard to frob,\nin frob units'],
      ['name', 'the widget'],
    ]);
    expect(c.returnsDescription).toBe('the frob count');
    expect(c.errors).toEqual(['If the widget is missing, GenericError', 'If the level is too high, GenericError']);
    expect(c.since).toBe('4.2');
    expect(c.notes).toEqual(['frobbing twice is fine.']);
  });

  it('reads features and their descriptions; deprecated marks the member', () => {
    const text =
      doc('@Thing:', '', 'A thing.', '', '@old: an old member', '', 'Features:', '', '@deprecated: use something else', '', '@unstable: may change', '', 'Since: 6.0') +
      "\n{ 'struct': 'Thing', 'data': { 'old': { 'type': 'str', 'features': [ 'deprecated' ] } }, 'features': [ 'unstable' ] }";
    const t = readText(text).part.types[0]!;
    expect(t).toMatchObject({ description: 'A thing.', since: '6.0', features: [{ name: 'unstable', description: 'may change' }] });
    expect(t.kind === 'struct' && t.members[0]).toMatchObject({ deprecated: true, features: [{ name: 'deprecated', description: 'use something else' }] });
  });

  it('reads enum value and union branch descriptions', () => {
    const text = doc('@Colour:', '', '@red: warm', '', '@blue: cold') + "\n{ 'enum': 'Colour', 'data': [ 'red', 'blue' ] }";
    const t = readText(text).part.types[0]!;
    expect(t.kind === 'enum' && t.values.map((v) => v.description)).toEqual(['warm', 'cold']);
  });

  it('reads Example: transcripts (1.x–9.0) with positions', () => {
    const text =
      doc('@poke:', '', 'Pokes.', '', 'Example:', '', '-> { "execute": "poke", "arguments": { "n": 1 } }', '<- { "return": {} }') +
      "\n{ 'command': 'poke', 'data': { 'n': 'int' } }";
    const c = readText(text).part.commands[0]!;
    expect(c.examples).toHaveLength(1);
    expect(c.examples[0]!.messages.map((m) => [m.direction, m.role, m.value])).toEqual([
      ['client', 'request', { execute: 'poke', arguments: { n: 1 } }],
      ['server', 'reply', { return: {} }],
    ]);
    expect(c.examples[0]!.messages[0]!.position).toMatchObject({ file: 's.json', line: 8 });
  });

  it('reads 9.1 qmp-example directives, one example each, with titles', () => {
    const text =
      doc(
        '@poke:',
        '',
        'Pokes.',
        '',
        '.. qmp-example::',
        '   :title: Poke once',
        '',
        '   -> { "execute": "poke" }',
        '',
        '   <- { "return": {} }',
        '',
        '.. qmp-example::',
        '',
        '   -> { "execute": "poke",',
        '        "arguments": { "n": 2 } }',
        '   <- { "return": {} }',
        '',
        '.. note:: Poking is harmless.',
      ) + "\n{ 'command': 'poke', 'data': { '*n': 'int' } }";
    const c = readText(text).part.commands[0]!;
    expect(c.examples.map((e) => [e.title, e.messages.length])).toEqual([
      ['Poke once', 2],
      [undefined, 2],
    ]);
    expect(c.examples[1]!.messages[0]!.value).toEqual({ execute: 'poke', arguments: { n: 2 } });
    expect(c.notes).toEqual(['Poking is harmless.']);
  });

  it.each([
    {
      name: 'annotated: prose, then the literal block after "::"',
      body: ['.. qmp-example::', '   :annotated:', '', '   Poke in steps of', '   [1, 2), [2, 4)::', '', '    -> { "execute": "poke" }', '    <- { "return": {} }'],
      title: 'Poke in steps of [1, 2), [2, 4)',
      messages: 2,
    },
    {
      name: 'annotated: a lone "::" line, and a title option wins over the prose',
      body: ['.. qmp-example::', '   :annotated:', '   :title: Twice', '', '   First (and only) poke', '   ::', '', '    -> { "execute": "poke" }', '    <- { "return": {} }'],
      title: 'Twice',
      messages: 2,
    },
    {
      name: 'annotated: "text ::" keeps no colon; prose between two literal blocks',
      body: ['.. qmp-example::', '   :annotated:', '', '   Poke ::', '', '    -> { "execute": "poke" }', '    <- { "return": {} }', '', '   Again: {not json}::', '', '    -> { "execute": "poke" }', '    <- { "return": {} }'],
      title: 'Poke Again: {not json}',
      messages: 4,
    },
    {
      name: 'not annotated: the whole body is the transcript',
      body: ['.. qmp-example::', '', '   -> { "execute": "poke" }', '   <- { "return": {} }'],
      title: undefined,
      messages: 2,
    },
  ])('qmp-example $name', ({ body, title, messages }) => {
    const text = doc('@poke:', '', 'Pokes.', '', ...body) + "\n{ 'command': 'poke' }";
    const { part, diags } = readText(text);
    const c = part.commands[0]!;
    expect(diags).toEqual([]);
    expect(c.examples.map((e) => [e.title, e.messages.length])).toEqual([[title, messages]]);
    expect(c.examples[0]!.messages.every((m) => m.role === 'request' || m.role === 'reply')).toBe(true);
  });

  it('reports a member described twice and a doc comment naming another symbol', () => {
    const text = doc('@other:', '', '@a: one', '@a: two') + "\n{ 'command': 'c', 'data': { 'a': 'str' } }";
    const { part, diags } = readText(text);
    expect(diags).toEqual(['s.json:5:3 qapi-doc-duplicate', 's.json:1:1 qapi-doc-symbol']);
    expect(part.commands[0]!.arguments.members[0]!.description).toBe('one');
  });

  it('takes descriptions of a named data type from that type', () => {
    const text = doc('@Args:', '', '@x: the x') + "\n{ 'struct': 'Args', 'data': { 'x': 'int' } }\n{ 'command': 'c', 'data': 'Args' }";
    expect(readText(text).part.commands[0]!.arguments.members[0]!.description).toBe('the x');
  });
});
