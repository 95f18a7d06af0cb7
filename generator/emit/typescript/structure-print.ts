/**
 * Source files printed from ts-morph structures exactly as ts-morph's `printStructure` prints
 * them with its default options (4 spaces, `\n`, double quotes, spaces inside braces), without
 * loading ts-morph (issue 12: its TypeScript compiler costs some 0.5 s of a cold run), for the
 * structures the emitter builds:
 *
 * - statements that are strings;
 * - interfaces: name, export, `extends`, JSDoc, property signatures (name, type, `?`,
 *   `readonly`, initializer, JSDoc) and index signatures (key name and type, return type,
 *   `readonly`, JSDoc);
 * - type aliases; variable statements of declarations with a type and an initializer;
 * - import declarations (default, namespace and named imports, `type`) and export declarations;
 * - classes with an `extends` clause and methods (parameters with a type and `?`, a return
 *   type, statements);
 * - JSDoc given as text (docs.ts `jsdoc` makes the text ts-morph's JSDoc printer would).
 *
 * ts-morph writes through code-block-writer, whose state decides the layout as much as the
 * printers do: text written at an indentation level is indented at each line start, except while
 * the writer believes it is inside a string literal; it tracks quotes, template literals,
 * comments and regular expressions character by character as they are written (so a quote or
 * a backtick in a JSDoc line or a type matters); blank lines between statements depend on what
 * was written last (`isLastNonWhitespaceCharCloseBrace`, `blankLineIfLastNot`). `Writer` below
 * behaves as that writer does for the operations the printers use; the printers make the calls
 * ts-morph's printers make, in the same order, except that a few frequent sequences of writes are
 * made as one text where the writer provably ends the same (a JSDoc block; a declaration on one
 * line).
 *
 * Anything else (another structure kind, a property this does not print, a writer function, JSDoc
 * as a `{ description, tags }` structure, a comma-separated list whose items a scanner could read
 * otherwise than as plain tokens) is declined: `printSourceStructure` returns undefined and the
 * caller uses ts-morph's own printer. test/typescript/structure-print.test.ts holds the two equal
 * on cases at the edges, on random structures and on the structures emitted for docs-input, QEMU
 * 2.8.0's legacy docs and QAPI releases.
 */
import type { Structures } from 'ts-morph';
import { StructureKind } from './ts-morph.js';

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const DOLLAR = 36;
const SINGLE_QUOTE = 39;
const STAR = 42;
const SLASH = 47;
const BACKSLASH = 92;
const BACKTICK = 96;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
/** No character (the writer is empty). */
const NOTHING = -1;

/** The characters that can change what the writer believes it is inside of. */
const TRACKED = new Uint8Array(128);
for (const c of '\\/\n\r*"\'`{}') TRACKED[c.charCodeAt(0)] = 1;

/** White space as ts-morph's `StringUtils.isWhitespaceCharCode` sees it. */
function isWhite(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}
const WHITE = /^[ \t\n\v\f\r\u00a0\u2028\u2029]*$/;

const enum Comment {
  None,
  Line,
  Block,
}

const INDENT = '    ';
const indents: string[] = [''];
function indentText(level: number): string {
  return (indents[level] ??= INDENT.repeat(level));
}

