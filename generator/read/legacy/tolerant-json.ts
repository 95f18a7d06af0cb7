/**
 * A forgiving JSON reader for the example transcripts of QEMU's legacy QMP docs.
 *
 * The examples were written by hand and never machine-checked, so many are not JSON:
 * missing or trailing commas, `...` and `{...more...}` placeholders, single quotes, a stray
 * quote after the closing brace, a U+00A0 no-break space, braces that do not balance. This
 * reader recovers the value a human reader would see and records each liberty it took as a
 * stable repair tag, so that callers can report it and decide how far to trust the value.
 *
 * Strict JSON goes through `JSON.parse` (fast path). Everything else goes through a small
 * tokenizer and a recursive-descent parser with local error recovery. Guarantees, on any
 * input: never throws, runs in linear time (every loop consumes a token or returns; the
 * only look-ahead is two tokens; an unterminated string is re-read at most once per quote
 * kind), and nesting deeper than {@link MAX_DEPTH} is an error result, not a stack overflow.
 */

export interface TolerantJsonResult {
  /** The value read; absent when the text could not be read as JSON at all. */
  value?: unknown;
  /** Stable repair tags (see {@link REPAIR_TAGS}), sorted and unique. */
  repairs: string[];
  /** The text elides content (`...`, `{...more...}`, `[ ... ]`, `etc`): not a complete message. */
  elided: boolean;
  /** When unreadable: why, and the 0-based offset in the text where reading failed. */
  error?: { message: string; offset: number };
}

/** One repair, where it was made: offset is 0-based into the text given. */
export interface RepairNote {
  tag: RepairTag;
  offset: number;
}

/** {@link TolerantJsonResult} plus where each repair was made (first occurrence per place). */
export interface TolerantJsonDetail extends TolerantJsonResult {
  notes: RepairNote[];
}

/**
 * Every repair tag, with what it means. Tags are stable: callers and reports may match on them.
 */
export const REPAIR_TAGS = {
  'bad-escape': 'a backslash escape JSON does not define (e.g. `\\q`, `\\\'`); the character was kept',
  'bare-word': 'an unquoted word used as a string value',
  'comma-for-colon': 'a comma written where a colon belongs (`"key", value`)',
  comment: 'a `//`, `/* */` or `#` comment, skipped',
  'control-char': 'a raw control character (tab, CR, ...) inside a string, kept as is',
  'early-close': 'the top-level object closed before its last members (`{ "a": 1 } "b": 2 }`, `{ "a": 1 }, "b": 2 }`); they were read as its members',
  'extra-brace': 'an object opened where a member name belongs (`{ { ... } }`); its members were merged',
  'extra-comma': 'a comma with nothing before it, skipped',
  'line-continued-string': 'a string that continues on the next line; the pieces were joined with one space',
  'literal-crlf': 'a raw line break kept inside a string: a CR LF anywhere, or a LF just before the closing quote (an expanded `\\r\\n` escape)',
  'missing-colon': 'a member name followed by its value without a colon',
  'missing-comma': 'two members or elements without a comma between them',
  'missing-quote': 'a quote missing around a value (`"key:"value"`) or before a member name (`key": value`)',
  'missing-value': 'a member name with no value; the member was dropped',
  nbsp: 'a U+00A0 no-break space (or another non-ASCII space) outside strings, read as a space',
  'number-format': 'a number JSON does not allow (`+1`, `01`, `0x1f`, `.5`)',
  placeholder: 'a placeholder (`...`, `{...more...}`, `[ ... ]`, `etc`) dropped from the value',
  'single-quotes': "a string in single quotes ('like this')",
  'stray-text': 'text that is not part of the value (before, inside or after it), skipped',
  unbalanced: 'a missing, extra or mismatched closing bracket',
  'unquoted-key': 'a member name without quotes',
  'trailing-comma': 'a comma before a closing `}` or `]`',
  'unterminated-string': 'a string with no closing quote; it was ended at the end of its line',
} as const;

export type RepairTag = keyof typeof REPAIR_TAGS;

/** Deeper nesting than this is reported as unreadable (and never recursed into). */
export const MAX_DEPTH = 1000;

/** At most this many repairs keep their offsets (the tags are always complete). */
const MAX_NOTES = 200;

