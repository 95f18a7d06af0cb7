/** Whatever the text, the QAPI reader returns a part and positioned diagnostics; it never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readText } from './unit.js';

const pieces = [
  '{', '}', '[', ']', ':', ',', "'", "'command'", "'struct'", "'union'", "'data'", "'base'", "'discriminator'", "'if'", "'features'",
  "'boxed'", 'true', 'false', "'x'", "'*y'", "'str'", "'Foo'", '\n', ' ', '\t', '# c\n', '##\n', '# @x:\n', "{ 'all': [", "'defined(A)'", '@', '"',
];

describe('QAPI reader robustness', () => {
  it('never throws and positions every diagnostic, on schema-like noise', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (parts) => {
        const { part, diags } = readText(parts.join(''));
        expect(Array.isArray(part.commands)).toBe(true);
        for (const d of diags) expect(d).toMatch(/^s\.json:[1-9]\d*:[1-9]\d* (qapi-|example-)/);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => readText(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
