/**
 * `dist/types.d.ts` printed as TypeScript's declaration emit prints it, without running it.
 *
 * `src/types.ts` declares types only: interfaces of property signatures and type aliases of
 * references, literals, unions and intersections, with JSDoc. Its declaration file is the same
 * declarations re-printed by the compiler's printer: 4-space indentation, one member per line,
 * unions and intersections on one line, type literals across lines, string literals as
 * written (the emitter writes double quotes), blank lines dropped, and each comment
 * re-indented by the rule of its writeCommentRange (a comment line keeps its offset from the
 * comment's first line; blank lines in it stay blank; trailing white space goes), comments
 * other than JSDoc and `/*!` dropped. Every declaration is exported (a local one may be dropped).
 * `transpileDeclaration` builds a program for this (0.2 s on QEMU 2.8's 147 KB, 0.45 s on
 * 7.2's 518 KB, cold); this is a parse and a walk. Anything outside the subset sends the
 * whole file to the compiler (undefined here), so the result is the compiler's byte for byte:
 * test/typescript/dts.test.ts holds the two equal on cases at the edges and on the types
 * emitted for docs-input and QAPI releases.
 */
import type { ts } from 'ts-morph';
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
      if (raw.startsWith('///')) decline();
      continue;
    }
    if (!(raw.startsWith('/**') && raw !== '/**/') && !raw.startsWith('/*!')) continue;
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
      head += ` extends ${h.types.map((t) => (typescript.isIdentifier(t.expression) && !t.typeArguments ? t.expression.text : decline())).join(', ')}`;
    }
    return `${head} {\n${members(node.members, 1, ctx)}}\n`;
  }
  if (typescript.isTypeAliasDeclaration(node)) {
    if (node.typeParameters) decline();
    return `${exported(node)}type ${node.name.text} = ${type(node.type, 0, ctx)};\n`;
  }
  return decline();
}

/** The comments in text[pos, end), by the scanner, to check that each was printed. */
function commentsIn(text: string, pos: number, end: number): number {
  const scanner = typescript.createScanner(typescript.ScriptTarget.ES2022, false, typescript.LanguageVariant.Standard, text);
  scanner.resetTokenState(pos);
  let n = 0;
  for (let t = scanner.scan(); t !== typescript.SyntaxKind.EndOfFileToken && scanner.getTokenStart() < end; t = scanner.scan())
    if (t === typescript.SyntaxKind.SingleLineCommentTrivia || t === typescript.SyntaxKind.MultiLineCommentTrivia) n++;
  return n;
}

/**
 * The declaration file of a types-only module, as `transpileDeclaration` writes it, or
 * undefined when the text leaves the subset (the caller runs the compiler then).
 */
export function printTypesDeclaration(fileName: string, text: string): string | undefined {
  if (text.startsWith('#!') || text.includes('\r')) return undefined;
  const source = typescript.createSourceFile(fileName, text, typescript.ScriptTarget.ES2022, false, typescript.ScriptKind.TS);
  // a syntax error is the compiler's to report (compileToDist turns it into a problem)
  if ((source as ts.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length) return undefined;
  const ctx: Ctx = { text, source, comments: 0 };
  try {
    let out = '';
    for (const node of source.statements) {
      // a local declaration is dropped when nothing exported uses it, and its module gets a
      // scope marker (`export {};`): the emitter exports every declaration, so it is declined
      if (!isExported(node)) decline();
      ctx.comments = 0;
      out += comments(node, 0, ctx) + statement(node, ctx);
      if (commentsIn(text, node.pos, node.end) !== ctx.comments) decline();
    }
    const last = source.statements.at(-1);
    return last && text.slice(last.end).trim() === '' ? out : undefined;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}