/** Read `text` as JSON, tolerating the mistakes hand-written examples make. Never throws. */
export function readJsonTolerant(text: string): TolerantJsonResult {
  const { notes: _notes, ...result } = readJsonTolerantDetailed(text);
  return result;
}

/** As {@link readJsonTolerant}, with the offset of every repair for diagnostics. */
export function readJsonTolerantDetailed(text: string): TolerantJsonDetail {
  if (typeof text !== 'string') return unreadable('input is not a string', 0);
  const fast = fastPath(text);
  if (fast) return fast;
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e instanceof DepthError) return unreadable(`nesting deeper than ${MAX_DEPTH} levels`, e.offset);
    // Defensive: the reader has no other throw; never let one escape to the caller.
    return unreadable(`internal error while reading: ${String(e)}`, 0);
  }
}

function unreadable(message: string, offset: number): TolerantJsonDetail {
  return { repairs: [], elided: false, error: { message, offset }, notes: [] };
}

// ---- fast path -----------------------------------------------------------------------

/** JSON.parse when the text is strict JSON and not absurdly deep; undefined otherwise. */
function fastPath(text: string): TolerantJsonDetail | undefined {
  if (maxBracketDepth(text) > MAX_DEPTH) return undefined;
  try {
    return { value: JSON.parse(text) as unknown, repairs: [], elided: false, notes: [] };
  } catch {
    return undefined;
  }
}

/** Deepest `{`/`[` nesting outside double-quoted strings (a cheap linear scan). */
function maxBracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

// ---- tokens --------------------------------------------------------------------------

type Punct = '{' | '}' | '[' | ']' | ':' | ',';

type Token =
  | { kind: Punct; start: number }
  | { kind: 'string'; start: number; value: string }
  | { kind: 'number'; start: number; value: number }
  /** An unquoted word: a literal (`true`), a bare string, or part of a placeholder phrase. */
  | { kind: 'word'; start: number; text: string }
  /** `..`, `...`, `…`: the mark of a placeholder. */
  | { kind: 'ellipsis'; start: number }
  /** Any other character outside strings. */
  | { kind: 'stray'; start: number }
  | { kind: 'eof'; start: number };

