/**
 * The TypeScript the emitter writes, read without the TypeScript compiler: a scanner and a
 * parser for that small language, giving the tree the exact printers walk (format/typescript.ts
 * in prettier's layout, dist-print.ts as the compiler's emit).
 *
 * The language: named imports and re-exports (`import type`, `type` specifiers, `export *`);
 * interfaces (extends, property signatures with `readonly` and `?`, index signatures); type
 * aliases; types (keywords, string, integer, negative integer, null, true and false literals,
 * references with type arguments, arrays, parentheses, unions and intersections with or without
 * a leading operator, type literals, `keyof`, `readonly`, indexed access); classes of methods
 * whose bodies are return statements (and the `static` and `get` members prettier is handed);
 * function declarations of the same shape; `const` declarations; an assignment statement
 * (`a.b = await f(...)`); and expressions of string and integer literals, prefix minus,
 * identifiers, `this`, `true`, `false`, `null`, property reads, calls, `new`, array and object
 * literals with identifier or string keys, arrow functions of identifier parameters with an
 * expression body, and `await` (the whole value of a top-level `const` or assignment).
 *
 * Strict: whatever the parser does not know, or where the TypeScript parser could read the
 * text otherwise (a token that would continue an expression after a line break, a modifier or
 * `readonly` before a line break, a syntax error), makes the whole file decline (undefined), and
 * the callers fall back to the library. So a tree given is the one the TypeScript parser builds
 * for the text, in the shapes and positions the printers read: `pos` (where the node's leading
 * trivia starts: the end of the token before it), `start` (its first token), `end` (after its
 * last token, its `;` included), literal texts cooked, `multiLine` of array and object
 * literals as the TypeScript parser sets it (a line break before the first element), trailing
 * commas of lists. Comments are trivia: `commentRanges` gives those before a position as
 * `ts.getLeadingCommentRanges` does, and the file keeps where every comment starts, so that
 * `commentsIn` counts the comments of a range exactly (a comment marker in a string is none).
 * test/typescript/syntax.test.ts holds it to the TypeScript parser.
 */

export interface Node {
  /** Full start: where the leading trivia (white space, comments) before the node starts. */
  readonly pos: number;
  /** Where the node's first token starts. */
  readonly start: number;
  /** After the node's last token. */
  readonly end: number;
}

// ---- expressions ----

export interface Identifier extends Node {
  readonly kind: 'Identifier';
  readonly text: string;
}
export interface StringLiteral extends Node {
  readonly kind: 'StringLiteral';
  /** The value (escapes cooked); the text as written is the source's [start, end). */
  readonly text: string;
}
export interface NumericLiteral extends Node {
  readonly kind: 'NumericLiteral';
  /** As written: only decimal integers without leading zeros are read. */
  readonly text: string;
}
export interface KeywordLiteral extends Node {
  readonly kind: 'TrueKeyword' | 'FalseKeyword' | 'NullKeyword' | 'ThisKeyword';
}
/** `-operand` (the only prefix operator read). */
export interface PrefixUnaryExpression extends Node {
  readonly kind: 'PrefixUnaryExpression';
  readonly operand: Expression;
}
export interface PropertyAccessExpression extends Node {
  readonly kind: 'PropertyAccessExpression';
  readonly expression: Expression;
  readonly name: Identifier;
}
export interface CallExpression extends Node {
  readonly kind: 'CallExpression' | 'NewExpression';
  readonly expression: Expression;
  readonly arguments: readonly Expression[];
  readonly trailingComma: boolean;
}
export interface ArrayLiteralExpression extends Node {
  readonly kind: 'ArrayLiteralExpression';
  readonly elements: readonly Expression[];
  /** A line break before the first element (or the `]`): the TypeScript parser's `multiLine`. */
  readonly multiLine: boolean;
  readonly trailingComma: boolean;
}
export interface PropertyAssignment extends Node {
  readonly kind: 'PropertyAssignment';
  readonly name: Identifier | StringLiteral;
  readonly initializer: Expression;
}
export interface ObjectLiteralExpression extends Node {
  readonly kind: 'ObjectLiteralExpression';
  readonly properties: readonly PropertyAssignment[];
  readonly multiLine: boolean;
  readonly trailingComma: boolean;
}
/** `(a, b) => body`: parenthesized identifier parameters, an expression body. */
export interface ArrowFunction extends Node {
  readonly kind: 'ArrowFunction';
  readonly parameters: readonly Identifier[];
  readonly body: Expression;
}
export interface AwaitExpression extends Node {
  readonly kind: 'AwaitExpression';
  readonly expression: Expression;
}
/** `left = right` (the only binary operator read, at the top of an expression statement). */
export interface BinaryExpression extends Node {
  readonly kind: 'BinaryExpression';
  readonly left: Expression;
  readonly right: Expression;
}
export type Expression =
  | Identifier
  | StringLiteral
  | NumericLiteral
  | KeywordLiteral
  | PrefixUnaryExpression
  | PropertyAccessExpression
  | CallExpression
  | ArrayLiteralExpression
  | ObjectLiteralExpression
  | ArrowFunction
  | AwaitExpression
  | BinaryExpression;

// ---- types ----

