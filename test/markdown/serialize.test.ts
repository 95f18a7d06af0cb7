/**
 * The serialiser's shortcuts (serialize.ts: textHandler, inlineCodeHandler) against the
 * library's own handlers: the same Markdown for every text and every inline code, in every
 * place the pages put them.
 */
import fc from 'fast-check';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { FAST_HANDLERS, inlineCodeHandler, MARKDOWN_OPTIONS } from '../../generator/emit/shared/serialize.js';

const t = (value: string): PhrasingContent => ({ type: 'text', value });

/** Where text appears: alone, beside emphasis, code and links, in headings, lists and table cells. */
function places(a: string, b: string): Root[] {
  const phrasing: PhrasingContent[][] = [
    [t(a)],
    [t(a), t(b)],
    [t(a), { type: 'emphasis', children: [t(b)] }, t(a)],
    [{ type: 'strong', children: [t(a)] }, t(b)],
    [t(a), { type: 'inlineCode', value: b }, t(a)],
    [{ type: 'link', url: 'x.md', children: [t(a)] }, t(b)],
    [t(a), { type: 'break' }, t(b)],
  ];
  const blocks = (p: PhrasingContent[]): RootContent[] => [
    { type: 'paragraph', children: p },
    { type: 'heading', depth: 2, children: p },
    {
      type: 'list',
      ordered: false,
      children: [{ type: 'listItem', children: [{ type: 'paragraph', children: p }] }],
    },
    {
      type: 'table',
      align: [null, null],
      children: [
        {
          type: 'tableRow',
          children: [
            { type: 'tableCell', children: [t('h')] },
            { type: 'tableCell', children: [t('i')] },
          ],
        },
        {
          type: 'tableRow',
          children: [
            { type: 'tableCell', children: p },
            { type: 'tableCell', children: [t(b)] },
          ],
        },
      ],
    },
  ];
  return phrasing.flatMap((p) =>
    blocks(p).map((block): Root => ({ type: 'root', children: [block] })),
  );
}

const same = (a: string, b: string): void => {
  for (const root of places(a, b)) {
    const theirs = toMarkdown(structuredClone(root), MARKDOWN_OPTIONS);
    const ours = toMarkdown(structuredClone(root), {
      ...MARKDOWN_OPTIONS,
      handlers: FAST_HANDLERS,
    });
    expect(ours, JSON.stringify(root)).toBe(theirs);
  }
};

describe('text shortcut', () => {
  it.each([
    ['plain words', 'more words'],
    [' leading space', 'trailing space '],
    ['1. numbered', '- dash'],
    ['a_b_c', '*star* and _under_'],
    ['https://example.invalid/path', 'www.example.invalid'],
    ['name@example.invalid', 'a: b'],
    ['#hash', 'x # y #'],
    ['<tag>', '&amp; &'],
    ['back\\slash', 'pipe | pipe'],
    ['two\nlines', 'tab\there'],
    ['', 'x'],
    ['~~strike~~', '[link](x)'],
  ])('%j beside %j', (a, b) => same(a, b));

  it('agrees on generated text', () => {
    const chars = [...'ab1 .-+*_#<>&|\\[]()!:@~`=\n\t"\'/{}^$?', 'é', '\u00a0'];
    const text = fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => same(a, b)),
      { numRuns: 300 },
    );
  });
});

describe('inline code shortcut', () => {
  /** `code` as inline code beside text `a`, in every place of `places`. */
  const sameCode = (code: string, a = 'x'): void => {
    for (const root of places(a, code)) {
      // places puts `b` in an inline code node in one of its phrasings; the others check text
      const theirs = toMarkdown(structuredClone(root), MARKDOWN_OPTIONS);
      const ours = toMarkdown(structuredClone(root), { ...MARKDOWN_OPTIONS, handlers: FAST_HANDLERS });
      expect(ours, JSON.stringify(root)).toBe(theirs);
    }
  };

  it.each([
    ['query-status'],
    [''],
    [' '],
    [' padded '],
    [' left'],
    ['right '],
    ['a`b'],
    ['``'],
    ['`start'],
    ['pipe | pipe'],
    ['line\nbreak'],
    ['cr\rhere'],
    ['\n# heading'],
    ['back\\slash'],
    ['{ "execute": "stop" }'],
    ['*not emphasis*'],
  ])('%j', (code) => sameCode(code));

  it('takes the shortcut for plain code (no serialiser state needed)', () => {
    const call = (value: string) => inlineCodeHandler({ type: 'inlineCode', value }, undefined, undefined as never, {} as never);
    expect(call('query-status')).toBe('`query-status`');
    expect(call('{ "a": 1 }')).toBe('`{ "a": 1 }`');
    expect(() => call('a`b')).toThrow(); // the library's path, which needs the state
  });

  it('agrees on generated code', () => {
    const chars = [...'ab1 .-+*_#<>&|\\[]()!:@~`=\n\r\t"\'/{}^$?', 'é'];
    const code = fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(code, (c) => sameCode(c)),
      { numRuns: 300 },
    );
  });
});
