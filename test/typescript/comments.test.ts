import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentText, fenceFor, lineCommentText } from '../../generator/emit/typescript/comments.js';

describe('commentText (block comment bodies)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['ends */ here', 'ends *\\/ here'],
    ['opens /* here', 'opens /\\* here'],
    ['/*/ */ **/', '/\\*\\/ *\\/ **\\/'],
    ['a\r\nb\rc\u2028d\u2029e\u0085f', 'a\nb\nc\nd\ne\nf'],
    ['@param x at line start', '\\@param x at line start'],
    ['use @device instead', 'use \\@device instead'],
    ['first\n  @returns injected', 'first\n  \\@returns injected'],
    ['mail me at a@b.example', 'mail me at a@b.example'],
    ['{@link evil}', '{@link evil}'],
    ['bell\u0007 nul\u0000 esc\u001b', 'bell\uFFFD nul\uFFFD esc\uFFFD'],
    ['rtl \u202Ehidden\u202C text \u2066x\u2069', 'rtl \uFFFDhidden\uFFFD text \uFFFDx\uFFFD'],
    ['trailing   \nspace\t', 'trailing\nspace'],
    ['`code` and ${x}', '`code` and ${x}'],
  ])('%j → %j', (input, expected) => {
    expect(commentText(input)).toBe(expected);
  });

  it('never leaves a comment terminator, whatever the input', () => {
    const pieces = ['*', '/', '*/', '/*', '\n', '\u2028', '@', ' ', 'x', '\\'];
    // every string of up to 4 pieces
    const all: string[] = [''];
    for (let n = 0; n < 4; n++) for (const s of [...all]) for (const p of pieces) all.push(s + p);
    for (const s of all) {
      const out = commentText(s);
      expect(out).not.toContain('*/');
      expect(out).not.toMatch(/[\u2028\u2029\r]/);
      // JSDoc would read a tag at line start or after whitespace
      expect(out).not.toMatch(/(^|\s)@/m);
    }
  });
});

describe('commentText leaves a text with nothing to change as it is', () => {
  /** commentText without that shortcut: every replacement made. */
  const replaced = (text: string): string =>
    text
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\n')
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u0084\u0086-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '\uFFFD')
      .replace(/\*\//g, '*\\/')
      .replace(/\/\*/g, '/\\*')
      .replace(/(^|\s)@/gm, '$1\\@')
      .split('\n')
      .map((l) => l.replace(/[ \t]+$/, ''))
      .join('\n');

  it('on random texts of the characters that matter', () => {
    const char = fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', '*', '/', '@', '\u0085', '\u2028', '\u2029', '\u0000', '\u001b', '\u007f', '\u200e', '\u202e', '\u2066', '\ufeff', '\u00a0', '\u3000', 'é');
    let unchanged = 0;
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }).map((cs) => cs.join('')), (text) => {
        const expected = replaced(text);
        if (expected === text) unchanged++;
        expect(commentText(text)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    expect(unchanged).toBeGreaterThan(20);
  });

  it('on every string of up to 3 of those characters', () => {
    const chars = ['a', ' ', '\t', '\n', '\r', '*', '/', '@', '\u2028', '\u0085', '\u0007', '\u00a0'];
    const all: string[] = [''];
    for (let n = 0; n < 3; n++) for (const s of [...all]) for (const c of chars) all.push(s + c);
    for (const s of all) expect(commentText(s), JSON.stringify(s)).toBe(replaced(s));
  });
});

describe('lineCommentText', () => {
  it.each([
    ['one line', 'one line'],
    ['two\nlines', 'two lines'],
    ['sep\u2028arator', 'sep arator'],
    ['path/with*/end', 'path/with*\\/end'],
  ])('%j → %j', (input, expected) => {
    expect(lineCommentText(input)).toBe(expected);
  });
});

describe('fenceFor', () => {
  it.each([
    ['no backticks', '```'],
    ['one ` tick', '```'],
    ['a ``` fence inside', '````'],
    ['````` five', '``````'],
  ])('%j → %s', (code, fence) => {
    expect(fenceFor(code)).toBe(fence);
  });
});
