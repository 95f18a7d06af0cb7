/**
 * The builders' shortcuts (mdast.ts `oneLine` and `inlineText`, paths.ts `relativeLink`)
 * against their plain definitions, written out here: the same result for every input.
 */
import path from 'node:path';
import fc from 'fast-check';
import type { PhrasingContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { inlineText, oneLine } from '../../generator/emit/shared/mdast.js';
import { relativeLink } from '../../generator/emit/markdown/paths.js';

/** Collapse all white space to single spaces and trim. */
const plainOneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** Text split at white space, each link-like token in code. */
function plainInlineText(value: string): PhrasingContent[] {
  const linkish = /(?:https?:\/\/|www\.|mailto:|xmpp:|[\w.+-]@[\w-]+\.[\w-])/i;
  const out: PhrasingContent[] = [];
  let pending = '';
  for (const part of value.split(/(\s+)/)) {
    if (part !== '' && !/^\s+$/.test(part) && linkish.test(part)) {
      if (pending) out.push({ type: 'text', value: pending });
      pending = '';
      out.push({ type: 'inlineCode', value: part });
    } else {
      pending += part;
    }
  }
  if (pending) out.push({ type: 'text', value: pending });
  return out;
}

const pieces = ['a', 'B', '1', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u3000', '\ufeff', '.', '@', 'x.y', 'www.', 'http://', 'MAILTO:', 'xmpp:', 'é', '-'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((xs) => xs.join(''));

describe('oneLine', () => {
  it.each(['', ' ', 'one line', ' lead', 'trail ', 'two  spaces', 'tab\there', 'nb\u00a0sp', 'line\nbreak', '\ufeffbom'])('%j', (v) => {
    expect(oneLine(v)).toBe(plainOneLine(v));
  });
  it('agrees on generated text', () => {
    fc.assert(fc.property(text, (v) => {
      expect(oneLine(v)).toBe(plainOneLine(v));
    }), { numRuns: 1000 });
  });
});

describe('inlineText', () => {
  it.each(['', ' ', 'plain words', 'see https://x.invalid/a and www.x.invalid', 'a@b.c', ' lead www.x ', 'x\nmailto:y@z.w\n'])('%j', (v) => {
    expect(inlineText(v)).toEqual(plainInlineText(v));
  });
  it('agrees on generated text', () => {
    fc.assert(fc.property(text, (v) => {
      expect(inlineText(v)).toEqual(plainInlineText(v));
    }), { numRuns: 1000 });
  });
});

describe('relativeLink', () => {
  const plain = (from: string, to: string) => path.posix.relative(path.posix.dirname(from), to).split('/').map(encodeURIComponent).join('/');
  const pages = ['docs/index.md', 'docs/commands/query-status.md', 'docs/types/A b#c.md', 'docs/events/X.md', 'index.md', 'items/types/T.md'];
  const targets = ['docs/index.md', 'docs/types/A b#c.md', 'schema/commands/x.request.json', 'src/client.ts', 'docs/commands/query-status.md', 'changelog.md', 'releases/7.2.0.md'];
  it('is path.posix.relative from the page’s folder, each segment URI-encoded', () => {
    for (const from of pages) for (const to of targets) expect(relativeLink(from, to), `${from} -> ${to}`).toBe(plain(from, to));
  });
  it.each([
    ['a/b/c/x.md', 'a/b'],
    ['a/b/x.md', 'a/b'],
    ['a/bc/x.md', 'a/b/y.md'],
    ['x.md', 'y/z.md'],
    ['a/x.md', 'a/x.md'],
    ['./a/x.md', 'a/y.md'],
    ['a/../b/x.md', 'b/y.md'],
    ['/abs/x.md', '/abs/y/z.md'],
    ['a//b/x.md', 'a/c.md'],
    ['a/b/', 'a/c'],
  ])('%s -> %s', (from, to) => {
    expect(relativeLink(from, to)).toBe(plain(from, to));
  });
  it('agrees on generated paths', () => {
    const segment = fc.constantFrom('a', 'b', 'docs', 'types', 'T b', 'ü', '%', '.', '..', '', 'x.md', 'q#1.md');
    const p = fc.array(segment, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('/'));
    fc.assert(
      fc.property(p, p, (from, to) => {
        expect(relativeLink(from, to), `${from} -> ${to}`).toBe(plain(from, to));
      }),
      { numRuns: 2000 },
    );
  });
});