const PUNCT = new Set(['{', '}', '[', ']', ':', ',']);
const STRICT_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LOOSE_NUMBER = /^[+-]?(?:0[xX][0-9a-fA-F]+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;
const WORD_START = /[A-Za-z_$]/;
const WORD_CHAR = /[A-Za-z0-9_$\-./@+]/;
const NUMBER_CHAR = /[A-Za-z0-9_.+-]/;
const PLACEHOLDER_WORDS = new Set(['etc', 'etc.']);

class DepthError extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

function isAsciiSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isOtherSpace(c: string): boolean {
  return c !== '' && !isAsciiSpace(c) && /\s/u.test(c);
}

function tokenize(text: string, note: (tag: RepairTag, offset: number) => void): Token[] {
  const tokens: Token[] = [];
  /** Quote kinds already found unterminated: no closing quote of that kind exists further on. */
  const exhausted = new Set<string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const start = i;
    if (isAsciiSpace(c)) {
      i++;
    } else if (isOtherSpace(c)) {
      note('nbsp', i);
      i++;
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: c as Punct, start });
      i++;
    } else if (c === '"' || c === "'") {
      const local: RepairNote[] = [];
      const s = exhausted.has(c) ? undefined : readString(text, i, c, (tag, offset) => local.push({ tag, offset }));
      if (s?.exhausted) exhausted.add(c);
      if (!s || (s.exhausted && c === "'")) {
        // No closing quote anywhere ahead: a lone quote (or an apostrophe) is stray text.
        tokens.push({ kind: 'stray', start });
        i++;
        continue;
      }
      if (c === "'") note('single-quotes', i);
      for (const x of local) note(x.tag, x.offset);
      tokens.push({ kind: 'string', start, value: s.value });
      i = s.end;
      // `"name:"value"`: the closing quote of the name sits after its colon, and the
      // value lost its opening quote. Split it back into name, colon and value.
      if (c === '"' && !s.unterminated && s.value.length > 1 && s.value.endsWith(':')) {
        const m = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*"/.exec(text.slice(i, i + 200));
        if (m) {
          note('missing-quote', i);
          tokens[tokens.length - 1] = { kind: 'string', start, value: s.value.slice(0, -1) };
          tokens.push({ kind: ':', start: i - 1 });
          tokens.push({ kind: 'string', start: i, value: m[0].slice(0, -1) });
          i += m[0].length;
        }
      }
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      note('comment', i);
      if (text[i + 1] === '/') i = endOfLine(text, i);
      else {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 2;
      }
    } else if (c === '#') {
      note('comment', i);
      i = endOfLine(text, i);
    } else if (c === '\u2026' || (c === '.' && text[i + 1] === '.')) {
      while (i < n && (text[i] === '.' || text[i] === '\u2026')) i++;
      tokens.push({ kind: 'ellipsis', start });
    } else if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9]/.test(text[i + 1] ?? ''))) {
      i++;
      while (i < n && NUMBER_CHAR.test(text[i]!) && !(text[i] === '.' && text[i + 1] === '.')) i++;
      const raw = text.slice(start, i);
      if (STRICT_NUMBER.test(raw)) tokens.push({ kind: 'number', start, value: Number(raw) });
      else if (LOOSE_NUMBER.test(raw) && Number.isFinite(Number(raw))) {
        note('number-format', start);
        tokens.push({ kind: 'number', start, value: Number(raw) });
      } else tokens.push({ kind: 'word', start, text: raw });
    } else if (WORD_START.test(c)) {
      i++;
      while (i < n && WORD_CHAR.test(text[i]!) && !(text[i] === '.' && text[i + 1] === '.')) i++;
      // `name": value`: a member name that lost its opening quote (its closing quote and the
      // colon follow it directly). Read as the quoted name.
      if (text[i] === '"' && /^"[ \t]*:/.test(text.slice(i, i + 40))) {
        note('missing-quote', start);
        tokens.push({ kind: 'string', start, value: text.slice(start, i) });
        i++;
        continue;
      }
      tokens.push({ kind: 'word', start, text: text.slice(start, i) });
    } else {
      tokens.push({ kind: 'stray', start });
      // Step over a whole surrogate pair so offsets stay on character boundaries.
      i += c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdbff && i + 1 < n ? 2 : 1;
    }
  }
  tokens.push({ kind: 'eof', start: n });
  return tokens;
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Read a string opened by `quote` at `open`.
 *
 * A raw CR LF inside a string is a literal line break (`\r\n` written by a tool that
 * expanded the escape): kept as CR LF. Any other raw line break is a line-continued string,
 * the pieces joined with one space, unless the next line opens with a quote (this string
 * lost its closing quote) or no closing quote follows at all; then the string is cut at its
 * first line break and reported unterminated.
 */
function readString(
  text: string,
  open: number,
  quote: string,
  note: (tag: RepairTag, offset: number) => void,
): { value: string; end: number; unterminated: boolean; exhausted: boolean } {
  const local: RepairNote[] = [];
  const add = (tag: RepairTag, offset: number) => local.push({ tag, offset });
  /** Finished pieces, and the piece being read (kept apart so trimming it stays cheap). */
  const parts: string[] = [];
  let cur = '';
  let i = open + 1;
  const n = text.length;
  /** Where the first raw line break was, to cut the string there if it never closes. */
  let firstBreak: { at: number; parts: number; cur: string; notes: number } | undefined;
  const done = (end: number, unterminated: boolean, exhausted: boolean) => {
    for (const x of local) note(x.tag, x.offset);
    parts.push(cur);
    return { value: parts.join(''), end, unterminated, exhausted };
  };
  /** End the string at its first line break (or here), reported unterminated. */
  const cut = (exhausted: boolean) => {
    if (firstBreak) {
      local.length = firstBreak.notes;
      parts.length = firstBreak.parts;
      cur = firstBreak.cur;
      i = firstBreak.at;
    }
    add('unterminated-string', open);
    return done(i, true, exhausted);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === quote) return done(i + 1, false, false);
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) {
        i++;
        break;
      }
      if (e === '\n' || (e === '\r' && text[i + 2] === '\n')) {
        // Backslash-newline: a shell-style continuation; the next line's indentation goes.
        add('line-continued-string', i);
        i += e === '\n' ? 2 : 3;
        while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
        continue;
      }
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          cur += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
      }
      const mapped = ESCAPES[e];
      if (mapped !== undefined) cur += mapped;
      else {
        if (!(e === "'" && quote === "'")) add('bad-escape', i);
        cur += e;
      }
      i += 2;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      add('literal-crlf', i);
      cur += '\r\n';
      i += 2;
      continue;
    }
    if (c === '\n') {
      firstBreak ??= { at: i, parts: parts.length, cur, notes: local.length };
      let j = i + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === quote) {
        // Only the closing quote (and closers) on the next line: a literal line break at
        // the end of the string. Anything more: this string lost its closing quote.
        if (/^\s*(?:[}\],]|$)/.test(text.slice(j + 1, j + 80))) {
          add('literal-crlf', i);
          cur += '\n';
          i = j;
          continue;
        }
        return cut(false);
      }
      add('line-continued-string', i);
      parts.push(cur.replace(/[ \t]+$/, ''), ' ');
      cur = '';
      i = j;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) add('control-char', i);
    cur += c;
    i++;
  }
  // No closing quote anywhere ahead.
  return cut(true);
}

