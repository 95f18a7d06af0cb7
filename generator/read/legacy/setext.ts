/**
 * The setext headings of a heading skeleton (markdown.ts: `headingSkeleton`) found without
 * remark, where that is exact: the skeleton is runs of non-blank lines, each ending in an
 * underline-like line (` {0,3}(=+|-+)[ \t]*`), one blank line between runs, and in the QMP
 * docs those runs are paragraphs with an underline, or `N. Title` over `====` (an ordered list
 * item, whose underline is its paragraph's lazy continuation: no heading). CommonMark reads
 * such text simply:
 * - a run starts a paragraph (a blank line ended the one before);
 * - an underline-like line after a paragraph's lines ends them as a setext heading (`=`:
 *   depth 1, `-`: depth 2) whose text is every line of the paragraph;
 * - with no paragraph open, `===`/`==` starts one, `---` (three or more) is a thematic break,
 *   `--` starts a paragraph;
 * - any other line starts a paragraph or continues the open one.
 *
 * Anything that could open another block (a list item, a block quote, a fence, an ATX
 * heading, an HTML block, a thematic break, indented code, a link reference definition, a tab
 * in the indentation, `-` alone) makes it decline: `findSetextHeadings` returns undefined and
 * the caller asks remark (micromark), as before. test/read-legacy/setext.test.ts holds every
 * answer it gives to remark's, on the corpus and on random skeletons.
 */

/** A heading: skeleton indices of its first text line and of its underline, and its depth. */
export interface SkeletonHeading {
  start: number;
  underline: number;
  depth: 1 | 2;
}

const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** An ordered list item as the docs' section headings write it: `N. Title` (one space). */
const ORDERED_ITEM = /^( {0,3})\d{1,9}[.)] [^ \t]/;
/** A line that may open a block other than a paragraph (after up to three spaces). */
const LIST_MARKER = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const ATX = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(?:```|~~~)/;
const QUOTE = /^ {0,3}>/;
const HTML = /^ {0,3}<[A-Za-z/!?]/;
const THEMATIC = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/** Spaces before the first other character; -1 when a tab comes first. */
function indentation(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return line.charCodeAt(n) === 9 ? -1 : n;
}

/** Whether a line other than an underline may only be paragraph text here (`start`: it would start one). */
function paragraphText(line: string, start: boolean): boolean {
  const indent = indentation(line);
  if (indent < 0) return false;
  if (start && (indent >= 4 || line.charCodeAt(indent) === 91 /* [ */)) return false;
  return !(LIST_MARKER.test(line) || ATX.test(line) || FENCE.test(line) || QUOTE.test(line) || HTML.test(line) || THEMATIC.test(line));
}

/**
 * The setext headings CommonMark finds in `lines` (a heading skeleton: runs of non-blank
 * lines separated by single empty lines), in order; undefined when the text holds anything
 * outside the simple reading above.
 */
export function findSetextHeadings(lines: readonly string[]): SkeletonHeading[] | undefined {
  const out: SkeletonHeading[] = [];
  /** The content column of an ordered list item still open (its paragraph ended lazily), or -1. */
  let listColumn = -1;
  let paragraph = -1; // index of the open paragraph's first line
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      paragraph = -1;
      continue;
    }
    const runStart = i === 0 || lines[i - 1] === '';
    if (runStart && listColumn >= 0) {
      // a line indented to the item's content would continue it
      const indent = indentation(line);
      if (indent < 0 || indent >= listColumn) return undefined;
      listColumn = -1;
    }
    if (UNDERLINE.test(line)) {
      const equals = line.trimStart().startsWith('=');
      if (paragraph >= 0) {
        out.push({ start: paragraph, underline: i, depth: equals ? 1 : 2 });
        paragraph = -1;
      } else if (equals) {
        paragraph = i;
      } else {
        const dashes = line.trim().length;
        if (dashes === 1) return undefined; // `-`: an empty list item
        paragraph = dashes === 2 ? i : -1; // `--`: text; `---`: a thematic break
      }
      continue;
    }
    if (runStart) {
      const item = ORDERED_ITEM.exec(line);
      if (item) {
        // `N. Title` over an unindented underline, alone in its run: `===` continues the
        // item's paragraph lazily (the item stays open), `---` is a thematic break after it
        const next = lines[i + 1] ?? '';
        const after = lines[i + 2] ?? '';
        if (after !== '' || !UNDERLINE.test(next) || next.charCodeAt(0) === 32) return undefined;
        if (next.startsWith('=')) listColumn = item[0].length - 1;
        else if (next.trim().length < 3) return undefined;
        i++;
        paragraph = -1;
        continue;
      }
    }
    if (!paragraphText(line, paragraph < 0)) return undefined;
    if (paragraph < 0) paragraph = i;
  }
  return out;
}
