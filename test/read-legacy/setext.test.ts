/**
 * The legacy reader finds the setext headings of a document's skeleton itself
 * (generator/read/legacy/setext.ts) where that is exact, and asks remark otherwise. Held here
 * to remark: every answer it gives is remark's, on every document of the corpus (where it
 * must not decline: that is the point of it) and on random skeletons built from the lines
 * that make CommonMark read text differently (list items, quotes, fences, HTML, thematic
 * breaks, indentation, tabs, link definitions, lone dashes...).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Heading } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { headingSkeleton, parseMarkdown, setextHeadings } from '../../generator/read/legacy/markdown.js';
import { findSetextHeadings, type SkeletonHeading } from '../../generator/read/legacy/setext.js';
import { readDocText } from '../../generator/read/legacy/source.js';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { VFile } from 'vfile';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { ROOT } from '../typescript/helpers.js';

/** remark's setext headings of `lines`, in the same terms (indices into `lines`). */
function viaRemark(lines: readonly string[]): SkeletonHeading[] {
  const out: SkeletonHeading[] = [];
  visit(unified().use(remarkParse).parse(lines.join('\n')), 'heading', (node: Heading) => {
    const start = node.position!.start.line;
    const end = node.position!.end.line;
    if (end === start || !/^(-+|=+)$/.test(lines[end - 1]!.trim())) return;
    out.push({ start: start - 1, underline: end - 1, depth: node.depth === 1 ? 1 : 2 });
  });
  return out.sort((a, b) => a.underline - b.underline);
}

describe('findSetextHeadings = remark', () => {
  it.each<[string, string[]]>([
    ['a heading', ['name', '----']],
    ['a heading of several lines, indented continuation', ['text', '    more', 'name', '===']],
    ['two headings in one run', ['a', '---', 'b', '===']],
    ['=== with no paragraph starts one', ['===', '---']],
    ['--- with no paragraph is a thematic break', ['a', '---', '---']],
    ['-- with no paragraph starts one', ['a', '---', '--', '---']],
    ['a section heading: an ordered item over ===', ['1. Regular Commands', '==========', '', 'name', '----']],
    ['an ordered item over ---', ['2. Title', '---', '', '   name', '---']],
    ['an underline indented three spaces, trailing tab', ['name', '   ---\t']],
    ['example lines', ['<- { "return": {} }', '-> { "execute": "x" }', '---']],
    ['a dash and a space after a paragraph', ['name', '- ']],
  ])('%s', (_what, lines) => {
    const found = findSetextHeadings(lines);
    expect(found).toBeDefined();
    expect(found).toEqual(viaRemark(lines));
  });

  it.each<[string, string[]]>([
    ['a list item', ['- item', 'name', '---']],
    ['a block quote', ['> quoted', '---']],
    ['a fence', ['```', 'x', '---']],
    ['indented code', ['    code', '---']],
    ['a tab in the indentation', ['\tname', '---']],
    ['a link definition', ['[a]: /b', '---']],
    ['an HTML block', ['<div>', '---']],
    ['a lone dash', ['a', '---', '-']],
    ['an ATX heading', ['# h', 'name', '---']],
    ['a line indented into a list item after it', ['1. Title', '===', '', '   name', '---']],
  ])('declines %s', (_what, lines) => {
    expect(findSetextHeadings(lines)).toBeUndefined();
  });

  const line = fc.oneof(
    fc.constantFrom(
      'name', 'query-foo', 'A, B', 'text with words', '@cmd', 'x', '"quoted"', '{ "a": 1 }', '<- { "return": {} }', '-> { "execute": "x" }', '<div>', '<a href="x">', '</p>', '<!-- c -->',
      '1. Title', '2. Regular Commands', '1) item', '10. Ten', '1234567890. x', '1.  two spaces', '01. lead', '- item', '-', '- ', '--', '---', '----', '-- -', '- - -', '* item', '***', '+ item', '+',
      '_', '___', '_a_', '> q', '# h', '#h', '## ', '```', '~~~', '`code`', '[a]: /b', '[a]', '=', '==', '===', '= =', '=== x',
      '    code', '   three', '  -', '   ---', '   ===', '\tname', ' \tname', 'name\t', '---\t', '=== ', '\u00a0name', '\\', 'a\\', '&amp;', '|a|b|', '| --- |',
    ),
    fc.tuple(fc.constantFrom('', ' ', '  ', '   ', '    '), fc.constantFrom('name', '1. T', '-', '---', '===', '[x]: y', '> q', '<b>')).map(([a, b]) => a + b),
  );
  const underline = fc.constantFrom('-', '--', '---', '------', '=', '===', ' ---', '   ===', '--- ', '===\t', '  -');
  /** A skeleton: runs of lines ending in an underline, one empty line between them. */
  const skeleton = fc.array(fc.tuple(fc.array(fc.oneof(line, underline), { maxLength: 4 }), underline), { minLength: 1, maxLength: 8 }).map((runs) => runs.flatMap(([above, u], i) => [...(i > 0 ? [''] : []), ...above, u]));

  it('on random skeletons: whenever it answers, remark agrees', () => {
    let answered = 0;
    fc.assert(
      fc.property(skeleton, (lines) => {
        const found = findSetextHeadings(lines);
        if (found === undefined) return;
        answered++;
        expect(found).toEqual(viaRemark(lines));
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(300);
  });
});

describe.skipIf(!corpusAvailable)('on every document of the corpus: no remark, the same headings', () => {
  const docs = corpusVersions().flatMap((v) => [v.commandsTxt, v.events, v.hx].filter((p): p is string => p !== undefined));
  docs.push(path.join(ROOT, 'docs-input/qmp-commands.txt'), path.join(ROOT, 'docs-input/qmp-events.txt'));
  it.each(docs.map((p) => [path.relative(path.dirname(path.dirname(p)), p), p] as const))('%s', (_name, p) => {
    const file = new VFile({ path: p, value: readFileSync(p, 'utf8') });
    const doc = readDocText(file, reporterFor(file))!.doc; // the .hx's QMP text, as the reader reads it
    const { lines } = headingSkeleton(doc.lines.map((l) => l.text));
    expect(findSetextHeadings(lines)).toBeDefined();
    expect(setextHeadings(doc)).toEqual(setextHeadings(doc, parseMarkdown(doc)));
  });
});
