/**
 * The monitor's C dispatch table, as the `.hx` files (and some forks' `qmp-commands.txt`)
 * carry it beside the text: one designated initializer per command,
 *
 *     {
 *         .name       = "frob",
 *         .args_type  = "force:-f,id:B,size:o?,"
 *                       "opts:O",
 *         .mhandler.cmd_new = qmp_marshal_frob,
 *     },
 *
 * from which QEMU's monitor checked every QMP call's arguments at run time (0.13–2.7). The
 * `args_type` string is a comma-separated list of `name:TYPE`, TYPE one letter (or `-x` for a
 * flag), followed by `?` (or, for integers, `.`) when optional. What each letter accepts on
 * the QMP wire (monitor.c's check of client arguments):
 *
 *   F B s S      a string (file name, block device, string, rest of line)
 *   i l M o      an integer (32-bit, long, megabytes, octets)
 *   T f          a number (integer or float)
 *   b, -x        a boolean (a flag is always optional)
 *   q            any JSON value
 *   O            not an argument: further arguments of any name are accepted (QemuOpts)
 *   /            the human monitor's print format: no QMP argument
 *
 * This module reads the entries with positions (each argument's own column inside the
 * string); commands.ts-level reconciliation with the text is in reconcileDispatch (below).
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { SourcePosition } from '../../model/types.js';

export type DispatchKind = 'string' | 'int' | 'number' | 'bool' | 'any';

export interface DispatchArg {
  name: string;
  /** The type as written (`B`, `i`, `-f`, `O`, ...), without the optional marker. */
  letter: string;
  optional: boolean;
  /** JSON kind QEMU accepted; absent for `O` (open) and `/` (human monitor only). */
  kind?: DispatchKind;
  /** `O`: any further argument is accepted. */
  open?: boolean;
  position: SourcePosition;
}

export interface DispatchEntry {
  /** `.name`, split at `|` (`q|quit` → `q`, `quit`). */
  names: string[];
  /** Absent when the entry has no `.args_type`. */
  args?: DispatchArg[];
  /** Some `O` argument: unknown arguments are accepted. */
  open: boolean;
  /** The other fields, as written (`.params`, `.help`, `.mhandler.cmd_new`, `.user_print`, ...). */
  fields: Record<string, string>;
  position: SourcePosition;
  /** Position of `.args_type`. */
  argsPosition?: SourcePosition;
}

export interface DispatchReading {
  entries: DispatchEntry[];
  /** 0-based indices of the raw lines that belong to entries (to keep them out of the text). */
  lines: Set<number>;
}

const KINDS: Record<string, DispatchKind | 'open' | 'hmp'> = {
  F: 'string',
  B: 'string',
  s: 'string',
  S: 'string',
  i: 'int',
  l: 'int',
  M: 'int',
  o: 'int',
  T: 'number',
  f: 'number',
  b: 'bool',
  q: 'any',
  O: 'open',
  '/': 'hmp',
};

/** A character of a field's value with the place it was written. */
interface Placed {
  ch: string;
  line: number;
  column: number;
}

