/**
 * Diagnostics for the terminal: vfile-reporter's report, byte for byte, in a fraction of its
 * time where that is exact.
 *
 * vfile-reporter lays out one row per message in aligned columns, measuring every cell with
 * string-width, which walks each reason grapheme by grapheme (Intl.Segmenter): 0.1 s for the
 * 140 messages of QEMU 2.8's docs, a tenth of the budget of a whole run. When the report has
 * no colour and every cell is printable ASCII, a cell's width is its length, and the layout
 * below (vfile-reporter 8's createRows and serializeRows, without the parts that need colour,
 * causes or verbose output) is the whole of it. Anything else goes to vfile-reporter itself.
 * test/diagnostics/text.test.ts holds the two to the same text.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { color } from 'vfile-reporter/do-not-use-color';

export interface TextReportOptions {
  /** Errors only (vfile-reporter's `silent`). */
  silent?: boolean;
  /** Whether vfile-reporter would colour the report (its own choice, from supports-color). */
  color?: boolean;
}

/** Printable ASCII: one column each, no escape sequences for string-width to strip. */
const NARROW = /^[\x20-\x7e]*$/;
const EOL = /\r?\n|\r/;

type Point = { line?: number; column?: number };
const point = (p: Point | undefined) => `${p?.line || 1}:${p?.column || 1}`;
/** unist-util-stringify-position of the message's place, as vfile-reporter shows it. */
function place(m: VFileMessage): string {
  const at = (m.place || (m as { position?: unknown }).position) as Record<string, unknown> | undefined;
  if (!at || typeof at !== 'object') return '';
  const range = (r: Record<string, unknown> | undefined) => `${point(r?.start as Point)}-${point(r?.end as Point)}`;
  if ('position' in at || 'type' in at) return range(at.position as Record<string, unknown> | undefined);
  if ('start' in at || 'end' in at) return range(at);
  return 'line' in at || 'column' in at ? point(at as Point) : '';
}

const label = (fatal: boolean | null | undefined) => (fatal ? 'error' : fatal === false ? 'warning' : 'info');
const score = (fatal: boolean | null | undefined) => (fatal ? 0 : fatal === false ? 1 : 2);
const text = (v: unknown) => String(v || '');

/** vfile-sort's order of messages: line, column, severity, source, rule, reason. */
function compareMessage(a: VFileMessage, b: VFileMessage): number {
  return (
    (a.line || 0) - (b.line || 0) ||
    (a.column || 0) - (b.column || 0) ||
    score(a.fatal) - score(b.fatal) ||
    text(a.source).localeCompare(text(b.source)) ||
    text(a.ruleId).localeCompare(text(b.ruleId)) ||
    text(a.reason).localeCompare(text(b.reason))
  );
}

/** The report laid out here, or undefined when vfile-reporter must write it (colour, wide characters, causes). */
export function fastTextReport(files: readonly VFile[], options: TextReportOptions = {}): string | undefined {
  return (options.color ?? color) ? undefined : layout(files, Boolean(options.silent));
}

/** The report as vfile-reporter's `reporter(files, { quiet: true, silent, verbose: false })` writes it. */
export async function textReport(files: readonly VFile[], options: TextReportOptions = {}): Promise<string> {
  const fast = fastTextReport(files, options);
  if (fast !== undefined) return fast;
  const { reporter } = await import('vfile-reporter');
  return reporter([...files], { quiet: true, silent: Boolean(options.silent), verbose: false, ...(options.color !== undefined ? { color: options.color } : {}) });
}

/** The layout for a report without colour, or undefined when a cell is not printable ASCII (or a message has more than a reason). */
export function layout(files: readonly VFile[], silent: boolean): string | undefined {
  const rows: (string | string[])[] = [];
  let fatal = 0;
  let warn = 0;
  let total = 0;
  let lastWasMessage = false;
  const sorted = [...files].sort((a, b) => text(a.path).localeCompare(text(b.path)));
  for (const file of sorted) {
    const messageRows: (string | string[])[] = [];
    for (const m of [...file.messages].sort(compareMessage)) {
      if (silent && !m.fatal) continue;
      if (m.cause || m.stack) return undefined;
      total++;
      if (m.fatal) fatal++;
      else if (m.fatal === false) warn++;
      const [first = '', ...rest] = m.message.split(EOL);
      messageRows.push([place(m), label(m.fatal), first, m.ruleId || '', m.source || ''], ...rest);
    }
    if (messageRows.length === 0) continue;
    if (file.stored) return undefined;
    const name = file.history[0] || '<stdin>';
    if (lastWasMessage) rows.push('');
    rows.push(name, ...messageRows);
    lastWasMessage = true;
  }
  if (fatal || warn) {
    let byline = fatal ? `✖ ${fatal} error${fatal === 1 ? '' : 's'}` : '';
    if (warn) byline = `${byline ? `${byline}, ` : ''}⚠ ${warn} warning${warn === 1 ? '' : 's'}`;
    rows.push('', total !== fatal && total !== warn ? `${total} messages (${byline})` : byline);
  }
  const sizes: number[] = [];
  for (const row of rows) {
    if (typeof row === 'string') continue;
    for (const [i, cell] of row.entries()) {
      if (!NARROW.test(cell)) return undefined;
      if (cell.length > (sizes[i] ?? 0)) sizes[i] = cell.length;
    }
  }
  return rows
    .map((row) => (typeof row === 'string' ? row : row.map((cell, i) => cell + ' '.repeat((sizes[i] ?? 0) + 1 - cell.length)).join('')).trimEnd())
    .join('\n');
}
