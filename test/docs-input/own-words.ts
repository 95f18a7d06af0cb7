/**
 * "Our own words": no line of the project's text may stand verbatim in QEMU's docs. The
 * same rule as /work/shared/tools/corpus-copies: lines are compared with runs of
 * whitespace collapsed and the ends trimmed; only lines of 40+ characters with 25+
 * letters count (shorter ones are format, JSON punctuation or names).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MIN_LENGTH = 40;
export const MIN_LETTERS = 25;

export function normaliseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

const LETTER = /\p{L}/gu;

/** Whether a normalised line is long and wordy enough to count as prose. */
export function isSignificant(normalised: string): boolean {
  return normalised.length >= MIN_LENGTH && (normalised.match(LETTER)?.length ?? 0) >= MIN_LETTERS;
}

/** The significant normalised lines of some texts. */
export function significantLines(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts)
    for (const line of text.split('\n')) {
      const n = normaliseLine(line);
      if (isSignificant(n)) out.add(n);
    }
  return out;
}

/** Every .txt and .hx file below `dir`, recursively, sorted. */
export function corpusTextFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusTextFiles(p));
    else if (entry.isFile() && /\.(txt|hx)$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

export interface CopiedLine {
  line: number;
  text: string;
}

/** Lines of `text` that appear in `corpus` (a set from `significantLines`), 1-based. */
export function copiedLines(text: string, corpus: ReadonlySet<string>): CopiedLine[] {
  const hits: CopiedLine[] = [];
  text.split('\n').forEach((line, i) => {
    const n = normaliseLine(line);
    if (isSignificant(n) && corpus.has(n)) hits.push({ line: i + 1, text: n });
  });
  return hits;
}

/** Reads the corpus files (decoding invalid UTF-8 leniently, like the Python tool). */
export function loadCorpusLines(dir: string): Set<string> {
  return significantLines(corpusTextFiles(dir).map((f) => readFileSync(f, 'utf8')));
}