/** `string`, `number`, `boolean`, `unknown`, `undefined`, `void`, `never`, `any`, `object`, `bigint`, `symbol`. */
export interface KeywordType extends Node {
  readonly kind: 'KeywordType';
  readonly text: string;
}
export interface LiteralType extends Node {
  readonly kind: 'LiteralType';
  readonly literal: StringLiteral | NumericLiteral | PrefixUnaryExpression | KeywordLiteral;
}
export interface TypeReference extends Node {
  readonly kind: 'TypeReference';
  readonly typeName: Identifier;
  readonly typeArguments?: readonly TypeNode[];
}
export interface ArrayType extends Node {
  readonly kind: 'ArrayType';
  readonly elementType: TypeNode;
}
export interface ParenthesizedType extends Node {
  readonly kind: 'ParenthesizedType';
  readonly type: TypeNode;
}
export interface UnionOrIntersectionType extends Node {
  readonly kind: 'UnionType' | 'IntersectionType';
  readonly types: readonly TypeNode[];
}
export interface TypeLiteral extends Node {
  readonly kind: 'TypeLiteral';
  readonly members: readonly TypeElement[];
}
export interface TypeOperator extends Node {
  readonly kind: 'TypeOperator';
  readonly operator: 'keyof' | 'readonly';
  readonly type: TypeNode;
}
export interface IndexedAccessType extends Node {
  readonly kind: 'IndexedAccessType';
  readonly objectType: TypeNode;
  readonly indexType: TypeNode;
}
export type TypeNode =
  | KeywordType
  | LiteralType
  | TypeReference
  | ArrayType
  | ParenthesizedType
  | UnionOrIntersectionType
  | TypeLiteral
  | TypeOperator
  | IndexedAccessType;

export interface PropertySignature extends Node {
  readonly kind: 'PropertySignature';
  readonly readonly: boolean;
  readonly name: Identifier | StringLiteral;
  readonly optional: boolean;
  readonly type: TypeNode;
}
/** `[parameter: parameterType]: type` */
export interface IndexSignature extends Node {
  readonly kind: 'IndexSignature';
  readonly parameter: Identifier;
  readonly parameterType: TypeNode;
  readonly type: TypeNode;
}
export type TypeElement = PropertySignature | IndexSignature;

// ---- statements ----

export interface Specifier extends Node {
  readonly kind: 'Specifier';
  readonly isTypeOnly: boolean;
  readonly name: Identifier;
}
export interface ImportDeclaration extends Node {
  readonly kind: 'ImportDeclaration';
  /** `import type { ... }` */
  readonly isTypeOnly: boolean;
  readonly elements: readonly Specifier[];
  readonly trailingComma: boolean;
  readonly moduleSpecifier: StringLiteral;
}
export interface ExportDeclaration extends Node {
  readonly kind: 'ExportDeclaration';
  readonly isTypeOnly: boolean;
  /** Undefined for `export * from`. */
  readonly elements?: readonly Specifier[];
  readonly trailingComma: boolean;
  readonly moduleSpecifier: StringLiteral;
}
/** A name in `extends`, with its type arguments. */
export interface HeritageType extends Node {
  readonly kind: 'ExpressionWithTypeArguments';
  readonly expression: Identifier;
  readonly typeArguments?: readonly TypeNode[];
}
export interface InterfaceDeclaration extends Node {
  readonly kind: 'InterfaceDeclaration';
  readonly exported: boolean;
  readonly name: Identifier;
  /** Undefined without `extends`. */
  readonly heritage?: readonly HeritageType[];
  readonly members: readonly TypeElement[];
}
export interface TypeAliasDeclaration extends Node {
  readonly kind: 'TypeAliasDeclaration';
  readonly exported: boolean;
  readonly name: Identifier;
  readonly type: TypeNode;
}
export interface Parameter extends Node {
  readonly kind: 'Parameter';
  readonly name: Identifier;
  readonly optional: boolean;
  readonly type: TypeNode;
}
export interface ReturnStatement extends Node {
  readonly kind: 'ReturnStatement';
  readonly expression?: Expression;
}
/** A method, a `get` accessor or a function declaration: `name(parameters): type { return ...; }`. */
export interface FunctionLike extends Node {
  readonly kind: 'MethodDeclaration' | 'GetAccessor' | 'FunctionDeclaration';
  /** `static` (class members), `export` (functions). */
  readonly modified: boolean;
  readonly name: Identifier;
  readonly parameters: readonly Parameter[];
  /** After the last parameter. */
  readonly trailingComma: boolean;
  readonly type?: TypeNode;
  readonly body: readonly ReturnStatement[];
}
export interface ClassDeclaration extends Node {
  readonly kind: 'ClassDeclaration';
  readonly exported: boolean;
  readonly name: Identifier;
  readonly heritage?: HeritageType;
  readonly members: readonly FunctionLike[];
}
/** `const name: type = initializer;` (one declaration). */
export interface VariableStatement extends Node {
  readonly kind: 'VariableStatement';
  readonly exported: boolean;
  readonly name: Identifier;
  readonly type?: TypeNode;
  readonly initializer: Expression;
}
export interface ExpressionStatement extends Node {
  readonly kind: 'ExpressionStatement';
  readonly expression: BinaryExpression;
}
export type Statement =
  | ImportDeclaration
  | ExportDeclaration
  | InterfaceDeclaration
  | TypeAliasDeclaration
  | ClassDeclaration
  | FunctionLike
  | VariableStatement
  | ExpressionStatement;

export interface SourceFile {
  readonly text: string;
  readonly statements: readonly Statement[];
  /** Where each comment starts, in order (a comment inside a string literal is none). */
  readonly commentStarts: readonly number[];
}

