/**
 * The QAPI schema language (QEMU's `qapi/*.json`) read into positioned values.
 *
 * The language is JSON-like: `'single-quoted'` strings, `true`/`false`, objects and arrays, no
 * numbers, `#` comments to the end of the line. A comment block opened by a line `##` is a doc
 * comment; it belongs to the expression that follows it. Top-level values are expressions
 * (`{ 'command': ... }`), one after another, without separators.
 *
 * Old releases are looser than the rules written later (QEMU's parser of the time let them
 * through): a comma missing between two members or list items, a trailing comma before `}` or
 * `]`. Both are recovered with a warning. Anything else that cannot be read (an unterminated
 * string, a stray character, an unclosed expression) is an error at its position; the reader
 * skips to the next line that starts with `{` in column 1 and goes on. Never throws.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { SourcePosition } from '../../model/types.js';

export interface Pos {
  line: number;
  column: number;
}

export type QValue = QString | QBool | QDict | QList;

export interface QString {
  kind: 'string';
  value: string;
  pos: Pos;
}
export interface QBool {
  kind: 'bool';
  value: boolean;
  pos: Pos;
}
export interface QEntry {
  key: string;
  keyPos: Pos;
  value: QValue;
}
export interface QDict {
  kind: 'dict';
  entries: QEntry[];
  pos: Pos;
}
export interface QList {
  kind: 'list';
  items: QValue[];
  pos: Pos;
}

/** One line of a doc comment, without its `#` and the one space after it. */
export interface DocLine {
  text: string;
  line: number;
  /** Column (1-based) where `text` starts in the source line. */
  column: number;
}

export interface DocBlock {
  lines: DocLine[];
  pos: Pos;
}

export interface QExpr {
  value: QDict;
  /** The doc comment right before the expression, when there is one. */
  doc?: DocBlock;
  file: string;
}

/** Doc blocks that precede no expression (section headings, free text) are kept too. */
export interface ParsedFile {
  path: string;
  exprs: QExpr[];
  freeDocs: DocBlock[];
}

type Token =
  | { t: 'punct'; v: '{' | '}' | '[' | ']' | ':' | ','; pos: Pos }
  | { t: 'string'; v: string; pos: Pos }
  | { t: 'bool'; v: boolean; pos: Pos }
  | { t: 'doc'; block: DocBlock; pos: Pos }
  /** Text that is no token (already reported): the expression holding it is skipped. */
  | { t: 'bad'; pos: Pos }
  | { t: 'eof'; pos: Pos };

class Abort extends Error {}

/** Nesting deeper than this is not a schema: reported and skipped (bounded recursion). */
const MAX_DEPTH = 64;