const START = /^\s*\{/;
const DESIGNATOR = /\.([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\s*=\s*/y;

/**
 * Find the entries: a block opened by `{` whose first designator is within three lines, closed
 * by the line starting with `}`. In an `.hx` only the lines outside SQMP…EQMP are searched;
 * in a `.txt` every line is.
 */
export function readDispatchTable(raw: readonly string[], path: string, format: 'txt' | 'hx', reporter: Reporter): DispatchReading {
  const out: DispatchReading = { entries: [], lines: new Set() };
  let inQmp = false;
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i]!;
    if (format === 'hx') {
      if (/^SQMP/.test(text)) inQmp = true;
      else if (/^EQMP/.test(text)) inQmp = false;
      if (inQmp || /^HXCOMM/.test(text)) continue;
    }
    if (!START.test(text)) continue;
    // The entry must name itself soon: `.name` on this line or one of the next three.
    let named = false;
    for (let k = i; k < Math.min(raw.length, i + 4); k++) if (/\.name\s*=/.test(raw[k]!)) named = true;
    if (!named) continue;
    let end = i;
    const limit = Math.min(raw.length, i + 60);
    while (end < limit && !(end > i ? /^\s*\}/.test(raw[end]!) : /\}\s*,?\s*$/.test(raw[end]!.replace(/"(?:[^"\\]|\\.)*"/g, '""')))) end++;
    if (end >= limit) {
      reporter.report('dispatch-entry-malformed', 'a dispatch table entry opened here is not closed by "}" within 60 lines; it was ignored', { file: path, line: i + 1, column: 1 });
      continue;
    }
    const entry = readEntry(raw, i, end, path, reporter);
    for (let k = i; k <= end; k++) out.lines.add(k);
    if (entry) out.entries.push(entry);
    i = end;
  }
  return out;
}

function readEntry(raw: readonly string[], first: number, last: number, path: string, reporter: Reporter): DispatchEntry | undefined {
  // The entry's characters with positions, from just after `{` to just before `}`.
  const chars: Placed[] = [];
  for (let k = first; k <= last; k++) {
    const text = raw[k]!;
    let from = 0;
    let to = text.length;
    if (k === first) from = text.indexOf('{') + 1;
    if (k === last) {
      const close = lastUnquoted(text, '}');
      if (close >= 0) to = close;
    }
    for (let c = from; c < to; c++) chars.push({ ch: text[c]!, line: k + 1, column: c + 1 });
    chars.push({ ch: '\n', line: k + 1, column: to + 1 });
  }
  const src = chars.map((c) => c.ch).join('');
  const fields: Record<string, { value: Placed[]; position: SourcePosition }> = {};
  let at = 0;
  while (at < src.length) {
    const dot = src.indexOf('.', at);
    if (dot < 0) break;
    DESIGNATOR.lastIndex = dot;
    const m = DESIGNATOR.exec(src);
    if (!m) {
      at = dot + 1;
      continue;
    }
    const key = m[1]!;
    let p = DESIGNATOR.lastIndex;
    const value: Placed[] = [];
    if (src[p] === '"') {
      // One or more C string literals, concatenated.
      while (src[p] === '"') {
        p++;
        while (p < src.length && src[p] !== '"') {
          if (src[p] === '\\' && p + 1 < src.length) p++;
          value.push(chars[p]!);
          p++;
        }
        p++;
        while (p < src.length && /\s/.test(src[p]!)) p++;
      }
    } else {
      while (p < src.length && src[p] !== ',' && src[p] !== '\n') value.push(chars[p++]!);
      while (value.length > 0 && /\s/.test(value[value.length - 1]!.ch)) value.pop();
    }
    const start = chars[dot]!;
    fields[key] = { value, position: { file: path, line: start.line, column: start.column } };
    at = p;
  }
  const name = fields.name;
  if (!name) return undefined;
  const nameText = name.value.map((c) => c.ch).join('');
  const entry: DispatchEntry = {
    names: nameText.split('|').map((s) => s.trim()).filter(Boolean),
    open: false,
    fields: {},
    position: name.position,
  };
  for (const [k, v] of Object.entries(fields)) if (k !== 'name' && k !== 'args_type') entry.fields[k] = v.value.map((c) => c.ch).join('');
  const args = fields.args_type;
  if (args) {
    entry.argsPosition = args.position;
    entry.args = readArgsType(args.value, path, nameText, reporter);
    entry.open = entry.args.some((a) => a.open === true);
  }
  return entry;
}

function lastUnquoted(text: string, ch: string): number {
  const blanked = text.replace(/"(?:[^"\\]|\\.)*"/g, (s) => ' '.repeat(s.length));
  return blanked.lastIndexOf(ch);
}

/** `name:TYPE[?|.]` items of an `args_type` value. */
function readArgsType(value: readonly Placed[], path: string, owner: string, reporter: Reporter): DispatchArg[] {
  const out: DispatchArg[] = [];
  let k = 0;
  while (k < value.length) {
    let e = k;
    while (e < value.length && value[e]!.ch !== ',') e++;
    const item = value.slice(k, e);
    k = e + 1;
    const text = item.map((c) => c.ch).join('');
    if (text.trim() === '') continue;
    const where = item[0]!;
    const position: SourcePosition = { file: path, line: where.line, column: where.column, endLine: item[item.length - 1]!.line, endColumn: item[item.length - 1]!.column + 1 };
    const m = /^\s*([\w-]+):(-[A-Za-z]|[A-Za-z/])([?.]?)\s*$/.exec(text);
    if (!m) {
      reporter.report('dispatch-entry-malformed', `${owner}: args_type item "${text}" is not name:TYPE; it was ignored`, position);
      continue;
    }
    const [, name, letter, mark] = m as unknown as [string, string, string, string];
    const flag = letter.startsWith('-');
    const kind = flag ? 'bool' : KINDS[letter];
    const arg: DispatchArg = { name, letter, optional: flag || mark !== '', position };
    if (kind === 'open') arg.open = true;
    else if (kind === 'hmp') {
      /* the human monitor's print format: no QMP argument */
    } else if (kind) arg.kind = kind;
    else {
      reporter.report('dispatch-type-unknown', `${owner}: argument "${name}" has the type letter "${letter}", which the monitor of no QEMU release knows; any JSON value is accepted`, position);
      arg.kind = 'any';
    }
    out.push(arg);
  }
  return out;
}
