/**
 * The QAPI reader's previous schema parser, kept as it was (but for these lines and the
 * imports) as the reference the reader's faster tokenizer is held to
 * (parser-reference.test.ts): same expressions, doc blocks, positions and diagnostics.
 * Not used by the generator.
 */
import type { Reporter } from '../../generator/diagnostics/reporter.js';
import type { SourcePosition } from '../../generator/model/types.js';

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

function tokenize(text: string, path: string, reporter: Reporter): Token[] {
  const tokens: Token[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let tabReported = false;
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    // a doc comment: `##` alone (or followed by text) at the start of a line, outside values
    if (/^\s*##/.test(raw)) {
      const startCol = raw.indexOf('#') + 1;
      const docLines: DocLine[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        const m = /^(\s*)#(.*)$/.exec(l);
        if (!m) break;
        if (/^\s*##\s*$/.test(l)) {
          j++;
          break;
        }
        const body = m[2]!;
        const skip = body.startsWith(' ') ? 1 : 0;
        docLines.push({ text: body.slice(skip).replace(/\s+$/, ''), line: j + 1, column: m[1]!.length + 2 + skip });
      }
      const pos = { line: lineNo, column: startCol };
      tokens.push({ t: 'doc', block: { lines: docLines, pos }, pos });
      i = j;
      continue;
    }
    let c = 0;
    while (c < raw.length) {
      const ch = raw[c]!;
      const pos = { line: lineNo, column: c + 1 };
      if (ch === ' ' || ch === '\f' || ch === '\v') {
        c++;
      } else if (ch === '\t') {
        if (!tabReported) {
          reporter.report('qapi-tab', 'A tab character separates tokens; it was read as a space', at(path, pos));
          tabReported = true;
        }
        c++;
      } else if (ch === '#') {
        break;
      } else if ('{}[]:,'.includes(ch)) {
        tokens.push({ t: 'punct', v: ch as '{', pos });
        c++;
      } else if (ch === "'") {
        let value = '';
        let k = c + 1;
        let closed = false;
        while (k < raw.length) {
          const d = raw[k]!;
          if (d === '\\' && k + 1 < raw.length) {
            value += raw[k + 1]!;
            k += 2;
          } else if (d === "'") {
            closed = true;
            k++;
            break;
          } else {
            value += d;
            k++;
          }
        }
        if (!closed) {
          reporter.report('qapi-syntax', 'A string is not closed before the end of the line; the expression holding it was skipped', at(path, pos));
          tokens.push({ t: 'bad', pos });
        } else tokens.push({ t: 'string', v: value, pos });
        c = k;
      } else if (/[A-Za-z_]/.test(ch)) {
        const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(raw.slice(c))!;
        const word = m[0];
        if (word === 'true' || word === 'false') tokens.push({ t: 'bool', v: word === 'true', pos });
        else {
          reporter.report('qapi-syntax', `Unexpected word ${JSON.stringify(word.slice(0, 40))} (the schema language has only quoted strings, true and false); the expression holding it was skipped`, at(path, pos));
          tokens.push({ t: 'bad', pos });
        }
        c += word.length;
      } else {
        const run = /^[^\s{}[\]:,'#]+/.exec(raw.slice(c))![0];
        reporter.report(
          'qapi-syntax',
          `Unexpected text ${JSON.stringify(run.slice(0, 40))} (the schema language has only quoted strings, true, false, {}, [], ':' and ','); the expression holding it was skipped`,
          at(path, pos),
        );
        tokens.push({ t: 'bad', pos });
        c += run.length;
      }
    }
    i++;
  }
  tokens.push({ t: 'eof', pos: { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 } });
  return tokens;
}

export function at(file: string, pos: Pos): SourcePosition {
  return { file, line: pos.line, column: pos.column };
}

class Parser {
  #i = 0;
  constructor(
    readonly tokens: Token[],
    readonly path: string,
    readonly reporter: Reporter,
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
export function parseSchemaText(text: string, path: string, reporter: Reporter): ParsedFile {
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
