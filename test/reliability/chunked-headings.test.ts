/**
 * Regression for the quadratic heading parse (micromark's setext resolution over a document
 * of thousands of entries): the skeleton is now parsed in chunks, and holds only the lines
 * around underlines, one blank line standing for any gap. Both must find exactly the headings
 * one whole-document parse finds, where every other line is blanked in place (what remark
 * reads of the full text above an underline): real documents (read at test time), the same
 * repeated to span many chunks, and line-mutated versions of them.
 */
import fc from 'fast-check';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { headingSkeleton, setextHeadings } from '../../generator/read/legacy/markdown.js';
import type { DocText } from '../../generator/read/legacy/source.js';
import { corpusAvailable } from '../helpers/corpus.js';
import { runs, sourceDocs } from './harness.js';

const docs = sourceDocs();
const RUNS = runs(0) > 1 ? Math.ceil(runs(0) / 1000) : 30;

function docText(text: string): DocText {
  return { path: 'doc.txt', lines: text.split('\n').map((t, i) => ({ text: t, line: i + 1 })) } as unknown as DocText;
}
/** The reference skeleton: lines that are not kept blanked in place, line numbers unchanged. */
function blanked(lines: readonly string[]): string {
  const { lines: kept, origin } = headingSkeleton(lines);
  const out: string[] = lines.map(() => '');
  origin.forEach((o, i) => (out[o] = kept[i]!));
  return out.join('\n');
}
function whole(doc: DocText) {
  return setextHeadings(doc, unified().use(remarkParse).parse(blanked(doc.lines.map((l) => l.text))));
}

describe.skipIf(!corpusAvailable && docs.length === 0)('chunked heading parse', () => {
  it('finds the same headings as one whole-document parse, on real documents and 4x repeats', () => {
    for (const d of docs) {
      for (const text of [d.text, [d.text, d.text, d.text, d.text].join('\n\n')]) {
        const doc = docText(text);
        const got = setextHeadings(doc);
        expect(got.length, d.label).toBeGreaterThan(0);
        expect(got, d.label).toEqual(whole(doc));
      }
    }
  }, 120_000);

  it('the skeleton keeps each kept line as it is and one blank line for a gap', () => {
    const lines = ['intro', '', 'a', '---', 'body', '', '', 'x', 'b', '===', '', '  -', 'tail'];
    expect(headingSkeleton(lines)).toEqual({
      lines: ['a', '---', '', 'x', 'b', '===', '', '  -'],
      origin: [2, 3, 6, 7, 8, 9, 10, 11],
    });
  });

  it(`and on real documents with lines deleted, duplicated, indented and blanked (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Math.max(0, docs.length - 1) }),
        fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'dup', 'indent', 'blank') }), { maxLength: 40 }),
        (i, ops) => {
          const lines = [docs[i]!.text, docs[i]!.text].join('\n').split('\n');
          for (const { at, op } of ops) {
            const k = at % lines.length;
            if (op === 'delete') lines.splice(k, 1);
            else if (op === 'dup') lines.splice(k, 0, lines[k]!);
            else if (op === 'indent') lines[k] = `   ${lines[k]}`;
            else lines[k] = '';
          }
          const doc = docText(lines.join('\n'));
          expect(setextHeadings(doc)).toEqual(whole(doc));
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
