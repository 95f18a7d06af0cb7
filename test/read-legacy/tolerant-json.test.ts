import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  REPAIR_TAGS,
  readJsonTolerant,
  readJsonTolerantDetailed,
} from '../../generator/read/legacy/tolerant-json.js';

/** `value` absent in a row = the text must be unreadable. */
interface Row {
  name: string;
  text: string;
  value?: unknown;
  repairs?: string[];
  elided?: boolean;
}

const NBSP = '\u00a0';

const strict: Row[] = [
  { name: 'object', text: '{ "execute": "frob-widget", "arguments": { "level": 3 } }', value: { execute: 'frob-widget', arguments: { level: 3 } } },
  { name: 'array of scalars', text: '[1, -2.5e3, true, false, null, "x"]', value: [1, -2500, true, false, null, 'x'] },
  { name: 'escaped CR LF stays an escape (valid JSON)', text: '{ "return": "gadget ready\\r\\n" }', value: { return: 'gadget ready\r\n' } },
  { name: 'unicode escape', text: '{ "s": "\\u00e9t\\u00e9" }', value: { s: 'été' } },
  { name: 'top-level scalar', text: '"just text"', value: 'just text' },
  { name: 'empty containers', text: '{ "a": {}, "b": [] }', value: { a: {}, b: [] } },
];