// ---- parser --------------------------------------------------------------------------

/** Returned by value readers for a placeholder; containers drop it. */
const PLACEHOLDER = Symbol('placeholder');
/** Returned when no value starts at the current token (nothing consumed). */
const MISSING = Symbol('missing');

type Read = unknown;

class Reader {
  readonly #text: string;
  readonly #notes: RepairNote[] = [];
  readonly #tags = new Set<RepairTag>();
  #tokens: Token[] = [];
  #pos = 0;
  #depth = 0;
  /** Open containers enclosing the current one, by kind (for mismatched closers). */
  #openObjects = 0;
  #openArrays = 0;
  #elided = false;

  constructor(text: string) {
    this.#text = text;
  }

  read(): TolerantJsonDetail {
    this.#tokens = tokenize(this.#text, (tag, offset) => this.#note(tag, offset));
    const first = this.#peek();
    if (first.kind === 'eof') return this.#fail('no JSON value: the text is empty', first.start);
    const startsValue =
      first.kind === '{' ||
      first.kind === '[' ||
      first.kind === 'string' ||
      first.kind === 'number' ||
      first.kind === 'ellipsis' ||
      (first.kind === 'word' && (isLiteral(first.text) || this.#isPlaceholderRun()));
    if (!startsValue) {
      return this.#fail(`no JSON value: expected '{' or '[' but found ${describe(this.#text, first)}`, first.start);
    }
    let value = this.#value('top');
    if (value === PLACEHOLDER) {
      return this.#fail('the text is only a placeholder', first.start);
    }
    if (value === MISSING) value = undefined;
    // `{ "execute": "x" } "arguments": {...} }`: the object was closed too early (a brace
    // where a comma belongs); what follows is more of its members, up to the surplus closer.
    if (first.kind === '{' && isPlainObject(value)) {
      const k = this.#peek().kind === ',' ? 1 : 0;
      if (this.#peek(k).kind === 'string' && this.#peek(k + 1).kind === ':') {
        this.#note('early-close', this.#peek(-1).start);
        value = this.#object(Object.entries(value)).value;
      }
    }
    // Anything after the value: extra closers are imbalance, the rest is stray text.
    for (let t = this.#peek(); t.kind !== 'eof'; t = this.#next()) {
      this.#note(t.kind === '}' || t.kind === ']' ? 'unbalanced' : 'stray-text', t.start);
      // Skip the rest of the value-shaped junk in one go (still one token at a time).
    }
    return { value, repairs: [...this.#tags].sort(), elided: this.#elided, notes: this.#dedupedNotes() };
  }

  #fail(message: string, offset: number): TolerantJsonDetail {
    return { repairs: [...this.#tags].sort(), elided: this.#elided, error: { message, offset }, notes: this.#dedupedNotes() };
  }

  #note(tag: RepairTag, offset: number): void {
    this.#tags.add(tag);
    // Keep where repairs were made for the first few only: enough for any report, and
    // pathological inputs (thousands of repairs) stay cheap.
    if (this.#notes.length < MAX_NOTES) this.#notes.push({ tag, offset });
    if (tag === 'placeholder') this.#elided = true;
  }

  #dedupedNotes(): RepairNote[] {
    const seen = new Set<string>();
    const out: RepairNote[] = [];
    for (const n of [...this.#notes].sort((a, b) => a.offset - b.offset || (a.tag < b.tag ? -1 : 1))) {
      const key = `${n.tag}@${n.offset}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(n);
      }
    }
    return out;
  }

  #peek(k = 0): Token {
    return this.#tokens[Math.min(this.#pos + k, this.#tokens.length - 1)]!;
  }

  #next(): Token {
    if (this.#pos < this.#tokens.length - 1) this.#pos++;
    return this.#peek();
  }

  /** Is the current token the start of a run of words/ellipses that is a placeholder? */
  #isPlaceholderRun(): boolean {
    for (let k = 0; ; k++) {
      const t = this.#peek(k);
      if (t.kind === 'ellipsis') return true;
      if (t.kind !== 'word') return false;
      if (PLACEHOLDER_WORDS.has(t.text.toLowerCase())) return true;
      if (k > 64) return false; // bounded look-ahead keeps reading linear
    }
  }

  /**
   * A value at the current token. `context` decides what a placeholder-only container
   * becomes: dropped as an array element, kept empty as a member value or at the top.
   */
  #value(context: 'top' | 'member' | 'element'): Read | typeof PLACEHOLDER | typeof MISSING {
    const t = this.#peek();
    switch (t.kind) {
      case '{':
      case '[': {
        const { value, onlyPlaceholders } = t.kind === '{' ? this.#object() : this.#array();
        return onlyPlaceholders && context === 'element' ? PLACEHOLDER : value;
      }
      case 'string':
      case 'number':
        this.#next();
        return t.value;
      case 'word':
      case 'ellipsis':
        return this.#words();
      default:
        return MISSING;
    }
  }

  /** A run of words and ellipses: a placeholder, a literal, or a bare string. */
  #words(): Read | typeof PLACEHOLDER {
    const first = this.#peek();
    const words: string[] = [];
    let placeholder = false;
    for (let t = first; t.kind === 'word' || t.kind === 'ellipsis'; t = this.#next()) {
      if (t.kind === 'ellipsis') placeholder = true;
      else {
        if (PLACEHOLDER_WORDS.has(t.text.toLowerCase())) placeholder = true;
        words.push(t.text);
      }
    }
    if (placeholder) {
      this.#note('placeholder', first.start);
      return PLACEHOLDER;
    }
    if (words.length === 1 && isLiteral(words[0]!)) return LITERALS[words[0] as keyof typeof LITERALS];
    this.#note('bare-word', first.start);
    return words.join(' ');
  }

  #enter(at: number): void {
    if (++this.#depth > MAX_DEPTH) throw new DepthError(at);
  }

  /**
   * An object at the current `{`; or, with `resumed`, the rest of an object closed too early
   * (see 'early-close'): `resumed` are its members so far, and the current token is the one
   * after its early `}` (a comma there is neither missing nor extra).
   */
  #object(resumed?: [string, unknown][]): { value: Record<string, unknown>; onlyPlaceholders: boolean } {
    const open = this.#peek();
    this.#enter(open.start);
    if (!resumed) this.#next();
    const members: [string, unknown][] = resumed ? [...resumed] : [];
    let placeholders = 0;
    /** After a member a comma is expected; after a placeholder one is welcome but not needed. */
    let needComma: Comma = resumed ? 'either' : 'no';
    let lastComma: Token | undefined;
    this.#openObjects++;
    try {
      for (;;) {
        const t = this.#peek();
        if (t.kind === '}') {
          if (lastComma && needComma === 'no') this.#note('trailing-comma', lastComma.start);
          this.#next();
          break;
        }
        if (t.kind === 'eof') {
          this.#note('unbalanced', t.start);
          break;
        }
        if (t.kind === ']') {
          this.#note('unbalanced', t.start);
          if (this.#openArrays > 0) break; // closes an enclosing array: this object's '}' is missing
          this.#next();
          continue;
        }
        if (t.kind === ',') {
          if (needComma === 'no') this.#note('extra-comma', t.start);
          needComma = 'no';
          lastComma = t;
          this.#next();
          continue;
        }
        if (t.kind === ':' || t.kind === 'stray') {
          this.#note('stray-text', t.start);
          this.#next();
          continue;
        }
        lastComma = undefined;
        if ((t.kind === 'word' || t.kind === 'ellipsis') && this.#isPlaceholderRun()) {
          this.#words();
          placeholders++;
          needComma = 'either';
          continue;
        }
        if (needComma === 'yes') this.#note('missing-comma', t.start);
        needComma = 'yes';
        if (t.kind === '{') {
          // `{ { ... } }`: an object where a member name belongs. Merge its members.
          this.#note('extra-brace', t.start);
          const inner = this.#object();
          members.push(...Object.entries(inner.value));
          if (inner.onlyPlaceholders) placeholders++;
          continue;
        }
        if (t.kind === '[') {
          this.#note('stray-text', t.start);
          this.#array();
          continue;
        }
        // A member name.
        let key: string;
        if (t.kind === 'string') key = t.value;
        else {
          this.#note('unquoted-key', t.start);
          key = t.kind === 'word' ? t.text : String(t.kind === 'number' ? t.value : '');
        }
        this.#next();
        if (!this.#separator()) {
          this.#note('missing-value', t.start);
          continue;
        }
        const value = this.#value('member');
        if (value === MISSING) this.#note('missing-value', t.start);
        else if (value === PLACEHOLDER) placeholders++;
        else members.push([key, value]);
      }
    } finally {
      this.#openObjects--;
      this.#depth--;
    }
    return { value: toObject(members), onlyPlaceholders: placeholders > 0 && members.length === 0 };
  }

  /**
   * After a member name: consume the colon (or what stands for it). False when the member
   * has no value at all (the next token starts another member or ends the object).
   */
  #separator(): boolean {
    const t = this.#peek();
    if (t.kind === ':') {
      this.#next();
      while (this.#peek().kind === ':') {
        this.#note('stray-text', this.#peek().start);
        this.#next();
      }
      return true;
    }
    const startsValue = (k: Token) =>
      k.kind === 'string' || k.kind === 'number' || k.kind === 'word' || k.kind === 'ellipsis' || k.kind === '{' || k.kind === '[';
    const isName = (k: Token) => k.kind === 'string' || k.kind === 'number' || k.kind === 'word';
    if (t.kind === ',') {
      // `"name", value` where the value is not itself followed by a colon (not the next name).
      const v = this.#peek(1);
      if (startsValue(v) && !(isName(v) && this.#peek(2).kind === ':')) {
        this.#note('comma-for-colon', t.start);
        this.#next();
        return true;
      }
      return false;
    }
    if (startsValue(t) && !(isName(t) && this.#peek(1).kind === ':')) {
      this.#note('missing-colon', t.start);
      return true;
    }
    return false;
  }

  #array(): { value: unknown[]; onlyPlaceholders: boolean } {
    const open = this.#peek();
    this.#enter(open.start);
    this.#next();
    const items: unknown[] = [];
    let placeholders = 0;
    let needComma: Comma = 'no';
    let lastComma: Token | undefined;
    this.#openArrays++;
    try {
      for (;;) {
        const t = this.#peek();
        if (t.kind === ']') {
          if (lastComma && needComma === 'no') this.#note('trailing-comma', lastComma.start);
          this.#next();
          break;
        }
        if (t.kind === 'eof') {
          this.#note('unbalanced', t.start);
          break;
        }
        if (t.kind === '}') {
          this.#note('unbalanced', t.start);
          if (this.#openObjects > 0) break; // closes an enclosing object: this array's ']' is missing
          this.#next();
          continue;
        }
        if (t.kind === ',') {
          if (needComma === 'no') this.#note('extra-comma', t.start);
          needComma = 'no';
          lastComma = t;
          this.#next();
          continue;
        }
        const at = this.#pos;
        const value = this.#value('element');
        if (value === MISSING) {
          this.#note('stray-text', t.start);
          if (this.#pos === at) this.#next();
          continue;
        }
        lastComma = undefined;
        if (value === PLACEHOLDER) {
          placeholders++;
          needComma = 'either';
          continue;
        }
        if (needComma === 'yes') this.#note('missing-comma', t.start);
        needComma = 'yes';
        items.push(value);
      }
    } finally {
      this.#openArrays--;
      this.#depth--;
    }
    return { value: items, onlyPlaceholders: placeholders > 0 && items.length === 0 };
  }
}

type Comma = 'no' | 'yes' | 'either';

const LITERALS = { true: true, false: false, null: null } as const;

function isLiteral(word: string): boolean {
  return Object.hasOwn(LITERALS, word);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A plain object from members; `__proto__` and friends become own data properties. */
function toObject(members: readonly [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of members) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

function describe(text: string, t: Token): string {
  if (t.kind === 'word') return `'${t.text.length > 20 ? `${t.text.slice(0, 20)}…` : t.text}'`;
  if (t.kind === 'stray') return `'${text[t.start]}'`;
  return t.kind;
}
