/**
 * The position-aware JSON reader of the introspection reader: values as JSON.parse gives
 * them, the line:col of every object and array, and errors at their line:col.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonWithPlaces } from '../../generator/read/introspection/json.js';

describe('readJsonWithPlaces', () => {
  it.each([
    ['[]'],
    ['{}'],
    ['[1, -2.5e3, "x\\u00e9\\n", true, false, null]'],
    ['{"a": {"b": [[], {}]}, "c": "\\"q\\""}'],
    ['  [ { "name" : "x" } ]  \n'],
  ])('reads %j as JSON.parse does', (text) => {
    const r = readJsonWithPlaces(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(JSON.parse(text));
  });

  it('records where each object and array starts (1-based line:col)', () => {
    const text = '[\n  {"name": "a"},\n    {"name": "b", "m": [\n {}]}\n]';
    const r = readJsonWithPlaces(text);
    if (!r.ok) throw new Error(r.message);
    const arr = r.value as Array<{ name: string; m?: object[] }>;
    expect(r.places.get(arr)).toEqual({ line: 1, column: 1 });
    expect(r.places.get(arr[0]!)).toEqual({ line: 2, column: 3 });
    expect(r.places.get(arr[1]!)).toEqual({ line: 3, column: 5 });
    expect(r.places.get(arr[1]!.m!)).toEqual({ line: 3, column: 24 });
    expect(r.places.get(arr[1]!.m![0]!)).toEqual({ line: 4, column: 2 });
  });

  it('keeps "__proto__" as a plain member', () => {
    const r = readJsonWithPlaces('{"__proto__": {"x": 1}}');
    if (!r.ok) throw new Error(r.message);
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it.each([
    ['', 1, 1, 'expected a JSON value'],
    ['[1,]', 1, 4, 'expected a JSON value'],
    ['[1 2]', 1, 4, 'expected "," or "]"'],
    ['{"a" 1}', 1, 6, 'expected ":"'],
    ['{a: 1}', 1, 2, 'expected a member name'],
    ['[\n  "abc', 2, 3, 'unterminated string'],
    ['["\\q"]', 1, 3, 'bad escape'],
    ['[1] x', 1, 5, 'text after the JSON value'],
    ['\n\n  [01]', 3, 5, 'expected "," or "]"'],
    ['"a\tb"', 1, 3, 'control character'],
  ])('%j → error at %i:%i', (text, line, column, message) => {
    const r = readJsonWithPlaces(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.place).toEqual({ line, column });
      expect(r.message).toContain(message);
    }
  });

  it('refuses nesting deeper than its limit instead of overflowing the stack', () => {
    const r = readJsonWithPlaces('['.repeat(100_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('nested deeper');
  });

  it('agrees with JSON.parse on any JSON value, and on any text whether it is JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = readJsonWithPlaces(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', ',', ':', '1', 'e', '-', ' ', '\\', 'n', 'u', 'l', 'a') }), (text) => {
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        expect(readJsonWithPlaces(text).ok).toBe(parsed);
      }),
      { numRuns: 2000 },
    );
  });
});
