/**
 * The Markdown view of a QMP document. The legacy docs are plain text, but close enough to
 * Markdown that remark recovers their block structure: `name\n----` is a setext heading (a
 * command or event), `N. Title\n====` a section heading. We keep only what the interpreters
 * need (headings, with line indices into the DocText) — no mdast reaches the model.
 */
import type { Heading, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { DocText } from './source.js';

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

/**
 * The lines remark needs to find setext headings: each underline-like line and the run of
 * non-blank lines right above it (a heading's text, plus any paragraph remark folds into it).
 * Every other line is blanked, keeping line numbers and columns, so remark reads ~10% of the
 * text: micromark over a whole 2.8 qmp-commands.txt costs seconds, the skeleton milliseconds.
 * A blank line ends every block these docs use above a heading, so nothing a kept run means
 * depends on a blanked line.
 */
export function headingSkeleton(lines: readonly string[]): string {
  const keep = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    if (!UNDERLINE.test(lines[i]!)) continue;
    keep[i] = 1;
    for (let j = i - 1; j >= 0 && lines[j]!.trim() !== '' && !keep[j]; j--) keep[j] = 1;
  }
  return lines.map((line, i) => (keep[i] ? line : '')).join('\n');
}

/** Lines per remark call; see `parseMarkdown`. */
const CHUNK_LINES = 2000;

/**
 * remark over the skeleton, in chunks: micromark's setext resolution edits the event list
 * of the whole document once per heading, which is quadratic in the number of headings (a
 * 0.3 MB file of 2,000 entries took ~10 s, doubling it ~4x). A chunk ends only at a blank
 * line followed by a line that starts in column 1: no block these docs use continues past
 * that, so each chunk parses as it would inside the whole. Line numbers are shifted back.
 */
export function parseMarkdown(doc: DocText): Root {
  const lines = headingSkeleton(doc.lines.map((l) => l.text)).split('\n');
  const root: Root = { type: 'root', children: [] };
  const processor = unified().use(remarkParse);
  for (let start = 0; start < lines.length; ) {
    let end = Math.min(lines.length, start + CHUNK_LINES);
    while (end < lines.length && !(lines[end - 1] === '' && /^\S/.test(lines[end]!))) end++;
    const tree = processor.parse(lines.slice(start, end).join('\n'));
    if (start > 0) {
      visit(tree, (node) => {
        if (node.position) {
          node.position.start.line += start;
          node.position.end.line += start;
        }
      });
    }
    root.children.push(...tree.children);
    start = end;
  }
  return root;
}

/** Every setext heading remark found, at any nesting depth (`1. Title\n===` parses as a list item). */
export function setextHeadings(doc: DocText, tree: Root = parseMarkdown(doc)): SetextHeading[] {
  const out: SetextHeading[] = [];
  visit(tree, 'heading', (node: Heading) => {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined || end === start) return; // ATX: not used by these docs
    const underlineText = doc.lines[end - 1]?.text.trim() ?? '';
    if (!/^(-+|=+)$/.test(underlineText)) return;
    out.push({ text: end - 2, underline: end - 1, depth: node.depth === 1 ? 1 : 2, gluedAbove: end - 1 - start });
  });
  return out.sort((a, b) => a.text - b.text);
}
