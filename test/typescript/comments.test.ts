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