export interface CommentRange {
  readonly kind: 'line' | 'block';
  readonly pos: number;
  readonly end: number;
  readonly hasTrailingNewLine: boolean;
}

// ---- the scanner ----

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

const EOF = 0;
const WORD = 1;
const STRING = 2;
const NUMBER = 3;
/** `=>`; other punctuation is its character code. */
const ARROW = 4;
const ch = (c: string): number => c.charCodeAt(0);
const [LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, LT, GT, COMMA, SEMI, COLON, QUESTION, DOT, EQUALS, BAR, AMP, MINUS, STAR] = [
  ...'{}()[]<>,;:?.=|&-*',
].map(ch) as [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];

interface Tokens {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** The word, or the cooked string value ('' for other tokens). */
  value: string[];
  /** A line break in the trivia before the token (1). */
  lineBreak: Uint8Array;
  comments: number[];
}

const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);

/** The `#!` line the text starts with, without its line break ('' when none): trivia, as for the TypeScript scanner. */
export function shebangOf(text: string): string {
  if (!text.startsWith('#!')) return '';
  let i = 2;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return text.slice(0, i);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', "'": "'", '"': '"', '\\': '\\' };

/** A string literal from its opening quote at `i`: [value, end]. */
function scanString(text: string, i: number): [string, number] {
  const quote = text.charCodeAt(i);
  let value = '';
  let from = i + 1;
  let j = from;
  for (;;) {
    if (j >= text.length) return decline();
    const c = text.charCodeAt(j);
    if (c === quote) return [value + text.slice(from, j), j + 1];
    if (isLineBreak(c)) return decline();
    if (c !== 92) {
      j++;
      continue;
    }
    value += text.slice(from, j);
    const e = text[j + 1] ?? '';
    let cooked: string | undefined = SIMPLE_ESCAPES[e];
    let next = j + 2;
    if (e === '0' && !isDigit(text.charCodeAt(j + 2))) cooked = '\0';
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(j + 2, j + 4))) {
      cooked = String.fromCharCode(parseInt(text.slice(j + 2, j + 4), 16));
      next = j + 4;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
      cooked = String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
      next = j + 6;
    }
    // line continuations, \u{...}, octal and other escapes: not written by the emitter
    if (cooked === undefined) return decline();
    value += cooked;
    from = j = next;
  }
}

/** `t`'s arrays with room for `capacity` tokens (zeros past the last token: EOF, no line break). */
function grown(t: Tokens, capacity: number): void {
  const kind = new Uint8Array(capacity);
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  const lineBreak = new Uint8Array(capacity);
  kind.set(t.kind);
  start.set(t.start);
  end.set(t.end);
  lineBreak.set(t.lineBreak);
  t.kind = kind;
  t.start = start;
  t.end = end;
  t.lineBreak = lineBreak;
}

function scan(text: string): Tokens {
  const n = text.length;
  // What the emitter writes has about one token per 25 characters (JSDoc is most of it): room
  // for one per 16 to begin with, doubled when full (a text's length in typed arrays, five
  // times over, was most of the time of a parse); always a zero past the last token.
  let capacity = (n >> 4) + 64;
  const t: Tokens = { kind: new Uint8Array(capacity), start: new Int32Array(capacity), end: new Int32Array(capacity), value: [], lineBreak: new Uint8Array(capacity), comments: [] };
  let count = 0;
  let i = shebangOf(text).length;
  let lineBreak = false;
  for (;;) {
    // trivia
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 11 || c === 12) i++;
      else if (c === 10 || c === 13) {
        lineBreak = true;
        i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        t.comments.push(i);
        i += 2;
        while (i < n && !isLineBreak(text.charCodeAt(i))) i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        t.comments.push(i);
        const close = text.indexOf('*/', i + 2);
        if (close === -1) decline();
        for (let j = i + 2; j < close && !lineBreak; j++) if (isLineBreak(text.charCodeAt(j))) lineBreak = true;
        i = close + 2;
      } else break;
    }
    const start = i;
    let kind: number;
    let value = '';
    if (i >= n) kind = EOF;
    else {
      const c = text.charCodeAt(i);
      const d = text.charCodeAt(i + 1);
      if (isIdentStart(c)) {
        i++;
        while (i < n && isIdentPart(text.charCodeAt(i))) i++;
        // escapes and non-ASCII letters in names: not written by the emitter
        if (i < n && (text.charCodeAt(i) === 92 || text.charCodeAt(i) > 127)) decline();
        kind = WORD;
        value = text.slice(start, i);
      } else if (isDigit(c)) {
        // decimal integers only: a leading zero, a fraction, an exponent, a separator, a
        // suffix or a letter after it is declined
        i++;
        if (c !== 48) while (i < n && isDigit(text.charCodeAt(i))) i++;
        const after = text.charCodeAt(i);
        if (isIdentPart(after) || after === 46 || after === 92 || after > 127) decline();
        kind = NUMBER;
        value = text.slice(start, i);
      } else if (c === 34 || c === 39) {
        [value, i] = scanString(text, i);
        kind = STRING;
      } else if (c === EQUALS && d === GT) {
        kind = ARROW;
        i += 2;
      } else {
        // one-character punctuation, unless it starts a longer operator (declined)
        switch (c) {
          case LBRACE:
          case RBRACE:
          case LPAREN:
          case RPAREN:
          case LBRACKET:
          case RBRACKET:
          case COMMA:
          case SEMI:
          case COLON:
          case GT:
            break;
          case LT:
            if (d === LT || d === EQUALS) decline();
            break;
          case EQUALS:
          case BAR:
          case AMP:
          case MINUS:
          case STAR:
            if (d === c || d === EQUALS) decline();
            break;
          case QUESTION:
            if (d === QUESTION || d === DOT) decline();
            break;
          case DOT:
            if (d === DOT || isDigit(d)) decline();
            break;
          default:
            decline();
        }
        kind = c;
        i++;
      }
    }
    if (count + 2 > capacity) grown(t, (capacity *= 2));
    t.kind[count] = kind;
    t.start[count] = start;
    t.end[count] = i;
    t.value.push(value);
    t.lineBreak[count] = lineBreak ? 1 : 0;
    count++;
    lineBreak = false;
    if (kind === EOF) return t;
  }
}

