/**
 * Example transcripts: the `Example:` blocks of the legacy QMP docs, split into examples and
 * messages, each message read with the tolerant JSON reader.
 *
 * The caller hands over the lines of one example region (after `Example:`/`Examples:` up to
 * the next section). Within it:
 *
 * - a caption starts a new example: a numbered line (`1. Eject the tray`, `2) ...`,
 *   `(3) ...`), an `Example 2 (...)`/`Example (2):` line, or a prose paragraph that is
 *   directly followed by a message (`Read operation:`) once the current example has messages.
 *   Blank lines alone never split an example: one transcript may have several exchanges;
 * - `->` starts a client message and `<-` a server message; a line opening with `{` or `[`
 *   and no arrow starts a bare message (events are documented that way);
 * - a message runs over the following lines until its brackets balance (counted outside
 *   strings). Blank lines inside it are kept when the text after them still looks like the
 *   same JSON (a closing bracket, a member, deeper indentation), and lines that only close
 *   brackets right after it are kept with it (they are reported as unbalanced, not lost).
 *   A message that balances on a `}` (or `},`) directly followed by a deeper-indented member
 *   line (`"arguments": ...`) was closed too early: it goes on to the surplus closer, and the
 *   JSON reader reports the repair (`early-close`);
 * - other prose lines are ignored; a JSON-looking line that belongs to no message is
 *   reported (`example-stray-line`), never silently dropped.
 *
 * Work is linear in the number of characters: every line is looked at a bounded number of
 * times, and the JSON reader is linear.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Example, ExampleMessage, SourcePosition } from '../../model/types.js';
import { readJsonTolerantDetailed, type RepairNote } from './tolerant-json.js';

/** One line of an example region. `line` is 1-based in the source file; `column` is where `text` starts (default 1). */
export interface ExampleLine {
  text: string;
  line: number;
  column?: number;
}

type Role = ExampleMessage['role'];

type LineKind = 'blank' | 'arrow' | 'caption' | 'json' | 'prose';

