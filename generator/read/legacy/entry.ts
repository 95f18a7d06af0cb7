/**
 * What commands and events share: the prose of an entry (summary, description, notes), its
 * examples, and the grouping of free text into paragraphs and member lists.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Example } from '../../model/types.js';
import { paragraphs, type Region } from './body.js';
import { parseExamples } from './examples.js';
import { parseList, type ListItem } from './members.js';
import type { DocText } from './source.js';

/** A block of free text: a prose paragraph, or a member list with the prose line that introduced it. */
export type FreeBlock =
  | { kind: 'prose'; lines: number[]; text: string }
  | { kind: 'list'; lines: number[]; items: ListItem[]; intro?: { lines: number[]; text: string } };

const LIST_START = /^\s*-\s+\S|^\s*"?[\w-]+"?\s+array\s*:\s*$/;
const NAMED_ITEM = /^"[^"]+"|^[A-Za-z][\w.-]*\s*:/;

export function joinLines(doc: DocText, lines: readonly number[]): string {
  return lines
    .map((i) => doc.lines[i]!.text.trim())
    .filter(Boolean)
    .join(' ');
}

function hasNamedItem(items: readonly ListItem[]): boolean {
  return items.some((it) => it.arrayHeading !== undefined || NAMED_ITEM.test(it.lines[0]?.text ?? '') || hasNamedItem(it.children));
}

/**
 * Group the free regions of a body into prose paragraphs and member lists. A paragraph that
 * starts with a `- ` item, and the indented or `- ` paragraphs after it, form one list; the
 * prose paragraph just before it, when it ends with a colon, is its introduction. Lists whose
 * items name nothing (`- if the tray is locked, ...`) stay prose.
 */
export function freeBlocks(doc: DocText, regions: readonly Region[]): FreeBlock[] {
  const out: FreeBlock[] = [];
  for (const r of regions) {
    if (r.kind !== 'free') continue;
    const paras = paragraphs(doc, r.lines);
    let k = 0;
    while (k < paras.length) {
      const p = paras[k]!;
      const firstText = doc.lines[p[0]!]!.text;
      // A prose paragraph may run straight into its list: `Text:\n- "a": ...`.
      const listAt = p.findIndex((i) => LIST_START.test(doc.lines[i]!.text));
      if (listAt === -1 && !(out.length && out[out.length - 1]!.kind === 'list' && /^\s/.test(firstText))) {
        out.push({ kind: 'prose', lines: p, text: joinLines(doc, p) });
        k++;
        continue;
      }
      let introLines: number[] | undefined;
      let listLines: number[];
      if (listAt > 0) {
        introLines = p.slice(0, listAt);
        listLines = p.slice(listAt);
      } else if (listAt === -1) {
        // An indented paragraph continuing the previous list.
        const prev = out.pop() as Extract<FreeBlock, { kind: 'list' }>;
        listLines = [...prev.lines, ...p];
        const items = parseList(doc, listLines).items;
        out.push({ ...prev, lines: listLines, items });
        k++;
        continue;
      } else {
        listLines = [...p];
      }
      k++;
      // Following paragraphs that are indented or start with an item continue the list.
      while (k < paras.length) {
        const q = paras[k]!;
        const t = doc.lines[q[0]!]!.text;
        if (!LIST_START.test(t) && !/^\s/.test(t)) break;
        listLines.push(...q);
        k++;
      }
      if (!introLines) {
        const prev = out[out.length - 1];
        if (prev?.kind === 'prose' && /:\s*$/.test(prev.text)) {
          out.pop();
          introLines = prev.lines;
        }
      }
      const items = parseList(doc, listLines).items;
      if (!hasNamedItem(items)) {
        const all = [...(introLines ?? []), ...listLines];
        out.push({ kind: 'prose', lines: all, text: joinLines(doc, all) });
        continue;
      }
      out.push(
        introLines
          ? { kind: 'list', lines: listLines, items, intro: { lines: introLines, text: joinLines(doc, introLines) } }
          : { kind: 'list', lines: listLines, items },
      );
    }
  }
  return out;
}

/** First sentence of a paragraph (a period followed by a space and a capital ends it). */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])\s+(?=[A-Z(])/.exec(text);
  return (m ? m[1]! : text).trim();
}

/** Notes: `Note: text` is one note; `Notes:` holds `(1) ...` items or paragraphs. */
export function readNotes(doc: DocText, regions: readonly Region[]): string[] {
  const notes: string[] = [];
  for (const r of regions) {
    if (r.kind !== 'notes') continue;
    const label = doc.lines[r.label!]!.text;
    const prefix = /^(Warning)\s*:/i.exec(label) ? 'Warning: ' : '';
    let cur: string[] | undefined;
    const flush = () => {
      if (cur?.length) notes.push(prefix + cur.join(' '));
      cur = undefined;
    };
    for (const i of r.lines) {
      let t = doc.lines[i]!.text;
      if (i === r.label) t = t.replace(/^[A-Za-z]+\s*:\s*/, '');
      const trimmed = t.trim();
      if (!trimmed) {
        flush();
        continue;
      }
      if (/^\(?\d+[).]\s/.test(trimmed)) {
        flush();
        cur = [trimmed.replace(/^\(?\d+[).]\s*/, '')];
        continue;
      }
      (cur ??= []).push(trimmed);
    }
    flush();
  }
  return notes;
}

/** Every example of the entry, read by the examples module. */
export function readExamples(doc: DocText, regions: readonly Region[], reporter: Reporter): Example[] {
  const out: Example[] = [];
  for (const r of regions) {
    if (r.kind !== 'example') continue;
    const idx = [...r.lines];
    if (r.label !== undefined && !/^Examples?\s*:?\s*$/.test(doc.lines[r.label]!.text)) idx.unshift(r.label);
    const lines = idx.map((i) => ({ text: doc.lines[i]!.text, line: doc.lines[i]!.line }));
    out.push(...parseExamples(lines, doc.path, reporter));
  }
  return out;
}
