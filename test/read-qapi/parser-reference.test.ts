/**
 * The QAPI schema parser's tokenizer, rewritten for speed, held to the previous parser
 * (parser-reference.ts): the same expressions, values, positions, doc blocks and diagnostics
 * (in order) on every schema file of every QAPI release of the corpus, on schema-like noise
 * and on arbitrary text. Where the previous parser threw (a space other than ' ', tab, form
 * feed or vertical tab outside strings and comments: a no-break space, U+2028), the new one
 * reports the character as unexpected text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { parseSchemaText } from '../../generator/read/qapi/parser.js';
import { parseSchemaText as referenceParse } from './parser-reference.js';
import { qapiReleases, requireQapiCorpus } from './helpers.js';

function run(parse: typeof parseSchemaText, text: string) {
  const file = new VFile({ path: 's.json', value: text });
  const result = parse(text, 's.json', reporterFor(file));
  return { result, diags: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`) };
}

function same(text: string): void {
  let expected: ReturnType<typeof run>;
  try {
    expected = run(referenceParse as unknown as typeof parseSchemaText, text);
  } catch {
    // the previous parser's one crash: now reported as unexpected text
    const got = run(parseSchemaText, text);
    expect(got.diags.some((d) => / qapi-syntax Unexpected text /.test(d))).toBe(true);
    return;
  }
  const got = run(parseSchemaText, text);
  expect(got.diags).toEqual(expected.diags);
  expect(got.result).toEqual(expected.result);
}

const pieces = [
  '{', '}', '[', ']', ':', ',', "'", "'command'", "'struct'", "'data'", "'x'", "'*y'", "'it\\'s'", "'a\\\\'", '\\', 'true', 'false', 'yes', 'no-op', '-', 'x_1', '12',
  '\n', '\r\n', '\r', ' ', '\t', '\f', '\v', '\u00a0', '\u2028', '# c\n', '##\n', '## \n', '# @x: text  \n', '#  two spaces\u3000\n', '#\ttab\n', '  ##\n', '# a\u2028b\n', '#\u2029\n', '##\u2028\n', '@', '"', 'é',
];

describe('tokenizer = the previous one', () => {
  it.each([
    ['a no-break space between tokens', "{ 'command': 'x',\u00a0'data': {} }\n{ 'command': 'y' }"],
    ['U+2028 between tokens', "{ 'command': 'x'\u2028}"],
    ['a backslash at the end of a line, in a string', "{ 'command': 'x\\\n}"],
    ['escapes', "{ 'command': 'a\\'b\\\\c\\d' }"],
    ['doc comments with trailing spaces of all kinds', "##\n# @x: text \u00a0\u2003\t\n#\n##\n{ 'command': 'x' }"],
    ['a doc line holding U+2028 or U+2029 (it ends the block)', "##\n# @x: a\u2028b\n# more\n##\n{ 'command': 'x' }\n##\n#\u2029\n##\n{ 'command': 'y' }"],
    ['CR and CRLF line ends', "##\r\n# @x: text\r#\n##\r\n{ 'command': 'x',\r 'data': {} }\r\n"],
  ])('%s', (_what, text) => same(text));

  it('on schema-like noise', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 120 }), (parts) => same(parts.join(''))), { numRuns: 1000 });
  });

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => same(text)), { numRuns: 500 });
  });
});

describe.skipIf(!requireQapiCorpus())('on every schema file of the corpus', () => {
  it.each(qapiReleases().map((r) => [r.version, r] as const))('%s', (_v, r) => {
    const files = readdirSync(r.dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => path.join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) same(readFileSync(f, 'utf8'));
  });
});

describe('trimEnd = .replace(/\\s+$/, "") (the doc lines\' trailing space)', () => {
  it('for every UTF-16 code unit', () => {
    for (let u = 0; u <= 0xffff; u++) {
      const text = `a${String.fromCharCode(u)}`;
      expect(text.trimEnd(), u.toString(16)).toBe(text.replace(/\s+$/, ''));
    }
  });
});
