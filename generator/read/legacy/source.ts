/**
 * The text of one input document, as lines that remember where they came from.
 *
 * Everything downstream works on `DocText`: the QMP text of a `.txt` file is the file itself;
 * the QMP text of an `.hx` file is what `hxtool -q` would extract (see hx.ts), with every
 * line keeping its line number in the `.hx` so that positions and diagnostics point there.
 */
import type { VFile } from 'vfile';
import type { Reporter } from '../../diagnostics/reporter.js';
import type { SourceFile, SourcePosition } from '../../model/types.js';
import { readDispatchTable, type DispatchEntry } from './dispatch.js';
import { extractHx, looksLikeHx } from './hx.js';

export interface DocLine {
  /** The line without its line terminator. */
  text: string;
  /** 1-based line number in the file as given. */
  line: number;
}

export interface DocText {
  path: string;
  format: 'txt' | 'hx';
  role: 'commands' | 'events';
  lines: DocLine[];
  /** The C dispatch table entries found in the file (dispatch.ts), when there are any. */
  dispatch?: DispatchEntry[];
}

/** Position of `column` (1-based) on a document line. */
export function at(path: string, line: DocLine, column = 1, endColumn?: number): SourcePosition {
  const pos: SourcePosition = { file: path, line: line.line, column };
  if (endColumn !== undefined) {
    pos.endLine = line.line;
    pos.endColumn = endColumn;
  }
  return pos;
}

/** Position spanning the non-blank text of a line. */
export function lineSpan(path: string, line: DocLine): SourcePosition {
  const start = line.text.length - line.text.trimStart().length + 1;
  return at(path, line, start, line.text.trimEnd().length + 1);
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Counts of the tell-tale constructs of each role, for detection and for the mismatch check. */
export function roleEvidence(lines: readonly string[]): { commands: number; events: number } {
  let commands = 0;
  let events = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i] ?? '';
    if (/^\s*->\s*\{/.test(t) || /"execute"\s*:/.test(t)) commands++;
    if (/^Arguments\s*:/.test(t)) commands++;
    if (/"event"\s*:/.test(t)) events++;
    if (/^Data\s*:/.test(t)) events++;
    const next = lines[i + 1] ?? '';
    if (/^-{3,}\s*$/.test(next) && /^[A-Z][A-Z0-9_]*(\s*,\s*[A-Z][A-Z0-9_]*)*\s*$/.test(t)) events += 2;
    if (/^-{3,}\s*$/.test(next) && /^@?[a-z][a-z0-9_-]*\s*$/.test(t)) commands += 2;
  }
  return { commands, events };
}

/**
 * Read one vfile as a QMP document: detect .hx vs .txt and commands vs events from the
 * content (the CLI's `declaredRole` is only a hint), extract the QMP text of an .hx.
 * Returns undefined (after an error diagnostic) when the file is neither.
 */
export function readDocText(file: VFile, reporter: Reporter): { doc: DocText; source: SourceFile } | undefined {
  const path = file.path || '<input>';
  const raw = String(file.value ?? '');
  const rawLines = splitLines(raw);
  const format: 'txt' | 'hx' = looksLikeHx(rawLines) ? 'hx' : 'txt';
  // The C dispatch table: outside the QMP text in an .hx; in a .txt (some forks paste the
  // entries in) its lines are taken out of the text.
  const table = readDispatchTable(rawLines, path, format, reporter);
  const lines =
    format === 'hx'
      ? extractHx(rawLines, path, reporter)
      : rawLines.flatMap((text, i) => (table.lines.has(i) ? [] : [{ text, line: i + 1 }]));
  const evidence = roleEvidence(lines.map((l) => l.text));
  if (evidence.commands === 0 && evidence.events === 0) {
    reporter.report(
      'input-unrecognised',
      `${path} is neither a QMP commands document nor a QMP events document (no command or event headings, no examples); it was skipped`,
      { file: path, line: 1, column: 1 },
    );
    return undefined;
  }
  const role: 'commands' | 'events' = evidence.events > evidence.commands ? 'events' : 'commands';
  const declared = (file.data as { declaredRole?: unknown }).declaredRole;
  if ((declared === 'commands' || declared === 'events') && declared !== role) {
    reporter.report(
      'input-role-mismatch',
      `${path} was given as the ${declared} document but its content is a QMP ${role} document; read as ${role}`,
      { file: path, line: 1, column: 1 },
    );
  }
  const doc: DocText = { path, format, role, lines };
  if (role === 'commands' && table.entries.length > 0) doc.dispatch = table.entries;
  return { doc, source: { path, role, format, sha256: '' } };
}