// ---- comments ----

/**
 * The comments before `pos` that lead what follows, as `ts.getLeadingCommentRanges` gives
 * them: from the first line break on (from `pos` itself at 0, after a `#!` line), each with
 * whether a line break follows it.
 */
export function commentRanges(text: string, pos: number): readonly CommentRange[] {
  let out: CommentRange[] | undefined;
  let collecting = false;
  if (pos === 0) {
    collecting = true;
    pos = shebangOf(text).length;
  }
  let pending: { kind: 'line' | 'block'; pos: number; end: number; hasTrailingNewLine: boolean } | undefined;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 10 || c === 13) {
      pos++;
      collecting = true;
      if (pending) pending.hasTrailingNewLine = true;
    } else if (c === 32 || c === 9 || c === 11 || c === 12) pos++;
    else if (c === 47 && (text.charCodeAt(pos + 1) === 47 || text.charCodeAt(pos + 1) === 42)) {
      const line = text.charCodeAt(pos + 1) === 47;
      const from = pos;
      let newline = false;
      if (line) {
        pos += 2;
        while (pos < text.length && !isLineBreak(text.charCodeAt(pos))) pos++;
        newline = pos < text.length;
      } else {
        const close = text.indexOf('*/', pos + 2);
        pos = close === -1 ? text.length : close + 2;
      }
      if (collecting) {
        if (pending) (out ??= []).push(pending);
        pending = { kind: line ? 'line' : 'block', pos: from, end: pos, hasTrailingNewLine: newline };
      }
    } else if (c > 127 && (isLineBreak(c) || WHITE_SPACE.has(c))) {
      // other white space and line breaks, skipped (a line break here does not start collecting)
      pos++;
      if (pending && isLineBreak(c)) pending.hasTrailingNewLine = true;
    } else break;
  }
  if (pending) (out ??= []).push(pending);
  return out ?? NO_COMMENTS;
}

/** What most nodes have before them (shared: the result is read-only). */
const NO_COMMENTS: readonly CommentRange[] = Object.freeze([]);