/** A doc comment's lines: `#`, what follows it, and nothing after (`.` stops at U+2028/U+2029). */
const COMMENT_LINE = /^(\s*)#(.*)$/;
const DOC_START = /^\s*##/;
const DOC_END = /^\s*##\s*$/;
/** The characters besides \n and \r that `.` does not match. */
const LINE_BREAK = /[\u2028\u2029]/;
/** A run of text that is no token (reported); sticky, so that the line is not sliced. */
const STRAY = /[^\s{}[\]:,'#]+/y;

/**
 * The tokens of a schema text. Hot (QEMU 7.2's 40 modules are 650 KB): positions are made only
 * for tokens, strings are sliced from the line unless they hold a backslash, and names are
 * scanned by character code. test/read-qapi/parser-reference.test.ts holds it to the reader's
 * previous tokenizer, on every release of the corpus and on random text.
 */
function tokenize(text: string, path: string, reporter: Pick<Reporter, 'report'>): Token[] {
  const tokens: Token[] = [];
  // the same lines; a string separator splits several times faster than a pattern
  const lines = text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
  let tabReported = false;
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    // a doc comment: `##` alone (or followed by text) at the start of a line, outside values
    if (DOC_START.test(raw)) {
      const startCol = raw.indexOf('#') + 1;
      const docLines: DocLine[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        let body: string;
        let indent: number;
        if (l.charCodeAt(0) === 35 /* # */ && !LINE_BREAK.test(l)) {
          // what COMMENT_LINE finds in a line starting with `#`, when `.` takes all the rest
          // (COMMENT_LINE's `$`, after `.*`, fails at a U+2028/U+2029); DOC_END then holds
          // only for a second `#` and nothing but space after it
          if (l.charCodeAt(1) === 35 && DOC_END.test(l)) {
            j++;
            break;
          }
          body = l.slice(1);
          indent = 0;
        } else {
          const m = COMMENT_LINE.exec(l);
          if (!m) break;
          if (DOC_END.test(l)) {
            j++;
            break;
          }
          body = m[2]!;
          indent = m[1]!.length;
        }
        const skip = body.charCodeAt(0) === 32 ? 1 : 0;
        // trimEnd removes what /\s+$/ matches: white space and line terminators
        docLines.push({ text: (skip ? body.slice(1) : body).trimEnd(), line: j + 1, column: indent + 2 + skip });
      }
      const pos = { line: lineNo, column: startCol };
      tokens.push({ t: 'doc', block: { lines: docLines, pos }, pos });
      i = j;
      continue;
    }
    const length = raw.length;
    let c = 0;
    while (c < length) {
      const code = raw.charCodeAt(c);
      switch (code) {
        case 32: // ' '
        case 12: // \f
        case 11: // \v
          c++;
          continue;
        case 9: // \t
          if (!tabReported) {
            reporter.report('qapi-tab', 'A tab character separates tokens; it was read as a space', at(path, { line: lineNo, column: c + 1 }));
            tabReported = true;
          }
          c++;
          continue;
        case 35: // #
          c = length;
          continue;
        case 123: // {
        case 125: // }
        case 91: // [
        case 93: // ]
        case 58: // :
        case 44: // ,
          tokens.push({ t: 'punct', v: raw[c] as '{', pos: { line: lineNo, column: c + 1 } });
          c++;
          continue;
        case 39: {
          // a quoted string: up to the next quote not escaped by a backslash, on this line
          const pos = { line: lineNo, column: c + 1 };
          let k = c + 1;
          let closed = false;
          let escaped = false;
          for (; k < length; k++) {
            const d = raw.charCodeAt(k);
            if (d === 39) {
              closed = true;
              break;
            }
            if (d === 92 && k + 1 < length) {
              escaped = true;
              k++;
            }
          }
          if (!closed) {
            reporter.report('qapi-syntax', 'A string is not closed before the end of the line; the expression holding it was skipped', at(path, pos));
            tokens.push({ t: 'bad', pos });
          } else tokens.push({ t: 'string', v: escaped ? unescape(raw, c + 1, k) : raw.slice(c + 1, k), pos });
          c = closed ? k + 1 : k;
          continue;
        }
      }
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95) {
        // a word: [A-Za-z_][A-Za-z0-9_-]*
        let k = c + 1;
        for (; k < length; k++) {
          const d = raw.charCodeAt(k);
          if (!((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95 || d === 45)) break;
        }
        const word = raw.slice(c, k);
        const pos = { line: lineNo, column: c + 1 };
        if (word === 'true' || word === 'false') tokens.push({ t: 'bool', v: word === 'true', pos });
        else {
          reporter.report('qapi-syntax', `Unexpected word ${JSON.stringify(word.slice(0, 40))} (the schema language has only quoted strings, true and false); the expression holding it was skipped`, at(path, pos));
          tokens.push({ t: 'bad', pos });
        }
        c = k;
        continue;
      }
      // anything else up to the next space, token or comment (at least this character, which
      // may itself be a space other than those above: a no-break space, U+2028, ...)
      STRAY.lastIndex = c;
      const run = STRAY.exec(raw)?.[0] ?? raw[c]!;
      reporter.report(
        'qapi-syntax',
        `Unexpected text ${JSON.stringify(run.slice(0, 40))} (the schema language has only quoted strings, true, false, {}, [], ':' and ','); the expression holding it was skipped`,
        at(path, { line: lineNo, column: c + 1 }),
      );
      tokens.push({ t: 'bad', pos: { line: lineNo, column: c + 1 } });
      c += run.length;
    }
    i++;
  }
  tokens.push({ t: 'eof', pos: { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 } });
  return tokens;
}

