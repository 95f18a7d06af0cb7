/**
 * `dist/` files printed as the compiler prints them, without running it, for the generated
 * files that carry nearly all of a package's size:
 *
 * - `printTypesDeclaration`: the declaration file of src/types.ts, which declares types only:
 *   exported interfaces of property signatures and type aliases of references, literals,
 *   unions and intersections, with JSDoc.
 * - `printClientModule`: the JavaScript and the declaration file of src/client.ts: imports
 *   and one exported class whose methods each return a call of `this.execute`.
 * - `printValuesModule`: the same of src/names.ts: type-only imports, exported types and
 *   exported constants of literals, arrays, objects, property reads and calls.
 * - `printEntryModule`: the same of src/index.ts (re-exports) and src/shell.ts (a `#!` line,
 *   imports and an assignment of an awaited call of an object with an arrow function).
 *
 * The declaration emit re-prints declarations with 4-space indentation, one member per line,
 * unions and intersections on one line, type literals across lines, and string literals as
 * written (the emitter writes double quotes). It drops blank lines. It re-indents each comment
 * by the rule of its writeCommentRange: a comment line keeps its offset from the comment's
 * first line, blank lines in it stay blank, and trailing white space goes. It keeps JSDoc and
 * `/*!` comments and drops the others. The JavaScript emit prints the same layout with the
 * types and type-only imports removed, and keeps every comment. Every declaration is exported
 * (a local one may be dropped, and its module gets a scope marker). An array or object literal
 * keeps its elements on the lines they were written on (each on its own line when the first is
 * on a line after the bracket: `multiLine`); here only the two layouts where that means one
 * element per line or all on one line are printed.
 *
 * `transpileDeclaration` and `transpileModule` build a program for this (0.2 s for QEMU
 * 2.8's types, 0.2 s for its client, cold); this is a parse (our parser, syntax.ts: the
 * compiler is not loaded) and a walk. Anything outside the subset sends the whole file to the
 * compiler (undefined here), so the result is the compiler's byte for byte.
 * test/typescript/dist-print.test.ts holds the two equal on cases at the edges, on random files
 * and on the files emitted for docs-input and QAPI releases.
 */
import { commentRanges, commentsIn, parseTypeScript } from './parse.js';
import type { SourceFile } from './parse.js';
import { shebangOf } from './syntax.js';
import type * as ast from './syntax.js';

const INDENT = 4;

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

/** A string literal as the printer writes it: as in the source; here only double-quoted with nothing escaped. */
function quoted(node: ast.StringLiteral, ctx: Ctx): string {
  const raw = rawText(node, ctx);
  return /^"[\x20-\x7e]*"$/.test(raw) && !/["\\]/.test(node.text) && raw === `"${node.text}"` ? raw : decline();
}

interface Ctx {
  text: string;
  source: SourceFile;
  /** Comments printed, to check against the comments the statement holds. */
  comments: number;
  /** Printing JavaScript (every comment kept) rather than declarations (JSDoc and `/*!` kept). */
  js: boolean;
  /** Names the printed types refer to. */
  used: Set<string>;
  /**
   * Printing the entry module (printEntryModule): trailing commas of array and object literals,
   * arrow functions and `await` are printed; elsewhere, where the emitter writes none, declined.
   */
  entry: boolean;
}

/** The node's text as written. */
const rawText = (node: ast.Node, ctx: Ctx): string => ctx.text.slice(node.start, node.end);

/** Columns of white space from `from` (tabs are not expected: a decline). */
function indentOf(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === ' ') n++;
    else if (c === '\t') decline();
    else break;
  }
  return n;
}

const pads: string[] = [];
/** `n` spaces. */
const spaces = (n: number): string => (pads[n] ??= ' '.repeat(n));

/**
 * A line of a comment ends in white space (which trimming takes off), or one after the first
 * has white space other than spaces where its text starts (trimmed off, or a tab: declined).
 * Without either, re-indenting a comment by its own first line's indentation changes nothing.
 */
const UNTRIMMED = /[^\S\n](?=\n|$)|\n *[^\S\n ]/;

