/**
 * Command and event headings, and the `N. Title` section headings that group commands into
 * regular and query commands.
 *
 * A heading either names an entry (`query-foo`, `FOO_EVENT`, `@query-foo`, `A, B`) or is
 * prose (`Show the frobnicator`), which the command interpreter later resolves from the
 * example's `execute` name. A name alone on its line without an underline is accepted as a
 * heading when the text below it reads like an entry body (it has `Arguments:`, `Data:` or an
 * example), with a warning.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { CommandSection } from '../../model/types.js';
import type { SetextHeading } from './markdown.js';
import { at, lineSpan, type DocText } from './source.js';

export interface EntryHeading {
  /** Wire names read from the heading (two for `A, B`); empty for a prose heading. */
  names: string[];
  /** The heading text as written (trimmed). */
  text: string;
  /** 0-based index of the heading text line. */
  line: number;
  /** Body: lines [bodyStart, bodyEnd) of the DocText. */
  bodyStart: number;
  bodyEnd: number;
  section: CommandSection;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A command (lower case) or event (upper case) name alone on a line, possibly `@`-prefixed. */
const NAME_LINE: Record<DocText['role'], RegExp> = { commands: /^@?[a-z][a-z0-9_-]*$/, events: /^[A-Z][A-Z0-9_]*$/ };
const NAME_LIST = /^[A-Za-z][A-Za-z0-9_-]*(\s*,\s*[A-Za-z][A-Za-z0-9_-]*)+$/;
/** What an entry body contains, for accepting an underline-less heading. */
const BODY_MARK = /^(Arguments|Data|Examples?|Returns?)\b.*:|^(->|<-)\s*\{|^\{\s*"(event|timestamp)"/;

export function sectionOf(title: string): CommandSection {
  const t = title.replace(/^\d+\.\s*/, '');
  if (/\bquery\b/i.test(t)) return 'query';
  if (/\bregular\b/i.test(t)) return 'regular';
  return 'other';
}

interface Candidate {
  line: number;
  /** First line of the heading block (glued paragraph lines count as the previous body). */
  top: number;
  bodyStart: number;
  underline?: number;
  depth: 1 | 2;
  /** Paragraph lines remark folded into the heading; they stay with the previous body. */
  glued?: number;
}

function blank(doc: DocText, i: number): boolean {
  const l = doc.lines[i];
  return l === undefined || l.text.trim() === '';
}

/**
 * Find every entry heading of the document, in document order, with its body range and the
 * section it sits in. Reports heading quirks.
 */
export function findEntryHeadings(doc: DocText, setext: readonly SetextHeading[], reporter: Reporter): EntryHeading[] {
  const taken = new Set<number>();
  const cands: Candidate[] = [];
  for (const h of setext) {
    for (let i = h.text; i <= h.underline; i++) taken.add(i);
    cands.push({ line: h.text, top: h.text, glued: h.gluedAbove, bodyStart: h.underline + 1, underline: h.underline, depth: h.depth });
  }
  // Underlined lines remark did not read as headings (`2. Title\n====` parses as a list item).
  doc.lines.forEach((l, i) => {
    const under = doc.lines[i + 1]?.text ?? '';
    if (taken.has(i) || taken.has(i + 1) || !/^(-{3,}|={3,})\s*$/.test(under)) return;
    if (!/^\S/.test(l.text) || /^-\s/.test(l.text) || (i > 0 && !blank(doc, i - 1))) return;
    taken.add(i).add(i + 1);
    cands.push({ line: i, top: i, bodyStart: i + 2, underline: i + 1, depth: under.startsWith('=') ? 1 : 2 });
  });
  // Names alone on a line with blank lines around them and no underline.
  const loose: Candidate[] = [];
  doc.lines.forEach((l, i) => {
    if (taken.has(i) || !NAME_LINE[doc.role].test(l.text) || !blank(doc, i - 1) || !blank(doc, i + 1)) return;
    loose.push({ line: i, top: i, bodyStart: i + 1, depth: 2 });
  });
  const sorted = (xs: Candidate[]) => xs.sort((a, b) => a.line - b.line);
  const all = sorted([...cands, ...loose]);
  const accepted = new Set<Candidate>(cands);
  const marked = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (BODY_MARK.test(doc.lines[i]?.text ?? '')) return true;
    return false;
  };
  for (const c of loose) {
    const next = all.find((o) => o.line > c.line && o !== c && !loose.includes(o)) ?? all.find((o) => o.line > c.line);
    const end = next ? next.top : doc.lines.length;
    // The text above must be a finished entry (or no entry at all): a lone word inside a
    // description is not a heading.
    const prev = [...cands].reverse().find((o) => o.line < c.line);
    const finished = !prev || prev.depth === 1 || marked(prev.bodyStart, c.line);
    if (finished && marked(c.bodyStart, end)) accepted.add(c);
  }
  const heads = sorted(all.filter((c) => accepted.has(c)));

  const out: EntryHeading[] = [];
  let section: CommandSection = 'other';
  heads.forEach((c, k) => {
    const line = doc.lines[c.line]!;
    const text = line.text.trim();
    const next = heads[k + 1];
    const bodyEnd = next ? next.top : doc.lines.length;
    if (c.depth === 1) {
      section = sectionOf(text);
      return;
    }
    if (c.underline === undefined) {
      reporter.report(
        'heading-no-underline',
        `"${text}" stands alone on its line with no "----" underline but is followed by an entry body; read as a heading`,
        lineSpan(doc.path, line),
      );
    } else {
      const under = doc.lines[c.underline]!;
      const len = under.text.trim().length;
      if (len !== text.length) {
        reporter.report(
          'heading-underline-length',
          `underline of "${text}" is ${len} characters long, the heading ${text.length}; read as a heading all the same`,
          lineSpan(doc.path, under),
        );
      }
      if (c.glued) {
        reporter.report(
          'heading-no-blank-line',
          `heading "${text}" follows the previous text without a blank line; the lines above it stay with the previous entry`,
          at(doc.path, line, 1),
        );
      }
    }
    let names: string[] = [];
    let shown = text;
    if (text.startsWith('@') && NAME.test(text.slice(1))) {
      shown = text.slice(1);
      reporter.report(
        'heading-at-sign',
        `heading "${text}" carries a stray "@" (QAPI doc syntax); read as "${shown}"`,
        at(doc.path, line, line.text.indexOf('@') + 1, line.text.indexOf('@') + 2),
      );
      names = [shown];
    } else if (NAME.test(text)) {
      names = [text];
    } else if (NAME_LIST.test(text)) {
      names = text.split(',').map((s) => s.trim());
      reporter.report(
        'heading-multiple-names',
        `heading "${text}" names ${names.length} entries; each gets the same documentation`,
        lineSpan(doc.path, line),
      );
    }
    out.push({ names, text, line: c.line, bodyStart: c.bodyStart, bodyEnd, section });
  });
  return out;
}
