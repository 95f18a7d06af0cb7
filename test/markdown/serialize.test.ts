/**
 * The serialiser's shortcuts (serialize.ts: textHandler and its peek, inlineCodeHandler, and
 * the `safe` the root handler installs) against the library's own: the same Markdown for every
 * text and every inline code, in every place the pages put them, for runs of phrasing of every
 * kind, and the same escapes for any value in any context.
 */
import fc from 'fast-check';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { type ConstructName, type State, toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { FAST_HANDLERS, inlineCodeHandler, MARKDOWN_OPTIONS, safeWith } from '../../generator/emit/shared/serialize.js';

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

describe('runs of phrasing', () => {
  const chars = [...'ab1 .-+*_#<>&|\\[]()!:@~`=\n\t"\'/{}^$?', 'é', '\u{1F600}'];
  const value = fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((cs) => cs.join(''));
  const leaf: fc.Arbitrary<PhrasingContent> = fc.oneof(
    { weight: 4, arbitrary: value.map(t) },
    { weight: 2, arbitrary: value.map((v): PhrasingContent => ({ type: 'inlineCode', value: v })) },
    { weight: 1, arbitrary: fc.constant<PhrasingContent>({ type: 'break' }) },
  );
  const inline: fc.Arbitrary<PhrasingContent> = fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('x.md', '#a-b', '../t/A_b.md#c', 'a b', '(p)'), fc.array(leaf, { minLength: 1, maxLength: 3 })).map(([url, children]): PhrasingContent => ({ type: 'link', url, children: children.filter((c) => c.type !== 'break') as never })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 2 }).map((children): PhrasingContent => ({ type: 'strong', children })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 2 }).map((children): PhrasingContent => ({ type: 'emphasis', children })) },
  );
  /** A run of phrasing in a paragraph, a heading, a list item and a table cell (as `places` puts text). */
  const blocks = (p: PhrasingContent[]): Root[] => [
    { type: 'root', children: [{ type: 'paragraph', children: p }] },
    { type: 'root', children: [{ type: 'heading', depth: 3, children: p }] },
    { type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: p }] }] }] },
    {
      type: 'root',
      children: [
        {
          type: 'table',
          align: [null],
          children: [
            { type: 'tableRow', children: [{ type: 'tableCell', children: [t('h')] }] },
            { type: 'tableRow', children: [{ type: 'tableCell', children: p }] },
          ],
        },
      ],
    },
  ];

  it('agrees on generated runs of text, code, breaks, links, strong and emphasis', () => {
    fc.assert(
      fc.property(fc.array(inline, { minLength: 1, maxLength: 6 }), (p) => {
        for (const root of blocks(p)) {
          const theirs = toMarkdown(structuredClone(root), MARKDOWN_OPTIONS);
          const ours = toMarkdown(structuredClone(root), { ...MARKDOWN_OPTIONS, handlers: FAST_HANDLERS });
          expect(ours, JSON.stringify(root)).toBe(theirs);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('safe shortcut', () => {
  /** The serialiser's state (the library's, as its handlers get it), with the library's `safe`. */
  const state = (() => {
    let captured: State | undefined;
    toMarkdown({ type: 'root', children: [] }, { ...MARKDOWN_OPTIONS, handlers: { root: (_node, _parent, s) => ((captured = s), '') } });
    return captured!;
  })();
  const library = state.safe;
  const fast = safeWith(library);
  const stacks: ConstructName[][] = [
    ['paragraph', 'phrasing'],
    ['headingAtx', 'phrasing'],
    ['list', 'listItem', 'paragraph', 'phrasing'],
    ['table', 'tableRow', 'tableCell', 'phrasing'],
    ['paragraph', 'phrasing', 'link', 'label'],
    ['paragraph', 'phrasing', 'link', 'destinationRaw'],
    ['paragraph', 'phrasing', 'link', 'destinationLiteral'],
    ['paragraph', 'phrasing', 'autolink'],
    ['codeFencedLangGraveAccent'],
    ['paragraph', 'phrasing', 'strong', 'phrasing'],
  ];
  const same = (stack: ConstructName[], value: string, before: string, after: string): void => {
    state.stack = stack;
    const config = { before, after, now: { line: 1, column: 1 }, lineShift: 0 };
    expect(fast.call(state, value, config), JSON.stringify({ stack, value, before, after })).toBe(library.call(state, value, config));
  };

  it.each([
    ['plain', '', ''],
    ['a_b', '', ''],
    ['x', '', '\\*'],
    ['x\\', '', '*'],
    ['1. item', '\n', ''],
    ['. item', '\n1', ''],
    ['!', '', '['],
    [']', '', '('],
    ['w', '', '.x'],
    ['https', '', '://x'],
  ])('%j between %j and %j', (value, before, after) => {
    for (const stack of stacks) same(stack, value, before, after);
  });

  it('agrees on generated values and contexts', () => {
    const chars = [...'ab1 .-+*_#<>&|\\[]()!:@~`=\n\r\t"\'/{}^$?wWps', 'é', '\u{1F600}'];
    const str = (max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...stacks), str(10), str(3), str(3), (stack, value, before, after) => same(stack, value, before, after)),
      { numRuns: 3000 },
    );
  });
});
