import { describe, expect, it } from 'vitest';
import { splitBody } from '../../generator/read/legacy/body.js';
import type { DocText } from '../../generator/read/legacy/source.js';

function regions(role: DocText['role'], ...lines: string[]): string[] {
  const doc: DocText = { path: 'x', format: 'txt', role, lines: lines.map((text, i) => ({ text, line: i + 1 })) };
  return splitBody(doc, 0, lines.length).map((r) => `${r.kind}${r.inline ? `(${r.inline})` : ''}:${r.lines.map((i) => i + 1).join(',')}`);
}

describe('entry body regions', () => {
  const cases: { name: string; role?: DocText['role']; lines: string[]; want: string[] }[] = [
    {
      name: 'labels in the usual order',
      lines: ['Since 2.1', '', 'Spin it.', '', 'Arguments:', '', '- "a": x (json-int)', '', 'Example:', '', '-> { "execute": "x" }', '', 'Notes:', '', '(1) careful'],
      want: ['since(2.1):', 'free:3', 'arguments:7', 'example:11', 'notes:15'],
    },
    {
      name: 'a member list runs on through blank lines while indented; prose after it is free text',
      lines: ['Arguments:', '- "a": first line', '', '      more about a', '- "b": y (json-int)', '', 'The default of a is small.'],
      want: ['arguments:2,3,4,5', 'free:7'],
    },
    {
      name: 'inline None. and Nothing on success',
      lines: ['Arguments: None.', '', 'Returns: Nothing on success', '         or an error'],
      want: ['arguments(None.):', 'returns(Nothing on success):4'],
    },
    {
      name: 'an arrow starts an example without a label; a single Note ends at its paragraph',
      lines: ['Spin it.', '-> { "execute": "x" }', '<- { "return": {} }', '', 'Note: one thing', 'more of it', '', 'Afterword.'],
      want: ['free:1', 'example:2,3', 'notes:5,6', 'free:8'],
    },
    {
      name: 'event JSON starts an example in an events document',
      role: 'events',
      lines: ['Data: None.', '', '{ "event": "X" }'],
      want: ['data(None.):', 'example:3'],
    },
    {
      name: 'Data: None. followed by indented members keeps them',
      role: 'events',
      lines: ['Data: None.', '', '  - "a": x (json-int)'],
      want: ['data(None.):3'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(regions(c.role ?? 'commands', ...c.lines)).toEqual(c.want));
});
