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
 *
 * The declaration emit re-prints declarations with 4-space indentation, one member per line,
 * unions and intersections on one line, type literals across lines, and string literals as
 * written (the emitter writes double quotes). It drops blank lines. It re-indents each comment
 * by the rule of its writeCommentRange: a comment line keeps its offset from the comment's
 * first line, blank lines in it stay blank, and trailing white space goes. It keeps JSDoc and
 * `/*!` comments and drops the others. The JavaScript emit prints the same layout with the
 * types and type-only imports removed, and keeps every comment. Every declaration is exported
 * (a local one may be dropped, and its module gets a scope marker).
 *
 * `transpileDeclaration` and `transpileModule` build a program for this (0.2 s for QEMU
 * 2.8's types, 0.2 s for its client, cold); this is a parse and a walk. Anything outside
 * the subset sends the whole file to the compiler (undefined here), so the result is the
 * compiler's byte for byte. test/typescript/dist-print.test.ts holds the two equal on cases at
 * the edges, on random files and on the files emitted for docs-input and QAPI releases.
 */
import type { ts } from 'ts-morph';
import { commentsIn, parseTypeScript } from './parse.js';
import { typescript } from './ts-morph.js';

const INDENT = 4;

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

/** A string literal as the printer writes it: as in the source; here only double-quoted with nothing escaped. */
function quoted(node: ts.StringLiteral, ctx: Ctx): string {
  const raw = node.getText(ctx.source);
  return /^"[\x20-\x7e]*"$/.test(raw) && !/["\\]/.test(node.text) && raw === `"${node.text}"` ? raw : decline();
}

interface Ctx {
  text: string;
  source: ts.SourceFile;
  /** Comments printed, to check against the comments the statement holds. */
  comments: number;
  /** Printing JavaScript (every comment kept) rather than declarations (JSDoc and `/*!` kept). */
  js: boolean;
  /** Names the printed types refer to. */
  used: Set<string>;
}

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

/** The comments before `node`, each on its own line, re-indented for `level`. */
function comments(node: ts.Node, level: number, ctx: Ctx): string {
  const { text } = ctx;
  let out = '';
  for (const r of typescript.getLeadingCommentRanges(text, node.pos) ?? []) {
    if (!r.hasTrailingNewLine) decline();
    ctx.comments++;
    const pad = ' '.repeat(level * INDENT);
    const raw = text.slice(r.pos, r.end);
    // the declaration emit keeps JSDoc and `/*!` comments and drops the others (the header's
    // line comments are put back by compileToDist); a `///` directive it would keep
    if (r.kind === typescript.SyntaxKind.SingleLineCommentTrivia) {
      if (raw.startsWith('///') || /\s$/.test(raw)) decline();
      if (ctx.js) out += `${pad}${raw}\n`;
      continue;
    }
    if (!ctx.js && !(raw.startsWith('/**') && raw !== '/**/') && !raw.startsWith('/*!')) continue;
    if (raw.includes('\r')) decline();
    const lineStart = text.lastIndexOf('\n', r.pos - 1) + 1;
    const first = indentOf(text, lineStart, r.pos);
    if (first !== r.pos - lineStart) decline(); // something before the comment on its line
    const lines = raw.split('\n');
    out += `${pad}${lines[0]!.trim()}`;
    for (const line of lines.slice(1)) {
      const trimmed = line.trim();
      if (!trimmed) {
        out += '\n';
        continue;
      }
      const spaces = level * INDENT - first + indentOf(line, 0, line.length);
      out += `\n${' '.repeat(Math.max(0, spaces))}${trimmed}`;
    }
    out += '\n';
  }
  return out;
}

function type(node: ts.TypeNode, level: number, ctx: Ctx): string {
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
      return node.getText(ctx.source);
    case k.LiteralType: {
      const lit = (node as ts.LiteralTypeNode).literal;
      if (lit.kind === k.NullKeyword || lit.kind === k.TrueKeyword || lit.kind === k.FalseKeyword) return lit.getText(ctx.source);
      if (typescript.isStringLiteral(lit)) return quoted(lit, ctx);
      const raw = lit.getText(ctx.source);
      return /^-?(0|[1-9][0-9]*)$/.test(raw) ? raw : decline();
    }
    case k.TypeReference: {
      const ref = node as ts.TypeReferenceNode;
      if (!typescript.isIdentifier(ref.typeName)) return decline();
      ctx.used.add(ref.typeName.text);
      return ref.typeArguments ? `${ref.typeName.text}<${ref.typeArguments.map((a) => type(a, level, ctx)).join(', ')}>` : ref.typeName.text;
    }
    case k.ArrayType:
      return `${type((node as ts.ArrayTypeNode).elementType, level, ctx)}[]`;
    case k.TypeOperator: {
      const op = node as ts.TypeOperatorNode;
      if (op.operator === k.ReadonlyKeyword) return `readonly ${type(op.type, level, ctx)}`;
      if (op.operator === k.KeyOfKeyword) return `keyof ${type(op.type, level, ctx)}`;
      return decline();
    }
    case k.UnionType:
      return (node as ts.UnionTypeNode).types.map((t) => type(t, level, ctx)).join(' | ');
    case k.IntersectionType:
      return (node as ts.IntersectionTypeNode).types.map((t) => type(t, level, ctx)).join(' & ');
    case k.ParenthesizedType:
      return `(${type((node as ts.ParenthesizedTypeNode).type, level, ctx)})`;
    case k.TypeLiteral: {
      const lit = node as ts.TypeLiteralNode;
      if (lit.members.length === 0) return '{}';
      return `{\n${members(lit.members, level + 1, ctx)}${' '.repeat(level * INDENT)}}`;
    }
    default:
      return decline();
  }
}

function members(list: readonly ts.TypeElement[], level: number, ctx: Ctx): string {
  let out = '';
  const pad = ' '.repeat(level * INDENT);
  for (const m of list) {
    out += comments(m, level, ctx);
    if (typescript.isPropertySignature(m)) {
      if (!m.type) decline();
      const mods = m.modifiers ?? [];
      if (mods.some((x) => x.kind !== typescript.SyntaxKind.ReadonlyKeyword)) decline();
      const name = typescript.isIdentifier(m.name) ? m.name.text : typescript.isStringLiteral(m.name) ? quoted(m.name, ctx) : decline();
      out += `${pad}${mods.length ? 'readonly ' : ''}${name}${m.questionToken ? '?' : ''}: ${type(m.type!, level, ctx)};\n`;
    } else if (typescript.isIndexSignatureDeclaration(m)) {
      const [p] = m.parameters;
      if (m.parameters.length !== 1 || !p!.type || !typescript.isIdentifier(p!.name) || m.modifiers?.length) decline();
      out += `${pad}[${(p!.name as ts.Identifier).text}: ${type(p!.type!, level, ctx)}]: ${type(m.type, level, ctx)};\n`;
    } else decline();
  }
  return out;
}

function used(name: string, ctx: Ctx): string {
  ctx.used.add(name);
  return name;
}

function exported(node: ts.Statement): string {
  const mods = typescript.canHaveModifiers(node) ? (typescript.getModifiers(node) ?? []) : [];
  if (mods.some((x) => x.kind !== typescript.SyntaxKind.ExportKeyword)) decline();
  return mods.length ? 'export ' : '';
}

function isExported(node: ts.Statement): boolean {
  return exported(node) !== '';
}

function statement(node: ts.Statement, ctx: Ctx): string {
  if (typescript.isInterfaceDeclaration(node)) {
    if (node.typeParameters) decline();
    let head = `${exported(node)}interface ${node.name.text}`;
    for (const h of node.heritageClauses ?? []) {
      if (h.token !== typescript.SyntaxKind.ExtendsKeyword) decline();
      head += ` extends ${h.types.map((t) => (typescript.isIdentifier(t.expression) && !t.typeArguments ? used(t.expression.text, ctx) : decline())).join(', ')}`;
    }
    return `${head} {\n${members(node.members, 1, ctx)}}\n`;
  }
  if (typescript.isTypeAliasDeclaration(node)) {
    if (node.typeParameters) decline();
    return `${exported(node)}type ${node.name.text} = ${type(node.type, 0, ctx)};\n`;
  }
  return decline();
}

/** `text` parsed, or undefined for what is the compiler's: a syntax error (compileToDist reports it), a shebang, CRLF. */
function parse(fileName: string, text: string): ts.SourceFile | undefined {
  if (text.startsWith('#!') || text.includes('\r')) return undefined;
  const source = parseTypeScript(fileName, text);
  return (source as ts.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ? undefined : source;
}

/** Each statement through `print`, with the checks every file gets; undefined on a decline. */
function eachStatement(source: ts.SourceFile, text: string, js: boolean, print: (node: ts.Statement, ctx: Ctx) => string): { out: string; ctx: Ctx } | undefined {
  const ctx: Ctx = { text, source, comments: 0, js, used: new Set() };
  try {
    let out = '';
    for (const node of source.statements) {
      ctx.comments = 0;
      out += print(node, ctx);
      if (commentsIn(text, node.pos, node.end) !== ctx.comments) decline();
    }
    const last = source.statements.at(-1);
    return last && text.slice(last.end).trim() === '' ? { out, ctx } : undefined;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/**
 * The declaration file of a types-only module, as `transpileDeclaration` writes it, or
 * undefined when the text leaves the subset (the caller runs the compiler then).
 */
export function printTypesDeclaration(fileName: string, text: string): string | undefined {
  const source = parse(fileName, text);
  if (!source) return undefined;
  return eachStatement(source, text, false, (node, ctx) => {
    // a local declaration is dropped when nothing exported uses it, and its module gets a
    // scope marker (`export {};`): the emitter exports every declaration, so it is declined
    if (!isExported(node)) decline();
    return comments(node, 0, ctx) + statement(node, ctx);
  })?.out;
}

/** Both outputs of a module printer (`print(true)`: JavaScript), or undefined when either declines. */
function jsAndDts(print: (js: boolean) => string | undefined): { js: string; dts: string } | undefined {
  const js = print(true);
  const dts = js === undefined ? undefined : print(false);
  return js !== undefined && dts !== undefined ? { js, dts } : undefined;
}

// ---- the client: imports and one class of `this.execute` methods ----

/** `{ a, type b }` of an import, in source order; `js` leaves out the type-only ones. */
function importSpecifiers(clause: ts.ImportClause, js: boolean): string[] {
  if (clause.name || !clause.namedBindings || !typescript.isNamedImports(clause.namedBindings)) decline();
  const names: string[] = [];
  for (const el of (clause.namedBindings as ts.NamedImports).elements) {
    if (el.propertyName) decline();
    if (js && el.isTypeOnly) continue;
    names.push(`${el.isTypeOnly ? 'type ' : ''}${el.name.text}`);
  }
  return names;
}

/** An import, or '' when the JavaScript emit leaves it out. Records imported names in `imported`. */
function importDeclaration(node: ts.ImportDeclaration, ctx: Ctx, imported: string[]): string {
  const clause = node.importClause;
  if (!clause || !typescript.isStringLiteral(node.moduleSpecifier) || node.attributes || node.modifiers?.length) decline();
  const from = quoted(node.moduleSpecifier as ts.StringLiteral, ctx);
  for (const n of importSpecifiers(clause!, false)) imported.push(n.replace(/^type /, ''));
  if (ctx.js && clause!.isTypeOnly) {
    // the statement goes, and with it any comment before it: declined rather than guessed
    if (typescript.getLeadingCommentRanges(ctx.text, node.pos)?.length) decline();
    return '';
  }
  const names = importSpecifiers(clause!, ctx.js);
  if (names.length === 0) decline(); // `import {} from` under verbatimModuleSyntax: the compiler's
  return `${comments(node, 0, ctx)}import ${clause!.isTypeOnly ? 'type ' : ''}{ ${names.join(', ')} } from ${from};\n`;
}

/** `return this.execute("name", args, options);`: a call of a method of `this` on literals and identifiers. */
function executeCall(body: ts.Block, ctx: Ctx): string {
  const [ret] = body.statements;
  if (body.statements.length !== 1 || !typescript.isReturnStatement(ret!) || !ret.expression) return decline();
  const call = ret.expression;
  if (!typescript.isCallExpression(call) || call.typeArguments || call.questionDotToken) return decline();
  const callee = call.expression;
  if (!typescript.isPropertyAccessExpression(callee) || callee.expression.kind !== typescript.SyntaxKind.ThisKeyword || callee.questionDotToken || !typescript.isIdentifier(callee.name)) return decline();
  const args = call.arguments.map((a) => (typescript.isStringLiteral(a) ? quoted(a, ctx) : typescript.isIdentifier(a) ? a.text : decline()));
  return `return this.${callee.name.text}(${args.join(', ')});`;
}

function classMember(m: ts.ClassElement, ctx: Ctx): string {
  const pad = ' '.repeat(INDENT);
  if (!typescript.isMethodDeclaration(m) || m.modifiers?.length || m.typeParameters || m.questionToken || m.asteriskToken) return decline();
  if (!typescript.isIdentifier(m.name) || !m.body || !m.type) return decline();
  const docs = comments(m, 1, ctx);
  // types are printed in JavaScript too, and thrown away: that checks them and counts the
  // comments in them, which go with them
  const params = m.parameters.map((p) => {
    if (!typescript.isIdentifier(p.name) || p.initializer || p.dotDotDotToken || p.modifiers?.length || !p.type) return decline();
    const typed = `${p.name.text}${p.questionToken ? '?' : ''}: ${type(p.type!, 1, ctx)}`;
    return ctx.js ? p.name.text : typed;
  });
  const returns = type(m.type!, 1, ctx);
  const head = `${docs}${pad}${m.name.text}(${params.join(', ')})`;
  const call = executeCall(m.body, ctx);
  return ctx.js ? `${head} {\n${pad}${pad}${call}\n${pad}}\n` : `${head}: ${returns};\n`;
}

function classDeclaration(node: ts.ClassDeclaration, ctx: Ctx): string {
  if (!isExported(node) || !node.name || node.typeParameters) decline();
  let head = `export ${ctx.js ? '' : 'declare '}class ${node.name!.text}`;
  for (const h of node.heritageClauses ?? []) {
    const [base] = h.types;
    if (h.token !== typescript.SyntaxKind.ExtendsKeyword || h.types.length !== 1 || !typescript.isIdentifier(base!.expression)) decline();
    const args = base!.typeArguments ? `<${base!.typeArguments.map((t) => type(t, 0, ctx)).join(', ')}>` : '';
    head += ` extends ${used(base!.expression.getText(ctx.source), ctx)}${ctx.js ? '' : args}`;
  }
  // two methods of one name are an overload and its implementation to the compiler: declined
  const names = new Set(node.members.map((m) => (m.name && typescript.isIdentifier(m.name) ? m.name.text : decline())));
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
    const done = eachStatement(source, text, js, (node, ctx) => {
      if (typescript.isImportDeclaration(node)) {
        if (classes) decline();
        return importDeclaration(node, ctx, imported);
      }
      if (typescript.isClassDeclaration(node) && classes++ === 0) return classDeclaration(node, ctx);
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
function asWritten(node: ts.Node, ctx: Ctx): string {
  const raw = node.getText(ctx.source);
  return /[\n\r\u2028\u2029]/.test(raw) ? decline() : raw;
}

/** A value expression as the JavaScript emit prints it at indentation `level`. */
function expression(node: ts.Expression, level: number, ctx: Ctx): string {
  const k = typescript.SyntaxKind;
  const pad = (n: number) => ' '.repeat(n * INDENT);
  switch (node.kind) {
    case k.StringLiteral:
      return asWritten(node, ctx);
    case k.NumericLiteral:
      return /^(0|[1-9][0-9]*)$/.test(node.getText(ctx.source)) ? node.getText(ctx.source) : decline();
    case k.Identifier:
      return (node as ts.Identifier).text;
    case k.TrueKeyword:
    case k.FalseKeyword:
    case k.NullKeyword:
      return node.getText(ctx.source);
    case k.PropertyAccessExpression: {
      const access = node as ts.PropertyAccessExpression;
      if (access.questionDotToken || !typescript.isIdentifier(access.name)) return decline();
      return `${expression(access.expression, level, ctx)}.${access.name.text}`;
    }
    case k.CallExpression: {
      const call = node as ts.CallExpression;
      if (call.typeArguments || call.questionDotToken || call.arguments.hasTrailingComma) return decline();
      return `${expression(call.expression, level, ctx)}(${call.arguments.map((a) => expression(a, level, ctx)).join(', ')})`;
    }
    case k.ArrayLiteralExpression: {
      const array = node as ts.ArrayLiteralExpression & { multiLine?: boolean };
      if (array.elements.hasTrailingComma) return decline();
      if (array.elements.length === 0) return '[]';
      const items = array.elements.map((e) => expression(e, level + 1, ctx));
      return array.multiLine ? `[\n${items.map((i) => pad(level + 1) + i).join(',\n')}\n${pad(level)}]` : `[${items.join(', ')}]`;
    }
    case k.ObjectLiteralExpression: {
      const object = node as ts.ObjectLiteralExpression & { multiLine?: boolean };
      if (object.properties.hasTrailingComma) return decline();
      if (object.properties.length === 0) return '{}';
      const props = object.properties.map((p) => {
        if (!typescript.isPropertyAssignment(p)) return decline();
        const key = typescript.isIdentifier(p.name) ? p.name.text : typescript.isStringLiteral(p.name) ? asWritten(p.name, ctx) : decline();
        return `${key}: ${expression(p.initializer, level + 1, ctx)}`;
      });
      return object.multiLine ? `{\n${props.map((p) => pad(level + 1) + p).join(',\n')}\n${pad(level)}}` : `{ ${props.join(', ')} }`;
    }
    default:
      return decline();
  }
}

/** `export const NAME: Type = value;`, one declaration: its JavaScript or its declaration. */
function constant(node: ts.VariableStatement, ctx: Ctx): string {
  if (!isExported(node) || !(node.declarationList.flags & typescript.NodeFlags.Const)) decline();
  const [decl] = node.declarationList.declarations;
  if (node.declarationList.declarations.length !== 1 || !typescript.isIdentifier(decl!.name) || !decl!.type || !decl!.initializer || decl!.exclamationToken) decline();
  const name = (decl!.name as ts.Identifier).text;
  const docs = comments(node, 0, ctx);
  // both printed in both modes: that checks both and counts the comments in the type
  const typed = type(decl!.type!, 0, ctx);
  const value = expression(decl!.initializer!, 0, ctx);
  return ctx.js ? `${docs}export const ${name} = ${value};\n` : `${docs}export declare const ${name}: ${typed};\n`;
}

/** A statement the JavaScript emit removes: its comments go with it (the file's header comes back, by compileToDist). */
function elided(node: ts.Statement, first: boolean, ctx: Ctx): string {
  for (const r of typescript.getLeadingCommentRanges(ctx.text, node.pos) ?? []) {
    const raw = ctx.text.slice(r.pos, r.end);
    const header = first && r.kind === typescript.SyntaxKind.SingleLineCommentTrivia && !raw.startsWith('///');
    // the JSDoc of a removed declaration is removed with it; anything else is declined
    const jsdoc = !typescript.isImportDeclaration(node) && raw.startsWith('/**') && raw !== '/**/';
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
    const done = eachStatement(source, text, js, (node, ctx) => {
      const first = node === source.statements[0];
      if (typescript.isImportDeclaration(node)) {
        if (!node.importClause?.isTypeOnly) decline();
        return js ? elided(node, first, ctx) : importDeclaration(node, ctx, imported);
      }
      if (typescript.isInterfaceDeclaration(node) || typescript.isTypeAliasDeclaration(node)) {
        if (!isExported(node)) decline();
        if (!js) return comments(node, 0, ctx) + statement(node, ctx);
        statement(node, ctx); // checked and its names counted as used, printed in the declarations only
        return elided(node, first, ctx);
      }
      if (typescript.isVariableStatement(node)) {
        constants++;
        return constant(node, ctx);
      }
      return decline();
    });
    if (!done || constants === 0 || (!js && imported.some((n) => !done.ctx.used.has(n)))) return undefined;
    return done.out;
  };
  return jsAndDts(print);
}