/** Whether a text holds a character `TRACKED` (none: it changes nothing of what the writer tracks). */
const HAS_TRACKED = /[\\/\r*"'`{}]/;

/**
 * code-block-writer as ts-morph's printers use it (default options): the same text and the same
 * state after each call. The text is kept as the pieces written, and what is asked of its end
 * (the last two characters, line breaks, the last character that is not white space) is read
 * from them.
 */
class Writer {
  /** The text so far, as written (joined once, at the end). */
  private readonly parts: string[] = [];
  length = 0;
  /** The last character written and the one before it (`NOTHING` when there are none). */
  private last = NOTHING;
  private beforeLast = NOTHING;

  private level = 0;
  private queuedLevel: number | undefined;
  private firstLineOfBlock = true;
  /** Opening quotes, backticks and `${` braces the writer believes it is inside of. */
  private readonly strings: number[] = [];
  private comment = Comment.None;
  private regExp = false;

  toString(): string {
    return this.parts.join('');
  }

  private append(text: string): void {
    const n = text.length;
    if (n === 0) return;
    this.parts.push(text);
    this.length += n;
    this.beforeLast = n === 1 ? this.last : text.charCodeAt(n - 2);
    this.last = text.charCodeAt(n - 1);
  }

  // The two questions about the end of the text read the characters written, last first, in
  // loops of their own (no callback made and called per character: this runs unoptimised).

  /** Whether the last character that is not white space is `}`. */
  isLastNonWhiteCloseBrace(): boolean {
    const parts = this.parts;
    for (let i = parts.length - 1; i >= 0; i--) {
      const t = parts[i]!;
      for (let j = t.length - 1; j >= 0; j--) {
        const c = t.charCodeAt(j);
        if (c === CLOSE_BRACE) return true;
        if (!isWhite(c)) return false;
      }
    }
    return false;
  }

  /** Whether the text ends with two line breaks (`\r`s aside). */
  isLastBlankLine(): boolean {
    const parts = this.parts;
    let newLines = 0;
    for (let i = parts.length - 1; i >= 0; i--) {
      const t = parts[i]!;
      for (let j = t.length - 1; j >= 0; j--) {
        const c = t.charCodeAt(j);
        if (c === LF) {
          if (++newLines === 2) return true;
        } else if (c !== CR) return false;
      }
    }
    return false;
  }

  private inString(): boolean {
    const n = this.strings.length;
    return n > 0 && this.strings[n - 1] !== OPEN_BRACE;
  }

  isLastNewLine(): boolean {
    return this.last === LF || this.last === CR;
  }

  /** At the start of the first line of the text or of the block being written. */
  isAtStartOfFirstLineOfBlock(): boolean {
    return this.firstLineOfBlock && (this.length === 0 || this.isLastNewLine());
  }

  /**
   * What `text` (no line break in it) does to the string, comment and regular expression state,
   * written after the text so far: code-block-writer's rules, character by character.
   */
  private track(text: string): void {
    if (this.comment === Comment.Line || !HAS_TRACKED.test(text)) return;
    let i = 0;
    if (this.comment === Comment.Block) {
      // in a block comment only its end counts: the first `/` after a `*`
      i = this.blockCommentEnd(text);
      if (i < 0) return;
      this.comment = Comment.None;
      i++;
    }
    const strings = this.strings;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || TRACKED[c] === 0) continue;
      const past = i === 0 ? this.last : text.charCodeAt(i - 1);
      const pastPast = i === 0 ? this.beforeLast : i === 1 ? this.last : text.charCodeAt(i - 2);
      if (this.regExp) {
        if ((past === SLASH && pastPast !== BACKSLASH) || past === LF) this.regExp = false;
        else continue;
      } else if (
        !this.inString() &&
        this.comment === Comment.None &&
        past === SLASH &&
        c !== SLASH &&
        c !== STAR &&
        pastPast !== STAR &&
        pastPast !== SLASH
      ) {
        this.regExp = true;
        continue;
      }
      if (!this.inString()) {
        if (this.comment === Comment.None && past === SLASH && c === SLASH) {
          this.comment = Comment.Line;
          return; // until the next line break
        } else if (this.comment === Comment.None && past === SLASH && c === STAR) {
          this.comment = Comment.Block;
          const end = this.blockCommentEnd(text, i + 1);
          if (end < 0) return;
          this.comment = Comment.None;
          i = end;
          continue;
        }
      }
      const top = strings.length === 0 ? NOTHING : strings[strings.length - 1]!;
      if (past !== BACKSLASH && (c === DOUBLE_QUOTE || c === SINGLE_QUOTE || c === BACKTICK)) {
        if (top === c) strings.pop();
        else if (top === OPEN_BRACE || top === NOTHING) strings.push(c);
      } else if (pastPast !== BACKSLASH && past === DOLLAR && c === OPEN_BRACE && top === BACKTICK) {
        strings.push(c);
      } else if (c === CLOSE_BRACE && top === OPEN_BRACE) {
        strings.pop();
      }
    }
  }

  /** The index of the `/` that ends a block comment in `text` from `from` on (after a `*`, which may be the last character written), or -1. */
  private blockCommentEnd(text: string, from = 0): number {
    for (let i = text.indexOf('/', from); i >= 0; i = text.indexOf('/', i + 1)) {
      if ((i === 0 ? this.last : text.charCodeAt(i - 1)) === STAR) return i;
    }
    return -1;
  }

  /** A piece of a line: indented when it starts a line, unless inside a string. */
  private piece(text: string): void {
    if ((this.length === 0 || this.last === LF || this.last === CR) && this.level > 0 && !this.inString()) {
      this.append(indentText(this.level));
    }
    this.track(text);
    this.append(text);
  }

  newLine(): this {
    if (this.comment === Comment.Line) this.comment = Comment.None;
    const n = this.strings.length;
    const top = n === 0 ? NOTHING : this.strings[n - 1];
    if ((top === DOUBLE_QUOTE || top === SINGLE_QUOTE) && this.last !== BACKSLASH) this.strings.pop();
    this.append('\n');
    this.firstLineOfBlock = false;
    if (this.queuedLevel !== undefined) {
      this.level = this.queuedLevel;
      this.queuedLevel = undefined;
    }
    return this;
  }

  /** `text`, its lines (split at `\n` and `\r\n`) each written as a piece, `\n` between them. */
  write(text: string): this {
    let i = text.indexOf('\n');
    if (i < 0) {
      this.piece(text); // '' too: it indents an empty line
      return this;
    }
    let start = 0;
    for (; i >= 0; i = text.indexOf('\n', start)) {
      const end = i > start && text.charCodeAt(i - 1) === CR ? i - 1 : i;
      if (end > start) this.piece(text.slice(start, end));
      this.newLine();
      start = i + 1;
    }
    if (start < text.length) this.piece(text.slice(start));
    return this;
  }

  newLineIfLastNot(): this {
    if (!this.isLastNewLine()) this.newLine();
    return this;
  }

  blankLine(): this {
    return this.newLineIfLastNot().newLine();
  }

  blankLineIfLastNot(): this {
    if (!this.isLastBlankLine()) this.blankLine();
    return this;
  }

  space(): this {
    return this.write(' ');
  }

  spaceIfLastNot(): this {
    if (this.last !== SPACE) this.write(' ');
    return this;
  }

  /** `text` in double quotes, escaped as code-block-writer escapes it. */
  quote(text: string): this {
    let escaped = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"' || c === '\\') escaped += '\\';
      else if (c === '\r' && text[i + 1] === '\n') {
        escaped += '\\r\\n\\';
        i++;
      } else if (c === '\n') escaped += '\\n\\';
      escaped += text[i];
    }
    return this.write(`"${escaped}"`);
  }

  /** `action`, its lines after the first indented one level more. */
  hangingIndent(action: () => void): this {
    const level = this.level;
    const queued = this.queuedLevel;
    this.queuedLevel = level + 1;
    action();
    this.level = level;
    this.queuedLevel = queued;
    return this;
  }

  inlineBlock(block: () => void): this {
    this.write('{');
    this.newLineIfLastNot();
    this.level++;
    this.firstLineOfBlock = true;
    block();
    this.firstLineOfBlock = false;
    this.level = Math.max(0, this.level - 1);
    this.newLineIfLastNot().write('}');
    return this;
  }

  closeComment(): this {
    if (this.comment === Comment.Line) this.newLine();
    else if (this.comment === Comment.Block) {
      if (!this.isLastNewLine()) this.spaceIfLastNot();
      this.write('*/');
    }
    return this;
  }

  /**
   * A JSDoc block and the line break after it written at once, when the writer tracks nothing
   * (no string, comment or regular expression), is at the start of a line with no indentation
   * queued, and the text cannot end the comment early (no `*\/`) nor break lines but at `\n`.
   * Then `jsdoc` would write `/**`, which opens a block comment, the lines within it, and the
   * `*\/` that closes it, leaving the writer as it was: only the text is to be made. Whether it
   * was written.
   */
  jsdocLine(doc: string): boolean {
    if (
      this.comment !== Comment.None ||
      this.regExp ||
      this.strings.length > 0 ||
      this.queuedLevel !== undefined || // (docs are not written within a hanging indentation today)
      !(this.length === 0 || this.last === LF) ||
      doc.includes('*/') ||
      doc.includes('\r')
    ) {
      return false;
    }
    const indent = indentText(this.level);
    const lines = doc.split('\n');
    let block: string;
    if (lines.length === 1) {
      block = doc.length === 0 || doc.endsWith(' ') ? `${indent}/** ${doc}*/\n` : `${indent}/** ${doc} */\n`;
    } else {
      block = `${indent}/**\n`;
      for (let i = lines[0]!.length === 0 ? 1 : 0; i < lines.length; i++) {
        const line = lines[i]!;
        block += line.length > 0 ? `${indent} * ${line}\n` : `${indent} *\n`;
      }
      block += `${indent} */\n`;
    }
    this.append(block);
    this.firstLineOfBlock = false;
    return true;
  }

  /**
   * `items` written by `print`, separated by spaces, with commas inserted after each item that has
   * a token but the last such (ts-morph inserts them so, once the list is written: the writer's
   * state is not changed by them).
   */
  list<T>(items: readonly T[], print: (item: T) => void): void {
    if (items.length <= 1) {
      if (items.length === 1) print(items[0]!);
      return;
    }
    /** Per item with a token: its piece and the position in it where the comma goes. */
    const at: Array<[part: number, pos: number]> = [];
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.spaceIfLastNot();
      const start = this.parts.length;
      print(items[i]!);
      const item = this.parts.slice(start).join('');
      const pos = commaPos(item);
      if (pos < 0) continue;
      // the piece that holds the item's last token, and where in it that token ends
      let part = start;
      let offset = pos;
      while (offset > this.parts[part]!.length) offset -= this.parts[part++]!.length;
      at.push([part, offset]);
    }
    for (let i = at.length - 2; i >= 0; i--) {
      const [part, offset] = at[i]!;
      const p = this.parts[part]!;
      // never among the last two characters, which the writer's state remembers (a later item has a token)
      let after = p.length - offset;
      for (let k = part + 1; after < 2 && k < this.parts.length; k++) after += this.parts[k]!.length;
      if (after < 2) decline();
      this.parts[part] = `${p.slice(0, offset)},${p.slice(offset)}`;
      this.length++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Structures

type Structure = Record<string, unknown>;

function keysOf(...keys: string[]): ReadonlySet<string> {
  return new Set(['kind', ...keys]);
}

/** `structure` (an object) sets nothing outside `keys`, and is of `kind` when it says. */
function only(structure: unknown, keys: ReadonlySet<string>, kind?: number): Structure {
  if (typeof structure !== 'object' || structure === null || Array.isArray(structure)) return decline();
  const s = structure as Structure;
  for (const key in s) if (!keys.has(key) && s[key] !== undefined) decline();
  if (kind !== undefined && s.kind !== undefined && s.kind !== kind) decline();
  return s;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : decline();
}

/** A text as ts-morph gets it from a fresh writer (`getText`): its line breaks become `\n`. */
function written(value: unknown): string {
  const t = text(value);
  return t.includes('\r') ? t.replace(/\r?\n/g, '\n') : t;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : decline();
}

const isWhitespace = (t: string): boolean => WHITE.test(t);

function docs(w: Writer, value: unknown): void {
  if (value == null) return;
  for (const doc of list(value)) {
    // a `{ description, tags }` structure or a writer: ts-morph's
    w.closeComment();
    if (w.jsdocLine(text(doc))) continue;
    jsdoc(w, doc as string);
    w.newLine();
  }
}

function jsdoc(w: Writer, doc: string): void {
  const lines = doc.split(/\r?\n/);
  const start = lines[0]!.length === 0 ? 1 : 0;
  w.write('/**');
  if (lines.length <= 1) {
    w.space();
    w.write(lines[start] ?? '');
  } else {
    w.newLine();
    for (let i = start; i < lines.length; i++) {
      w.write(' *');
      if (lines[i]!.length > 0) w.write(` ${lines[i]!}`);
      w.newLine();
    }
  }
  w.spaceIfLastNot();
  w.write('*/');
}

/** The modifiers ts-morph writes, in its order, of those the structure's keys allow. */
function modifiers(w: Writer, s: Structure): void {
  const t = modifierText(s);
  if (t) w.write(t);
}

function modifierText(s: Structure): string {
  return `${s.isDefaultExport ? 'export default ' : s.isExported ? 'export ' : ''}${s.hasDeclareKeyword ? 'declare ' : ''}${s.isReadonly ? 'readonly ' : ''}`;
}

const LINE_BREAK = /[\r\n]/;

/**
 * Whether none of `texts` breaks a line. Then what ts-morph writes of a declaration in several
 * writes (with a hanging indentation around some: it only acts at a line break) can be written
 * as one text: the writer indents the first only, and tracks the text as it would the pieces.
 */
function noLineBreak(...texts: Array<string | undefined>): boolean {
  return texts.every((t) => t === undefined || !LINE_BREAK.test(t));
}

/** `separator type` as `typed` writes it, or nothing. */
function typedText(separator: string, type: string | undefined): string {
  return type === undefined || isWhitespace(type) ? '' : `${separator} ${type}`;
}

const optionalText = (s: unknown): string | undefined => (s == null ? undefined : text(s));

/** `: type` (or `separator type`); `any` when there is none and `always`. */
function typed(w: Writer, separator: string, type: unknown, always = false): void {
  if (type == null && !always) return;
  const t = written(type ?? 'any');
  if (!isWhitespace(t)) w.hangingIndent(() => w.write(`${separator} ${t}`));
}

function initializer(w: Writer, value: unknown): void {
  if (value == null) return;
  const t = written(value);
  if (isWhitespace(t)) return;
  w.hangingIndent(() => {
    w.spaceIfLastNot();
    w.write(`= ${t}`);
  });
}

/** A structure of a declaration: comments closed first. */
function node<S>(w: Writer, s: S, print: (w: Writer, s: S) => void): void {
  w.closeComment();
  print(w, s);
}

/**
 * Where a comma goes after an item of a list: after its last token, unless that is a comma
 * (-1: none, nor when there is no token). ts-morph asks TypeScript's scanner; this reads plain
 * ASCII without quotes, comments, backslashes, `#` or merge conflict markers, where the last
 * token ends at the last character that is not white space, and declines the rest.
 */
function commaPos(item: string): number {
  if (!/^[\t\n\x20-\x7e]*$/.test(item) || /[/\\'"`#]/.test(item) || /(?:^|\n)([<=>|])\1{6}/.test(item)) decline();
  let end = item.length;
  while (end > 0 && /[ \t\n]/.test(item[end - 1]!)) end--;
  return end === 0 || item[end - 1] === ',' ? -1 : end;
}

// statements

const STATEMENT = {
  [StructureKind.Interface]: { blankLine: true, print: interfaceDeclaration },
  [StructureKind.Class]: { blankLine: true, print: classDeclaration },
  [StructureKind.TypeAlias]: { blankLine: false, print: typeAlias },
  [StructureKind.VariableStatement]: { blankLine: false, print: variableStatement },
  [StructureKind.ImportDeclaration]: { blankLine: false, print: importDeclaration },
  [StructureKind.ExportDeclaration]: { blankLine: false, print: exportDeclaration },
} as Record<number, { blankLine: boolean; print: (w: Writer, s: unknown) => void } | undefined>;

function statements(w: Writer, value: unknown): void {
  if (value == null) return;
  if (typeof value === 'string') {
    w.write(value);
    return;
  }
  for (const s of list(value)) {
    if (w.isLastNonWhiteCloseBrace()) w.blankLineIfLastNot();
    else if (!w.isAtStartOfFirstLineOfBlock()) w.newLineIfLastNot();
    if (s == null) continue;
    if (typeof s === 'string') {
      w.write(s);
      continue;
    }
    if (typeof s !== 'object') decline();
    const printer = STATEMENT[(s as Structure).kind as number] ?? decline();
    if (printer.blankLine && !w.isAtStartOfFirstLineOfBlock()) w.blankLineIfLastNot();
    node(w, s, printer.print);
  }
}

const INTERFACE = keysOf('name', 'isExported', 'isDefaultExport', 'hasDeclareKeyword', 'docs', 'extends', 'properties', 'indexSignatures');
const PROPERTY_SIGNATURE = keysOf('name', 'type', 'hasQuestionToken', 'isReadonly', 'initializer', 'docs');
const INDEX_SIGNATURE = keysOf('keyName', 'keyType', 'returnType', 'isReadonly', 'docs');

function interfaceDeclaration(w: Writer, value: unknown): void {
  const s = only(value, INTERFACE);
  docs(w, s.docs);
  modifiers(w, s);
  w.write(`interface ${text(s.name)}`);
  w.space();
  if (s.extends != null) {
    const t = Array.isArray(s.extends) ? s.extends.map(written).join(', ') : written(s.extends);
    if (!isWhitespace(t)) w.hangingIndent(() => w.write(`extends ${t} `));
  }
  const indexSignatures = s.indexSignatures == null ? [] : list(s.indexSignatures);
  const properties = s.properties == null ? [] : list(s.properties);
  w.inlineBlock(() => {
    if (indexSignatures.length > 0 && !w.isAtStartOfFirstLineOfBlock()) w.newLine();
    indexSignatures.forEach((m, i) => {
      if (i > 0) w.newLine();
      node(w, m, indexSignature);
    });
    if (properties.length > 0 && !w.isAtStartOfFirstLineOfBlock()) w.newLine();
    properties.forEach((m, i) => {
      if (i > 0) w.newLine();
      node(w, m, propertySignature);
    });
  });
}

function indexSignature(w: Writer, value: unknown): void {
  const s = only(value, INDEX_SIGNATURE, StructureKind.IndexSignature);
  docs(w, s.docs);
  const keyName = s.keyName == null ? '' : text(s.keyName);
  const keyType = s.keyType == null ? '' : text(s.keyType);
  const returnType = optionalText(s.returnType);
  if (noLineBreak(keyName, keyType, returnType)) {
    w.write(`${modifierText(s)}[${keyName || 'key'}: ${keyType || 'string'}]${typedText(':', returnType)};`);
    return;
  }
  modifiers(w, s);
  w.write(`[${keyName || 'key'}: ${keyType || 'string'}]`);
  typed(w, ':', s.returnType);
  w.write(';');
}

function propertySignature(w: Writer, value: unknown): void {
  const s = only(value, PROPERTY_SIGNATURE, StructureKind.PropertySignature);
  docs(w, s.docs);
  const name = text(s.name);
  const type = optionalText(s.type);
  if (s.initializer == null && noLineBreak(name, type)) {
    w.write(`${modifierText(s)}${name}${s.hasQuestionToken ? '?' : ''}${typedText(':', type)};`);
    return;
  }
  modifiers(w, s);
  w.write(name);
  if (s.hasQuestionToken) w.write('?');
  typed(w, ':', s.type);
  initializer(w, s.initializer);
  w.write(';');
}

const TYPE_ALIAS = keysOf('name', 'type', 'isExported', 'isDefaultExport', 'hasDeclareKeyword', 'docs');

function typeAlias(w: Writer, value: unknown): void {
  const s = only(value, TYPE_ALIAS);
  docs(w, s.docs);
  const name = text(s.name);
  const type = optionalText(s.type);
  if (noLineBreak(name, type)) {
    w.write(`${modifierText(s)}type ${name}${typedText(' =', type)};`);
    return;
  }
  modifiers(w, s);
  w.write(`type ${name}`);
  typed(w, ' =', s.type);
  w.write(';');
}

const VARIABLE_STATEMENT = keysOf('declarationKind', 'declarations', 'isExported', 'isDefaultExport', 'hasDeclareKeyword', 'docs');
const VARIABLE_DECLARATION = keysOf('name', 'type', 'initializer', 'hasExclamationToken');

function variableStatement(w: Writer, value: unknown): void {
  const s = only(value, VARIABLE_STATEMENT);
  docs(w, s.docs);
  const declarations = list(s.declarations);
  if (declarations.length === 0) decline();
  const kind = s.declarationKind == null ? '' : text(s.declarationKind);
  w.hangingIndent(() => {
    modifiers(w, s);
    w.write(`${kind || 'let'} `);
    w.list(declarations, (d) => node(w, d, variableDeclaration));
    w.write(';');
  });
}

function variableDeclaration(w: Writer, value: unknown): void {
  const s = only(value, VARIABLE_DECLARATION, StructureKind.VariableDeclaration);
  w.write(text(s.name));
  if (s.hasExclamationToken) w.write('!');
  typed(w, ':', s.type);
  initializer(w, s.initializer);
}

const IMPORT_DECLARATION = keysOf('moduleSpecifier', 'isTypeOnly', 'defaultImport', 'namespaceImport', 'namedImports');
const EXPORT_DECLARATION = keysOf('moduleSpecifier', 'isTypeOnly', 'namespaceExport', 'namedExports');
const SPECIFIER = keysOf('name', 'alias', 'isTypeOnly');

function importDeclaration(w: Writer, value: unknown): void {
  const s = only(value, IMPORT_DECLARATION);
  const named = s.namedImports == null ? [] : list(s.namedImports);
  const namespace = s.namespaceImport == null ? undefined : text(s.namespaceImport);
  const defaultImport = s.defaultImport == null ? undefined : text(s.defaultImport);
  if (named.length > 0 && namespace !== undefined) decline(); // ts-morph throws
  w.write('import');
  if (s.isTypeOnly) w.write(' type');
  if (defaultImport !== undefined) {
    w.write(` ${defaultImport}`);
    if (named.length > 0 || namespace !== undefined) w.write(',');
  }
  if (namespace !== undefined) w.write(` * as ${namespace}`);
  if (named.length > 0) {
    w.space();
    specifiers(w, named, StructureKind.ImportSpecifier);
  }
  if (defaultImport !== undefined || named.length > 0 || namespace !== undefined) w.write(' from');
  w.write(' ');
  w.quote(text(s.moduleSpecifier));
  w.write(';');
}

function exportDeclaration(w: Writer, value: unknown): void {
  const s = only(value, EXPORT_DECLARATION);
  const moduleSpecifier = s.moduleSpecifier == null ? '' : text(s.moduleSpecifier);
  const named = s.namedExports == null ? [] : list(s.namedExports);
  const namespace = s.namespaceExport == null ? undefined : text(s.namespaceExport);
  if (named.length > 0 && namespace !== undefined) decline(); // ts-morph throws
  w.write('export');
  if (s.isTypeOnly) w.write(' type');
  if (named.length > 0) {
    w.space();
    specifiers(w, named, StructureKind.ExportSpecifier);
  } else if (namespace !== undefined) {
    w.write(' *');
    if (!isWhitespace(namespace)) w.write(` as ${namespace}`);
  } else if (moduleSpecifier.length === 0) {
    w.write(' {').write(' ').write('}');
  } else {
    w.write(' *');
  }
  if (moduleSpecifier.length > 0) {
    w.write(' from ');
    w.quote(moduleSpecifier);
  }
  w.write(';');
}

/** `{ a, type b as c }`: the list is written in a writer of its own, then into `w`. */
function specifiers(w: Writer, items: unknown[], kind: number): void {
  const inner = new Writer();
  inner.list(items, (item) =>
    node(inner, item, (inner, item) => {
      if (typeof item === 'string') {
        inner.write(oneLine(item));
        return;
      }
      const s = only(item, SPECIFIER, kind);
      if (s.isTypeOnly) inner.write('type ');
      const alias = s.alias == null ? '' : text(s.alias);
      inner.write(isWhitespace(alias) ? oneLine(text(s.name)) : `${oneLine(text(s.name))} as ${oneLine(alias)}`);
    }),
  );
  const list = inner.toString();
  w.write('{');
  if (!(list.startsWith('\n') || list.startsWith('\r\n'))) w.space();
  w.write(list);
  if (!list.endsWith('\n')) w.space();
  w.write('}');
}

/** A name written on its own line (ts-morph writes it through a writer that indents its next lines). */
function oneLine(name: string): string {
  return /[\r\n]/.test(name) ? decline() : name;
}

const CLASS = keysOf('name', 'isExported', 'isDefaultExport', 'docs', 'extends', 'methods');
const METHOD = keysOf('name', 'hasQuestionToken', 'docs', 'parameters', 'returnType', 'statements');
const PARAMETER = keysOf('name', 'type', 'hasQuestionToken', 'initializer');

function classDeclaration(w: Writer, value: unknown): void {
  const s = only(value, CLASS);
  docs(w, s.docs);
  modifiers(w, s);
  w.write('class');
  const name = s.name == null ? undefined : text(s.name);
  if (name !== undefined && !isWhitespace(name)) w.space().write(name);
  w.space();
  w.hangingIndent(() => {
    if (s.extends == null) return;
    const t = written(s.extends);
    if (!isWhitespace(t)) w.write(`extends ${t} `);
  });
  const methods = s.methods == null ? [] : list(s.methods);
  w.inlineBlock(() => {
    if (methods.length === 0) return;
    if (!w.isAtStartOfFirstLineOfBlock()) w.blankLine();
    methods.forEach((m, i) => {
      if (i > 0) w.blankLine();
      node(w, m, method);
    });
  });
}

function method(w: Writer, value: unknown): void {
  const s = only(value, METHOD, StructureKind.Method);
  docs(w, s.docs);
  w.write(text(s.name));
  if (s.hasQuestionToken) w.write('?');
  w.write('(');
  const parameters = s.parameters == null ? [] : list(s.parameters);
  if (parameters.length > 0) w.hangingIndent(() => w.list(parameters, (p) => node(w, p, parameter)));
  w.write(')');
  typed(w, ':', s.returnType);
  w.spaceIfLastNot().inlineBlock(() => statements(w, s.statements));
}

function parameter(w: Writer, value: unknown): void {
  const s = only(value, PARAMETER, StructureKind.Parameter);
  w.write(text(s.name));
  if (s.hasQuestionToken) w.write('?');
  // ts-morph writes `: any` for a missing type unless `hasQuestionToken` is absent or false
  typed(w, ':', s.type, s.hasQuestionToken !== undefined && s.hasQuestionToken !== false);
  initializer(w, s.initializer);
}

const SOURCE_FILE = keysOf('statements');

/**
 * `structure` (a source file) as ts-morph's `printStructure` prints it with default options, or
 * undefined when it holds anything this printer does not print (then ask ts-morph).
 */
export function printSourceStructure(structure: Structures): string | undefined {
  try {
    const s = only(structure, SOURCE_FILE);
    if (s.kind !== StructureKind.SourceFile) decline();
    const w = new Writer();
    node(w, s.statements, statements);
    if (!w.isAtStartOfFirstLineOfBlock() && !w.isLastNewLine()) w.newLine();
    return w.toString();
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}