const repaired: Row[] = [
  // commas
  { name: 'missing comma between members', text: '{ "size": 10\n  "name": "sprocket" }', value: { size: 10, name: 'sprocket' }, repairs: ['missing-comma'] },
  { name: 'missing comma between elements', text: '[ { "a": 1 } { "a": 2 } ]', value: [{ a: 1 }, { a: 2 }], repairs: ['missing-comma'] },
  { name: 'trailing comma in object', text: '{ "a": 1, "b": 2, }', value: { a: 1, b: 2 }, repairs: ['trailing-comma'] },
  { name: 'trailing comma in array', text: '{ "list": [ "x", "y", ] }', value: { list: ['x', 'y'] }, repairs: ['trailing-comma'] },
  { name: 'doubled comma', text: '{ "a": 1,, "b": 2 }', value: { a: 1, b: 2 }, repairs: ['extra-comma'] },
  { name: 'comma written for colon', text: '{ "widgets", 4, "gears", 9 }', value: { widgets: 4, gears: 9 }, repairs: ['comma-for-colon'] },
  { name: 'missing colon', text: '{ "colour" "blue" }', value: { colour: 'blue' }, repairs: ['missing-colon'] },
  // placeholders
  { name: 'ellipsis element', text: '[ 1, 2, ... ]', value: [1, 2], repairs: ['placeholder'], elided: true },
  { name: 'ellipsis member', text: '{ "a": 1, ... }', value: { a: 1 }, repairs: ['placeholder'], elided: true },
  { name: 'ellipsis as member value drops the member', text: '{ "a": ..., "b": 2 }', value: { b: 2 }, repairs: ['placeholder'], elided: true },
  { name: '{...more...} element is dropped', text: '{ "return": [ { "id": 1 }, {...more...} ] }', value: { return: [{ id: 1 }] }, repairs: ['placeholder'], elided: true },
  { name: 'bracketed phrase element is dropped', text: '[ "first", [ ... further gadgets omitted ... ] ]', value: ['first'], repairs: ['placeholder'], elided: true },
  { name: 'placeholder-only value stays an empty container', text: '{ "data": { ... } }', value: { data: {} }, repairs: ['placeholder'], elided: true },
  { name: 'etc word', text: '{ "kinds": [ "spring", "lever", etc ] }', value: { kinds: ['spring', 'lever'] }, repairs: ['placeholder'], elided: true },
  { name: 'unicode ellipsis', text: '[ 7, \u2026 ]', value: [7], repairs: ['placeholder'], elided: true },
  { name: 'placeholder and a trailing comma', text: '[ 1, {...}, ]', value: [1], repairs: ['placeholder', 'trailing-comma'], elided: true },
  { name: 'a string of dots is just a string', text: '{ "note": "..." }', value: { note: '...' } },
  // quotes and strings
  { name: 'single quotes', text: "{ 'kind': 'cog', \"n\": 'two' }", value: { kind: 'cog', n: 'two' }, repairs: ['single-quotes'] },
  { name: 'escaped quote in single-quoted string', text: "{ 'msg': 'it\\'s here' }", value: { msg: "it's here" }, repairs: ['single-quotes'] },
  { name: 'unknown escape kept', text: '{ "p": "a\\qb" }', value: { p: 'aqb' }, repairs: ['bad-escape'] },
  { name: 'string continued on the next line', text: '{ "desc": "a rather long\n           sentence" }', value: { desc: 'a rather long sentence' }, repairs: ['line-continued-string'] },
  { name: 'backslash-newline continuation', text: '{ "desc": "split \\\n    here" }', value: { desc: 'split here' }, repairs: ['line-continued-string'] },
  { name: 'raw CR LF inside a string (an expanded escape) is kept', text: '{ "return": "gadget ready\r\n" }', value: { return: 'gadget ready\r\n' }, repairs: ['literal-crlf'] },
  { name: 'raw LF right before the closing quote is kept', text: '{ "return": "gadget ready\n" }', value: { return: 'gadget ready\n' }, repairs: ['literal-crlf'] },
  { name: 'string missing its closing quote before the next member', text: '{ "a": "open\n  "b": 2 }', value: { a: 'open', b: 2 }, repairs: ['missing-comma', 'unterminated-string'] },
  { name: 'key with its closing quote after the colon', text: '{ "fmt:"raw", "n": 1 }', value: { fmt: 'raw', n: 1 }, repairs: ['missing-quote'] },
  { name: 'key without its opening quote', text: '{ "fmt": "raw", n": 1 }', value: { fmt: 'raw', n: 1 }, repairs: ['missing-quote'] },
  { name: 'key without its opening quote, space before the colon', text: '{ level" : 2 }', value: { level: 2 }, repairs: ['missing-quote'] },
  // a brace where a comma belongs, at the top level
  { name: 'object closed before its last member', text: '{ "execute": "spin" }\n  "arguments": { "rpm": 9 } }', value: { execute: 'spin', arguments: { rpm: 9 } }, repairs: ['early-close'] },
  { name: 'object closed early, then a comma', text: '{ "execute": "spin" },\n  "arguments": { "rpm": 9 } }', value: { execute: 'spin', arguments: { rpm: 9 } }, repairs: ['early-close'] },
  { name: 'object closed early, no surplus closer', text: '{ "a": 1 } "b": 2', value: { a: 1, b: 2 }, repairs: ['early-close', 'unbalanced'] },
  { name: 'text after an object that is no member stays stray', text: '{ "a": 1 } "b"', value: { a: 1 }, repairs: ['stray-text'] },
  { name: 'an array is never reopened', text: '[ 1 ] "b": 2 }', value: [1], repairs: ['stray-text', 'unbalanced'] },
  { name: 'raw tab in string', text: '{ "t": "a\tb" }', value: { t: 'a\tb' }, repairs: ['control-char'] },
  { name: 'unquoted key', text: '{ speed: 5 }', value: { speed: 5 }, repairs: ['unquoted-key'] },
  { name: 'bare word value', text: '{ "mode": fast }', value: { mode: 'fast' }, repairs: ['bare-word'] },
  // spaces and comments
  { name: 'no-break space between tokens', text: `{ "a": 1 }${NBSP}`, value: { a: 1 }, repairs: ['nbsp'] },
  { name: 'no-break space inside a string is content', text: `{ "a": "x${NBSP}y", "b":${NBSP}1 }`, value: { a: `x${NBSP}y`, b: 1 }, repairs: ['nbsp'] },
  { name: 'line comment', text: '{ "a": 1, // the answer\n "b": 2 }', value: { a: 1, b: 2 }, repairs: ['comment'] },
  { name: 'block comment', text: '{ /* hidden */ "a": 1 }', value: { a: 1 }, repairs: ['comment'] },
  { name: 'hash comment', text: '{ "a": 1 # shell style\n }', value: { a: 1 }, repairs: ['comment'] },
  { name: 'hash inside a string is content', text: '{ "node": "#n12" }', value: { node: '#n12' } },
  // brackets
  { name: 'unclosed at the end', text: '{ "return": { "sizes": [ 1, 2 ]', value: { return: { sizes: [1, 2] } }, repairs: ['unbalanced'] },
  { name: 'extra closer at the end', text: '{ "a": [ 1 ] } }', value: { a: [1] }, repairs: ['unbalanced'] },
  { name: "'}' where ']' is missing", text: '{ "items": [ { "k": 1 } } }', value: { items: [{ k: 1 }] }, repairs: ['unbalanced'] },
  { name: "']' where '}' is missing", text: '[ { "k": 1 ]', value: [{ k: 1 }], repairs: ['unbalanced'] },
  { name: 'stray text after the value', text: '{ "ok": true }]}\'', value: { ok: true }, repairs: ['stray-text', 'unbalanced'] },
  { name: 'lone apostrophe after the value', text: "{ \"ok\": true }'", value: { ok: true }, repairs: ['stray-text'] },
  { name: 'object where a member name belongs', text: '{ "arguments": { { "id": "w1", "on": true } } }', value: { arguments: { id: 'w1', on: true } }, repairs: ['extra-brace'] },
  { name: 'name without value', text: '{ "a": , "b": 1 }', value: { b: 1 }, repairs: ['missing-value'] },
  { name: 'stray character inside', text: '{ "a": 1, = "b": 2 }', value: { a: 1, b: 2 }, repairs: ['stray-text'] },
  // numbers
  { name: 'loose numbers', text: '[ +4, 007, 0x1F, .5 ]', value: [4, 7, 31, 0.5], repairs: ['number-format'] },
  { name: 'negative numbers are fine', text: '{ "addr": -1 }', value: { addr: -1 } },
  // several at once
  {
    name: 'several repairs, sorted and unique',
    text: "{ 'a': 1\n 'b': [ 2, 3, ],\n \"c\": { ... } ",
    value: { a: 1, b: [2, 3], c: {} },
    repairs: ['missing-comma', 'placeholder', 'single-quotes', 'trailing-comma', 'unbalanced'],
    elided: true,
  },
];