/** The string between `from` and the closing quote at `to`, each backslash standing for the character after it. */
function unescape(raw: string, from: number, to: number): string {
  let value = '';
  for (let k = from; k < to; k++) {
    if (raw.charCodeAt(k) === 92 && k + 1 < raw.length) k++;
    value += raw[k]!;
  }
  return value;
}

export function at(file: string, pos: Pos): SourcePosition {
  return { file, line: pos.line, column: pos.column };
}

class Parser {
  #i = 0;
  constructor(
    readonly tokens: Token[],
    readonly path: string,
    readonly reporter: Pick<Reporter, 'report'>,
  ) {}

  peek(): Token {
    // doc comments inside an expression are comments like any other
    while (this.tokens[this.#i]!.t === 'doc' && this.depth > 0) this.#i++;
    return this.tokens[this.#i]!;
  }
  next(): Token {
    const t = this.peek();
    if (t.t !== 'eof') this.#i++;
    return t;
  }
  depth = 0;

  fail(tok: Token, what: string): never {
    if (tok.t === 'bad') throw new Abort(); // reported by the tokenizer
    const found =
      tok.t === 'eof' ? 'the end of the file' : tok.t === 'string' ? `string '${tok.v.slice(0, 40)}'` : tok.t === 'punct' ? `'${tok.v}'` : tok.t === 'bool' ? String(tok.v) : 'a doc comment';
    this.reporter.report('qapi-syntax', `Expected ${what} but found ${found}; this expression was skipped`, at(this.path, tok.pos));
    throw new Abort();
  }

  value(): QValue {
    const tok = this.next();
    switch (tok.t) {
      case 'string':
        return { kind: 'string', value: tok.v, pos: tok.pos };
      case 'bool':
        return { kind: 'bool', value: tok.v, pos: tok.pos };
      case 'punct':
        if (tok.v === '{') return this.dict(tok.pos);
        if (tok.v === '[') return this.list(tok.pos);
        return this.fail(tok, 'a value');
      default:
        return this.fail(tok, 'a value');
    }
  }

  enter(pos: Pos): void {
    if (++this.depth > MAX_DEPTH) {
      this.reporter.report('qapi-syntax', `Values are nested more than ${MAX_DEPTH} levels deep; this expression was skipped`, at(this.path, pos));
      throw new Abort();
    }
  }

  /** After an item: `,` (maybe trailing), the closer, or a missing comma (recovered). */
  separator(close: '}' | ']', what: string): boolean {
    const t = this.peek();
    if (t.t === 'punct' && t.v === close) {
      this.next();
      return false;
    }
    if (t.t === 'punct' && t.v === ',') {
      this.next();
      const after = this.peek();
      if (after.t === 'punct' && after.v === close) {
        this.reporter.report('qapi-trailing-comma', `A comma before '${close}' ends the ${what} with nothing after it; it was ignored`, at(this.path, t.pos));
        this.next();
        return false;
      }
      return true;
    }
    if (t.t === 'punct' && t.v === '{' && t.pos.column === 1) {
      // a new top-level expression: this one was never closed
      this.reporter.report('qapi-syntax', `An expression is not closed ('${close}' missing) before the next one starts; it was skipped`, at(this.path, t.pos));
      throw new Abort();
    }
    if (t.t === 'string' || (t.t === 'punct' && (t.v === '{' || t.v === '['))) {
      this.reporter.report('qapi-missing-comma', `A comma is missing between two items of ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}; it was read as if it were there`, at(this.path, t.pos));
      return true;
    }
    return this.fail(t, `',' or '${close}'`);
  }

  dict(pos: Pos): QDict {
    this.enter(pos);
    const entries: QEntry[] = [];
    const first = this.peek();
    if (first.t === 'punct' && first.v === '}') {
      this.next();
      this.depth--;
      return { kind: 'dict', entries, pos };
    }
    for (;;) {
      const k = this.next();
      if (k.t !== 'string') this.fail(k, 'a quoted key');
      const colon = this.next();
      if (colon.t !== 'punct' || colon.v !== ':') this.fail(colon, "':'");
      const value = this.value();
      if (entries.some((e) => e.key === k.v)) {
        this.reporter.report('qapi-duplicate-key', `Key '${k.v}' appears twice in one object; the first is used`, at(this.path, k.pos));
      } else entries.push({ key: k.v, keyPos: k.pos, value });
      if (!this.separator('}', 'object')) break;
    }
    this.depth--;
    return { kind: 'dict', entries, pos };
  }

  list(pos: Pos): QList {
    this.enter(pos);
    const items: QValue[] = [];
    const first = this.peek();
    if (first.t === 'punct' && first.v === ']') {
      this.next();
      this.depth--;
      return { kind: 'list', items, pos };
    }
    for (;;) {
      items.push(this.value());
      if (!this.separator(']', 'list')) break;
    }
    this.depth--;
    return { kind: 'list', items, pos };
  }

  /** Skip to the next `{` in column 1 after a failed expression. */
  resync(): void {
    this.depth = 0;
    for (;;) {
      const t = this.tokens[this.#i]!;
      if (t.t === 'eof') return;
      if ((t.t === 'punct' && t.v === '{' && t.pos.column === 1) || t.t === 'doc') return;
      this.#i++;
    }
  }

  file(): ParsedFile {
    const exprs: QExpr[] = [];
    const freeDocs: DocBlock[] = [];
    let pendingDoc: DocBlock | undefined;
    for (;;) {
      const t = this.peek();
      if (t.t === 'eof') break;
      if (t.t === 'doc') {
        this.next();
        if (pendingDoc) freeDocs.push(pendingDoc);
        pendingDoc = t.block;
        continue;
      }
      if (t.t === 'punct' && t.v === '{') {
        this.next();
        try {
          const value = this.dict(t.pos);
          exprs.push({ value, file: this.path, ...(pendingDoc ? { doc: pendingDoc } : {}) });
        } catch (e) {
          if (!(e instanceof Abort)) throw e;
          this.resync();
        }
        pendingDoc = undefined;
        continue;
      }
      this.reporter.report(
        'qapi-syntax',
        t.t === 'punct' && t.v === ','
          ? "A comma stands between two top-level expressions, where the language has none; it was ignored"
          : 'Expected an expression (an object starting with "{"); this text was skipped',
        at(this.path, t.pos),
      );
      this.next();
      this.resync();
    }
    if (pendingDoc) freeDocs.push(pendingDoc);
    return { path: this.path, exprs, freeDocs };
  }
}

/** Read one schema file's text into expressions with their doc comments. Never throws. */
export function parseSchemaText(text: string, path: string, reporter: Pick<Reporter, 'report'>): ParsedFile {
  const tokens = tokenize(text, path, reporter);
  return new Parser(tokens, path, reporter).file();
}

/** A value as plain JSON (for `default`, pragma values, reports). */
export function plain(v: QValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'bool':
      return v.value;
    case 'list':
      return v.items.map(plain);
    case 'dict':
      return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
  }
}

export function get(d: QDict, key: string): QValue | undefined {
  return d.entries.find((e) => e.key === key)?.value;
}
