/**
 * The format stage prints JSON itself (generator/format/json.ts) instead of asking prettier;
 * that is only sound while the two agree byte for byte. Compared here on hand-picked edge
 * cases of prettier's layout (widths at the limit, number fill, forced breaks), on every JSON
 * file emitted for docs-input/, and on random values; and the fallback to prettier is checked
 * for inputs the fast path does not claim.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { printJsonLikePrettier, printStringifiedLikePrettier, printValue, relayout } from '../../generator/format/json.js';
import { formatText } from '../../generator/format/prettier.js';
import { ROOT } from '../typescript/helpers.js';

const OPTIONS = { parser: 'json', printWidth: 100, singleQuote: true, trailingComma: 'all', proseWrap: 'preserve' } as const;
const viaPrettier = (text: string) => prettier.format(text, OPTIONS);
const stringify = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

const pad = (n: number) => 'x'.repeat(n);

describe('printJsonLikePrettier = prettier', () => {
  it.each([
    ['empty containers', { a: {}, b: [], c: [{}], d: [[]] }],
    // the array with its key, indentation and trailing comma just fits / just does not
    ['array at the width, with comma', { k: [pad(86)], z: 1 }],
    ['array over the width, with comma', { k: [pad(87)], z: 1 }],
    ['array at the width, last member', { k: [pad(87)] }],
    ['array over the width, last member', { k: [pad(88)] }],
    ['numbers fill their lines', { n: Array.from({ length: 60 }, (_, i) => i * 997 - 3000) }],
    ['numbers that fit on one line', { n: [1, -2, 3.5, 1e21, 0] }],
    ['mixed array breaks one per line', { m: [1, 'two', null, true, [3, 4], pad(90)] }],
    ['two objects with two keys each: forced break', [{ a: 1, b: 2 }, { c: 3, d: 4 }]],
    ['two arrays with two elements each: forced break', [[1, 2], [3, 4]]],
    ['arrays of one element: no forced break', [[1], [2]]],
    ['nested arrays inside a broken array', { deep: [[pad(40), pad(40)], [pad(50), pad(50)], ['s']] }],
    ['numbers in nested arrays fill at their own indent', { a: [[Array.from({ length: 40 }, (_, i) => i)]] }],
    ['escapes', { 'quote"key': 'tab\there\u0001 "q" \\ \u2028'.replace(/\u2028/, '') }],
    ['top-level scalar', 'just a string'],
    ['top-level array of numbers', Array.from({ length: 45 }, (_, i) => i * 1000)],
  ])('%s', async (_what, value) => {
    const text = stringify(value);
    const ours = printJsonLikePrettier(text);
    expect(ours).toBeDefined();
    expect(ours).toBe(await viaPrettier(text));
  });

  it('on every JSON file generated/ holds (schemas, the bundle, model.json, package.json)', async () => {
    const dir = path.join(ROOT, 'generated');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json') && e.name !== '.qmp-codegen-manifest.json')
      .map((e) => path.join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const committed = readFileSync(file, 'utf8');
      // what the emitter hands to the format stage, and what prettier made of it
      const raw = stringify(JSON.parse(committed));
      expect(printJsonLikePrettier(raw), file).toBe(committed);
    }
  });

  it('on random JSON values', async () => {
    const key = fc.oneof(fc.constantFrom('a', 'type', 'description', 'properties', '$ref'), fc.string({ maxLength: 30 }));
    const scalar = fc.oneof(
      fc.integer({ min: -1e6, max: 1e9 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 60 }),
      fc.string({ minLength: 60, maxLength: 110 }),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
      array: fc.oneof(fc.array(tie('tree'), { maxLength: 8 }), fc.array(fc.integer({ min: -99999, max: 99999 }), { maxLength: 50 })),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 6 }),
    }));
    await fc.assert(
      fc.asyncProperty(tree, async (value) => {
        const text = stringify(value);
        const ours = printJsonLikePrettier(text);
        if (ours === undefined) return; // not claimed (non-ASCII): prettier formats it
        expect(ours).toBe(await viaPrettier(text));
      }),
      { numRuns: Number(process.env.QMP_FUZZ_RUNS ?? 300) },
    );
  }, 900_000);
});

describe('what the fast path leaves to prettier', () => {
  it.each([
    ['not what JSON.stringify writes (one-line object)', '{"a": 1}\n'],
    ['non-ASCII text (prettier measures wide characters as two columns)', stringify({ k: ['全角の文字'.repeat(9)] })],
    ['a number JSON.stringify would write differently', '{\n  "a": 1.0\n}\n'],
    ['not JSON', '{ a: 1 }\n'],
  ])('%s', async (_what, text) => {
    expect(printJsonLikePrettier(text)).toBeUndefined();
    // and the format stage still gives prettier's result for it
    if (!text.startsWith('{ a')) expect(await formatText('x.json', text)).toBe(await viaPrettier(text));
  });
});

describe('relayout (from the text) = printValue (from the value)', () => {
  it.each([
    ['fits with its key', { k: ['a', 'b'], z: [1, 2] }],
    ['at the width, with comma', { k: [pad(86)], z: 1 }],
    ['over the width, with comma', { k: [pad(87)], z: 1 }],
    ['numbers fill', { n: Array.from({ length: 70 }, (_, i) => i * 313 - 900) }],
    ['strings that do not fit stay one per line', { s: [pad(50), pad(50)] }],
    ['arrays of objects holding arrays', { o: [{ a: [1, 2], b: { c: ['x'] } }, { d: [pad(99)] }] }],
    ['top-level array', ['a', 1, null, true]],

    ['an array of arrays', { a: [[1], [2]] }],
    // arrays of arrays at the width: in the last member, and with the comma after them
    ['an array of arrays at the width', { k: [[pad(87)]] }],
    ['an array of arrays over the width', { k: [[pad(88)]] }],
    ['an array of arrays at the width, with comma', { k: [[pad(86)]], z: 1 }],
    ['an array of arrays over the width, with comma', { k: [[pad(87)]], z: 1 }],
    ['arrays of arrays that break', { a: [[pad(60), pad(60)], [1, 2]], b: [[1, 2], [3, 4]] }],
    ['an empty object in an array', { a: [{}, 1] }],
    ['an empty array in an array, at the top', [[], 'x']],
    ['nested arrays inside objects inside arrays', [{ a: [[1, [2, []]]], b: 1 }, 'x']],
  ])('%s', (_what, value) => {
    const text = stringify(value);
    const fast = relayout(text);
    expect(fast).toBeDefined();
    expect(fast).toBe(printValue(value as never));
  });

  it('leaves a document with a number written with an exponent to printValue', () => {
    expect(relayout(stringify({ a: [1e21] }))).toBeUndefined();
    expect(relayout(stringify({ a: 'sha 1e5', b: '1e5' }))).toBeDefined();
  });

  it('on random values: the same text whenever it claims one', () => {
    const scalar = fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 40 }), fc.string({ minLength: 60, maxLength: 110 }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
      array: fc.oneof(fc.array(scalar, { maxLength: 12 }), fc.array(tie('tree'), { maxLength: 5 }), fc.array(fc.integer({ min: -99999, max: 99999 }), { maxLength: 60 })),
      object: fc.dictionary(fc.string({ maxLength: 20 }), tie('tree'), { maxKeys: 6 }),
    }));
    let claimed = 0;
    fc.assert(
      fc.property(tree, (value) => {
        const fast = relayout(stringify(value));
        if (fast === undefined) return;
        claimed++;
        expect(fast).toBe(printValue(value as never));
      }),
      { numRuns: 2000 },
    );
    expect(claimed).toBe(2000); // no exponents among the generated numbers
  });

  it('claims every JSON file in generated/', () => {
    const dir = path.join(ROOT, 'generated');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json') && e.name !== '.qmp-codegen-manifest.json')
      .map((e) => path.join(e.parentPath, e.name));
    const texts = files.map((f) => stringify(JSON.parse(readFileSync(f, 'utf8'))));
    const claimed = texts.filter((t) => relayout(t) !== undefined);
    expect(claimed.length).toBe(files.length);
    for (const t of claimed) expect(relayout(t)).toBe(printValue(JSON.parse(t)));
  });
});

describe('printStringifiedLikePrettier (a text known to be JSON.stringify\'s) = printJsonLikePrettier', () => {
  it.each([
    ['non-ASCII: left to prettier', { k: ['全角の文字'.repeat(9)] }],
    ['a number with an exponent: printed from the value', { a: [1e21], b: 2e-7 }],
    ['an array of arrays', { a: [[1], [2]], b: [{}, []] }],
    ['nothing to relayout', { a: { b: 'c' } }],
    ['a top-level scalar', 12],
  ])('%s', (_what, value) => {
    const text = stringify(value);
    expect(printStringifiedLikePrettier(text)).toBe(printJsonLikePrettier(text));
    expect(printStringifiedLikePrettier(text, value as never)).toBe(printJsonLikePrettier(text));
  });

  it('on random values', () => {
    const scalar = fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 40, unit: 'binary' }), fc.string({ minLength: 60, maxLength: 110 }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
      array: fc.oneof(fc.array(scalar, { maxLength: 12 }), fc.array(tie('tree'), { maxLength: 5 }), fc.array(fc.integer({ min: -99999, max: 99999 }), { maxLength: 60 })),
      object: fc.dictionary(fc.string({ maxLength: 20 }), tie('tree'), { maxKeys: 6 }),
    }));
    fc.assert(
      fc.property(tree, (value) => {
        const text = stringify(value);
        expect(printStringifiedLikePrettier(text)).toBe(printJsonLikePrettier(text));
      }),
      { numRuns: Number(process.env.QMP_FUZZ_RUNS ?? 300) },
    );
  });
});