const unreadableRows: Row[] = [
  { name: 'empty', text: '' },
  { name: 'only whitespace', text: '  \n ' },
  { name: 'prose', text: 'the widget answers politely' },
  { name: 'only a placeholder', text: '...', repairs: ['placeholder'], elided: true },
  { name: 'stray punctuation', text: '= nothing here' },
];

describe('readJsonTolerant', () => {
  it.each(strict)('strict JSON: $name', ({ text, value }) => {
    expect(readJsonTolerant(text)).toEqual({ value, repairs: [], elided: false });
  });

  it.each(repaired)('tolerates: $name', ({ text, value, repairs = [], elided = false }) => {
    const r = readJsonTolerant(text);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual(value);
    expect(r.repairs).toEqual(repairs);
    expect(r.elided).toBe(elided);
  });

  it.each(unreadableRows)('unreadable: $name', ({ text, repairs = [], elided = false }) => {
    const r = readJsonTolerant(text);
    expect(r.value).toBeUndefined();
    expect(r.error?.message).toMatch(/\S/);
    expect(r.repairs).toEqual(repairs);
    expect(r.elided).toBe(elided);
  });

  it('reports where an unreadable text fails', () => {
    expect(readJsonTolerant('  hello there').error?.offset).toBe(2);
    expect(readJsonTolerant('').error?.offset).toBe(0);
  });

  it('returns exactly the documented fields', () => {
    expect(Object.keys(readJsonTolerant('{ "a": 1 "b": 2 }')).sort()).toEqual(['elided', 'repairs', 'value']);
    expect(Object.keys(readJsonTolerant('nope')).sort()).toEqual(['elided', 'error', 'repairs']);
  });

  it('uses only catalogued repair tags', () => {
    const all = [...strict, ...repaired, ...unreadableRows].flatMap((r) => readJsonTolerant(r.text).repairs);
    for (const tag of all) expect(Object.keys(REPAIR_TAGS)).toContain(tag);
  });

  it('keeps __proto__ as an own data property (no prototype pollution)', () => {
    const r = readJsonTolerant("{ '__proto__': { 'polluted': true } }");
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} instead of overflowing`, () => {
    for (const text of ['['.repeat(5000), '{"a":'.repeat(5000), `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`]) {
      const r = readJsonTolerant(text);
      expect(r.value).toBeUndefined();
      expect(r.error?.message).toMatch(/nesting deeper/);
    }
    const ok = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
    expect(readJsonTolerant(ok).value).toBeDefined();
    expect(readJsonTolerant(`${ok.slice(0, -1)},`).value).toBeDefined(); // slow path, same limit
  });
});

describe('readJsonTolerantDetailed: where each repair was made', () => {
  const rows: { text: string; notes: string[] }[] = [
    { text: '{ "a": 1\n  "b": 2 }', notes: ['missing-comma@11'] },
    { text: '[ 1, 2, ]', notes: ['trailing-comma@6'] },
    { text: "{ 'k': 1 }", notes: ['single-quotes@2'] },
    { text: '{ "x": [ 1 }', notes: ['unbalanced@11'] },
    { text: '{ "x": 1 ', notes: ['unbalanced@9'] },
    { text: '[ 0, {...more...} ]', notes: ['placeholder@6'] },
  ];
  it.each(rows)('$text', ({ text, notes }) => {
    expect(readJsonTolerantDetailed(text).notes.map((n) => `${n.tag}@${n.offset}`)).toEqual(notes);
  });
});

describe('readJsonTolerant never throws and never hangs', () => {
  const sample = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, 1));
  /** Edits that mimic hand-written mistakes, applied at random places. */
  const junk = fc.constantFrom(',', ':', '{', '}', '[', ']', '"', "'", '...', '\n', NBSP, '\\', '//', '/*', '#', 'etc', 'x', '0', '-', '\u2026', '\r');
  const mutated = fc
    .tuple(sample, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), junk), { maxLength: 8 }))
    .map(([text, edits]) => {
      let t = text;
      for (const [at, del, ins] of edits) {
        const i = t.length === 0 ? 0 : at % (t.length + 1);
        t = t.slice(0, i) + ins + t.slice(i + del);
      }
      return t;
    });

  const check = (text: string) => {
    const r = readJsonTolerant(text);
    expect(Array.isArray(r.repairs)).toBe(true);
    expect([...r.repairs].sort()).toEqual([...new Set(r.repairs)].sort());
    expect(r.repairs).toEqual([...r.repairs].sort());
    expect(typeof r.elided).toBe('boolean');
    if (r.value === undefined) {
      expect(r.error).toBeDefined();
      expect(r.error!.offset).toBeGreaterThanOrEqual(0);
      expect(r.error!.offset).toBeLessThanOrEqual(text.length);
    } else expect(r.error).toBeUndefined();
  };

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 2000 });
  });

  it('on strings made of JSON punctuation', () => {
    fc.assert(fc.property(fc.array(junk, { maxLength: 200 }).map((a) => a.join('')), check), { numRuns: 2000 });
  });

  it('on mutations of valid JSON', () => {
    fc.assert(fc.property(mutated, check), { numRuns: 2000 });
  });

  it('reads valid JSON exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(sample, (text) => {
        expect(readJsonTolerant(text)).toEqual({ value: JSON.parse(text), repairs: [], elided: false });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on the slow path too (valid JSON plus a comment)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const r = readJsonTolerant(`// c\n${JSON.stringify(v)}`);
        expect(r.value).toEqual(JSON.parse(JSON.stringify(v)));
        expect(r.repairs).toEqual(['comment']);
      }),
      { numRuns: 500 },
    );
  });

  it('handles large pathological inputs in one pass', () => {
    // Each of these would be quadratic with naive backtracking or re-scanning.
    const inputs = [
      '"'.repeat(200_000),
      "'\n".repeat(100_000),
      '{'.repeat(999) + '"a" '.repeat(50_000),
      `[${'1 '.repeat(100_000)}`,
      `{${'"k":'.repeat(100_000)}`,
      '.'.repeat(200_000),
      `[${'... more '.repeat(50_000)}]`,
      '}'.repeat(200_000),
      `{"a": "${'word  \n   '.repeat(50_000)}"}`,
      `{"a": "${'word\n'.repeat(50_000)}`,
      `{${'"k:"v" '.repeat(50_000)}}`,
      '/*'.repeat(100_000),
    ];
    for (const text of inputs) check(text);
  });
});
