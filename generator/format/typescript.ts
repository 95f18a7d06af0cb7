/**
 * Generated TypeScript printed in prettier's layout without prettier, where that is exact.
 *
 * What the TypeScript emitter writes is a small language: interfaces of property signatures
 * with JSDoc; type aliases of references, literals, unions and the intersections of QAPI
 * unions (objects written across lines, so every group around them breaks); named imports and
 * re-exports; the client class of one-line methods; frozen constants of literals; the shell
 * bin's one assignment. For that language prettier's layout is fixed: 2-space indent, single
 * quotes, an object kept expanded when written so, a list broken one entry per line with a
 * trailing comma when it does not fit, a union moved to the next line or broken per member.
 * This module prints a top-level statement (a class member by member) itself when every part
 * of it is in the subset and its layout is certain, and hands anything else to prettier, all
 * of a file's in one call, then puts the file back together in order; so the result is
 * prettier's byte for byte, and prettier is not even loaded when nothing is handed to it (on
 * every release of the corpus and on docs-input, nothing is). test/format/typescript.test.ts
 * holds this to `prettier.format` on cases at the edges of each rule, on random statements
 * and on the TypeScript of docs-input and of QAPI releases.
 *
 * The text is parsed by our parser of the language the emitter writes (emit/typescript/syntax.ts),
 * not the TypeScript compiler; a file outside that language goes to prettier whole.
 */
import { commentRanges, commentsIn, parseTypeScript } from '../emit/typescript/parse.js';
import type { CommentRange, SourceFile } from '../emit/typescript/parse.js';
import type * as ast from '../emit/typescript/syntax.js';

const WIDTH = 100;
/** Separates the statements handed to prettier; a line comment, kept on its own line. */
const MARK = '// qmp-codegen:statement-boundary';

/** Thrown inside the printer when a statement leaves the subset; the statement goes to prettier. */
class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

// ---- prettier's blank-line rule (isNextLineEmpty, over the original text) ----

function skip(text: string, i: number, chars: string): number {
  while (i < text.length && chars.includes(text[i]!)) i++;
  return i;
}
/** A blank line follows the line on which `end` is (after separators and same-line comments). */
export function isNextLineEmpty(text: string, end: number): boolean {
  let old = -1;
  let i = end;
  while (i !== old) {
    old = i;
    i = skip(text, i, ',; \t');
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const body = close === -1 ? '' : text.slice(i + 2, close);
      if (close !== -1 && !body.includes('\n')) i = close + 2;
    }
    i = skip(text, i, ' \t');
  }
  if (text.startsWith('//', i)) while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
  else if (text[i] === '\n' || text[i] === '\r') i++;
  else return false;
  i = skip(text, i, ' \t');
  return text[i] === '\n' || text[i] === '\r';
}

// ---- comments ----

/**
 * A leading comment as prettier prints it: a block comment whose lines all start with `*`
 * re-indented (prettier's printIndentableBlockComment, which keeps a Markdown hard break, two
 * trailing spaces, on the inner lines of a JSDoc comment), other one-line comments as written.
 */
function printComment(text: string, range: CommentRange, indent: string): string {
  const raw = text.slice(range.pos, range.end);
  return range.kind === 'line' ? raw.trimEnd() : blockComment(raw, indent);
}

/** A block comment as prettier prints it at `indent` (see printComment), or a decline. */
export function blockComment(raw: string, indent: string): string {
  if (raw.includes('\r')) decline();
  if (!raw.slice(2, -2).includes('\n')) return raw;
  // no line ends in white space and each after the first starts with `*` after its indentation
  // (what the emitter writes): only the indentation changes (test/format/typescript.test.ts
  // holds this to reindentedComment)
  if (!UNEVEN.test(raw)) return raw.replace(LINE_START, `\n${indent} `);
  return reindentedComment(raw, indent);
}

/** A line of a comment that ends in white space, or one after the first that is blank or starts with other than `*`. */
const UNEVEN = /[^\S\n]\n|\n[^\S\n]*(?:[^\s*]|\n)/;
const LINE_START = /\n[^\S\n]*/g;

/**
 * A block comment across lines (no `\r`) as prettier prints it at `indent` when its lines all
 * start with `*` (printIndentableBlockComment): each line after the first at `indent` and a
 * space, trimmed, a JSDoc comment's Markdown hard breaks (two trailing spaces) kept; declined
 * otherwise.
 */