/** The comments before `node`, each on its own line, re-indented for `level`. */
function comments(node: ast.Node, level: number, ctx: Ctx): string {
  const { text } = ctx;
  let out = '';
  const ranges = commentRanges(text, node.pos);
  const pad = spaces(level * INDENT);
  for (let k = 0; k < ranges.length; k++) {
    const r = ranges[k]!;
    if (!r.hasTrailingNewLine) decline();
    ctx.comments++;
    const raw = text.slice(r.pos, r.end);
    // the declaration emit keeps JSDoc and `/*!` comments and drops the others (the header's
    // line comments are put back by compileToDist); a `///` directive it would keep
    if (r.kind === 'line') {
      if (raw.startsWith('///') || /\s$/.test(raw)) decline();
      if (ctx.js) out += `${pad}${raw}\n`;
      continue;
    }
    if (!ctx.js && !(raw.startsWith('/**') && raw !== '/**/') && !raw.startsWith('/*!')) continue;
    if (raw.includes('\r')) decline();
    const lineStart = text.lastIndexOf('\n', r.pos - 1) + 1;
    const first = indentOf(text, lineStart, r.pos);
    if (first !== r.pos - lineStart) decline(); // something before the comment on its line
    // already at the level's indentation, with nothing for trimming to take off (what the
    // emitter writes), a comment is printed as it is
    out += first === pad.length && printedAsWritten(raw) ? `${pad}${raw}\n` : reindented(raw, first, level);
  }
  return out;
}

/**
 * A block comment (no `\r`) as the declaration emit re-indents it for `level`, its first line
 * having been at column `first`: each line trimmed, each after the first keeping its offset
 * from the first line, blank lines blank. Declines a tab in a line's indentation. What
 * `comments` does when the comment is not already as printed (test/typescript/dist-print.test.ts
 * holds the shortcut to this).
 */
export function reindented(raw: string, first: number, level: number): string {
  const lines = raw.split('\n');
  let out = `${spaces(level * INDENT)}${lines[0]!.trim()}`;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (!trimmed) {
      out += '\n';
      continue;
    }
    const columns = level * INDENT - first + indentOf(line, 0, line.length);
    out += `\n${spaces(Math.max(0, columns))}${trimmed}`;
  }
  return `${out}\n`;
}

/** Whether `reindented(raw, level * 4, level)` is `raw` after the level's indentation (the shortcut `comments` takes). */
export function printedAsWritten(raw: string): boolean {
  return !UNTRIMMED.test(raw);
}

/** Keyword types printed as written (`bigint` and `symbol` are the compiler's). */
const KEYWORDS = new Set(['string', 'number', 'boolean', 'unknown', 'undefined', 'void', 'never', 'any', 'object']);

function type(node: ast.TypeNode, level: number, ctx: Ctx): string {
  switch (node.kind) {
    case 'KeywordType':
      return KEYWORDS.has(node.text) ? node.text : decline();
    case 'LiteralType': {
      const lit = node.literal;
      if (lit.kind === 'NullKeyword' || lit.kind === 'TrueKeyword' || lit.kind === 'FalseKeyword') return rawText(lit, ctx);
      if (lit.kind === 'StringLiteral') return quoted(lit, ctx);
      const raw = rawText(lit, ctx);
      return /^-?(0|[1-9][0-9]*)$/.test(raw) ? raw : decline();
    }
    case 'TypeReference':
      ctx.used.add(node.typeName.text);
      return node.typeArguments ? `${node.typeName.text}<${node.typeArguments.map((a) => type(a, level, ctx)).join(', ')}>` : node.typeName.text;
    case 'ArrayType':
      return `${type(node.elementType, level, ctx)}[]`;
    case 'TypeOperator':
      return `${node.operator} ${type(node.type, level, ctx)}`;
    case 'UnionType':
      return node.types.map((t) => type(t, level, ctx)).join(' | ');
    case 'IntersectionType':
      return node.types.map((t) => type(t, level, ctx)).join(' & ');
    case 'ParenthesizedType':
      return `(${type(node.type, level, ctx)})`;
    case 'TypeLiteral':
      if (node.members.length === 0) return '{}';
      return `{\n${members(node.members, level + 1, ctx)}${' '.repeat(level * INDENT)}}`;
    default:
      return decline();
  }
}

