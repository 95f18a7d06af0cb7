/**
 * print-markdown.ts (our writer of the emitters' mdast) against mdast-util-to-markdown with the
 * same options: its escape patterns are the library's, its escaping is the library's `safe` on
 * any value in any context it writes text in, and its Markdown is the library's for cases at
 * the edges and for generated trees in every construct of its subset, with the pages' options
 * and with the package README's. What it declines goes to the library (serialize), with the
 * same result. serialize-corpus.test.ts holds it equal on real pages.
 */
import fc from 'fast-check';
import type { BlockContent, Code, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import { type ConstructName, type Options, type State, toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { ESCAPE_PATTERNS, escapeIn, type MarkdownStyle, printMarkdown, scopeOf } from '../../generator/emit/shared/print-markdown.js';
import { MARKDOWN_OPTIONS, PAGE_STYLE, prepare, resolveAnchors, serialize, visibleControls } from '../../generator/emit/shared/serialize.js';
import { README_OPTIONS, README_STYLE } from '../../generator/emit/typescript/package.js';

const RUNS = Number(process.env.PRINT_MARKDOWN_RUNS ?? 300);

/** The library's state as its handlers see it (its escape patterns, its `safe`), for `options`. */
function libraryState(options: Options): State {
  let captured: State | undefined;
  toMarkdown({ type: 'root', children: [] }, { ...options, handlers: { root: (_node, _parent, s) => ((captured = s), '') } });
  return captured!;
}

const STYLES: [name: string, style: MarkdownStyle, options: Options][] = [
  ['pages', PAGE_STYLE, MARKDOWN_OPTIONS],
  ['README', README_STYLE, README_OPTIONS],
];

/** Ours, checked against the library's: ours or undefined (declined). */
function printed(root: Root, style: MarkdownStyle, options: Options): string | undefined {
  const theirs = toMarkdown(structuredClone(root), options);
  const ours = printMarkdown(structuredClone(root), style);
  if (ours !== undefined) expect(ours, JSON.stringify(root)).toBe(theirs);
  return ours;
}

describe('escape patterns', () => {
  it('are the library’s (with GFM), in its order', () => {
    for (const [, , options] of STYLES) {
      const key = (u: object) => JSON.stringify(u, ['character', 'before', 'after', 'atBreak', 'inConstruct', 'notInConstruct', 'beforeNode', 'afterNode', 'unicode']);
      expect(ESCAPE_PATTERNS.map(key)).toEqual(libraryState(options).unsafe.map(key));
    }
  });
});

describe('escapeIn = the library’s safe', () => {
  const state = libraryState(MARKDOWN_OPTIONS);
  const library = state.safe;
  /** Every stack of constructs the writer writes text, URLs and info strings in. */
  const stacks: ConstructName[][] = [
    ['paragraph', 'phrasing'],
    ['headingAtx', 'phrasing'],
    ['list', 'listItem', 'paragraph', 'phrasing'],
    ['table', 'tableRow', 'tableCell', 'phrasing'],
    ['list', 'listItem', 'table', 'tableRow', 'tableCell', 'phrasing'],
    ['paragraph', 'phrasing', 'link', 'label'],
    ['table', 'tableRow', 'tableCell', 'phrasing', 'link', 'label'],
    ['headingAtx', 'phrasing', 'link', 'label'],
    ['paragraph', 'phrasing', 'link', 'destinationRaw'],
    ['paragraph', 'phrasing', 'link', 'destinationLiteral'],
    ['paragraph', 'phrasing', 'strong'],
    ['paragraph', 'phrasing', 'emphasis'],
    ['table', 'tableRow', 'tableCell', 'phrasing', 'emphasis'],
    ['paragraph', 'phrasing', 'link', 'label', 'strong'],
    ['codeFenced', 'codeFencedLangGraveAccent'],
    ['codeFenced', 'codeFencedMetaGraveAccent'],
  ];
  const same = (stack: ConstructName[], value: string, before: string, after: string, encode?: string): void => {
    state.stack = stack;
    const config = { before, after, now: { line: 1, column: 1 }, lineShift: 0, ...(encode ? { encode: [encode] } : {}) };
    expect(escapeIn(scopeOf(stack), value, before, after, encode), JSON.stringify({ stack, value, before, after, encode })).toBe(library.call(state, value, config));
  };

  it.each([
    ['plain words', '\n', '\n'],
    ['a_b a__b _a_ a_', '|', '|'],
    ['snake_case_name', ' ', ' '],
    ['_lead and trail_', '*', '_'],
    ['x', '', '\\*'],
    ['x\\', '', '*'],
    ['tail\\', '\n', '\\'],
    ['a\\b \\* \\\\', '\n', '\n'],
    ['1. item\n2) item', '\n', '\n'],
    ['- dash\n+ plus\n* star\n-- x', '\n', '\n'],
    ['# head\n#tag', '\n', '\n'],
    ['ends with #', '# ', '\n'],
    [' lead', '\n', '\n'],
    ['trail ', '\n', '\n'],
    ['a\n\nb', '\n', '\n'],
    ['a \n b', '\n', '\n'],
    ['\ttab', '\n', '\n'],
    ['![x](y) [a]: b', '\n', '\n'],
    ['&amp; &#1; & x', '\n', '\n'],
    ['<div> < b', '\n', '\n'],
    ['pipe | and |-', '|', '|'],
    ['\n|-\n:-', '\n', '\n'],
    ['www.x and a@b.c and https://x', '\n', '\n'],
    ['~~x~~ `y`', '\n', '\n'],
    ['=\n=', '\n', '\n'],
    ['a@b@c', ' ', ' '],
    ['é_é 😀_😀 —_—', ' ', ' '],
    ['../t/a(1).md#x', '[a](', ')'],
    ['a b<c>', '[a](<', '>'],
    ['[x] ]', '[', ']('],
  ])('%j between %j and %j', (value, before, after) => {
    for (const stack of stacks) same(stack, value, before, after);
  });

  it('writes a grave accent in an info string as a character reference', () => {
    same(['codeFenced', 'codeFencedLangGraveAccent'], 'a`b c', '```', ' ', '`');
    same(['codeFenced', 'codeFencedMetaGraveAccent'], 'm`e\tta', '```js ', '\n', '`');
  });

  it('agrees on generated values and contexts', () => {
    const chars = [...'ab1 9.-+*_#<>&|\\[]()!:@~`=\n\r\t"\'/{}^$?wWps;', 'é', '\u00a0', '\u3000', '—', '€', '\u{1F600}'];
    const str = (max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((cs) => cs.join(''));
    const contexts = fc.oneof(str(3), fc.constantFrom('\n', '# ', '|', '[', '](', '**', '_', '*', '\\', ''));
    fc.assert(
      fc.property(fc.constantFrom(...stacks), str(12), contexts, contexts, (stack, value, before, after) => same(stack, value, before, after)),
      { numRuns: RUNS * 10 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Trees

const t = (value: string): PhrasingContent => ({ type: 'text', value });
const c = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const p = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const root = (...children: RootContent[]): Root => ({ type: 'root', children });
const list = (spread: boolean | undefined, ...items: BlockContent[][]): List => ({
  type: 'list',
  ordered: false,
  ...(spread === undefined ? {} : { spread }),
  children: items.map((children): ListItem => ({ type: 'listItem', ...(spread === undefined ? {} : { spread }), children })),
});
const table = (align: Table['align'], ...rows: PhrasingContent[][][]): Table => ({
  type: 'table',
  ...(align === undefined ? {} : { align }),
  children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((children): TableCell => ({ type: 'tableCell', children })) })),
});

describe('cases at the edges', () => {
  const cases: [string, Root][] = [
    ['empty root', root()],
    ['headings of every depth', root(...[1, 2, 3, 4, 5, 6].map((depth): Heading => ({ type: 'heading', depth: depth as Heading['depth'], children: [t(`h${depth} `), c('x')] })))],
    ['a heading starting with a space, ending with #', root({ type: 'heading', depth: 2, children: [t(' lead #')] })],
    ['an empty heading', root({ type: 'heading', depth: 3, children: [] })],
    ['paragraphs with soft breaks and line-start syntax', root(p(t('one\n- two\n3. three\n# four\n> five')))],
    ['text beside text', root(p(t('a: '), t('*b*'), t(' c\\'), t('_d')))],
    ['code beside text, pipes and grave accents', root(p(t('x'), c('a`b'), c('``'), c(' p '), c(' '), c('`x'), c('a|b\\|c')))],
    ['a table with code holding pipes', root(table([null, null], [[t('h')], [t('i')]], [[c('a|b')], [c('\\|x\\\\|y')]]))],
    ['a table with pipes, newlines and alignment', root(table(['left', 'center', 'right', null], [[t('a')], [t('bb')], [t('c')], [t('d')]], [[t('x | y')], [t('1\n2')], [t('long cell')], [t('e')]]))],
    ['a table with uneven rows and no align', root(table(undefined, [[t('a')]], [[t('b')], [t('c')], [t('d')]], []))],
    ['a table in a tight item, then a paragraph', root(list(false, [table([null], [[t('h')]]), p(t('after'))]))],
    ['tight and loose lists, nested', root(list(false, [p(t('a'))], [p(t('b'))]), list(true, [p(t('c')), list(false, [p(t('d'))])], [p(t('e'))]))],
    ['three lists in a row (alternating bullets)', root(list(false, [p(t('a'))]), list(false, [p(t('b'))]), list(false, [p(t('c'))]), p(t('d')), list(false, [p(t('e'))]))],
    ['lists without spread', root(list(undefined, [p(t('a')), p(t('b'))], [list(undefined, [p(t('c'))])]))],
    ['items of several blocks in a tight list', root(list(false, [p(t('a')), p(t('b')), { type: 'code', lang: null, value: 'x' }, p(t('c')), list(false, [p(t('d'))]), p(t('e'))]))],
    ['code blocks', root({ type: 'code', lang: 'json', meta: null, value: '{\n  "a": "``` x"\n}' }, { type: 'code', lang: 'a`b c', meta: 'm`', value: '' }, { type: 'code', lang: null, value: '\n\n' })],
    ['a code block in a list item', root(list(false, [p(t('a')), { type: 'code', lang: 'sh', value: 'one\n\ntwo' }]))],
    ['links', root(p({ type: 'link', url: '../t/A_b.md#c', children: [c('A_b')] }, t(' and '), { type: 'link', url: 'a b(c)', children: [t('[x]')] }, { type: 'link', url: '', children: [t('e')] }))],
    ['a link to a URL that is its text', root(p({ type: 'link', url: 'https://example.invalid', children: [t('https://example.invalid')] }))],
    ['strong and emphasis', root(p({ type: 'strong', children: [t('Deprecated.')] }, t(' text '), { type: 'emphasis', children: [t('note.')] }))],
    ['emphasis in table cells', root(table([null, null], [[t('h')], [t('i')]], [[{ type: 'emphasis', children: [t('Inferred, not documented.')] }], [{ type: 'strong', children: [t('x')] }, t(' y')]]))],
    ['strong around code', root(p({ type: 'strong', children: [c('name'), t(' (title)')] }))],
    ['attention beside attention of the other marker', root(p({ type: 'strong', children: [t('a ')] }, { type: 'emphasis', children: [t(' b')] }, t('c')))],
    ['attention that needs character references', root(p(t('a'), { type: 'strong', children: [t(' b')] }, t('c'), { type: 'emphasis', children: [t('d')] }, t('e')))],
    ['setext headings and a deep heading with line endings', root({ type: 'heading', depth: 1, children: [t('a\nbc')] }, { type: 'heading', depth: 2, children: [c('x\ny')] }, { type: 'heading', depth: 3, children: [t('a\nb')] })],
    ['inline code with line endings', root(p(c('a\n# b\n\n- c\r\n1. d')), table([null], [[c('x\n|y')]], [[c('\n')]]))],
    ['emphasis inside words', root(p(t('a'), { type: 'emphasis', children: [t('b')] }, t('c'), { type: 'strong', children: [t(' d ')] }, t('e')))],
    ['empty attention', root(p(t('a'), { type: 'strong', children: [] }, t('b')))],
    ['control characters made visible', root(p(t('a\u0007b\u202Ec')))],
  ];
  for (const [name, style, options] of STYLES) {
    it.each(cases)(`${name}: %s`, (_name, tree) => {
      printed(tree, style, options);
    });
  }

  it('prints these cases itself (they are in its subset), but the autolink', () => {
    const declined = cases.filter(([, tree]) => printMarkdown(structuredClone(tree), PAGE_STYLE) === undefined).map(([n]) => n);
    expect(declined).toEqual([]);
    expect(printMarkdown(cases.find(([n]) => n.includes('its text'))![1], README_STYLE)).toBeUndefined();
  });
});

describe('prepare = visibleControls then resolveAnchors', () => {
  it('makes controls visible and points links at their headings, numbering repeated slugs', () => {
    const keyed = (depth: 1 | 2 | 3, key: string | undefined, ...children: PhrasingContent[]): Heading => ({ type: 'heading', depth, children, ...(key ? { data: { anchorKey: key } } : {}) });
    const to = (key: string, ...children: PhrasingContent[]): PhrasingContent => ({ type: 'link', url: '#', children: children as never, data: { anchorTarget: key } });
    const tree = root(
      p(to('s1', t('first')), t(' and '), to('s0', c('x\u0007')), { type: 'link', url: 'a\u202Eb.md', children: [t('c\u0000d')] }),
      keyed(2, 's0', c('a.b'), t(' values\u001b')),
      keyed(2, undefined, t('A.b values\u001b')),
      list(false, [keyed(3, 's1', t('a.b values\u001b'))]),
      table([null], [[t('\u0085h')]]),
    );
    const reference = structuredClone(tree);
    visibleControls(reference);
    resolveAnchors(reference);
    prepare(tree);
    expect(tree).toEqual(reference);
    // slugged from the fixed text (\u{1b} → u1b), the third of its slug numbered
    expect(JSON.stringify(tree)).toContain('"url":"#ab-valuesu1b-2"');
  });

  it('throws on a link to a missing section, as resolveAnchors does', () => {
    const tree = root(p({ type: 'link', url: '#', children: [t('x')], data: { anchorTarget: 'nowhere' } }));
    expect(() => prepare(structuredClone(tree))).toThrow(/missing section nowhere/);
    expect(() => resolveAnchors(structuredClone(tree))).toThrow(/missing section nowhere/);
  });
});

describe('declines, and serialize falls back to the library', () => {
  const outside: [string, Root][] = [
    ['an ordered list', root({ type: 'list', ordered: true, children: [{ type: 'listItem', children: [p(t('a'))] }] })],
    ['a block quote', root({ type: 'blockquote', children: [p(t('a'))] })],
    ['a thematic break', root(p(t('a')), { type: 'thematicBreak' })],
    ['html', root({ type: 'html', value: '<!-- x -->' })],
    ['a break', root(p(t('a'), { type: 'break' }, t('b')))],
    ['an image', root(p({ type: 'image', url: 'x.png', alt: 'x' }))],
    ['nested attention', root(p({ type: 'strong', children: [{ type: 'emphasis', children: [t('a')] }] }))],
    ['attention beside attention of its marker', root(p({ type: 'strong', children: [t('a')] }, { type: 'strong', children: [t('b')] }))],
    ['emphasis in emphasis-marked context (another marker guessed)', root(p({ type: 'link', url: 'x', children: [{ type: 'emphasis', children: [t('a')] }, { type: 'emphasis', children: [t('b')] }] }))],
    ['a link titled', root(p({ type: 'link', url: 'x', title: 't', children: [t('a')] }))],
    ['a link read as a definition', root(p({ type: 'link', url: 'x', children: [c('a]:b')] }))],
    ['a task item', root({ type: 'list', children: [{ type: 'listItem', checked: true, children: [p(t('a'))] }] })],
    ['an empty list item', root(list(false, []))],
    ['a table without rows', root({ type: 'table', children: [] })],
    ['phrasing at the root', { type: 'root', children: [t('a') as never] }],
  ];
  it.each(outside)('%s', (_name, tree) => {
    expect(printMarkdown(structuredClone(tree), PAGE_STYLE)).toBeUndefined();
    const reference = structuredClone(tree);
    visibleControls(reference);
    resolveAnchors(reference);
    expect(serialize(structuredClone(tree))).toBe(toMarkdown(reference, MARKDOWN_OPTIONS));
  });
});

describe('generated trees', () => {
  const chars = [...'ab1 9.-+*_#<>&|\\[]()!:@~`=\n\t"\'/wWps', 'é', '\u00a0', '—', '\u{1F600}'];
  const value = (max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((cs) => cs.join(''));
  const word = fc.constantFrom('query-status', 'Deprecated.', 'a_b', 'note', 'x', 'Since 1.2.', ' ', ': ', '.', '(', ')');
  const textValue = fc.oneof({ weight: 3, arbitrary: value(10) }, { weight: 2, arbitrary: word });
  const leaf: fc.Arbitrary<PhrasingContent> = fc.oneof(
    { weight: 5, arbitrary: textValue.map(t) },
    { weight: 2, arbitrary: fc.oneof(value(6), word).map(c) },
  );
  const url = fc.constantFrom('x.md', '#a-b', '../t/A_b.md#c', 'a b', '(p)', 'a&b', '', 'https://x.invalid', 'x\\y');
  const inline: fc.Arbitrary<PhrasingContent> = fc.oneof(
    { weight: 10, arbitrary: leaf },
    { weight: 2, arbitrary: fc.tuple(url, fc.array(leaf, { minLength: 1, maxLength: 2 })).map(([u, children]): PhrasingContent => ({ type: 'link', url: u, children: children as never })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 2 }).map((children): PhrasingContent => ({ type: 'strong', children })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 2 }).map((children): PhrasingContent => ({ type: 'emphasis', children })) },
  );
  const phrasing = fc.array(inline, { minLength: 0, maxLength: 6 });
  const oneLinePhrasing = phrasing.map((xs) =>
    xs.map(function strip(x: PhrasingContent): PhrasingContent {
      if ('value' in x) return { ...x, value: x.value.replace(/[\n\r]/g, ' ') } as PhrasingContent;
      if ('children' in x) return { ...x, children: x.children.map(strip) } as PhrasingContent;
      return x;
    }),
  );
  const code: fc.Arbitrary<Code> = fc
    .tuple(fc.oneof(value(20), fc.constantFrom('{\n  "a": 1\n}', '```\nx\n````', '')), fc.constantFrom(null, 'json', 'ts', 'a b', 'x`y'), fc.constantFrom(null, 'meta', 'm`n'))
    .map(([v, lang, meta]) => ({ type: 'code', lang, meta, value: v }));
  const heading: fc.Arbitrary<Heading> = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.oneof({ weight: 4, arbitrary: oneLinePhrasing }, { weight: 1, arbitrary: phrasing }))
    .map(([depth, children]) => ({ type: 'heading', depth: depth as Heading['depth'], children }));
  const tableNode: fc.Arbitrary<Table> = fc.integer({ min: 1, max: 3 }).chain((columns) =>
    fc
      .tuple(
        fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom(null, 'left', 'center', 'right'), { minLength: columns, maxLength: columns })),
        fc.array(fc.array(phrasing, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 3 }),
      )
      .map(([align, rows]) => table(align as Table['align'], ...rows)),
  );
  const leafBlock: fc.Arbitrary<BlockContent> = fc.oneof(
    { weight: 5, arbitrary: phrasing.map((children) => p(...children)) },
    { weight: 2, arbitrary: heading },
    { weight: 1, arbitrary: code },
    { weight: 2, arbitrary: tableNode },
  );
  const block = (depth: number): fc.Arbitrary<BlockContent> =>
    depth <= 1
      ? leafBlock
      : fc.oneof(
          { weight: 5, arbitrary: leafBlock },
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.constantFrom(true, false, undefined), fc.array(fc.array(block(depth - 1), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }))
              .map(([spread, items]) => list(spread, ...items)),
          },
        );
  const tree = fc.array(block(3), { minLength: 1, maxLength: 5 }).map((children) => root(...children));

  for (const [name, style, options] of STYLES) {
    it(`${name}: the library's Markdown, or a decline (the writer prints most trees)`, () => {
      let trees = 0;
      let declined = 0;
      fc.assert(
        fc.property(tree, (r) => {
          trees++;
          if (printed(r, style, options) === undefined) declined++;
        }),
        { numRuns: RUNS },
      );
      if (process.env.PRINT_MARKDOWN_RUNS) console.log(`${name}: ${trees} trees, ${declined} declined`);
      expect(declined / trees).toBeLessThan(0.5);
    });
  }

  it('pages: serialize (writer, else library) = the library', () => {
    fc.assert(
      fc.property(tree, (r) => {
        const reference = structuredClone(r);
        visibleControls(reference);
        resolveAnchors(reference);
        const ours = structuredClone(r);
        expect(serialize(ours)).toBe(toMarkdown(reference, MARKDOWN_OPTIONS));
        expect(ours).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });
});
