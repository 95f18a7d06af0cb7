import { describe, expect, it } from 'vitest';
import { command, doc, only, parse } from './helpers.js';

const HEADING_RULES = [
  'heading-no-underline',
  'heading-underline-length',
  'heading-no-blank-line',
  'heading-at-sign',
  'heading-from-example',
  'heading-unresolved',
  'duplicate-command',
];

describe('command headings', () => {
  const cases: { name: string; text: string; commands: string[]; diags: string[]; check?: (m: ReturnType<typeof parse>['model']) => void }[] = [
    {
      name: 'plain setext headings, sections from N. headings',
      text: doc(
        '1. Ordinary Commands',
        '====================',
        '',
        'spin-top',
        '--------',
        '',
        'Spin it.',
        '',
        '2. Query Commands',
        '=================',
        '',
        'query-top',
        '---------',
        '',
        'Ask about it.',
      ),
      commands: ['query-top', 'spin-top'],
      diags: [],
      check: (m) => {
        expect(command(m, 'spin-top').section).toBe('other');
        expect(command(m, 'query-top').section).toBe('query');
      },
    },
    {
      name: 'regular section',
      text: doc('2. Regular Commands', '===================', '', 'spin-top', '--------', '', 'Spin it.'),
      commands: ['spin-top'],
      diags: [],
      check: (m) => expect(command(m, 'spin-top').section).toBe('regular'),
    },
    {
      name: 'underline of the wrong length',
      text: doc('spin-top', '-----', '', 'Spin it.'),
      commands: ['spin-top'],
      diags: ['2:1 heading-underline-length'],
    },
    {
      name: 'name without underline, followed by an entry body',
      text: doc('spin', '', '', 'Spin it.', '', 'Arguments: None.', '', 'Example:', '', '-> { "execute": "spin" }', '<- { "return": {} }'),
      commands: ['spin'],
      diags: ['1:1 heading-no-underline'],
    },
    {
      name: 'a lone word in prose is not a heading',
      text: doc('spin-top', '--------', '', 'Spin it.', '', 'gently', '', 'Arguments: None.'),
      commands: ['spin-top'],
      diags: [],
    },
    {
      name: 'heading without underline whose example executes another name',
      text: doc('spin', '', 'Spin it.', '', 'Arguments: None.', '', 'Example:', '', '-> { "execute": "spin-the-top" }', '<- { "return": {} }'),
      commands: ['spin-the-top'],
      diags: ['1:1 heading-no-underline', '1:1 heading-from-example'],
      check: (m) => expect(command(m, 'spin-the-top').heading).toBe('spin'),
    },
    {
      name: 'stray @ before the name',
      text: doc('@query-top', '----------', '', 'Ask about it.'),
      commands: ['query-top'],
      diags: ['1:1 heading-at-sign'],
    },
    {
      name: 'prose heading resolved from the example',
      text: doc('Show the top', '------------', '', 'Example:', '', '-> { "execute": "query-top" }', '<- { "return": {} }'),
      commands: ['query-top'],
      diags: ['1:1 heading-from-example'],
      check: (m) => {
        expect(command(m, 'query-top').heading).toBe('Show the top');
        expect(command(m, 'query-top').summary).toBe('Show the top');
      },
    },
    {
      name: 'prose heading without an example',
      text: doc('Some general remarks', '--------------------', '', 'Nothing to see.', '', 'spin-top', '--------', '', 'Arguments: None.'),
      commands: ['spin-top'],
      diags: ['1:1 heading-unresolved'],
    },
    {
      name: 'heading glued to the previous example',
      text: doc('spin-top', '--------', '', 'Example:', '', '-> { "execute": "spin-top" }', '<- { "return": {} }', 'stop-top', '--------', '', 'Stop it.'),
      commands: ['spin-top', 'stop-top'],
      diags: ['8:1 heading-no-blank-line'],
      check: (m) => expect(command(m, 'spin-top').examples[0]?.messages.map((x) => x.role)).toEqual(['request', 'reply']),
    },
    {
      name: 'duplicate command: the first is kept',
      text: doc('spin-top', '--------', '', 'First.', '', 'spin-top', '--------', '', 'Second.'),
      commands: ['spin-top'],
      diags: ['6:1 duplicate-command'],
      check: (m) => expect(command(m, 'spin-top').summary).toBe('First.'),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.text);
      expect(r.model.commands.map((x) => x.name)).toEqual(c.commands);
      expect(only(r.diags, ...HEADING_RULES)).toEqual(c.diags);
      c.check?.(r.model);
    });
  }
});

describe('summary, description, notes, since', () => {
  it('reads the prose around the labels', () => {
    const r = parse(
      doc(
        'spin-top',
        '--------',
        'Since: 1.2',
        '',
        'Spin the top until it falls. It may take a while.',
        'Longer tops spin longer.',
        '',
        'Nobody knows why.',
        '',
        'Arguments: None.',
        '',
        'Example:',
        '',
        '-> { "execute": "spin-top" }',
        '<- { "return": {} }',
        '',
        'Notes:',
        '',
        '(1) Keep fingers clear',
        '    of the top.',
        '(2) Tops are not toys.',
        '',
        'Note: One more thing.',
      ),
    );
    const c = command(r.model, 'spin-top');
    expect(c.since).toBe('1.2');
    expect(c.summary).toBe('Spin the top until it falls.');
    expect(c.description).toBe('Spin the top until it falls. It may take a while. Longer tops spin longer.\n\nNobody knows why.');
    expect(c.notes).toEqual(['Keep fingers clear of the top.', 'Tops are not toys.', 'One more thing.']);
    expect(c.position).toMatchObject({ file: 'doc.txt', line: 1, column: 1 });
  });
});
