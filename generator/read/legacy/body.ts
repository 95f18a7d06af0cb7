/**
 * The body of one entry (the lines under its heading), cut into regions by its labels:
 * `Arguments:`, `Data:`, `Returns:`, `Example:`/`Examples:`/`Example (1):`, `Note:`/`Notes:`,
 * `Since`, and the free text between them (prose paragraphs, return descriptions, member
 * lists that have no label). Lines are 0-based indices into the DocText.
 */
import type { DocText } from './source.js';

export type RegionKind = 'since' | 'arguments' | 'data' | 'returns' | 'example' | 'notes' | 'free';

export interface Region {
  kind: RegionKind;
  /** Index of the label line, when the region has one. */
  label?: number;
  /** Text after the label on its line (`None.`, `Nothing on success`, `2.1`). */
  inline?: string;
  /** Column (1-based) where `inline` starts. */
  inlineColumn?: number;
  /** Content lines (indices), label excluded. */
  lines: number[];
}

const LABEL = /^(Arguments|Data|Returns?|Notes?|NOTE|Warning)\s*:\s*(.*)$/;
const SINCE = /^Since:?\s+(\d+(?:\.\d+)*)\.?\s*$/;
const EXAMPLE = /^Examples?\b/;
const MESSAGE = /^\s*(->|<-)\s*[{[]/;
const EVENT_JSON = /^\{\s*("|$)/;

function labelKind(word: string): RegionKind {
  switch (word) {
    case 'Arguments':
      return 'arguments';
    case 'Data':
      return 'data';
    case 'Return':
    case 'Returns':
      return 'returns';
    default:
      return 'notes';
  }
}

const isBlank = (t: string) => t.trim() === '';
/** A line that can carry on a member list after a blank line. */
const listy = (t: string) => /^\s/.test(t) || /^-\s/.test(t) || /^[\w-]+ array:\s*$/.test(t);

export function splitBody(doc: DocText, start: number, end: number): Region[] {
  const regions: Region[] = [];
  let cur: Region | undefined;
  const open = (r: Region) => {
    regions.push(r);
    cur = r;
  };
  let first = true;
  for (let i = start; i < end; i++) {
    const text = doc.lines[i]!.text;
    const prev = i > start ? doc.lines[i - 1]!.text : '';
    if (first && isBlank(text)) continue;
    const since = SINCE.exec(text);
    if (first && since) {
      regions.push({ kind: 'since', label: i, inline: since[1], inlineColumn: text.indexOf(since[1]!) + 1, lines: [] });
      first = false;
      cur = undefined;
      continue;
    }
    first = false;
    const label = LABEL.exec(text);
    if (label) {
      const inline = label[2]!.trim();
      const kind = labelKind(label[1]!);
      const r: Region = { kind, label: i, lines: [] };
      if (kind === 'notes') {
        // `Note: text` keeps its text as the first content line.
        if (inline) r.lines.push(i);
      } else if (inline) {
        r.inline = inline;
        r.inlineColumn = text.indexOf(inline, label[1]!.length) + 1;
      }
      open(r);
      continue;
    }
    if (EXAMPLE.test(text) && (cur?.kind !== 'example' || isBlank(prev) || /:\s*$/.test(text))) {
      open({ kind: 'example', label: i, lines: [] });
      continue;
    }
    if (cur?.kind !== 'example' && cur?.kind !== 'notes' && (MESSAGE.test(text) || (doc.role === 'events' && EVENT_JSON.test(text)))) {
      open({ kind: 'example', lines: [i] });
      continue;
    }
    if (cur && (cur.kind === 'arguments' || cur.kind === 'data' || cur.kind === 'returns')) {
      // A member list runs on through blank lines while what follows is indented or a `- ` item.
      if (!isBlank(text) && isBlank(prev) && !listy(text) && cur.lines.some((l) => !isBlank(doc.lines[l]!.text))) {
        open({ kind: 'free', lines: [i] });
        continue;
      }
      if (!isBlank(text) && isBlank(prev) && !listy(text) && cur.inline) {
        open({ kind: 'free', lines: [i] });
        continue;
      }
      cur.lines.push(i);
      continue;
    }
    if (cur && cur.kind === 'notes') {
      // `Note: one paragraph` ends at a blank line followed by unindented text; `Notes:` runs on.
      const single = doc.lines[cur.label!]!.text.replace(LABEL, '$2').trim() !== '';
      if (single && !isBlank(text) && isBlank(prev) && !/^\s/.test(text)) {
        open({ kind: 'free', lines: [i] });
        continue;
      }
      cur.lines.push(i);
      continue;
    }
    if (cur && cur.kind === 'example') {
      cur.lines.push(i);
      continue;
    }
    if (!cur || cur.kind !== 'free') open({ kind: 'free', lines: [] });
    cur!.lines.push(i);
  }
  for (const r of regions) {
    while (r.lines.length > 0 && isBlank(doc.lines[r.lines[r.lines.length - 1]!]!.text)) r.lines.pop();
    while (r.lines.length > 0 && isBlank(doc.lines[r.lines[0]!]!.text)) r.lines.shift();
  }
  return regions;
}

/** Split region lines into paragraphs (runs of non-blank lines). */
export function paragraphs(doc: DocText, lines: readonly number[]): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (const i of lines) {
    if (isBlank(doc.lines[i]!.text)) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(i);
  }
  if (cur.length) out.push(cur);
  return out;
}
