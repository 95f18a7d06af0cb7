/**
 * `defsPointer` returns a key whose every character a URI fragment holds as it is without
 * encoding it character by character (the shortcut); `percentEncoded` is the general path, and
 * the two must give the same pointer for every key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defsPointer, percentEncoded } from '../../generator/emit/schema/types.js';

/** The pointer by the general path: JSON Pointer escaping, then every character looked at. */
const reference = (key: string) => `#/$defs/${percentEncoded(key.replace(/~/g, '~0').replace(/\//g, '~1'))}`;

describe('defsPointer', () => {
  it.each([
    ['a plain name', 'BlockdevOptions', '#/$defs/BlockdevOptions'],
    ['message keys', 'response:query-block', '#/$defs/response:query-block'],
    ['every kept punctuation mark', "-._~!$&'()*+,;=:@/?", "#/$defs/-._~0!$&'()*+,;=:@~1?"],
    ['a space and a percent sign', 'a b%', '#/$defs/a%20b%25'],
    ['a non-ASCII letter', 'é', '#/$defs/%C3%A9'],
    ['an astral character', '\u{1F600}', '#/$defs/%F0%9F%98%80'],
    ['a lone surrogate', '\ud800x', '#/$defs/%EF%BF%BDx'],
    ['the empty key', '', '#/$defs/'],
  ])('%s', (_, key, pointer) => {
    expect(defsPointer(key)).toBe(pointer);
    expect(reference(key)).toBe(pointer);
  });

  it('is the general path on any key', () => {
    const safe = fc.constantFrom(...'Az09-._~!$&\'()*+,;=:@/?'.split(''));
    const any = fc.oneof(safe, fc.string({ unit: 'grapheme', maxLength: 1 }), fc.constantFrom(' ', '%', '#', '"', '\\', '\ud800'));
    fc.assert(
      fc.property(fc.oneof(fc.array(safe).map((a) => a.join('')), fc.array(any).map((a) => a.join('')), fc.string({ unit: 'binary' })), (key) => {
        expect(defsPointer(key)).toBe(reference(key));
      }),
      { numRuns: 300 },
    );
  });
});
