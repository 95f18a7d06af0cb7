/**
 * The Markdown view of a QMP document. The legacy docs are plain text, but close enough to
 * Markdown that remark recovers their block structure: `name\n----` is a setext heading (a
 * command or event), `N. Title\n====` a section heading. We keep only what the interpreters
 * need (headings, with line indices into the DocText) — no mdast reaches the model.
 *
 * The headings of the docs' skeleton are found without remark where that is exact
 * (setext.ts); remark is loaded, synchronously, only for a document that declines.
 */
import { createRequire } from 'node:module';
import type { Heading, Root } from 'mdast';
import type remarkParseType from 'remark-parse';
import type { unified as unifiedType } from 'unified';
import type { visit as visitType } from 'unist-util-visit';
import { findSetextHeadings } from './setext.js';
import type { DocText } from './source.js';

interface Remark {
  unified: typeof unifiedType;
  remarkParse: typeof remarkParseType;
  visit: typeof visitType;
}
let remark: Remark | undefined;

/**
 * remark-parse, unified and unist-util-visit, loaded on first use (ES modules, required
 * synchronously: the reader is synchronous): a run whose documents all take the direct path
 * never loads them (QEMU 2.8.0 --emit schema: micromark was some 10% of the run, loading
 * included).
 */
function loadRemark(): Remark {
  if (!remark) {
    const load = createRequire(import.meta.url);
    remark = {
      unified: (load('unified') as typeof import('unified')).unified,
      remarkParse: (load('remark-parse') as typeof import('remark-parse')).default,
      visit: (load('unist-util-visit') as typeof import('unist-util-visit')).visit,
    };
  }
  return remark;
}

export interface SetextHeading {
  /** 0-based index into `doc.lines` of the heading text (the line just above the underline). */
  text: number;
  /** 0-based index of the underline. */
  underline: number;
  /** 1 for `===`, 2 for `---`. */
  depth: 1 | 2;
  /**
   * Lines of the same paragraph above the heading text: remark folds a paragraph that runs
   * straight into `name\n----` into the heading. They belong to the previous entry's body.
   */
  gluedAbove: number;
}

const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/** The lines remark reads: `lines[i]` is line `origin[i]` (0-based) of the document. */
export interface Skeleton {
  lines: string[];
  origin: number[];
}

/**
 * The lines remark needs to find setext headings: each underline-like line and the run of
 * non-blank lines right above it (a heading's text, plus any paragraph remark folds into it),
 * with one blank line where the document has others in between. Kept lines are unchanged, so
 * columns hold, and `origin` maps each back to its line. A run is always preceded by a blank
 * line of the document (a non-blank one would have been kept), so a blank line ends every
 * block these docs use above a heading and nothing a run means depends on a dropped line.
 * One blank line stands for many: CommonMark counts blank lines nowhere block structure
 * depends on them. Remark reads ~10% of the text, and no long runs of blank lines: micromark
 * over a whole 2.8 qmp-commands.txt costs seconds, over the blanked-out text ~0.1 s, and over
 * this ~15 ms.
 */
export function headingSkeleton(lines: readonly string[]): Skeleton {
  const keep = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    if (!UNDERLINE.test(lines[i]!)) continue;
    keep[i] = 1;
    for (let j = i - 1; j >= 0 && lines[j]!.trim() !== '' && !keep[j]; j--) keep[j] = 1;
  }
  const out: Skeleton = { lines: [], origin: [] };
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) {
      if (out.lines.length > 0 && !keep[i - 1]) {
        out.lines.push('');
        out.origin.push(i - 1);
      }
      out.lines.push(lines[i]!);
      out.origin.push(i);
    }
  }
  return out;
}

/** Lines per remark call; see `parseMarkdown`. */
const CHUNK_LINES = 2000;

/**
 * remark over the skeleton, in chunks: micromark's setext resolution edits the event list
 * of the whole document once per heading, which is quadratic in the number of headings (a
 * 0.3 MB file of 2,000 entries took ~10 s, doubling it ~4x). A chunk ends only at a blank
 * line followed by a line that starts in column 1: no block these docs use continues past
 * that, so each chunk parses as it would inside the whole. Positions are mapped back to the
 * document's lines.
 */
export function parseMarkdown(doc: DocText): Root {
  const { lines, origin } = headingSkeleton(doc.lines.map((l) => l.text));
  const root: Root = { type: 'root', children: [] };
  const { unified, remarkParse, visit } = loadRemark();
  const processor = unified().use(remarkParse);
  for (let start = 0; start < lines.length; ) {
    let end = Math.min(lines.length, start + CHUNK_LINES);
    while (end < lines.length && !(lines[end - 1] === '' && /^\S/.test(lines[end]!))) end++;
    const tree = processor.parse(lines.slice(start, end).join('\n'));
    visit(tree, (node) => {
      if (node.position) {
        node.position.start.line = origin[start + node.position.start.line - 1]! + 1;
        node.position.end.line = origin[start + node.position.end.line - 1]! + 1;
        delete node.position.start.offset; // offsets into the skeleton mean nothing in the document
        delete node.position.end.offset;
      }
    });
    root.children.push(...tree.children);
    start = end;
  }
  return root;
}

/**
 * Every setext heading remark finds, at any nesting depth (`1. Title\n===` parses as a list
 * item): found directly in the skeleton where setext.ts can (test/read-legacy/setext.test.ts
 * holds it to remark), else by remark over the skeleton, or in `tree` when one is given.
 */
export function setextHeadings(doc: DocText, tree?: Root): SetextHeading[] {
  if (tree === undefined) {
    const { lines, origin } = headingSkeleton(doc.lines.map((l) => l.text));
    const found = findSetextHeadings(lines);
    if (found) {
      // skeleton lines to the document's (1-based), as remark's positions are mapped
      return found.map((h) => {
        const start = origin[h.start]! + 1;
        const end = origin[h.underline]! + 1;
        return { text: end - 2, underline: end - 1, depth: h.depth, gluedAbove: end - 1 - start };
      });
    }
    tree = parseMarkdown(doc);
  }
  const out: SetextHeading[] = [];
  loadRemark().visit(tree, 'heading', (node: Heading) => {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined || end === start) return; // ATX: not used by these docs
    const underlineText = doc.lines[end - 1]?.text.trim() ?? '';
    if (!/^(-+|=+)$/.test(underlineText)) return;
    out.push({ text: end - 2, underline: end - 1, depth: node.depth === 1 ? 1 : 2, gluedAbove: end - 1 - start });
  });
  return out.sort((a, b) => a.text - b.text);
}