export function reindentedComment(raw: string, indent: string): string {
  const value = raw.slice(2, -2);
  const lines = `*${value}*`.split('\n').map((l) => l.trimStart());
  if (!lines.every((l) => l.startsWith('*'))) return decline();
  const jsdoc = value[0] === '*' && value[1] !== '*';
  const last = lines.length - 1;
  const printed = lines.map((line, i) => {
    if (i === 0) return line.trimEnd();
    if (i === last) return ` ${line}`;
    const trimmed = line.trimEnd();
    return ` ${trimmed}${jsdoc && trimmed !== '*' && line.endsWith('  ') ? '  ' : ''}`;
  });
  return `/${printed.join(`\n${indent}`)}/`;
}

/** Whether each comment starts a line and ends one (white space aside). */
function ownLines(text: string, ranges: readonly CommentRange[]): boolean {
  return ranges.every((r) => {
    let before = r.pos;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    const after = skip(text, r.end, ' \t');
    return (before === 0 || text[before - 1] === '\n') && (text[after] === '\n' || text[after] === '\r');
  });
}

/** The comments before `node`, each on its own line, with the blank lines prettier keeps. */
function leadingComments(text: string, node: ast.Node, indent: string): string {
  const ranges = commentRanges(text, node.pos);
  let out = '';
  for (const r of ranges) {
    // printed here only when it sits on lines of its own
    if (!ownLines(text, [r])) decline();
    let i = skip(text, r.end, ' \t');
    out += `${indent}${printComment(text, r, indent)}\n`;
    printedComments++;
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    i = skip(text, i, ' \t');
    if (text[i] === '\n' || text[i] === '\r') out += '\n';
  }
  return out;
}

let printedComments = 0;

let currentSource: SourceFile | undefined;
let currentText = '';
/** The node's text as written. */
const raw = (node: ast.Node): string => currentText.slice(node.start, node.end);

// ---- types, flat (one line) ----