/**
 * The members, a line each (with their comments): pieces joined once, so that the text is flat
 * (not a tree of concatenations that each later reading of it, the header check of
 * compileToDist first, would have to flatten).
 */
function members(list: readonly ast.TypeElement[], level: number, ctx: Ctx): string {
  const parts: string[] = [];
  const pad = spaces(level * INDENT);
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    parts.push(comments(m, level, ctx));
    if (m.kind === 'PropertySignature') {
      const name = m.name.kind === 'Identifier' ? m.name.text : quoted(m.name, ctx);
      parts.push(`${pad}${m.readonly ? 'readonly ' : ''}${name}${m.optional ? '?' : ''}: ${type(m.type, level, ctx)};\n`);
    } else parts.push(`${pad}[${m.parameter.text}: ${type(m.parameterType, level, ctx)}]: ${type(m.type, level, ctx)};\n`);
  }
  return parts.join('');
}

function used(name: string, ctx: Ctx): string {
  ctx.used.add(name);
  return name;
}

function statement(node: ast.InterfaceDeclaration | ast.TypeAliasDeclaration, ctx: Ctx): string {
  const exported = node.exported ? 'export ' : '';
  if (node.kind === 'InterfaceDeclaration') {
    let head = `${exported}interface ${node.name.text}`;
    if (node.heritage) head += ` extends ${node.heritage.map((t) => (t.typeArguments ? decline() : used(t.expression.text, ctx))).join(', ')}`;
    return `${head} {\n${members(node.members, 1, ctx)}}\n`;
  }
  return `${exported}type ${node.name.text} = ${type(node.type, 0, ctx)};\n`;
}

/** `text` parsed, or undefined for what is the compiler's: outside our parser's language (a syntax error too), a shebang, CRLF. */
function parse(fileName: string, text: string): SourceFile | undefined {
  if (text.startsWith('#!') || text.includes('\r')) return undefined;
  return parseTypeScript(fileName, text);
}

