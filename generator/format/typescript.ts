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
 * The text is parsed with the TypeScript parser that ts-morph bundles (loaded already by the
 * emitter that wrote the text).
 */
import type { ts } from 'ts-morph';
import { commentsIn, parseTypeScript } from '../emit/typescript/parse.js';
import { typescript } from '../emit/typescript/ts-morph.js';

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
function printComment(text: string, range: ts.CommentRange, indent: string): string {
  const raw = text.slice(range.pos, range.end);
  if (range.kind === typescript.SyntaxKind.SingleLineCommentTrivia) return raw.trimEnd();
  if (raw.includes('\r')) decline();
  const value = raw.slice(2, -2);
  const lines = `*${value}*`.split('\n').map((l) => l.trimStart());
  if (!value.includes('\n')) return raw;
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
function ownLines(text: string, ranges: readonly ts.CommentRange[]): boolean {
  return ranges.every((r) => {
    let before = r.pos;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    const after = skip(text, r.end, ' \t');
    return (before === 0 || text[before - 1] === '\n') && (text[after] === '\n' || text[after] === '\r');
  });
}

/** The comments before `node`, each on its own line, with the blank lines prettier keeps. */
function leadingComments(text: string, node: ts.Node, indent: string): string {
  const ranges = typescript.getLeadingCommentRanges(text, node.pos) ?? [];
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

let currentSource: ts.SourceFile | undefined;
let currentText = '';
const sourceOf = (_node: ts.Node): ts.SourceFile => currentSource!;

// ---- types, flat (one line) ----

const SAFE_STRING = /^[^'"\\\n\r\u2028\u2029]*$/;
const INTEGER = /^(?:0|[1-9][0-9]*)$/;

function stringLiteral(node: ts.StringLiteral): string {
  return SAFE_STRING.test(node.text) && /^["'][^'"\\]*["']$/.test(node.getText(sourceOf(node))) ? `'${node.text}'` : decline();
}

function propertyName(name: ts.PropertyName): string {
  if (typescript.isIdentifier(name)) return name.text;
  // prettier (quoteProps as-needed) unquotes a key that is an identifier: left to it
  if (typescript.isStringLiteral(name) && !/^[\p{L}$_][\p{L}\p{N}$_\u200c\u200d]*$/u.test(name.text)) return stringLiteral(name);
  return decline();
}

/** A type on one line, or a decline when prettier could lay it out otherwise. */
function flatType(node: ts.TypeNode): string {
  const k = typescript.SyntaxKind;
  switch (node.kind) {
    case k.StringKeyword:
    case k.NumberKeyword:
    case k.BooleanKeyword:
    case k.UnknownKeyword:
    case k.UndefinedKeyword:
    case k.VoidKeyword:
    case k.NeverKeyword:
    case k.AnyKeyword:
    case k.NullKeyword:
    case k.ObjectKeyword:
    case k.BigIntKeyword:
      return node.getText(sourceOf(node));
    case k.LiteralType: {
      const lit = (node as ts.LiteralTypeNode).literal;
      if (lit.kind === k.NullKeyword || lit.kind === k.TrueKeyword || lit.kind === k.FalseKeyword) return lit.getText(sourceOf(node));
      if (typescript.isStringLiteral(lit)) return stringLiteral(lit);
      if (typescript.isNumericLiteral(lit) && INTEGER.test(lit.getText(sourceOf(node)))) return lit.text;
      if (
        typescript.isPrefixUnaryExpression(lit) &&
        lit.operator === k.MinusToken &&
        typescript.isNumericLiteral(lit.operand) &&
        INTEGER.test(lit.operand.getText(sourceOf(node)))
      )
        return `-${lit.operand.text}`;
      return decline();
    }
    case k.TypeReference: {
      const ref = node as ts.TypeReferenceNode;
      if (!typescript.isIdentifier(ref.typeName)) return decline();
      const args = ref.typeArguments;
      return args ? `${ref.typeName.text}<${args.map(flatType).join(', ')}>` : ref.typeName.text;
    }
    case k.ArrayType: {
      const el = (node as ts.ArrayTypeNode).elementType;
      if (typescript.isParenthesizedTypeNode(el)) {
        if (!typescript.isUnionTypeNode(el.type)) return decline();
        return `(${flatType(el.type)})[]`;
      }
      if (typescript.isUnionTypeNode(el) || typescript.isIntersectionTypeNode(el) || typescript.isTypeOperatorNode(el)) return decline();
      return `${flatType(el)}[]`;
    }
    case k.TypeOperator: {
      const op = node as ts.TypeOperatorNode;
      if (op.operator === k.KeyOfKeyword && typescript.isTypeReferenceNode(op.type) && !op.type.typeArguments) return `keyof ${flatType(op.type)}`;
      if (op.operator !== k.ReadonlyKeyword || !typescript.isArrayTypeNode(op.type)) return decline();
      return `readonly ${flatType(op.type)}`;
    }
    case k.UnionType: {
      const members = (node as ts.UnionTypeNode).types;
      // unions of object types or of unions have layouts of their own
      for (const m of members) if (!simpleUnionMember(m)) decline();
      return members.map(flatType).join(' | ');
    }
    default:
      return decline();
  }
}

function simpleUnionMember(m: ts.TypeNode): boolean {
  const k = typescript.SyntaxKind;
  return m.kind !== k.UnionType && m.kind !== k.IntersectionType && m.kind !== k.TypeLiteral && m.kind !== k.ParenthesizedType && m.kind !== k.FunctionType;
}

/** A type with nothing prettier could break: printed as is even past the width. */
function unbreakable(node: ts.TypeNode): boolean {
  if (typescript.isArrayTypeNode(node)) return unbreakable(node.elementType);
  if (typescript.isTypeReferenceNode(node)) return !node.typeArguments;
  return node.kind !== typescript.SyntaxKind.UnionType && node.kind !== typescript.SyntaxKind.TypeLiteral && node.kind !== typescript.SyntaxKind.TypeOperator;
}

/** `head` + the type + `tail` on one line at `indent`, if prettier would keep it there. */
function oneLine(indent: string, head: string, type: ts.TypeNode, tail: string): string {
  const line = `${indent}${head}${flatType(type)}${tail}`;
  return line.length <= WIDTH || unbreakable(type) ? line : decline();
}

// ---- members and declarations ----

/** Whether a non-empty type literal's first member is on a line after its `{`. */
function writtenAcrossLines(node: ts.TypeLiteralNode, text: string): boolean {
  return text.slice(node.getStart(sourceOf(node)) + 1, node.members[0]!.getStart(sourceOf(node))).includes('\n');
}

/** A type literal written across lines (ts-morph's structures): prettier keeps it expanded. */
function expandedLiteral(node: ts.TypeNode, text: string): node is ts.TypeLiteralNode {
  return typescript.isTypeLiteralNode(node) && node.members.length > 0 && writtenAcrossLines(node, text);
}

function members(list: readonly ts.TypeElement[], text: string, indent: string): string {
  let out = '';
  list.forEach((m, i) => {
    out += leadingComments(text, m, indent);
    out += member(m, text, indent);
    if (i < list.length - 1 && isNextLineEmpty(text, m.end)) out += '\n';
  });
  return out;
}

/** `readonly name?: ` of a property signature with a type (readonly its only modifier). */
function propertyHead(m: ts.PropertySignature): string {
  const mods = m.modifiers ?? [];
  if (!m.type || mods.some((x) => x.kind !== typescript.SyntaxKind.ReadonlyKeyword)) decline();
  return `${mods.length ? 'readonly ' : ''}${propertyName(m.name)}${m.questionToken ? '?' : ''}: `;
}

/** A property signature of a type literal printed on one line (no comments, no `;`). */
function flatMember(m: ts.TypeElement): string {
  if (!typescript.isPropertySignature(m) || typescript.getLeadingCommentRanges(currentText, m.pos)?.length) return decline();
  return `${propertyHead(m)}${flatType(m.type!)}`;
}

function member(m: ts.TypeElement, text: string, indent: string): string {
  if (typescript.isPropertySignature(m)) {
    const head = propertyHead(m);
    if (!m.type) return decline();
    if (expandedLiteral(m.type, text)) return `${indent}${head}{\n${members(m.type.members, text, `${indent}  `)}${indent}};\n`;
    // `ReadonlyArray<{ ... }>`: the one type argument, written across lines, hugged
    const ref = m.type;
    if (typescript.isTypeReferenceNode(ref) && typescript.isIdentifier(ref.typeName) && ref.typeArguments?.length === 1) {
      const arg = ref.typeArguments[0]!;
      if (typescript.isTypeLiteralNode(arg) && arg.members.length > 0) {
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
    if (!typescript.isUnionTypeNode(union)) return decline();
    const next = `${indent}  ${flatType(union)};`;
    if (next.length <= WIDTH) return `${indent}${head.trimEnd()}\n${next}\n`;
    const lines = union.types.map((t) => `${indent}  | ${flatType(t)}`);
    if (lines.some((l, i) => l.length + (i === lines.length - 1 ? 1 : 0) > WIDTH && !unbreakable(union.types[i]!))) decline();
    return `${indent}${head.trimEnd()}\n${lines.join('\n')};\n`;
  }
  if (typescript.isIndexSignatureDeclaration(m)) {
    const [p] = m.parameters;
    if (m.parameters.length !== 1 || !p!.type || !typescript.isIdentifier(p!.name) || m.modifiers?.length) return decline();
    return `${oneLine(indent, `[${p!.name.text}: ${flatType(p!.type)}]: `, m.type, ';')}\n`;
  }
  return decline();
}

function exported(node: ts.Statement): boolean {
  const mods = typescript.canHaveModifiers(node) ? (typescript.getModifiers(node) ?? []) : [];
  if (mods.some((x) => x.kind !== typescript.SyntaxKind.ExportKeyword)) decline();
  return mods.length > 0;
}

// ---- imports and re-exports ----

/** `import … from` / `export … from`: named specifiers (no aliases), `export *`. */
function moduleStatement(node: ts.ImportDeclaration | ts.ExportDeclaration): string {
  if (node.attributes || !typescript.isStringLiteral(node.moduleSpecifier!)) return decline();
  const from = ` from ${stringLiteral(node.moduleSpecifier)};`;
  let head: string;
  let elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[];
  if (typescript.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause || clause.name || !clause.namedBindings || !typescript.isNamedImports(clause.namedBindings)) return decline();
    if (clause.phaseModifier !== undefined && clause.phaseModifier !== typescript.SyntaxKind.TypeKeyword) return decline();
    head = clause.isTypeOnly ? 'import type ' : 'import ';
    elements = clause.namedBindings.elements;
  } else {
    if (node.modifiers?.length) return decline();
    if (!node.exportClause) return node.isTypeOnly ? decline() : `export *${from}\n`;
    if (!typescript.isNamedExports(node.exportClause)) return decline();
    head = node.isTypeOnly ? 'export type ' : 'export ';
    elements = node.exportClause.elements;
  }
  if (elements.length === 0) return decline();
  const names = elements.map((e) => (e.propertyName || !typescript.isIdentifier(e.name) ? decline() : `${e.isTypeOnly ? 'type ' : ''}${e.name.text}`));
  const flat = `${head}{ ${names.join(', ')} }${from}`;
  // prettier never breaks a list of one specifier
  if (flat.length <= WIDTH || names.length === 1) return `${flat}\n`;
  return `${head}{\n${names.map((n) => `  ${n},\n`).join('')}}${from}\n`;
}

// ---- classes of methods (the client) ----

/** An expression of the subset: strings, identifiers, `this`, and property access on the last two. */
function expression(node: ts.Expression): string {
  const k = typescript.SyntaxKind;
  if (typescript.isStringLiteral(node)) return stringLiteral(node);
  if (typescript.isIdentifier(node)) return node.text;
  if (node.kind === k.ThisKeyword) return 'this';
  if (typescript.isPropertyAccessExpression(node) && !node.questionDotToken && typescript.isIdentifier(node.name)) {
    const object = node.expression;
    if (!typescript.isIdentifier(object) && object.kind !== k.ThisKeyword) return decline();
    return `${expression(object)}.${node.name.text}`;
  }
  return decline();
}

/** `return f(a, b);` at `indent`: on one line, or the arguments one per line when it does not fit. */
function returnStatement(node: ts.Statement, indent: string): string {
  if (!typescript.isReturnStatement(node) || !node.expression) return decline();
  const e = node.expression;
  if (!typescript.isCallExpression(e) || e.typeArguments || e.questionDotToken) return decline();
  const callee = expression(e.expression);
  const args = e.arguments.map((a) => expression(a));
  const flat = `${indent}return ${callee}(${args.join(', ')});`;
  if (flat.length <= WIDTH) return `${flat}\n`;
  if (args.length === 0) return decline();
  return `${indent}return ${callee}(\n${args.map((a) => `${indent}  ${a},\n`).join('')}${indent});\n`;
}

/** A type argument prettier never breaks the `<>` of: a keyword or a plain reference. */
function huggedArgument(node: ts.TypeNode): boolean {
  if (typescript.isTypeReferenceNode(node)) return !node.typeArguments;
  return typescript.isToken(node) && node.kind >= typescript.SyntaxKind.FirstKeyword && node.kind <= typescript.SyntaxKind.LastKeyword;
}
/** A return type printed as is even past the width: unbreakable, or `Promise<T>` of a hugged `T`. */
function unbreakableReturn(node: ts.TypeNode): boolean {
  if (unbreakable(node)) return true;
  return typescript.isTypeReferenceNode(node) && node.typeArguments?.length === 1 && huggedArgument(node.typeArguments[0]!);
}

function method(m: ts.ClassElement, indent: string): string {
  if (!typescript.isMethodDeclaration(m) || !typescript.isIdentifier(m.name) || m.modifiers?.length || m.questionToken) return decline();
  if (m.asteriskToken || m.typeParameters || !m.type || !m.body || m.body.statements.length === 0) return decline();
  const params = m.parameters.map((p) => {
    if (!typescript.isIdentifier(p.name) || p.dotDotDotToken || p.initializer || p.modifiers?.length || !p.type) return decline();
    return { text: `${p.name.text}${p.questionToken ? '?' : ''}: ${flatType(p.type)}`, type: p.type };
  });
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
  for (const st of m.body.statements) out += returnStatement(st, `${indent}  `);
  return `${out}${indent}}\n`;
}

/** Class members prettier formats (those this printer declines), wrapped in a class of their own. */
const MEMBER_CLASS = 'class QmpCodegenMember {';
let handMember: (memberText: string) => string = () => decline();

function classDeclaration(node: ts.ClassDeclaration, text: string): string {
  if (!node.name || node.typeParameters) return decline();
  let head = `${exported(node) ? 'export ' : ''}class ${node.name.text}`;
  for (const h of node.heritageClauses ?? []) {
    if (h.token !== typescript.SyntaxKind.ExtendsKeyword || h.types.length !== 1) decline();
    const t = h.types[0]!;
    if (!typescript.isIdentifier(t.expression)) decline();
    head += ` extends ${(t.expression as ts.Identifier).text}${t.typeArguments ? `<${t.typeArguments.map(flatType).join(', ')}>` : ''}`;
  }
  if (node.members.length === 0 || `${head} {`.length > WIDTH) return decline();
  let out = `${head} {\n`;
  node.members.forEach((m, i) => {
    const before = printedComments;
    try {
      const printed = leadingComments(text, m, '  ') + method(m, '  ');
      // a comment inside the member (not before it) is prettier's to place
      if (commentsIn(text, m.pos, m.end) !== printedComments - before) decline();
      out += printed;
    } catch (error) {
      if (!(error instanceof Decline)) throw error;
      // prettier places the member's comments in the class of its own as it would here, unless
      // one trails what comes before the member (on the line where that ends)
      if (!/^[ \t]*(\r?\n|$)/.test(text.slice(m.pos, m.pos + 200))) throw error;
      printedComments = before + commentsIn(text, m.pos, m.end);
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
function intersection(node: ts.IntersectionTypeNode, indent: string, text: string): string {
  // without an object written across lines somewhere, prettier may keep it on one line
  if (!node.types.some((t) => breaksForCertain(t) || (typescript.isParenthesizedTypeNode(t) && typescript.isUnionTypeNode(t.type) && t.type.types.every(breaksForCertain)))) {
    return decline();
  }
  const isObject = (t: ts.TypeNode) => typescript.isTypeLiteralNode(t);
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
function part(t: ts.TypeNode, indent: string, text: string): string {
  if (typescript.isTypeLiteralNode(t)) {
    if (t.members.length === 0 || !writtenAcrossLines(t, text)) return decline();
    return `{\n${members(t.members, text, `${indent}  `)}${indent}}`;
  }
  if (typescript.isTypeReferenceNode(t)) return t.typeArguments ? decline() : flatType(t);
  if (typescript.isParenthesizedTypeNode(t)) {
    const inner = t.type;
    if (typescript.isIntersectionTypeNode(inner) && inner.types.some((x) => typescript.isTypeLiteralNode(x))) return `(${intersection(inner, indent, text)})`;
    if (typescript.isUnionTypeNode(inner) && inner.types.every(breaksForCertain)) {
      const lines = inner.types.map((m) => `${indent}  | ${part(m, `${indent}    `, text)}`);
      return `(\n${lines.join('\n')}\n${indent})`;
    }
  }
  return decline();
}

/** A union member whose printing holds a type literal written across lines (so the union breaks). */
function breaksForCertain(t: ts.TypeNode): boolean {
  if (typescript.isTypeLiteralNode(t)) return true;
  return typescript.isParenthesizedTypeNode(t) && typescript.isIntersectionTypeNode(t.type) && t.type.types.some((x) => typescript.isTypeLiteralNode(x));
}

// ---- values: literals, calls and arrows (names.ts, shell.ts) ----

/** A literal written across lines: prettier keeps an object expanded when its first property is on a line after the `{`. */
function expandedObject(node: ts.ObjectLiteralExpression): boolean {
  const first = node.properties[0];
  return first !== undefined && currentText.slice(node.getStart(sourceOf(node)) + 1, first.getStart(sourceOf(node))).includes('\n');
}

function objectKey(p: ts.ObjectLiteralElementLike): { key: string; value: ts.Expression } {
  if (!typescript.isPropertyAssignment(p)) return decline();
  const name = p.name;
  if (typescript.isIdentifier(name)) return { key: name.text, value: p.initializer };
  // a quoted key prettier could unquote (an identifier or a number) is left to it
  if (typescript.isStringLiteral(name) && !/^[\p{L}$_][\p{L}\p{N}$_\u200c\u200d]*$/u.test(name.text) && !/^\d/.test(name.text))
    return { key: stringLiteral(name), value: p.initializer };
  return decline();
}

/** `node` on one line, or a decline when prettier would not print it so. */
function flatValue(node: ts.Expression): string {
  const k = typescript.SyntaxKind;
  if (typescript.isStringLiteral(node)) return stringLiteral(node);
  if (typescript.isNumericLiteral(node)) return INTEGER.test(node.getText(sourceOf(node))) ? node.text : decline();
  if (node.kind === k.TrueKeyword || node.kind === k.FalseKeyword || node.kind === k.NullKeyword) return node.getText(sourceOf(node));
  if (typescript.isIdentifier(node) || node.kind === k.ThisKeyword) return expression(node);
  if (typescript.isPropertyAccessExpression(node) && !node.questionDotToken && typescript.isIdentifier(node.name)) {
    const object = node.expression;
    if (!typescript.isIdentifier(object) && !typescript.isPropertyAccessExpression(object) && object.kind !== k.ThisKeyword) return decline();
    return `${flatValue(object)}.${node.name.text}`;
  }
  if (typescript.isCallExpression(node)) {
    if (node.typeArguments || node.questionDotToken) return decline();
    if (!typescript.isIdentifier(node.expression) && !typescript.isPropertyAccessExpression(node.expression)) return decline();
    return `${flatValue(node.expression)}(${node.arguments.map(flatValue).join(', ')})`;
  }
  if (typescript.isArrowFunction(node)) {
    if (node.modifiers?.length || node.typeParameters || node.type || typescript.isBlock(node.body)) return decline();
    const params = node.parameters.map((p) =>
      typescript.isIdentifier(p.name) && !p.type && !p.initializer && !p.dotDotDotToken && !p.questionToken && !p.modifiers?.length ? p.name.text : decline(),
    );
    return `(${params.join(', ')}) => ${flatValue(node.body)}`;
  }
  if (typescript.isArrayLiteralExpression(node)) {
    if (forcedBreak(node)) return decline();
    return `[${node.elements.map((e) => (typescript.isSpreadElement(e) || typescript.isOmittedExpression(e) ? decline() : flatValue(e))).join(', ')}]`;
  }
  if (typescript.isObjectLiteralExpression(node)) {
    if (node.properties.length === 0) return '{}';
    if (expandedObject(node)) return decline();
    return `{ ${node.properties.map((p) => { const { key, value } = objectKey(p); return `${key}: ${flatValue(value)}`; }).join(', ')} }`;
  }
  return decline();
}

/** Prettier breaks an array of two or more objects (or arrays) that each have two or more entries. */
function forcedBreak(node: ts.ArrayLiteralExpression): boolean {
  const els = node.elements;
  if (els.length < 2) return false;
  const size = (e: ts.Expression) =>
    typescript.isObjectLiteralExpression(e) ? e.properties.length : typescript.isArrayLiteralExpression(e) ? e.elements.length : 0;
  const kind = els[0]!.kind;
  return els.every((e) => e.kind === kind && (typescript.isObjectLiteralExpression(e) || typescript.isArrayLiteralExpression(e)) && size(e) > 1);
}

/**
 * `node` as prettier prints it at `indent`, starting `used` characters into its line with
 * `after` characters to follow it there: on one line if that fits, else (arrays and objects)
 * one entry per line.
 */
function value(node: ts.Expression, indent: string, used: number, after: number): string {
  const array = typescript.isArrayLiteralExpression(node);
  if (!array && !typescript.isObjectLiteralExpression(node)) {
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
  if (array) {
    const els = node.elements;
    // an array of numbers is filled, not broken one per line: prettier's
    if (els.length === 0 || els.some((e) => typescript.isNumericLiteral(e) || typescript.isPrefixUnaryExpression(e))) return decline();
    return `[\n${els.map((e) => `${inner}${value(e, inner, inner.length, 1)},\n`).join('')}${indent}]`;
  }
  const props = (node as ts.ObjectLiteralExpression).properties;
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
function assigned(head: string, node: ts.Expression): string {
  try {
    const flat = `${head}${flatValue(node)};`;
    if (flat.length <= WIDTH) return `${flat}\n`;
  } catch (error) {
    if (!(error instanceof Decline)) throw error;
  }
  if (!typescript.isCallExpression(node) || node.arguments.length !== 1 || node.typeArguments || node.questionDotToken) return decline();
  const arg = node.arguments[0]!;
  const literal = typescript.isArrayLiteralExpression(arg) ? arg.elements.length : typescript.isObjectLiteralExpression(arg) ? arg.properties.length : 0;
  if (literal === 0) return decline();
  const open = `${head}${flatValue(node.expression)}(`;
  if (open.length + 1 > WIDTH) return decline();
  const body = value(arg, '', open.length, 2);
  return body.includes('\n') ? `${open}${body});\n` : decline();
}

function variableStatement(node: ts.VariableStatement): string {
  const list = node.declarationList;
  const [d] = list.declarations;
  if ((list.flags & typescript.NodeFlags.BlockScoped) !== typescript.NodeFlags.Const || list.declarations.length !== 1) return decline();
  if (!typescript.isIdentifier(d!.name) || !d!.type || !d!.initializer || d!.exclamationToken) return decline();
  const head = `${exported(node) ? 'export ' : ''}const ${d!.name.text}: ${flatType(d!.type)} = `;
  return assigned(head, d!.initializer);
}

function expressionStatement(node: ts.ExpressionStatement): string {
  const e = node.expression;
  if (!typescript.isBinaryExpression(e) || e.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return decline();
  if (!typescript.isPropertyAccessExpression(e.left)) return decline();
  const right = typescript.isAwaitExpression(e.right) ? e.right.expression : e.right;
  if (!typescript.isCallExpression(right)) return decline();
  return assigned(`${flatValue(e.left)} = ${right === e.right ? '' : 'await '}`, right);
}

// ---- statements ----

/** A top-level statement in prettier's layout, or a decline. */
function statement(node: ts.Statement, text: string): string {
  if (typescript.isImportDeclaration(node) || typescript.isExportDeclaration(node)) return moduleStatement(node);
  if (typescript.isClassDeclaration(node)) return classDeclaration(node, text);
  if (typescript.isVariableStatement(node)) return variableStatement(node);
  if (typescript.isExpressionStatement(node)) return expressionStatement(node);
  if (typescript.isInterfaceDeclaration(node)) {
    if (node.typeParameters) decline();
    let head = `${exported(node) ? 'export ' : ''}interface ${node.name.text}`;
    for (const h of node.heritageClauses ?? []) {
      if (h.token !== typescript.SyntaxKind.ExtendsKeyword) decline();
      head += ` extends ${h.types
        .map((t) => (typescript.isIdentifier(t.expression) && !t.typeArguments ? t.expression.text : decline()))
        .join(', ')}`;
    }
    if (node.members.length === 0) return `${head} {}\n`;
    if (`${head} {`.length > WIDTH) decline();
    return `${head} {\n${members(node.members, text, '  ')}}\n`;
  }
  if (typescript.isTypeAliasDeclaration(node)) {
    if (node.typeParameters) decline();
    const head = `${exported(node) ? 'export ' : ''}type ${node.name.text} = `;
    if (typescript.isIntersectionTypeNode(node.type)) {
      const printed = `${head}${intersection(node.type, '', text)};`;
      return printed.slice(0, printed.indexOf('\n')).length <= WIDTH ? `${printed}\n` : decline();
    }
    if (typescript.isUnionTypeNode(node.type) && node.type.types.every(breaksForCertain)) {
      // a union of objects written across lines (older QAPI unions): one member per line
      const lines = node.type.types.map((m) => `  | ${part(m, '    ', text)}`);
      return `${head.trimEnd()}\n${lines.join('\n')};\n`;
    }
    const flat = `${head}${flatType(node.type)};`;
    if (flat.length <= WIDTH || unbreakable(node.type)) return `${flat}\n`;
    if (!typescript.isUnionTypeNode(node.type)) return decline();
    // a union that does not fit: on the next line, or one member per line if it does not fit there
    const next = `  ${flatType(node.type)};`;
    if (next.length <= WIDTH) return `${head.trimEnd()}\n${next}\n`;
    const lines = node.type.types.map((t) => `  | ${flatType(t)}`);
    if (lines.some((l) => l.length > WIDTH)) decline();
    return `${head.trimEnd()}\n${lines.join('\n')};\n`;
  }
  return decline();
}

/** Prettier's formatting of a TypeScript file (the `babel-ts` options of format/prettier.ts). */
export type FormatWithPrettier = (text: string) => Promise<string>;

/** Stands for the `n`th text handed to prettier until its formatting is back (never in input: checked). */
const placeholder = (n: number) => `\u0000${n}\u0000`;

/**
 * `text` formatted as prettier formats it: the statements in the subset printed here, the
 * rest by `prettier` (one call for all of them, none when there are none). A class is printed
 * here member by member; a member outside the subset goes to prettier in a class of its own.
 */
export async function formatTypeScriptLikePrettier(fileName: string, text: string, prettier: FormatWithPrettier): Promise<string> {
  if (text.includes(MARK) || text.includes('\u0000')) return prettier(text);
  // a `#!` line stays as it is, first; prettier keeps no blank line after it unless one was there
  const shebang = text.startsWith('#!') ? /^#![^\r\n]*\n/.exec(text)?.[0] : '';
  if (shebang === undefined || (shebang && /^[ \t]*\r?\n/.test(text.slice(shebang.length)))) return prettier(text);
  const source = parseTypeScript(fileName, text);
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
        if (commentsIn(text, node.pos, node.end) !== printedComments) decline();
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