const SAFE_STRING = /^[^'"\\\n\r\u2028\u2029]*$/;
const INTEGER = /^(?:0|[1-9][0-9]*)$/;

function stringLiteral(node: ast.StringLiteral): string {
  return SAFE_STRING.test(node.text) && /^["'][^'"\\]*["']$/.test(raw(node)) ? `'${node.text}'` : decline();
}

function propertyName(name: ast.Identifier | ast.StringLiteral): string {
  if (name.kind === 'Identifier') return name.text;
  // prettier (quoteProps as-needed) unquotes a key that is an identifier: left to it
  if (!/^[\p{L}$_][\p{L}\p{N}$_\u200c\u200d]*$/u.test(name.text)) return stringLiteral(name);
  return decline();
}

/** Keyword types printed as written (`symbol` is prettier's). */
const KEYWORDS = new Set(['string', 'number', 'boolean', 'unknown', 'undefined', 'void', 'never', 'any', 'object', 'bigint']);

/** A type on one line, or a decline when prettier could lay it out otherwise. */
function flatType(node: ast.TypeNode): string {
  switch (node.kind) {
    case 'KeywordType':
      return KEYWORDS.has(node.text) ? node.text : decline();
    case 'LiteralType': {
      const lit = node.literal;
      if (lit.kind === 'NullKeyword' || lit.kind === 'TrueKeyword' || lit.kind === 'FalseKeyword') return raw(lit);
      if (lit.kind === 'StringLiteral') return stringLiteral(lit);
      if (lit.kind === 'NumericLiteral' && INTEGER.test(raw(lit))) return lit.text;
      if (lit.kind === 'PrefixUnaryExpression' && lit.operand.kind === 'NumericLiteral' && INTEGER.test(raw(lit.operand))) return `-${lit.operand.text}`;
      return decline();
    }
    case 'TypeReference': {
      const args = node.typeArguments;
      return args ? `${node.typeName.text}<${args.map(flatType).join(', ')}>` : node.typeName.text;
    }
    case 'ArrayType': {
      const el = node.elementType;
      if (el.kind === 'ParenthesizedType') {
        if (el.type.kind !== 'UnionType') return decline();
        return `(${flatType(el.type)})[]`;
      }
      if (el.kind === 'UnionType' || el.kind === 'IntersectionType' || el.kind === 'TypeOperator') return decline();
      return `${flatType(el)}[]`;
    }
    case 'TypeOperator': {
      if (node.operator === 'keyof' && node.type.kind === 'TypeReference' && !node.type.typeArguments) return `keyof ${flatType(node.type)}`;
      if (node.operator !== 'readonly' || node.type.kind !== 'ArrayType') return decline();
      return `readonly ${flatType(node.type)}`;
    }
    case 'UnionType': {
      const members = node.types;
      // unions of object types or of unions have layouts of their own
      for (const m of members) if (!simpleUnionMember(m)) decline();
      return members.map(flatType).join(' | ');
    }
    default:
      return decline();
  }
}

function simpleUnionMember(m: ast.TypeNode): boolean {
  return m.kind !== 'UnionType' && m.kind !== 'IntersectionType' && m.kind !== 'TypeLiteral' && m.kind !== 'ParenthesizedType';
}

/** A type with nothing prettier could break: printed as is even past the width. */
function unbreakable(node: ast.TypeNode): boolean {
  if (node.kind === 'ArrayType') return unbreakable(node.elementType);
  if (node.kind === 'TypeReference') return !node.typeArguments;
  return node.kind !== 'UnionType' && node.kind !== 'TypeLiteral' && node.kind !== 'TypeOperator';
}

/** `head` + the type + `tail` on one line at `indent`, if prettier would keep it there. */
function oneLine(indent: string, head: string, type: ast.TypeNode, tail: string): string {
  const line = `${indent}${head}${flatType(type)}${tail}`;
  return line.length <= WIDTH || unbreakable(type) ? line : decline();
}

// ---- members and declarations ----

/** Whether a non-empty type literal's first member is on a line after its `{`. */
function writtenAcrossLines(node: ast.TypeLiteral, text: string): boolean {
  return text.slice(node.start + 1, node.members[0]!.start).includes('\n');
}

/** A type literal written across lines (ts-morph's structures): prettier keeps it expanded. */
function expandedLiteral(node: ast.TypeNode, text: string): node is ast.TypeLiteral {
  return node.kind === 'TypeLiteral' && node.members.length > 0 && writtenAcrossLines(node, text);
}

function members(list: readonly ast.TypeElement[], text: string, indent: string): string {
  let out = '';
  list.forEach((m, i) => {
    out += leadingComments(text, m, indent);
    out += member(m, text, indent);
    if (i < list.length - 1 && isNextLineEmpty(text, m.end)) out += '\n';
  });
  return out;
}

/** `readonly name?: ` of a property signature (readonly its only modifier, a type: the parser's). */
function propertyHead(m: ast.PropertySignature): string {
  return `${m.readonly ? 'readonly ' : ''}${propertyName(m.name)}${m.optional ? '?' : ''}: `;
}

/** A property signature of a type literal printed on one line (no comments, no `;`). */
function flatMember(m: ast.TypeElement): string {
  if (m.kind !== 'PropertySignature' || commentRanges(currentText, m.pos).length) return decline();
  return `${propertyHead(m)}${flatType(m.type)}`;
}

function member(m: ast.TypeElement, text: string, indent: string): string {
  if (m.kind === 'PropertySignature') {
    const head = propertyHead(m);
    if (expandedLiteral(m.type, text)) return `${indent}${head}{\n${members(m.type.members, text, `${indent}  `)}${indent}};\n`;
    // `ReadonlyArray<{ ... }>`: the one type argument, written across lines, hugged
    const ref = m.type;
    if (ref.kind === 'TypeReference' && ref.typeArguments?.length === 1) {
      const arg = ref.typeArguments[0]!;
      if (arg.kind === 'TypeLiteral' && arg.members.length > 0) {
        if (!writtenAcrossLines(arg, text)) {
          const flat = `${indent}${head}${ref.typeName.text}<{ ${arg.members.map(flatMember).join('; ')} }>;`;
          if (flat.length <= WIDTH) return `${flat}\n`;
        }
        return `${indent}${head}${ref.typeName.text}<{\n${members(arg.members, text, `${indent}  `)}${indent}}>;\n`;
      }
    }
    const line = `${indent}${head}${flatType(m.type)};`;
    if (line.length <= WIDTH || unbreakable(m.type)) return `${line}\n`;
    // a union that does not fit: on the next line, or one member per line if it does not fit there
    const union = m.type;
    if (union.kind !== 'UnionType') return decline();
    const next = `${indent}  ${flatType(union)};`;
    if (next.length <= WIDTH) return `${indent}${head.trimEnd()}\n${next}\n`;
    const lines = union.types.map((t) => `${indent}  | ${flatType(t)}`);
    if (lines.some((l, i) => l.length + (i === lines.length - 1 ? 1 : 0) > WIDTH && !unbreakable(union.types[i]!))) decline();
    return `${indent}${head.trimEnd()}\n${lines.join('\n')};\n`;
  }
  // an index signature: one identifier parameter with a type, no modifiers (the parser's)
  return `${oneLine(indent, `[${m.parameter.text}: ${flatType(m.parameterType)}]: `, m.type, ';')}\n`;
}

// ---- imports and re-exports ----

/** `import … from` / `export … from`: named specifiers (no aliases: the parser's), `export *`. */
function moduleStatement(node: ast.ImportDeclaration | ast.ExportDeclaration): string {
  const from = ` from ${stringLiteral(node.moduleSpecifier)};`;
  let head: string;
  let elements: readonly ast.Specifier[];
  if (node.kind === 'ImportDeclaration') {
    head = node.isTypeOnly ? 'import type ' : 'import ';
    elements = node.elements;
  } else {
    if (!node.elements) return node.isTypeOnly ? decline() : `export *${from}\n`;
    head = node.isTypeOnly ? 'export type ' : 'export ';
    elements = node.elements;
  }
  if (elements.length === 0) return decline();
  const names = elements.map((e) => `${e.isTypeOnly ? 'type ' : ''}${e.name.text}`);
  const flat = `${head}{ ${names.join(', ')} }${from}`;
  // prettier never breaks a list of one specifier
  if (flat.length <= WIDTH || names.length === 1) return `${flat}\n`;
  return `${head}{\n${names.map((n) => `  ${n},\n`).join('')}}${from}\n`;
}

// ---- classes of methods (the client) ----

/** An expression of the subset: strings, identifiers, `this`, and property access on the last two. */
function expression(node: ast.Expression): string {
  if (node.kind === 'StringLiteral') return stringLiteral(node);
  if (node.kind === 'Identifier') return node.text;
  if (node.kind === 'ThisKeyword') return 'this';
  if (node.kind === 'PropertyAccessExpression') {
    const object = node.expression;
    if (object.kind !== 'Identifier' && object.kind !== 'ThisKeyword') return decline();
    return `${expression(object)}.${node.name.text}`;
  }
  return decline();
}

/** `return f(a, b);` at `indent`: on one line, or the arguments one per line when it does not fit. */
function returnStatement(node: ast.ReturnStatement, indent: string): string {
  const e = node.expression;
  if (!e || e.kind !== 'CallExpression') return decline();
  const callee = expression(e.expression);
  const args = e.arguments.map((a) => expression(a));
  const flat = `${indent}return ${callee}(${args.join(', ')});`;
  if (flat.length <= WIDTH) return `${flat}\n`;
  if (args.length === 0) return decline();
  return `${indent}return ${callee}(\n${args.map((a) => `${indent}  ${a},\n`).join('')}${indent});\n`;
}

/** A type argument prettier never breaks the `<>` of: a keyword or a plain reference. */
function huggedArgument(node: ast.TypeNode): boolean {
  if (node.kind === 'TypeReference') return !node.typeArguments;
  return node.kind === 'KeywordType';
}
/** A return type printed as is even past the width: unbreakable, or `Promise<T>` of a hugged `T`. */
function unbreakableReturn(node: ast.TypeNode): boolean {
  if (unbreakable(node)) return true;
  return node.kind === 'TypeReference' && node.typeArguments?.length === 1 && huggedArgument(node.typeArguments[0]!);
}

function method(m: ast.FunctionLike, indent: string): string {
  // a method without modifiers (`static`), a return type and a body of return statements
  if (m.kind !== 'MethodDeclaration' || m.modified || !m.type || m.body.length === 0) return decline();
  const params = m.parameters.map((p) => ({ text: `${p.name.text}${p.optional ? '?' : ''}: ${flatType(p.type)}`, type: p.type }));
  const returns = flatType(m.type);
  const name = m.name.text;
  const flat = `${indent}${name}(${params.map((p) => p.text).join(', ')}): ${returns} {`;
  let out: string;
  if (flat.length <= WIDTH) out = `${flat}\n`;
  else {
    if (params.length === 0) return decline();
    const inner = `${indent}  `;
    out = `${indent}${name}(\n`;
    for (const p of params) {
      const line = `${inner}${p.text},`;
      if (line.length > WIDTH && !unbreakable(p.type)) decline();
      out += `${line}\n`;
    }
    const close = `${indent}): ${returns} {`;
    if (close.length > WIDTH && !unbreakableReturn(m.type)) decline();
    out += `${close}\n`;
  }
  for (const st of m.body) out += returnStatement(st, `${indent}  `);
  return `${out}${indent}}\n`;
}

/** Class members prettier formats (those this printer declines), wrapped in a class of their own. */
const MEMBER_CLASS = 'class QmpCodegenMember {';
let handMember: (memberText: string) => string = () => decline();

function classDeclaration(node: ast.ClassDeclaration, text: string): string {
  let head = `${node.exported ? 'export ' : ''}class ${node.name.text}`;
  const t = node.heritage;
  if (t) head += ` extends ${t.expression.text}${t.typeArguments ? `<${t.typeArguments.map(flatType).join(', ')}>` : ''}`;
  if (node.members.length === 0 || `${head} {`.length > WIDTH) return decline();
  let out = `${head} {\n`;
  node.members.forEach((m, i) => {
    const before = printedComments;
    try {
      const printed = leadingComments(text, m, '  ') + method(m, '  ');
      // a comment inside the member (not before it) is prettier's to place
      if (commentsIn(currentSource!, m.pos, m.end) !== printedComments - before) decline();
      out += printed;
    } catch (error) {
      if (!(error instanceof Decline)) throw error;
      // prettier places the member's comments in the class of its own as it would here, unless
      // one trails what comes before the member (on the line where that ends)
      if (!/^[ \t]*(\r?\n|$)/.test(text.slice(m.pos, m.pos + 200))) throw error;
      printedComments = before + commentsIn(currentSource!, m.pos, m.end);
      out += handMember(text.slice(m.pos, m.end));
    }
    if (i < node.members.length - 1 && isNextLineEmpty(text, m.end)) out += '\n';
  });
  return `${out}}\n`;
}

// ---- intersections (QAPI unions: a base object & the variants) ----

/**
 * An intersection in prettier's layout (its printIntersectionType), here only where it breaks
 * for certain: its objects are type literals written across lines (kept expanded), so every
 * group around them breaks. Each part is a plain reference, such an object, a parenthesized
 * intersection of those, or a parenthesized union of those (one member per line after `| `,
 * each aligned two past the bar). `indent` is the indentation the intersection starts at.
 */
function intersection(node: ast.UnionOrIntersectionType, indent: string, text: string): string {
  // without an object written across lines somewhere, prettier may keep it on one line
  if (!node.types.some((t) => breaksForCertain(t) || (t.kind === 'ParenthesizedType' && t.type.kind === 'UnionType' && t.type.types.every(breaksForCertain)))) {
    return decline();
  }
  const isObject = (t: ast.TypeNode) => t.kind === 'TypeLiteral';
  let out = '';
  let wasIndented = false;
  node.types.forEach((t, i) => {
    if (i === 0) {
      out += part(t, indent, text);
      return;
    }
    const prev = node.types[i - 1]!;
    if (!isObject(prev) && !isObject(t)) {
      // no object either side: the next part on a line of its own, indented
      out += ` &\n${indent}  ${part(t, `${indent}  `, text)}`;
    } else if (isObject(prev) && isObject(t)) {
      out += ` & ${part(t, wasIndented ? `${indent}  ` : indent, text)}`;
    } else {
      if (i > 1) wasIndented = true;
      out += ` & ${part(t, i > 1 ? `${indent}  ` : indent, text)}`;
    }
  });
  return out;
}

/** One part of an intersection or member of a union there, starting at `indent`. */
function part(t: ast.TypeNode, indent: string, text: string): string {
  if (t.kind === 'TypeLiteral') {
    if (t.members.length === 0 || !writtenAcrossLines(t, text)) return decline();
    return `{\n${members(t.members, text, `${indent}  `)}${indent}}`;
  }
  if (t.kind === 'TypeReference') return t.typeArguments ? decline() : flatType(t);
  if (t.kind === 'ParenthesizedType') {
    const inner = t.type;
    if (inner.kind === 'IntersectionType' && inner.types.some((x) => x.kind === 'TypeLiteral')) return `(${intersection(inner, indent, text)})`;
    if (inner.kind === 'UnionType' && inner.types.every(breaksForCertain)) {
      const lines = inner.types.map((m) => `${indent}  | ${part(m, `${indent}    `, text)}`);
      return `(\n${lines.join('\n')}\n${indent})`;
    }
  }
  return decline();
}

/** A union member whose printing holds a type literal written across lines (so the union breaks). */
function breaksForCertain(t: ast.TypeNode): boolean {
  if (t.kind === 'TypeLiteral') return true;
  return t.kind === 'ParenthesizedType' && t.type.kind === 'IntersectionType' && t.type.types.some((x) => x.kind === 'TypeLiteral');
}

// ---- values: literals, calls and arrows (names.ts, shell.ts) ----

/** A literal written across lines: prettier keeps an object expanded when its first property is on a line after the `{`. */
function expandedObject(node: ast.ObjectLiteralExpression): boolean {
  const first = node.properties[0];
  return first !== undefined && currentText.slice(node.start + 1, first.start).includes('\n');
}

function objectKey(p: ast.PropertyAssignment): { key: string; value: ast.Expression } {
  const name = p.name;
  if (name.kind === 'Identifier') return { key: name.text, value: p.initializer };
  // a quoted key prettier could unquote (an identifier or a number) is left to it
  if (!/^[\p{L}$_][\p{L}\p{N}$_\u200c\u200d]*$/u.test(name.text) && !/^\d/.test(name.text)) return { key: stringLiteral(name), value: p.initializer };
  return decline();
}

/** `node` on one line, or a decline when prettier would not print it so. */
function flatValue(node: ast.Expression): string {
  switch (node.kind) {
    case 'StringLiteral':
      return stringLiteral(node);
    case 'NumericLiteral':
      return INTEGER.test(raw(node)) ? node.text : decline();
    case 'TrueKeyword':
    case 'FalseKeyword':
    case 'NullKeyword':
      return raw(node);
    case 'Identifier':
    case 'ThisKeyword':
      return expression(node);
    case 'PropertyAccessExpression': {
      const object = node.expression;
      if (object.kind !== 'Identifier' && object.kind !== 'PropertyAccessExpression' && object.kind !== 'ThisKeyword') return decline();
      return `${flatValue(object)}.${node.name.text}`;
    }
    case 'CallExpression':
      if (node.expression.kind !== 'Identifier' && node.expression.kind !== 'PropertyAccessExpression') return decline();
      return `${flatValue(node.expression)}(${node.arguments.map(flatValue).join(', ')})`;
    case 'ArrowFunction':
      // identifier parameters without types and an expression body (the parser's)
      return `(${node.parameters.map((p) => p.text).join(', ')}) => ${flatValue(node.body)}`;
    case 'ArrayLiteralExpression':
      if (forcedBreak(node)) return decline();
      return `[${node.elements.map(flatValue).join(', ')}]`;
    case 'ObjectLiteralExpression':
      if (node.properties.length === 0) return '{}';
      if (expandedObject(node)) return decline();
      return `{ ${node.properties.map((p) => { const { key, value } = objectKey(p); return `${key}: ${flatValue(value)}`; }).join(', ')} }`;
    default:
      return decline();
  }
}

/** Prettier breaks an array of two or more objects (or arrays) that each have two or more entries. */
function forcedBreak(node: ast.ArrayLiteralExpression): boolean {
  const els = node.elements;
  if (els.length < 2) return false;
  const size = (e: ast.Expression) => (e.kind === 'ObjectLiteralExpression' ? e.properties.length : e.kind === 'ArrayLiteralExpression' ? e.elements.length : 0);
  const kind = els[0]!.kind;
  return els.every((e) => e.kind === kind && (e.kind === 'ObjectLiteralExpression' || e.kind === 'ArrayLiteralExpression') && size(e) > 1);
}

/**
 * `node` as prettier prints it at `indent`, starting `used` characters into its line with
 * `after` characters to follow it there: on one line if that fits, else (arrays and objects)
 * one entry per line.
 */
function value(node: ast.Expression, indent: string, used: number, after: number): string {
  if (node.kind !== 'ArrayLiteralExpression' && node.kind !== 'ObjectLiteralExpression') {
    const flat = flatValue(node);
    return used + flat.length + after <= WIDTH ? flat : decline();
  }
  try {
    const flat = flatValue(node);
    if (used + flat.length + after <= WIDTH) return flat;
  } catch (error) {
    if (!(error instanceof Decline)) throw error;
  }
  const inner = `${indent}  `;
  if (node.kind === 'ArrayLiteralExpression') {
    const els = node.elements;
    // an array of numbers is filled, not broken one per line: prettier's
    if (els.length === 0 || els.some((e) => e.kind === 'NumericLiteral' || e.kind === 'PrefixUnaryExpression')) return decline();
    return `[\n${els.map((e) => `${inner}${value(e, inner, inner.length, 1)},\n`).join('')}${indent}]`;
  }
  const props = node.properties;
  if (props.length === 0) return decline();
  return `{\n${props
    .map((p) => {
      const { key, value: v } = objectKey(p);
      const head = `${inner}${key}: `;
      return `${head}${value(v, inner, head.length, 1)},\n`;
    })
    .join('')}${indent}}`;
}

/**
 * `head` (`export const X: T = `, `a.b = await `) and `node`, then `;`: on one line, or a call
 * of one array or object literal hugged (`Object.freeze([` … `]);`).
 */
function assigned(head: string, node: ast.Expression): string {
  try {
    const flat = `${head}${flatValue(node)};`;
    if (flat.length <= WIDTH) return `${flat}\n`;
  } catch (error) {
    if (!(error instanceof Decline)) throw error;
  }
  if (node.kind !== 'CallExpression' || node.arguments.length !== 1) return decline();
  const arg = node.arguments[0]!;
  const literal = arg.kind === 'ArrayLiteralExpression' ? arg.elements.length : arg.kind === 'ObjectLiteralExpression' ? arg.properties.length : 0;
  if (literal === 0) return decline();
  const open = `${head}${flatValue(node.expression)}(`;
  if (open.length + 1 > WIDTH) return decline();
  const body = value(arg, '', open.length, 2);
  return body.includes('\n') ? `${open}${body});\n` : decline();
}

function variableStatement(node: ast.VariableStatement): string {
  // one `const` declaration of an identifier with an initializer (the parser's)
  if (!node.type) return decline();
  const head = `${node.exported ? 'export ' : ''}const ${node.name.text}: ${flatType(node.type)} = `;
  return assigned(head, node.initializer);
}

function expressionStatement(node: ast.ExpressionStatement): string {
  // an assignment (the parser's)
  const e = node.expression;
  if (e.left.kind !== 'PropertyAccessExpression') return decline();
  const right = e.right.kind === 'AwaitExpression' ? e.right.expression : e.right;
  if (right.kind !== 'CallExpression') return decline();
  return assigned(`${flatValue(e.left)} = ${right === e.right ? '' : 'await '}`, right);
}

// ---- statements ----

/** A top-level statement in prettier's layout, or a decline. */
function statement(node: ast.Statement, text: string): string {
  switch (node.kind) {
    case 'ImportDeclaration':
    case 'ExportDeclaration':
      return moduleStatement(node);
    case 'ClassDeclaration':
      return classDeclaration(node, text);
    case 'VariableStatement':
      return variableStatement(node);
    case 'ExpressionStatement':
      return expressionStatement(node);
    case 'InterfaceDeclaration': {
      let head = `${node.exported ? 'export ' : ''}interface ${node.name.text}`;
      if (node.heritage) head += ` extends ${node.heritage.map((t) => (t.typeArguments ? decline() : t.expression.text)).join(', ')}`;
      if (node.members.length === 0) return `${head} {}\n`;
      if (`${head} {`.length > WIDTH) decline();
      return `${head} {\n${members(node.members, text, '  ')}}\n`;
    }
    case 'TypeAliasDeclaration': {
      const head = `${node.exported ? 'export ' : ''}type ${node.name.text} = `;
      const type = node.type;
      if (type.kind === 'IntersectionType') {
        const printed = `${head}${intersection(type, '', text)};`;
        return printed.slice(0, printed.indexOf('\n')).length <= WIDTH ? `${printed}\n` : decline();
      }
      if (type.kind === 'UnionType' && type.types.every(breaksForCertain)) {
        // a union of objects written across lines (older QAPI unions): one member per line
        const lines = type.types.map((m) => `  | ${part(m, '    ', text)}`);
        return `${head.trimEnd()}\n${lines.join('\n')};\n`;
      }
      const flat = `${head}${flatType(type)};`;
      if (flat.length <= WIDTH || unbreakable(type)) return `${flat}\n`;
      if (type.kind !== 'UnionType') return decline();
      // a union that does not fit: on the next line, or one member per line if it does not fit there
      const next = `  ${flatType(type)};`;
      if (next.length <= WIDTH) return `${head.trimEnd()}\n${next}\n`;
      const lines = type.types.map((t) => `  | ${flatType(t)}`);
      if (lines.some((l) => l.length > WIDTH)) decline();
      return `${head.trimEnd()}\n${lines.join('\n')};\n`;
    }
    default:
      // functions: prettier's
      return decline();
  }
}

/** Prettier's formatting of a TypeScript file (the `babel-ts` options of format/prettier.ts). */
export type FormatWithPrettier = (text: string) => Promise<string>;

/** Stands for the `n`th text handed to prettier until its formatting is back (never in input: checked). */
const placeholder = (n: number) => `\u0000${n}\u0000`;

/**
 * `text` formatted as prettier formats it: the statements in the subset printed here, the
 * rest by `prettier` (one call for all of them, none when there are none). A class is printed
 * here member by member; a member outside the subset goes to prettier in a class of its own.
 * A file our parser does not read goes to prettier whole.
 */
export async function formatTypeScriptLikePrettier(fileName: string, text: string, prettier: FormatWithPrettier): Promise<string> {
  if (text.includes(MARK) || text.includes('\u0000')) return prettier(text);
  // a `#!` line stays as it is, first; prettier keeps no blank line after it unless one was there
  const shebang = text.startsWith('#!') ? /^#![^\r\n]*\n/.exec(text)?.[0] : '';
  if (shebang === undefined || (shebang && /^[ \t]*\r?\n/.test(text.slice(shebang.length)))) return prettier(text);
  const source = parseTypeScript(fileName, text);
  if (!source) return prettier(text);
  currentSource = source;
  currentText = text;
  const parts: string[] = [shebang];
  const handed: { text: string; member: boolean }[] = [];
  handMember = (memberText) => {
    handed.push({ text: `${MEMBER_CLASS}\n${memberText.replace(/^\s+/, '')}\n}`, member: true });
    return placeholder(handed.length - 1);
  };
  try {
    source.statements.forEach((node, i) => {
      let printed: string;
      const mark = handed.length;
      try {
        printedComments = 0;
        printed = leadingComments(text, node, '') + statement(node, text);
        // a comment inside the statement (not before a member) is prettier's to place
        if (commentsIn(source, node.pos, node.end) !== printedComments) decline();
      } catch (error) {
        if (!(error instanceof Decline)) throw error;
        handed.length = mark; // members handed on the way: the whole statement goes instead
        handed.push({ text: text.slice(Math.max(node.pos, shebang.length), node.end).replace(/^\s+/, ''), member: false });
        printed = placeholder(handed.length - 1);
      }
      parts.push(printed);
      if (i < source.statements.length - 1 && isNextLineEmpty(text, node.end)) parts.push('\n');
    });
    // comments after the last statement: prettier's business
    if (text.slice(source.statements.at(-1)?.end ?? 0).trim() !== '') return prettier(text);
  } finally {
    currentSource = undefined;
    currentText = '';
    handMember = () => decline();
  }
  if (handed.length === 0) return parts.join('');
  const formatted = (await prettier(handed.map((h) => h.text).join(`\n${MARK}\n`))).split(`${MARK}\n`);
  if (formatted.length !== handed.length) return prettier(text);
  const pieces: string[] = [];
  for (const [i, h] of handed.entries()) {
    const f = formatted[i]!;
    if (!h.member) pieces.push(f);
    else if (f.startsWith(`${MEMBER_CLASS}\n`) && f.endsWith('\n}\n')) pieces.push(f.slice(MEMBER_CLASS.length + 1, -2));
    else return prettier(text);
  }
  return parts.join('').replace(/\u0000(\d+)\u0000/g, (_m, n: string) => pieces[Number(n)]!);
}