/** Each statement through `print`, with the checks every file gets; undefined on a decline. */
function eachStatement(
  source: SourceFile,
  js: boolean,
  print: (node: ast.Statement, ctx: Ctx) => string,
  entry = false,
  prefix = '',
): { out: string; ctx: Ctx } | undefined {
  const { text } = source;
  const ctx: Ctx = { text, source, comments: 0, js, used: new Set(), entry };
  try {
    // each statement's text a piece, joined once: a flat text (see members)
    const parts: string[] = [prefix];
    const statements = source.statements;
    for (let i = 0; i < statements.length; i++) {
      const node = statements[i]!;
      ctx.comments = 0;
      parts.push(print(node, ctx));
      if (commentsIn(source, node.pos, node.end) !== ctx.comments) decline();
    }
    const last = statements.at(-1);
    return last && text.slice(last.end).trim() === '' ? { out: parts.join(''), ctx } : undefined;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/**
 * The declaration file of a types-only module, as `transpileDeclaration` writes it, or
 * undefined when the text leaves the subset (the caller runs the compiler then). `prefix`
 * (compileToDist's header) is put before it in the same join, rather than by a concatenation
 * that writing the 500 KB text would copy again.
 */
export function printTypesDeclaration(fileName: string, text: string, prefix = ''): string | undefined {
  const source = parse(fileName, text);
  if (!source) return undefined;
  return eachStatement(source, false, (node, ctx) => {
    // a local declaration is dropped when nothing exported uses it, and its module gets a
    // scope marker (`export {};`): the emitter exports every declaration, so it is declined
    if ((node.kind !== 'InterfaceDeclaration' && node.kind !== 'TypeAliasDeclaration') || !node.exported) return decline();
    return comments(node, 0, ctx) + statement(node, ctx);
  }, false, prefix)?.out;
}

/** Both outputs of a module printer (`print(true)`: JavaScript), or undefined when either declines. */
function jsAndDts(print: (js: boolean) => string | undefined): { js: string; dts: string } | undefined {
  const js = print(true);
  const dts = js === undefined ? undefined : print(false);
  return js !== undefined && dts !== undefined ? { js, dts } : undefined;
}

// ---- the client: imports and one class of `this.execute` methods ----

/** `{ a, type b }` of an import or re-export, in source order; `js` leaves out the type-only ones. */
function specifiers(node: ast.ImportDeclaration | ast.ExportDeclaration, js: boolean): string[] {
  // the JavaScript emit keeps a trailing comma the declaration emit drops: declined
  if (node.trailingComma) decline();
  const names: string[] = [];
  for (const el of node.elements ?? []) {
    if (js && el.isTypeOnly) continue;
    names.push(`${el.isTypeOnly ? 'type ' : ''}${el.name.text}`);
  }
  return names;
}

/** An import, or '' when the JavaScript emit leaves it out. Records imported names in `imported`. */
function importDeclaration(node: ast.ImportDeclaration, ctx: Ctx, imported: string[]): string {
  const from = quoted(node.moduleSpecifier, ctx);
  for (const n of specifiers(node, false)) imported.push(n.replace(/^type /, ''));
  if (ctx.js && node.isTypeOnly) {
    // the statement goes, and with it any comment before it: declined rather than guessed
    if (commentRanges(ctx.text, node.pos).length) decline();
    return '';
  }
  const names = specifiers(node, ctx.js);
  if (names.length === 0) decline(); // `import {} from` under verbatimModuleSyntax: the compiler's
  return `${comments(node, 0, ctx)}import ${node.isTypeOnly ? 'type ' : ''}{ ${names.join(', ')} } from ${from};\n`;
}

/** `return this.execute("name", args, options);`: a call of a method of `this` on literals and identifiers. */
function executeCall(body: readonly ast.ReturnStatement[], ctx: Ctx): string {
  const [ret] = body;
  if (body.length !== 1 || !ret!.expression) return decline();
  const call = ret!.expression;
  if (call.kind !== 'CallExpression') return decline();
  const callee = call.expression;
  if (callee.kind !== 'PropertyAccessExpression' || callee.expression.kind !== 'ThisKeyword') return decline();
  const args = call.arguments.map((a) => (a.kind === 'StringLiteral' ? quoted(a, ctx) : a.kind === 'Identifier' ? a.text : decline()));
  return `return this.${callee.name.text}(${args.join(', ')});`;
}

function classMember(m: ast.FunctionLike, ctx: Ctx): string {
  const pad = ' '.repeat(INDENT);
  if (m.kind !== 'MethodDeclaration' || m.modified || !m.type) return decline();
  const docs = comments(m, 1, ctx);
  // types are printed in JavaScript too, and thrown away: that checks them and counts the
  // comments in them, which go with them
  const params = m.parameters.map((p) => {
    const typed = `${p.name.text}${p.optional ? '?' : ''}: ${type(p.type, 1, ctx)}`;
    return ctx.js ? p.name.text : typed;
  });
  const returns = type(m.type, 1, ctx);
  const head = `${docs}${pad}${m.name.text}(${params.join(', ')})`;
  const call = executeCall(m.body, ctx);
  return ctx.js ? `${head} {\n${pad}${pad}${call}\n${pad}}\n` : `${head}: ${returns};\n`;
}

function classDeclaration(node: ast.ClassDeclaration, ctx: Ctx): string {
  if (!node.exported) decline();
  let head = `export ${ctx.js ? '' : 'declare '}class ${node.name.text}`;
  const base = node.heritage;
  if (base) {
    const args = base.typeArguments ? `<${base.typeArguments.map((t) => type(t, 0, ctx)).join(', ')}>` : '';
    head += ` extends ${used(base.expression.text, ctx)}${ctx.js ? '' : args}`;
  }
  // two methods of one name are an overload and its implementation to the compiler: declined
  const names = new Set(node.members.map((m) => m.name.text));
  if (names.size !== node.members.length) decline();
  return `${comments(node, 0, ctx)}${head} {\n${node.members.map((m) => classMember(m, ctx)).join('')}}\n`;
}

/**
 * The JavaScript and the declaration file of a module of imports and one exported class whose
 * methods each return a call of a method of `this` (src/client.ts), as `transpileModule` and
 * `transpileDeclaration` write them under `verbatimModuleSyntax`, or undefined when the text
 * leaves the subset.
 */
export function printClientModule(fileName: string, text: string): { js: string; dts: string } | undefined {
  const source = parse(fileName, text);
  if (!source) return undefined;
  const print = (js: boolean) => {
    const imported: string[] = [];
    let classes = 0;
    const done = eachStatement(source, js, (node, ctx) => {
      if (node.kind === 'ImportDeclaration') {
        if (classes) decline();
        return importDeclaration(node, ctx, imported);
      }
      if (node.kind === 'ClassDeclaration' && classes++ === 0) return classDeclaration(node, ctx);
      return decline();
    });
    // the declaration emit drops an import nothing printed uses: declined rather than followed
    if (!done || classes !== 1 || (!js && imported.some((n) => !done.ctx.used.has(n)))) return undefined;
    return done.out;
  };
  return jsAndDts(print);
}

// ---- modules of constants: src/names.ts ----

/** A literal as written in the source, which is how both emits print it (one line, no continuation). */
function asWritten(node: ast.Node, ctx: Ctx): string {
  const raw = rawText(node, ctx);
  return /[\n\r\u2028\u2029]/.test(raw) ? decline() : raw;
}

/** Whether there is a line break between two nodes (the emits keep it where they are). */
function lineBetween(a: ast.Node, b: ast.Node, ctx: Ctx): boolean {
  const i = ctx.text.indexOf('\n', a.end);
  return i !== -1 && i < b.start;
}

/**
 * The elements of an array or object literal (printed already) as the JavaScript emit lays
 * them out: each on a line of its own after a line break when `multiLine`, else on the line of
 * the bracket; a trailing comma kept. Written otherwise (two elements on one line of a
 * `multiLine` literal, a line break in the other), they keep those lines: declined.
 */
function literalElements(
  node: ast.ArrayLiteralExpression | ast.ObjectLiteralExpression,
  nodes: readonly ast.Node[],
  items: string[],
  brackets: [string, string],
  level: number,
  ctx: Ctx,
): string {
  const pad = (n: number) => ' '.repeat(n * INDENT);
  if (node.trailingComma && !ctx.entry) decline();
  const comma = node.trailingComma ? ',' : '';
  for (let i = 1; i < nodes.length; i++) if (lineBetween(nodes[i - 1]!, nodes[i]!, ctx) !== node.multiLine) decline();
  if (node.multiLine) return `${brackets[0]}\n${items.map((i) => pad(level + 1) + i).join(',\n')}${comma}\n${pad(level)}${brackets[1]}`;
  // the closing bracket on a line after the last element stays there
  if (ctx.text.slice(nodes.at(-1)!.end, node.end).includes('\n')) decline();
  const space = brackets[0] === '{' ? ' ' : '';
  return `${brackets[0]}${space}${items.join(', ')}${comma}${space}${brackets[1]}`;
}

/** A value expression as the JavaScript emit prints it at indentation `level`. */
function expression(node: ast.Expression, level: number, ctx: Ctx): string {
  switch (node.kind) {
    case 'StringLiteral':
      return asWritten(node, ctx);
    case 'NumericLiteral':
      return /^(0|[1-9][0-9]*)$/.test(rawText(node, ctx)) ? rawText(node, ctx) : decline();
    case 'Identifier':
      return node.text;
    case 'TrueKeyword':
    case 'FalseKeyword':
    case 'NullKeyword':
      return rawText(node, ctx);
    case 'PropertyAccessExpression':
      // a line break before the `.` is kept
      if (lineBetween(node.expression, node.name, ctx)) decline();
      return `${expression(node.expression, level, ctx)}.${node.name.text}`;
    case 'CallExpression':
      if (node.trailingComma) return decline();
      return `${expression(node.expression, level, ctx)}(${node.arguments.map((a) => expression(a, level, ctx)).join(', ')})`;
    case 'ArrayLiteralExpression': {
      if (node.elements.length === 0) return node.trailingComma ? decline() : '[]';
      const items = node.elements.map((e) => expression(e, level + 1, ctx));
      return literalElements(node, node.elements, items, ['[', ']'], level, ctx);
    }
    case 'ObjectLiteralExpression': {
      if (node.properties.length === 0) return node.trailingComma ? decline() : '{}';
      const props = node.properties.map((p) => {
        const key = p.name.kind === 'Identifier' ? p.name.text : asWritten(p.name, ctx);
        return `${key}: ${expression(p.initializer, level + 1, ctx)}`;
      });
      return literalElements(node, node.properties, props, ['{', '}'], level, ctx);
    }
    case 'ArrowFunction':
      // printed on one line whatever its lines: only those written on one line are printed here
      if (!ctx.entry || ctx.text.slice(node.start, node.end).includes('\n')) return decline();
      return `(${node.parameters.map((p) => p.text).join(', ')}) => ${expression(node.body, level, ctx)}`;
    case 'AwaitExpression':
      if (!ctx.entry || ctx.text.slice(node.start, node.expression.start).includes('\n')) return decline();
      return `await ${expression(node.expression, level, ctx)}`;
    default:
      return decline();
  }
}

/** `export const NAME: Type = value;`, one declaration: its JavaScript or its declaration. */
function constant(node: ast.VariableStatement, ctx: Ctx): string {
  if (!node.exported || !node.type) decline();
  const name = node.name.text;
  const docs = comments(node, 0, ctx);
  // both printed in both modes: that checks both and counts the comments in the type
  const typed = type(node.type!, 0, ctx);
  const value = expression(node.initializer, 0, ctx);
  return ctx.js ? `${docs}export const ${name} = ${value};\n` : `${docs}export declare const ${name}: ${typed};\n`;
}

/** A statement the JavaScript emit removes: its comments go with it (the file's header comes back, by compileToDist). */
function elided(node: ast.Statement, first: boolean, ctx: Ctx): string {
  for (const r of commentRanges(ctx.text, node.pos)) {
    const raw = ctx.text.slice(r.pos, r.end);
    const header = first && r.kind === 'line' && !raw.startsWith('///');
    // the JSDoc of a removed declaration is removed with it; anything else is declined
    const jsdoc = node.kind !== 'ImportDeclaration' && raw.startsWith('/**') && raw !== '/**/';
    if (!header && !jsdoc) decline();
    ctx.comments++;
  }
  return '';
}

/**
 * The JavaScript and the declaration file of a module of type-only imports, exported
 * interfaces and type aliases, and exported constants of literals, arrays, objects, property
 * reads and calls (src/names.ts), as the compiler writes them, or undefined when the text
 * leaves the subset. The JavaScript is without the file's header when the first statement is
 * removed (compileToDist puts the header back in either case).
 */
export function printValuesModule(fileName: string, text: string): { js: string; dts: string } | undefined {
  const source = parse(fileName, text);
  if (!source) return undefined;
  const print = (js: boolean) => {
    const imported: string[] = [];
    let constants = 0;
    const done = eachStatement(source, js, (node, ctx) => {
      const first = node === source.statements[0];
      switch (node.kind) {
        case 'ImportDeclaration':
          if (!node.isTypeOnly) decline();
          return js ? elided(node, first, ctx) : importDeclaration(node, ctx, imported);
        case 'InterfaceDeclaration':
        case 'TypeAliasDeclaration':
          if (!node.exported) decline();
          if (!js) return comments(node, 0, ctx) + statement(node, ctx);
          statement(node, ctx); // checked and its names counted as used, printed in the declarations only
          return elided(node, first, ctx);
        case 'VariableStatement':
          constants++;
          return constant(node, ctx);
        default:
          return decline();
      }
    });
    if (!done || constants === 0 || (!js && imported.some((n) => !done.ctx.used.has(n)))) return undefined;
    return done.out;
  };
  return jsAndDts(print);
}

// ---- the package entry and the bin: src/index.ts, src/shell.ts ----

/** A re-export: kept in both emits, but for its type-only specifiers and statements (declarations only). */
function exportDeclaration(node: ast.ExportDeclaration, first: boolean, ctx: Ctx): string {
  const from = quoted(node.moduleSpecifier, ctx);
  if (!node.elements) return node.isTypeOnly ? decline() : `${comments(node, 0, ctx)}export * from ${from};\n`;
  if (ctx.js && node.isTypeOnly) return removed(node, first, ctx);
  const names = specifiers(node, ctx.js);
  if (names.length === 0) decline(); // `export {} from`: the compiler's
  return `${comments(node, 0, ctx)}export ${node.isTypeOnly ? 'type ' : ''}{ ${names.join(', ')} } from ${from};\n`;
}

/**
 * A statement an emit removes, and its comments. The declaration emit drops line comments with
 * it (a header comes back by compileToDist) but may keep a block comment (at the top of the
 * file, before a blank line). The JavaScript emit drops the header of a first statement it
 * removes, which compileToDist puts back, but not after a `#!` line, and keeps it when a blank
 * line follows it. Anything but those dropped line comments is declined.
 */
function removed(node: ast.Statement, first: boolean, ctx: Ctx): string {
  for (const r of commentRanges(ctx.text, node.pos)) {
    if (r.kind !== 'line' || ctx.text.startsWith('///', r.pos)) decline();
    if (ctx.js && (!first || ctx.text.startsWith('#!') || /\n[ \t]*\n/.test(ctx.text.slice(r.end, node.start)))) decline();
    ctx.comments++;
  }
  return '';
}

/** `a.b = value;`: kept in JavaScript, removed from the declarations. */
function assignment(node: ast.ExpressionStatement, first: boolean, ctx: Ctx): string {
  const { left, right } = node.expression;
  // the JavaScript emit keeps line breaks around the `=`
  if (ctx.text.slice(left.end, right.start).includes('\n')) decline();
  if (left.kind !== 'Identifier' && left.kind !== 'PropertyAccessExpression') decline();
  const printed = `${expression(left, 0, ctx)} = ${expression(right, 0, ctx)};\n`;
  return ctx.js ? `${comments(node, 0, ctx)}${printed}` : removed(node, first, ctx);
}

/**
 * The JavaScript and the declaration file of a module of imports, re-exports (`export *`,
 * `export { … } from`) and assignments (`process.exitCode = await runShell({ … });`), with or
 * without a `#!` line (src/index.ts, src/shell.ts), as the compiler writes them, or undefined
 * when the text leaves the subset. Nothing declared uses an import, so the declarations have
 * none; a module without a re-export gets the scope marker (`export {};`) there.
 */
export function printEntryModule(fileName: string, text: string): { js: string; dts: string } | undefined {
  if (text.includes('\r')) return undefined;
  const source = parseTypeScript(fileName, text);
  if (!source) return undefined;
  const shebang = shebangOf(text);
  const print = (js: boolean) => {
    let exports = 0;
    const done = eachStatement(
      source,
      js,
      (node, ctx) => {
        const first = node === source.statements[0];
        switch (node.kind) {
          case 'ImportDeclaration':
            // nothing declared uses an import: the declarations have none
            return js && !node.isTypeOnly ? importDeclaration(node, ctx, []) : removed(node, first, ctx);
          case 'ExportDeclaration':
            exports++;
            return exportDeclaration(node, first, ctx);
          case 'ExpressionStatement':
            return assignment(node, first, ctx);
          default:
            return decline();
        }
      },
      true,
    );
    // a file without imports and exports is a script (the emit differs): the compiler's
    if (!done || !source.statements.some((s) => s.kind === 'ImportDeclaration' || s.kind === 'ExportDeclaration')) return undefined;
    const head = shebang ? `${shebang}\n` : '';
    return `${head}${done.out}${!js && exports === 0 ? 'export {};\n' : ''}`;
  };
  return jsAndDts(print);
}
