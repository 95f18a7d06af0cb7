import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../generator/diagnostics/rules.js';
import { parse } from './helpers.js';

/** Line fragments in the shape of the docs (invented wording), recombined at random. */
const FRAGMENTS = [
  'spin-top',
  'WIDGET_SPUN',
  '--------',
  '====',
  '2. Query Commands',
  '',
  '',
  'Arguments:',
  'Arguments: None.',
  'Data: None.',
  'Data:',
  'Example:',
  'Examples:',
  'Notes:',
  'Note: mind the gap.',
  'Returns: Nothing on success',
  'Return a json-object with the following information:',
  'Each json-object contains the following:',
  '- "speed": how fast (json-int, optional)',
  '- speed: how fast',
  '      (json-string)',
  '   - "inner": nested (json-bool)',
  '         - Possible values: "a", "b"',
  '    "idle" - doing nothing',
  '- device properties',
  'parts array:',
  '- "mode": [ a | b ] (json-string)',
  '-> { "execute": "spin-top", "arguments": { "speed": 1 } }',
  '<- { "return": [ { "rpm": 1 } ] }',
  '<- { "return": 5 }',
  '{ "event": "WIDGET_SPUN", "data": { "speed": 1 } }',
  '{ "broken": [',
  'SQMP',
  'EQMP',
  'HXCOMM note',
  'Since 1.0',
  '@query-top',
  'Show the top',
  '(1) first',
  '\t- "tabbed": x (json-int)',
];

describe('robustness', () => {
  it('never throws, and every diagnostic has a position and a catalogued rule', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), fc.constantFrom('doc.txt', 'doc.hx'), (lines, path) => {
        const r = parse(lines.join('\n'), { path });
        for (const d of r.diags) {
          const [pos, rule] = d.split(' ');
          expect(pos).toMatch(/^\d+:\d+$/);
          expect(Object.hasOwn(RULES, rule!)).toBe(true);
        }
        const names = r.model.commands.map((c) => c.name);
        expect(new Set(names).size).toBe(names.length);
        expect([...names].sort()).toEqual(names);
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(() => parse(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
