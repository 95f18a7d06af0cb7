/**
 * The constructs docs-input/ is written with, each on a small invented document: what the
 * parser must make of them, with no diagnostics. If one of these breaks, docs-input loses
 * information silently, so they are pinned here (the live test then says where).
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import type { Model, TypeRef } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';

function parse(...lines: string[]): { model: Model; diagnostics: string[] } {
  const file = new VFile({ path: 'widgets.txt', value: lines.join('\n') + '\n' });
  const model = parseDocs([file], reporterFor(file));
  return { model, diagnostics: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

/** A compact view of a type: `int`, `[x]` for arrays, `{a, b?}` objects, `enum(a|b)`. */
function shape(t: TypeRef | undefined): unknown {
  if (t === undefined) return undefined;
  switch (t.kind) {
    case 'object':
      return Object.fromEntries(t.members.map((m) => [m.name + (m.optional ? '?' : ''), shape(m.type)]).concat(t.open ? [['...', 'open']] : []));
    case 'array':
      return [shape(t.items)];
    case 'enum':
      return `enum(${t.values.map((v) => v.name).join('|')})`;
    case 'ref':
      return `ref ${t.name}`;
    case 'alternate':
      return t.of.map(shape).join(' or ');
    default:
      return t.kind;
  }
}

const header = ['            Widget Commands', '            ---------------', '', 'Our own test text about widgets.', ''];
const heading = (name: string) => [name, '-'.repeat(name.length), ''];

describe('constructs docs-input relies on', () => {
  it('"N. Title" sections after a prose paragraph decide regular and query commands', () => {
    const { model, diagnostics } = parse(
      ...header,
      '1. Conventions',
      '==============',
      '',
      'Widgets are described in plain words here.',
      '',
      '2. Regular Commands',
      '===================',
      '',
      ...heading('spin-widget'),
      'Spin the widget.',
      '',
      'Arguments: None.',
      '',
      'Notes:',
      '',
      '(1) It gets dizzy.',
      '',
      '3. Query Commands',
      '=================',
      '',
      ...heading('query-widget'),
      'Tell about the widget.',
      '',
      'Arguments: None.',
      '',
    );
    expect(diagnostics).toEqual([]);
    expect(model.commands.map((c) => [c.name, c.section])).toEqual([
      ['query-widget', 'query'],
      ['spin-widget', 'regular'],
    ]);
    expect(model.commands[1]!.notes).toEqual(['It gets dizzy.']);
  });

  const cases: Array<{ name: string; body: string[]; args?: unknown; returns?: unknown }> = [
    {
      name: 'a scalar return stated on the "Return:" line',
      body: ['Ask the widget.', '', 'Arguments: None.', '', 'Return: what the widget said (json-string)', ''],
      args: {},
      returns: 'string',
    },
    {
      name: '"Possible values" under a json-array member types its elements',
      body: [
        'Arguments:',
        '',
        '- "modes": modes to switch on (json-array of json-string, optional)',
        '    - Possible values: "fast", "quiet"',
        '',
      ],
      args: { 'modes?': ['enum(fast|quiet)'] },
    },
    {
      name: 'an unquoted "... options" bullet opens the arguments',
      body: ['Arguments:', '', '- "kind": kind of widget (json-string)', '- widget options: whatever that kind of widget takes', ''],
      args: { kind: 'string', '...': 'open' },
    },
    {
      name: 'value lines, "[ a | b ]" and "Possible values" enumerations',
      body: [
        'Arguments:',
        '',
        '- "state": the state (json-string)',
        '    "idle" - it rests',
        '    "busy" - it works',
        '- "side": [ left | right ] which side (json-string, optional)',
        '- "size": how big (json-string)',
        '    - Possible values: "small", "large"',
        '',
      ],
      args: { state: 'enum(idle|busy)', 'side?': 'enum(left|right)', size: 'enum(small|large)' },
    },
    {
      name: 'nested members by indentation, arrays of objects, undetailed objects',
      body: [
        'Arguments: None.',
        '',
        'Return a json-array with one json-object per widget, each holding:',
        '',
        '- "id": its number (json-int)',
        '- "parts": its parts (json-array of json-object)',
        '    - "name": part name (json-string)',
        '    - "size": part size, when known (json-int, optional)',
        '    - "where": its place (json-object)',
        '        - "x": across (json-number)',
        '        - "y": down (json-number)',
        '- "extra": details of this kind of widget (json-object, optional)',
        '- "tags": its labels (json-array of json-string, optional)',
        '',
      ],
      args: {},
      returns: [
        {
          id: 'int',
          parts: [{ name: 'string', 'size?': 'int', where: { x: 'number', y: 'number' } }],
          'extra?': { '...': 'open' },
          'tags?': ['string'],
        },
      ],
    },
  ];

  it.each(cases)('$name', ({ body, args, returns }) => {
    const { model, diagnostics } = parse(...header, '2. Regular Commands', '===================', '', ...heading('frob-widget'), ...body);
    expect(diagnostics).toEqual([]);
    const c = model.commands[0]!;
    if (args !== undefined) expect(shape(c.arguments)).toEqual(args);
    expect(shape(c.returns)).toEqual(returns);
  });

  it('events: "Data: None." and nested data members', () => {
    const { model, diagnostics } = parse(
      '            Widget Events',
      '            =============',
      '',
      ...heading('WIDGET_IDLE'),
      'Sent when the widget rests.',
      '',
      'Data: None.',
      '',
      'Example:',
      '',
      '{ "event": "WIDGET_IDLE",',
      '  "timestamp": { "seconds": 1700000000, "microseconds": 1 } }',
      '',
      ...heading('WIDGET_MOVED'),
      'Sent when the widget moved.',
      '',
      'Data:',
      '',
      '- "where": the new place (json-object)',
      '    - "x": across (json-int)',
      '    - "y": down (json-int)',
      '- "why": [ pushed | fell ] the cause (json-string)',
      '',
      'Example:',
      '',
      '{ "event": "WIDGET_MOVED",',
      '  "data": { "where": { "x": 1, "y": 2 }, "why": "fell" },',
      '  "timestamp": { "seconds": 1700000000, "microseconds": 2 } }',
      '',
    );
    expect(diagnostics).toEqual([]);
    expect(model.events.map((e) => [e.name, shape(e.data), e.examples[0]?.messages[0]?.role])).toEqual([
      ['WIDGET_IDLE', undefined, 'event'],
      ['WIDGET_MOVED', { where: { x: 'int', y: 'int' }, why: 'enum(pushed|fell)' }, 'event'],
    ]);
  });
});