/** `1. Text`, `2) Text`, `(3) Text`, `Example 2 (...)`, `Example (2):`, `Examples:`. */
const NUMBERED_CAPTION = /^(?:\d{1,3}[.)]|\(\d{1,3}\))\s+(\S.*)$/;
const EXAMPLE_CAPTION = /^Examples?(?:\s+\(?\d{1,3}\)?)?(?:\s*[-:.]\s*|\s+)?(.*)$/;
/** First characters of a line that continues (or is) JSON. */
const JSON_START = /^(?:[{}[\]",:'.\u2026\d]|-\d)/;

/** Split an example region into examples and read every message. Never throws. */
export function parseExamples(lines: readonly ExampleLine[], file: string, reporter: Reporter): Example[] {
  return new ExampleParser(lines, file, reporter).parse();
}

interface Draft {
  title?: string;
  position: SourcePosition;
  messages: ExampleMessage[];
  /** Requests not yet answered, for orphan replies. */
  pending: number;
}

/** A piece of a message's raw text: the raw offset it starts at and its place in the source. */
interface Segment {
  offset: number;
  line: number;
  column: number;
}

class ExampleParser {
  readonly #lines: readonly ExampleLine[];
  readonly #kinds: LineKind[];
  readonly #file: string;
  readonly #reporter: Reporter;
  readonly #examples: Example[] = [];
  #draft: Draft | undefined;

  constructor(lines: readonly ExampleLine[], file: string, reporter: Reporter) {
    this.#lines = lines;
    this.#kinds = lines.map((l) => classify(l.text));
    this.#file = file;
    this.#reporter = reporter;
  }

  parse(): Example[] {
    const n = this.#lines.length;
    let i = 0;
    while (i < n) {
      const kind = this.#kinds[i]!;
      const line = this.#lines[i]!;
      switch (kind) {
        case 'blank':
          i++;
          break;
        case 'caption': {
          this.#startExample(captionTitle(line.text.trim()), this.#pos(i, leadingSpace(line.text)));
          i++;
          break;
        }
        case 'prose': {
          // A paragraph directly followed by a message is that message's caption.
          let j = i;
          while (j < n && this.#kinds[j] === 'prose') j++;
          const next = this.#nextNonBlank(j);
          if (next < n && this.#startsMessage(next)) {
            const text = this.#lines
              .slice(i, j)
              .map((l) => l.text.trim())
              .join(' ');
            const title = stripCaption(text);
            const pos = this.#pos(i, leadingSpace(line.text));
            if (!this.#draft || this.#draft.messages.length > 0) this.#startExample(title, pos);
            else this.#draft.title ??= title;
          }
          i = j;
          break;
        }
        case 'arrow':
          i = this.#arrow(i);
          break;
        case 'json':
          if (/^\s*[{[]/.test(line.text)) i = this.#message(i, leadingSpace(line.text), undefined);
          else {
            this.#reporter.report(
              'example-stray-line',
              'This JSON-like line belongs to no example message (no arrow before it, no open message); it was ignored',
              this.#pos(i, leadingSpace(line.text), line.text.trimEnd().length),
            );
            i++;
          }
          break;
      }
    }
    this.#finishExample();
    return this.#examples;
  }

  #startsMessage(i: number): boolean {
    const k = this.#kinds[i];
    return k === 'arrow' || (k === 'json' && /^\s*[{[]/.test(this.#lines[i]!.text));
  }

  #nextNonBlank(i: number): number {
    while (i < this.#lines.length && this.#kinds[i] === 'blank') i++;
    return i;
  }

  /** Source position of character `index` of line `i` (optionally spanning `length` chars). */
  #pos(i: number, index: number, length?: number): SourcePosition {
    const l = this.#lines[i]!;
    const column = (l.column ?? 1) + index;
    const pos: SourcePosition = { file: this.#file, line: l.line, column };
    if (length !== undefined) {
      pos.endLine = l.line;
      pos.endColumn = column + length;
    }
    return pos;
  }

  #startExample(title: string | undefined, position: SourcePosition): void {
    this.#finishExample();
    this.#draft = { position: { ...position }, messages: [], pending: 0 };
    if (title) this.#draft.title = title;
  }

  #finishExample(): void {
    const d = this.#draft;
    this.#draft = undefined;
    if (!d || d.messages.length === 0) return;
    const last = d.messages[d.messages.length - 1]!.position;
    const position: SourcePosition = { ...d.position };
    if (last.endLine !== undefined && last.endColumn !== undefined) {
      position.endLine = last.endLine;
      position.endColumn = last.endColumn;
    }
    const example: Example = { messages: d.messages, position };
    if (d.title !== undefined) example.title = d.title;
    this.#examples.push(example);
  }

  /** An arrow line at `i`: the message starts after the arrow, or on the next line. */
  #arrow(i: number): number {
    const text = this.#lines[i]!.text;
    const at = leadingSpace(text);
    const direction = text.startsWith('->', at) ? 'client' : 'server';
    let start = at + 2;
    while (start < text.length && /\s/.test(text[start]!)) start++;
    if (start < text.length) return this.#message(i, start, direction);
    // `->` alone: the JSON may open on the next line.
    const next = i + 1;
    if (next < this.#lines.length && this.#kinds[next] === 'json' && /^\s*[{[]/.test(this.#lines[next]!.text)) {
      return this.#message(next, leadingSpace(this.#lines[next]!.text), direction);
    }
    this.#reporter.report(
      'example-empty',
      `'${text.slice(at, at + 2)}' is followed by no message; it was skipped`,
      this.#pos(i, at, 2),
    );
    return i + 1;
  }

  /**
   * Collect the message that starts at character `start` of line `i` and runs until its
   * brackets balance; read it, record it, return the index of the first line after it.
   */
  #message(i: number, start: number, arrow: 'client' | 'server' | undefined): number {
    const n = this.#lines.length;
    const startIndent = start;
    const first = this.#lines[i]!;
    const parts: string[] = [first.text.slice(start)];
    const segments: Segment[] = [{ offset: 0, line: first.line, column: (first.column ?? 1) + start }];
    let rawLength = parts[0]!.length;
    const take = (j: number) => {
      const l = this.#lines[j]!;
      rawLength += 1; // the '\n' joining it
      segments.push({ offset: rawLength, line: l.line, column: l.column ?? 1 });
      parts.push(l.text);
      rawLength += l.text.length;
    };
    let { depth, openString } = bracketDepth(parts[0]!);
    let j = i + 1;
    let reopened = false;
    for (;;) {
      while (depth > 0 && j < n) {
        const kind = this.#kinds[j]!;
        if (kind === 'arrow' || kind === 'caption') break;
        if (kind === 'blank') {
          // Keep blank lines only when the JSON plainly goes on after them.
          const k = this.#nextNonBlank(j);
          if (k >= n || !this.#continues(k, startIndent, true)) break;
          while (j < k) take(j++);
          continue;
        }
        if (!this.#continues(j, startIndent, false)) break;
        // A string open at the end of a line is taken to end there (a lost closing quote),
        // unless it holds a literal line break (see tolerant-json's `literal-crlf`).
        const text = this.#lines[j]!.text;
        const carried = openString && (parts[parts.length - 1]!.endsWith('\r') || /^\s*"\s*(?:[}\],]|$)/.test(text));
        const next = bracketDepth(text, carried);
        depth += next.depth;
        openString = next.openString;
        take(j++);
      }
      // Closed too early: the object ends (`}` or `},`) and the very next line, deeper
      // indented, is a member (`"arguments": ...`): the brace was meant as a comma. The message
      // goes on to the surplus closer (the JSON reader reports the repair, 'early-close').
      const last = parts[parts.length - 1]!;
      if (!reopened && depth === 0 && j < n && this.#kinds[j] === 'json' && /\}\s*,?\s*$/.test(last)) {
        const text = this.#lines[j]!.text;
        if (/^\s*"[^"]*"\s*:/.test(text) && leadingSpace(text) > startIndent) {
          reopened = true;
          depth = 1;
          openString = false;
          continue;
        }
      }
      break;
    }
    // Lines that only close brackets right after the message belong to it (extra closers).
    while (j < n && this.#kinds[j] === 'json' && /^\s*[}\]']/.test(this.#lines[j]!.text)) take(j++);

    const raw = parts.join('\n').trimEnd();
    this.#record(raw, segments, arrow);
    return j;
  }

  /** Does line `k` continue an open message that started at column index `startIndent`? */
  #continues(k: number, startIndent: number, afterBlank: boolean): boolean {
    const kind = this.#kinds[k]!;
    const text = this.#lines[k]!.text;
    if (kind === 'arrow' || kind === 'caption' || kind === 'blank') return false;
    if (kind === 'json') {
      // After a blank line, a new '{' at the message's own indentation is a new message.
      return !(afterBlank && /^\s*[{[]/.test(text) && leadingSpace(text) <= startIndent);
    }
    // Prose: only as part of the JSON's indented body (e.g. a bare placeholder phrase).
    return !afterBlank && leadingSpace(text) > 0;
  }

  #record(raw: string, segments: readonly Segment[], arrow: 'client' | 'server' | undefined): void {
    const at = (offset: number) => locate(segments, offset, this.#file);
    const position: SourcePosition = { ...at(0) };
    const end = at(Math.max(0, raw.length - 1));
    position.endLine = end.line;
    position.endColumn = end.column + (raw.length > 0 ? 1 : 0);

    const read = readJsonTolerantDetailed(raw);
    const role = read.value !== undefined ? roleOf(read.value) : guessRole(raw);
    const direction = arrow ?? (role === 'request' ? 'client' : 'server');
    const message: ExampleMessage = { direction, role, raw, repairs: read.repairs, elided: read.elided, position };
    if (read.value !== undefined) message.value = read.value;

    if (read.error) {
      this.#reporter.report(
        'example-json-unreadable',
        `Example message could not be read as JSON (${read.error.message}); it is kept as raw text without a value`,
        at(read.error.offset),
      );
    } else {
      const repairs = read.notes.filter((note) => note.tag !== 'placeholder');
      if (repairs.length > 0) {
        this.#reporter.report(
          'example-json-repaired',
          `Example message is not strict JSON; it was read with repairs: ${describeRepairs(repairs, at)}`,
          at(repairs[0]!.offset),
        );
      }
    }

    if (!this.#draft) this.#startExample(undefined, position);
    const draft = this.#draft!;
    if (arrow === 'client' && role !== 'request' && role !== 'unknown') {
      this.#reporter.report(
        'example-direction',
        `'->' marks a message from the client, but this one is ${article(role)}; the arrow was kept as written`,
        position,
      );
    } else if (arrow === 'server' && role === 'request') {
      this.#reporter.report(
        'example-direction',
        `'<-' marks a message from the server, but this one is a request ('execute'); the arrow was kept as written`,
        position,
      );
    }
    if (role === 'request') draft.pending++;
    else if (role === 'reply' || role === 'error') {
      if (draft.pending > 0) draft.pending--;
      else this.#reporter.report('example-orphan', `This ${role} has no request before it in its example`, position);
    } else if (role === 'unknown' && read.value !== undefined) {
      this.#reporter.report(
        'example-unknown-message',
        "Example message has none of 'execute', 'return', 'error', 'event' or 'QMP'; its role is 'unknown'",
        position,
      );
    }
    draft.messages.push(message);
  }
}

function classify(text: string): LineKind {
  const t = text.trim();
  if (t === '') return 'blank';
  if (t.startsWith('->') || t.startsWith('<-')) return 'arrow';
  if (NUMBERED_CAPTION.test(t) && /^\S*\s+[A-Za-z(]/.test(t)) return 'caption';
  if (/^Examples?\b/.test(t) && /:$|^Examples?\s+\(?\d/.test(t)) return 'caption';
  if (JSON_START.test(t)) return 'json';
  return 'prose';
}

function captionTitle(text: string): string | undefined {
  const numbered = NUMBERED_CAPTION.exec(text);
  const rest = numbered ? numbered[1]! : (EXAMPLE_CAPTION.exec(text)?.[1] ?? text);
  return stripCaption(rest);
}

/** Caption text without its trailing colon or enclosing parentheses. */
function stripCaption(text: string): string | undefined {
  let t = text.trim().replace(/:$/, '').trim();
  if (/^\(.*\)$/.test(t) && !t.slice(1, -1).includes(')')) t = t.slice(1, -1).trim();
  return t === '' ? undefined : t;
}

function leadingSpace(text: string): number {
  const m = /^\s*/.exec(text);
  return m ? m[0].length : 0;
}

/**
 * Net `{`/`[` minus `}`/`]` on one line, outside double-quoted strings, and whether the line
 * ends inside a string. `carried`: the line starts inside a string.
 */
function bracketDepth(text: string, carried = false): { depth: number; openString: boolean } {
  let depth = 0;
  let inString = carried;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return { depth, openString: inString };
}

/** Source position of a raw offset (binary search over the segments). */
function locate(segments: readonly Segment[], offset: number, file: string): SourcePosition {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = segments[lo]!;
  return { file, line: s.line, column: s.column + (offset - s.offset) };
}

const ROLE_KEYS: readonly [string, Role][] = [
  ['execute', 'request'],
  ['exec-oob', 'request'],
  ['error', 'error'],
  ['return', 'reply'],
  ['event', 'event'],
  ['QMP', 'greeting'],
];

function roleOf(value: unknown): Role {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unknown';
  for (const [key, role] of ROLE_KEYS) if (Object.hasOwn(value, key)) return role;
  return 'unknown';
}

/** For text that could not be read: the role its first recognised key suggests. */
function guessRole(raw: string): Role {
  const m = /["']?(execute|exec-oob|error|return|event|QMP)["']?\s*:/.exec(raw);
  return m ? (ROLE_KEYS.find(([k]) => k === m[1])?.[1] ?? 'unknown') : 'unknown';
}

function article(role: Role): string {
  return role === 'error' || role === 'event' ? `an ${role}` : `a ${role}`;
}

function describeRepairs(notes: readonly RepairNote[], at: (offset: number) => SourcePosition): string {
  const LIMIT = 6;
  const shown = notes.slice(0, LIMIT).map((n) => {
    const p = at(n.offset);
    return `${n.tag} at ${p.line}:${p.column}`;
  });
  if (notes.length > LIMIT) shown.push(`and ${notes.length - LIMIT} more`);
  return shown.join(', ');
}
