import { describe, expect, it } from 'vitest';
import { printType, propertyName, stringLiteral, T, valueText } from '../../generator/emit/typescript/print.js';

describe('printing through the TypeScript printer', () => {
  it.each([
    ['cpu-index', '"cpu-index"'],
    ['device', 'device'],
    ["it's", '"it\'s"'],
    ['a"b', '"a\\"b"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['sep\u2028arator', '"sep\\u2028arator"'],
    ['*/', '"*/"'],
  ])('property key %j → %s', (name, printed) => {
    expect(propertyName(name)).toBe(printed);
  });

  it('single-quoted literals for README code', () => {
    expect(stringLiteral("a'b", true)).toBe("'a\\'b'");
  });

  it.each([
    [{ device: 'w0', 'cpu-index': 1 }, "{ device: 'w0', 'cpu-index': 1 }"],
    [{ n: -3, z: 0, f: 1.5, b: false, nul: null }, '{ n: -3, z: 0, f: 1.5, b: false, nul: null }'],
    [[1, [2, 'x']], "[1, [2, 'x']]"],
    [{}, '{}'],
    ['tab\there', "'tab\\there'"],
  ])('value %j → %s', (value, printed) => {
    expect(valueText(value)).toBe(printed);
  });

  it('breaks long values over lines with 2-space indentation', () => {
    const text = valueText({ alpha: 'a'.repeat(40), beta: ['b'.repeat(40)] }, 40);
    expect(text.split('\n')).toEqual(['{', `  alpha: '${'a'.repeat(40)}',`, '  beta: [', `    '${'b'.repeat(40)}'`, '  ]', '}']);
  });

  it.each([
    [T.array(T.union([T.literal('a'), T.literal('b')])), '("a" | "b")[]'],
    [T.union([T.string(), T.string(), T.union([T.number(), T.string()])]), 'string | number'],
    [T.union([]), 'never'],
    [T.ref('Record', [T.string(), T.never()]), 'Record<string, never>'],
  ])('type %#', (node, printed) => {
    expect(printType(node)).toBe(printed);
  });

  it('refuses a type name that is not an identifier (names come from names.ts)', () => {
    expect(() => T.ref('not an identifier')).toThrow(/not an identifier/);
  });
});