/** Non-ASCII white space on a line (the scanner declines it outside comments and strings). */
const WHITE_SPACE = new Set([0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** The comments of `file` that start in [pos, end). */
export function countComments(file: SourceFile, pos: number, end: number): number {
  return lowerBound(file.commentStarts, end) - lowerBound(file.commentStarts, pos);
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- the parser ----

/** Words that are no identifier (reserved in strict-mode modules). */
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(
    ' ',
  ),
);
/** Keyword types (`string` …). */
const TYPE_KEYWORDS = new Set('any unknown string number bigint symbol boolean undefined never object void'.split(' '));
/** Words that begin another kind of type (or end the one before): declined. */
const TYPE_DECLINED = new Set('this typeof unique infer asserts intrinsic new abstract function'.split(' '));
/** Words that continue an expression (binary operators): an expression followed by one is declined. */
const CONTINUES = new Set(['in', 'instanceof', 'as', 'satisfies']);

class Parser {
  private t = 0;
  private readonly kind: Uint8Array;
  private readonly startOf: Int32Array;
  private readonly endOf: Int32Array;
  private readonly value: string[];
  private readonly lineBreak: Uint8Array;
  /** An `await` was read (which a module only has). */
  private awaited = false;

  constructor(tokens: Tokens) {
    this.kind = tokens.kind;
    this.startOf = tokens.start;
    this.endOf = tokens.end;
    this.value = tokens.value;
    this.lineBreak = tokens.lineBreak;
  }

  // -- tokens --

  /** A node's positions: from token `from` to the last token read. */
  private pos(from: number): number {
    return from === 0 ? 0 : this.endOf[from - 1]!;
  }
  private start(from: number): number {
    return this.startOf[from]!;
  }
  private end(): number {
    return this.endOf[this.t - 1]!;
  }
  private is(kind: number): boolean {
    return this.kind[this.t] === kind;
  }
  private isWord(word?: string): boolean {
    return this.kind[this.t] === WORD && (word === undefined || this.value[this.t] === word);
  }
  private expect(kind: number): void {
    if (this.kind[this.t] !== kind) decline();
    this.t++;
  }
  private expectWord(word: string): void {
    if (!this.isWord(word)) decline();
    this.t++;
  }
  /** An identifier name (any word: a property, a member). */
  private identifierName(): Identifier {
    if (!this.isWord()) decline();
    const from = this.t++;
    return { kind: 'Identifier', text: this.value[from]!, pos: this.pos(from), start: this.start(from), end: this.end() };
  }
  /** An identifier (not a reserved word: a binding, a reference). */
  private identifier(): Identifier {
    if (!this.isWord() || RESERVED.has(this.value[this.t]!)) decline();
    return this.identifierName();
  }
  private stringLiteral(): StringLiteral {
    if (!this.is(STRING)) decline();
    const from = this.t++;
    return { kind: 'StringLiteral', text: this.value[from]!, pos: this.pos(from), start: this.start(from), end: this.end() };
  }
  /** The end of a statement or member: `;`, or none before `}`, the end or a line break (automatic semicolon insertion). */
  private semicolon(): void {
    if (this.is(SEMI)) this.t++;
    else if (!this.is(RBRACE) && !this.is(EOF) && !this.lineBreak[this.t]) decline();
  }
  /** Separated `item`s up to `close` (consumed), with an optional trailing comma. */
  private list<T>(close: number, item: () => T): { items: T[]; trailingComma: boolean } {
    const items: T[] = [];
    let trailingComma = false;
    while (!this.is(close)) {
      items.push(item());
      if (this.is(COMMA)) {
        this.t++;
        trailingComma = true;
      } else {
        trailingComma = false;
        break;
      }
    }
    this.expect(close);
    return { items, trailingComma };
  }

  // -- the file --

  file(text: string, commentStarts: number[]): SourceFile {
    const statements: Statement[] = [];
    while (!this.is(EOF)) statements.push(this.statement());
    // a file without imports and exports is a script, where `await` is a name
    const module = statements.some((s) => s.kind === 'ImportDeclaration' || s.kind === 'ExportDeclaration' || ('exported' in s && s.exported) || (s.kind === 'FunctionDeclaration' && s.modified));
    if (this.awaited && !module) decline();
    return { text, statements, commentStarts };
  }

  private statement(): Statement {
    const from = this.t;
    if (this.isWord('import')) return this.importDeclaration(from);
    let exported = false;
    if (this.isWord('export')) {
      this.t++;
      if (this.is(STAR) || this.is(LBRACE) || (this.isWord('type') && this.kind[this.t + 1] === LBRACE)) return this.exportDeclaration(from);
      exported = true;
    }
    if (this.kind[this.t] !== WORD) return decline();
    // a declaration keyword before a line break is an identifier to TypeScript: declined
    if (this.lineBreak[this.t + 1] && !(this.isWord('const') || this.isWord('class'))) return decline();
    switch (this.value[this.t]) {
      case 'interface':
        return this.interfaceDeclaration(from, exported);
      case 'type':
        // `export type as` is the start of `export type * as ns` to TypeScript's parser (it reports `{` expected): declined
        if (exported && this.kind[this.t + 1] === WORD && this.value[this.t + 1] === 'as') return decline();
        return this.typeAlias(from, exported);
      case 'class':
        return this.classDeclaration(from, exported);
      case 'const':
        return this.variableStatement(from, exported);
      case 'function':
        return this.functionLike(from, 'FunctionDeclaration', exported);
      default:
        return exported ? decline() : this.expressionStatement(from);
    }
  }

  private specifier(): Specifier {
    const from = this.t;
    let isTypeOnly = false;
    // `type` then a name is a type-only specifier; `type` alone is the name `type`
    if (this.isWord('type') && this.kind[this.t + 1] === WORD) {
      isTypeOnly = true;
      this.t++;
    }
    const name = this.identifier();
    if (this.isWord('as')) decline(); // aliases: not written by the emitter
    return { kind: 'Specifier', isTypeOnly, name, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private importDeclaration(from: number): ImportDeclaration {
    this.expectWord('import');
    let isTypeOnly = false;
    if (this.isWord('type')) {
      isTypeOnly = true;
      this.t++;
    }
    this.expect(LBRACE);
    const { items, trailingComma } = this.list(RBRACE, () => this.specifier());
    this.expectWord('from');
    const moduleSpecifier = this.stringLiteral();
    this.semicolon();
    return { kind: 'ImportDeclaration', isTypeOnly, elements: items, trailingComma, moduleSpecifier, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private exportDeclaration(from: number): ExportDeclaration {
    let isTypeOnly = false;
    if (this.isWord('type')) {
      isTypeOnly = true;
      this.t++;
    }
    let elements: Specifier[] | undefined;
    let trailingComma = false;
    if (this.is(STAR)) this.t++;
    else {
      this.expect(LBRACE);
      ({ items: elements, trailingComma } = this.list(RBRACE, () => this.specifier()));
    }
    // `export { a };` (local names) and `export * as ns`: not written by the emitter
    this.expectWord('from');
    const moduleSpecifier = this.stringLiteral();
    this.semicolon();
    return { kind: 'ExportDeclaration', isTypeOnly, elements, trailingComma, moduleSpecifier, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private heritageType(): HeritageType {
    const from = this.t;
    const expression = this.identifier();
    if (this.is(DOT)) decline();
    const typeArguments = this.typeArguments();
    return { kind: 'ExpressionWithTypeArguments', expression, typeArguments, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private interfaceDeclaration(from: number, exported: boolean): InterfaceDeclaration {
    this.expectWord('interface');
    const name = this.identifier();
    let heritage: HeritageType[] | undefined;
    if (this.isWord('extends')) {
      this.t++;
      heritage = [this.heritageType()];
      while (this.is(COMMA)) {
        this.t++;
        heritage.push(this.heritageType());
      }
    }
    const members = this.typeMembers();
    return { kind: 'InterfaceDeclaration', exported, name, heritage, members, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private typeAlias(from: number, exported: boolean): TypeAliasDeclaration {
    this.expectWord('type');
    const name = this.identifier();
    this.expect(EQUALS);
    const type = this.type();
    this.semicolon();
    return { kind: 'TypeAliasDeclaration', exported, name, type, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private variableStatement(from: number, exported: boolean): VariableStatement {
    this.expectWord('const');
    const name = this.identifier();
    let type: TypeNode | undefined;
    if (this.is(COLON)) {
      this.t++;
      type = this.type();
    }
    this.expect(EQUALS);
    const initializer = this.assigned();
    this.semicolon();
    return { kind: 'VariableStatement', exported, name, type, initializer, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private expressionStatement(from: number): ExpressionStatement {
    const left = this.unary();
    if (left.kind !== 'Identifier' && left.kind !== 'PropertyAccessExpression') return decline();
    this.expect(EQUALS);
    const right = this.assigned();
    const expression: BinaryExpression = { kind: 'BinaryExpression', left, right, pos: this.pos(from), start: this.start(from), end: this.end() };
    this.semicolon();
    return { kind: 'ExpressionStatement', expression, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  // -- classes and functions --

  private classDeclaration(from: number, exported: boolean): ClassDeclaration {
    this.expectWord('class');
    const name = this.identifier();
    let heritage: HeritageType | undefined;
    if (this.isWord('extends')) {
      this.t++;
      heritage = this.heritageType();
    }
    this.expect(LBRACE);
    const members: FunctionLike[] = [];
    while (!this.is(RBRACE)) members.push(this.classMember());
    this.t++;
    return { kind: 'ClassDeclaration', exported, name, heritage, members, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  /** A method or `get` accessor, `static` or not; a member of any other kind is declined. */
  private classMember(): FunctionLike {
    const from = this.t;
    let modified = false;
    // `static` and `get` before a name are a modifier and an accessor (across line breaks too)
    const beforeName = (t: number) => this.kind[t + 1] === WORD || this.kind[t + 1] === STRING;
    if (this.isWord('static') && beforeName(this.t)) {
      modified = true;
      this.t++;
    }
    if (this.isWord('get') && beforeName(this.t)) {
      this.t++;
      return this.functionLike(from, 'GetAccessor', modified);
    }
    return this.functionLike(from, 'MethodDeclaration', modified);
  }

  private functionLike(from: number, kind: FunctionLike['kind'], modified: boolean): FunctionLike {
    if (kind === 'FunctionDeclaration') this.expectWord('function');
    const name = kind === 'FunctionDeclaration' ? this.identifier() : this.identifierName();
    // a constructor is no method; other members (properties, `?`, `*`, type parameters) are declined
    if (name.text === 'constructor' || !this.is(LPAREN)) decline();
    this.t++;
    const { items: parameters, trailingComma } = this.list(RPAREN, () => {
      const p = this.t;
      const pname = this.identifier();
      const optional = this.is(QUESTION);
      if (optional) this.t++;
      this.expect(COLON);
      const parameter: Parameter = { kind: 'Parameter', name: pname, optional, type: this.type(), pos: this.pos(p), start: this.start(p), end: this.end() };
      return parameter;
    });
    if (kind === 'GetAccessor' && parameters.length) decline();
    let type: TypeNode | undefined;
    if (this.is(COLON)) {
      this.t++;
      type = this.type();
    }
    this.expect(LBRACE);
    const body: ReturnStatement[] = [];
    while (!this.is(RBRACE)) {
      const r = this.t;
      this.expectWord('return');
      const expression = this.is(SEMI) || this.is(RBRACE) || this.is(EOF) || this.lineBreak[this.t] ? undefined : this.expression();
      this.semicolon();
      body.push({ kind: 'ReturnStatement', expression, pos: this.pos(r), start: this.start(r), end: this.end() });
    }
    this.t++;
    return { kind, modified, name, parameters, trailingComma, type, body, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  // -- types --

  private typeArguments(): TypeNode[] | undefined {
    // `<` after a line break starts no type arguments
    if (!this.is(LT) || this.lineBreak[this.t]) return undefined;
    this.t++;
    const args = [this.type()];
    while (this.is(COMMA)) {
      this.t++;
      args.push(this.type());
    }
    this.expect(GT);
    return args;
  }

  private type(): TypeNode {
    const type = this.unionOrIntersection(BAR, 'UnionType', () => this.unionOrIntersection(AMP, 'IntersectionType', () => this.typeOperator()));
    // a conditional type, a function type's arrow, a type predicate: declined
    if ((this.isWord('extends') && !this.lineBreak[this.t]) || this.is(ARROW)) decline();
    return type;
  }

  /** `a | b` (`a & b`), with an optional leading operator; one member after a leading operator is still a union. */
  private unionOrIntersection(operator: number, kind: 'UnionType' | 'IntersectionType', member: () => TypeNode): TypeNode {
    const from = this.t;
    const leading = this.is(operator);
    if (leading) this.t++;
    const first = member();
    if (!leading && !this.is(operator)) return first;
    const types = [first];
    while (this.is(operator)) {
      this.t++;
      types.push(member());
    }
    return { kind, types, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  private typeOperator(): TypeNode {
    const from = this.t;
    if (this.isWord('keyof') || this.isWord('readonly')) {
      const operator = this.value[this.t] as 'keyof' | 'readonly';
      this.t++;
      const type = this.typeOperator();
      return { kind: 'TypeOperator', operator, type, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    return this.postfixType();
  }

  private postfixType(): TypeNode {
    const from = this.t;
    let type = this.primaryType();
    // `[]` and `[K]` only on the same line (else a new statement or member begins)
    while (this.is(LBRACKET) && !this.lineBreak[this.t]) {
      this.t++;
      if (this.is(RBRACKET)) {
        this.t++;
        type = { kind: 'ArrayType', elementType: type, pos: this.pos(from), start: this.start(from), end: this.end() };
      } else {
        const indexType = this.type();
        this.expect(RBRACKET);
        type = { kind: 'IndexedAccessType', objectType: type, indexType, pos: this.pos(from), start: this.start(from), end: this.end() };
      }
    }
    return type;
  }

  private primaryType(): TypeNode {
    const from = this.t;
    const k = this.kind[this.t];
    if (k === STRING || k === NUMBER) {
      const literal = this.literal();
      return { kind: 'LiteralType', literal, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    if (k === MINUS) {
      this.t++;
      if (!this.is(NUMBER)) decline();
      const operand = this.literal();
      const literal: PrefixUnaryExpression = { kind: 'PrefixUnaryExpression', operand, pos: this.pos(from), start: this.start(from), end: this.end() };
      return { kind: 'LiteralType', literal, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    if (k === LPAREN) {
      // `()` and `(a: …) =>` are function types: the arrow after the `)` is declined by type()
      this.t++;
      const type = this.type();
      this.expect(RPAREN);
      if (this.is(ARROW)) decline();
      return { kind: 'ParenthesizedType', type, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    if (k === LBRACE) {
      const members = this.typeMembers();
      return { kind: 'TypeLiteral', members, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    if (k !== WORD) return decline();
    const word = this.value[this.t]!;
    if (word === 'null' || word === 'true' || word === 'false') {
      const literal = this.literal();
      return { kind: 'LiteralType', literal, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    if (TYPE_DECLINED.has(word)) return decline();
    if (TYPE_KEYWORDS.has(word)) {
      this.t++;
      if (this.is(DOT)) decline(); // a qualified name
      return { kind: 'KeywordType', text: word, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    const typeName = this.identifier();
    if (this.is(DOT)) decline(); // qualified names: not written by the emitter
    const typeArguments = this.typeArguments();
    return { kind: 'TypeReference', typeName, typeArguments, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  /** `{ members }` of an interface or type literal. */
  private typeMembers(): TypeElement[] {
    this.expect(LBRACE);
    const members: TypeElement[] = [];
    // each ends with `,`, `;`, a line break or the `}` (typeMember)
    while (!this.is(RBRACE)) members.push(this.typeMember());
    this.t++;
    return members;
  }

  /** A property or index signature, with the `,` or `;` after it. */
  private typeMember(): TypeElement {
    const from = this.t;
    if (this.is(LBRACKET)) {
      this.t++;
      const parameter = this.identifier();
      this.expect(COLON);
      const parameterType = this.type();
      this.expect(RBRACKET);
      this.expect(COLON);
      const type = this.type();
      this.memberSeparator();
      return { kind: 'IndexSignature', parameter, parameterType, type, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    let readonly = false;
    // `readonly` before a name on its line is the modifier; `readonly:` or `readonly?` a property
    if (this.isWord('readonly') && (this.kind[this.t + 1] === WORD || this.kind[this.t + 1] === STRING)) {
      if (this.lineBreak[this.t + 1]) decline();
      readonly = true;
      this.t++;
    }
    const name = this.is(STRING) ? this.stringLiteral() : this.identifierName();
    const optional = this.is(QUESTION);
    if (optional) this.t++;
    // no type, a method, a modifier or accessor before a name: declined
    this.expect(COLON);
    const type = this.type();
    this.memberSeparator();
    return { kind: 'PropertySignature', readonly, name, optional, type, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  /** The `,` or `;` after a type member is part of it (as in the TypeScript parser). */
  private memberSeparator(): void {
    if (this.is(COMMA)) this.t++;
    else this.semicolon();
  }

  // -- expressions --

  private literal(): StringLiteral | NumericLiteral | KeywordLiteral {
    const from = this.t;
    const k = this.kind[this.t];
    this.t++;
    if (k === STRING) return { kind: 'StringLiteral', text: this.value[from]!, pos: this.pos(from), start: this.start(from), end: this.end() };
    if (k === NUMBER) return { kind: 'NumericLiteral', text: this.value[from]!, pos: this.pos(from), start: this.start(from), end: this.end() };
    const word = this.value[from];
    if (k === WORD && (word === 'true' || word === 'false' || word === 'null' || word === 'this'))
      return { kind: word === 'true' ? 'TrueKeyword' : word === 'false' ? 'FalseKeyword' : word === 'null' ? 'NullKeyword' : 'ThisKeyword', pos: this.pos(from), start: this.start(from), end: this.end() };
    return decline();
  }

  /**
   * The value of a top-level `const` or assignment: an expression, or `await` and an operand
   * that starts with a name or `this` (the TypeScript parser reads a file without knowing yet
   * that it is a module, where `await` is a name, and then reads statements with `await` again:
   * only where its first reading splits the statement right after `await` and again where ours
   * ends is the tree it ends with the one read here, so `await` is read nowhere else).
   */
  private assigned(): Expression {
    if (!this.isWord('await')) return this.expression();
    const from = this.t++;
    this.awaited = true;
    if (!this.isWord() || (RESERVED.has(this.value[this.t]!) && !this.isWord('this'))) decline();
    const expression = this.postfix();
    this.continuation();
    return { kind: 'AwaitExpression', expression, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  /** An expression (no assignment), then a token that cannot continue it. */
  private expression(): Expression {
    const e = this.is(LPAREN) ? this.arrowFunction() : this.unary();
    this.continuation();
    return e;
  }

  /** Declines a token that would continue the expression before it. */
  private continuation(): void {
    const k = this.kind[this.t];
    // a token that would continue the expression (a binary, conditional or element access
    // operator, an arrow after a name, `as`): declined
    if (k === LBRACKET || k === MINUS || k === LT || k === GT || k === EQUALS || k === BAR || k === AMP || k === QUESTION || k === ARROW || k === STAR) decline();
    if (k === WORD && CONTINUES.has(this.value[this.t]!)) decline();
  }

  private unary(): Expression {
    const from = this.t;
    if (this.is(MINUS)) {
      this.t++;
      if (!this.is(NUMBER)) decline();
      const operand = this.literal();
      return { kind: 'PrefixUnaryExpression', operand, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    return this.postfix();
  }

  private postfix(): Expression {
    const from = this.t;
    let e: Expression;
    if (this.isWord('new')) {
      this.t++;
      let callee: Expression = this.identifier();
      while (this.is(DOT)) {
        this.t++;
        callee = { kind: 'PropertyAccessExpression', expression: callee, name: this.identifierName(), pos: this.pos(from + 1), start: this.start(from + 1), end: this.end() };
      }
      this.expect(LPAREN);
      const { items, trailingComma } = this.list(RPAREN, () => this.expression());
      e = { kind: 'NewExpression', expression: callee, arguments: items, trailingComma, pos: this.pos(from), start: this.start(from), end: this.end() };
    } else e = this.primary();
    for (;;) {
      if (this.is(DOT)) {
        this.t++;
        e = { kind: 'PropertyAccessExpression', expression: e, name: this.identifierName(), pos: this.pos(from), start: this.start(from), end: this.end() };
      } else if (this.is(LPAREN)) {
        this.t++;
        const { items, trailingComma } = this.list(RPAREN, () => this.expression());
        e = { kind: 'CallExpression', expression: e, arguments: items, trailingComma, pos: this.pos(from), start: this.start(from), end: this.end() };
      } else return e;
    }
  }

  private primary(): Expression {
    const from = this.t;
    const k = this.kind[this.t];
    if (k === STRING || k === NUMBER) return this.literal();
    if (k === LBRACKET) {
      this.t++;
      const multiLine = this.lineBreak[this.t] === 1;
      // holes (`[,]`) are declined by expression()
      const { items, trailingComma } = this.list(RBRACKET, () => this.expression());
      return { kind: 'ArrayLiteralExpression', elements: items, multiLine, trailingComma, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    if (k === LBRACE) {
      this.t++;
      const multiLine = this.lineBreak[this.t] === 1;
      const { items, trailingComma } = this.list(RBRACE, () => this.propertyAssignment());
      return { kind: 'ObjectLiteralExpression', properties: items, multiLine, trailingComma, pos: this.pos(from), start: this.start(from), end: this.end() };
    }
    // a parenthesized expression (an arrow function is read by expression()): declined
    if (k !== WORD) return decline();
    const word = this.value[this.t]!;
    if (word === 'true' || word === 'false' || word === 'null' || word === 'this') return this.literal();
    // `async`, `x => …`, `await` (but where assigned() reads it): declined
    if (word === 'async' || word === 'await' || this.kind[this.t + 1] === ARROW) return decline();
    return this.identifier();
  }

  private propertyAssignment(): PropertyAssignment {
    const from = this.t;
    const name = this.is(STRING) ? this.stringLiteral() : this.identifierName();
    // shorthand properties, methods, accessors, spreads: declined
    this.expect(COLON);
    const initializer = this.expression();
    return { kind: 'PropertyAssignment', name, initializer, pos: this.pos(from), start: this.start(from), end: this.end() };
  }

  /** `(a, b) => body`; any other parenthesized expression is declined. */
  private arrowFunction(): ArrowFunction {
    const from = this.t;
    this.expect(LPAREN);
    const parameters: Identifier[] = [];
    while (!this.is(RPAREN)) {
      if (parameters.length) this.expect(COMMA);
      parameters.push(this.identifier());
    }
    this.t++;
    // a line break before the arrow is an error to TypeScript
    if (!this.is(ARROW) || this.lineBreak[this.t]) decline();
    this.t++;
    if (this.is(LBRACE)) decline(); // a block body
    const body = this.expression();
    return { kind: 'ArrowFunction', parameters, body, pos: this.pos(from), start: this.start(from), end: this.end() };
  }
}

/**
 * `text` parsed, or undefined when any of it is outside the language (the caller falls back to
 * the TypeScript compiler or prettier for the whole file).
 */
export function parseSource(text: string): SourceFile | undefined {
  try {
    const tokens = scan(text);
    return new Parser(tokens).file(text, tokens.comments);
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}
