/**
 * generator/emit/typescript/syntax.ts reads the TypeScript the emitter writes without the
 * TypeScript compiler, for the exact printers (format/typescript.ts, dist-print.ts). Sound only
 * while every tree it gives is the one the TypeScript parser builds (shapes, names, literal
 * values, positions, `multiLine`, trailing commas) and its comments are TypeScript's: held here
 * to the TypeScript parser (test/typescript/syntax-reference.ts converts its tree) on a table of
 * sources with the tree each gives or its decline, on comments (markers inside strings, leading
 * ranges, counts), on random sources with line breaks and comments between any two tokens, and
 * on every file the emitter writes for docs-input, QEMU 2.8.0's legacy docs and QAPI releases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { commentRanges, countComments, parseSource, type SourceFile } from '../../generator/emit/typescript/syntax.js';
import { ts as typescript } from 'ts-morph';
import type { Model } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';
import { ROOT, templatesOnce } from './helpers.js';
import { fromTypeScript, typescriptTree } from './syntax-reference.js';

/** A tree as short text: `Kind(fields)`, names and literal values as written, true flags by name, no positions. */
function sketch(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sketch).join(', ')}]`;
  const node = value as Record<string, unknown>;
  if (node.kind === 'Identifier') return String(node.text);
  if (node.kind === 'StringLiteral') return JSON.stringify(node.text);
  if (node.kind === 'NumericLiteral' || node.kind === 'KeywordType') return String(node.text);
  const fields: string[] = [];
  for (const [key, v] of Object.entries(node)) {
    if (key === 'kind' || key === 'pos' || key === 'start' || key === 'end' || v === undefined) continue;
    if (typeof v === 'boolean') {
      if (v) fields.push(key);
    } else if (typeof v === 'string') fields.push(v);
    else fields.push(sketch(v));
  }
  return `${String(node.kind)}(${fields.join(', ')})`;
}

/** Plain data (no undefined fields), to compare our tree with the converted one. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** The TypeScript scanner's count of comments in [pos, end) (what parse.ts counted before it had its own parser). */
function typescriptComments(text: string, pos: number, end: number): number {
  const scanner = typescript.createScanner(typescript.ScriptTarget.ES2022, false, typescript.LanguageVariant.Standard, text);
  scanner.resetTokenState(pos);
  let n = 0;
  for (let t = scanner.scan(); t !== typescript.SyntaxKind.EndOfFileToken && scanner.getTokenStart() < end; t = scanner.scan())
    if (t === typescript.SyntaxKind.SingleLineCommentTrivia || t === typescript.SyntaxKind.MultiLineCommentTrivia) n++;
  return n;
}

/** Every node of our tree. */
function* nodes(value: unknown): Generator<{ pos: number; end: number }> {
  if (Array.isArray(value)) for (const v of value) yield* nodes(v);
  else if (value && typeof value === 'object') {
    const node = value as { kind?: unknown; pos: number; end: number };
    if (typeof node.kind === 'string') yield node;
    for (const v of Object.values(node)) if (v && typeof v === 'object') yield* nodes(v);
  }
}

/**
 * Our tree of `text` is the TypeScript parser's (which reports no syntax error), and at every
 * node's position our leading comment ranges and comment count are TypeScript's.
 */
function expectTypeScriptsTree(text: string, ours: SourceFile): void {
  const { source, diagnostics } = typescriptTree(text);
  expect(diagnostics, 'TypeScript reports a syntax error').toBe(0);
  expect(plain(ours.statements)).toEqual(plain(fromTypeScript(source)));
  expect(ours.commentStarts.length).toBe(typescriptComments(text, 0, text.length));
  for (const node of nodes(ours.statements)) {
    const theirs = (typescript.getLeadingCommentRanges(text, node.pos) ?? []).map((r) => ({
      kind: r.kind === typescript.SyntaxKind.SingleLineCommentTrivia ? 'line' : 'block',
      pos: r.pos,
      end: r.end,
      hasTrailingNewLine: r.hasTrailingNewLine === true,
    }));
    expect(commentRanges(text, node.pos), `comments before ${node.pos}`).toEqual(theirs);
    expect(countComments(ours, node.pos, node.end), `comments in [${node.pos}, ${node.end})`).toBe(typescriptComments(text, node.pos, node.end));
  }
}

describe('parseSource: the TypeScript parser\'s tree', () => {
  it.each([
    ['named imports, type-only, a name `type`', 'import { a, type B, type } from "./a.js";\nimport type { C, } from \'./c.js\'\n', 'ImportDeclaration([Specifier(a), Specifier(isTypeOnly, B), Specifier(type)], "./a.js") ImportDeclaration(isTypeOnly, [Specifier(C)], trailingComma, "./c.js")'],
    ['re-exports', 'export * from "./r.js";\nexport { Qmp } from "./c.js";\nexport type { T, type U } from "./t.js";\nexport {} from "./e.js";\n', 'ExportDeclaration("./r.js") ExportDeclaration([Specifier(Qmp)], "./c.js") ExportDeclaration(isTypeOnly, [Specifier(T), Specifier(isTypeOnly, U)], "./t.js") ExportDeclaration([], "./e.js")'],
    ['an interface: extends, readonly, optional, quoted and keyword names, an index signature, each separator', 'export interface A extends B, C<D> {\n    readonly a?: string;\n    "b-c": number,\n    default: null\n    readonly: boolean; [key: string]: unknown }\n', 'InterfaceDeclaration(exported, A, [ExpressionWithTypeArguments(B), ExpressionWithTypeArguments(C, [TypeReference(D)])], [PropertySignature(readonly, a, optional, string), PropertySignature("b-c", number), PropertySignature(default, LiteralType(NullKeyword())), PropertySignature(readonly, boolean), IndexSignature(key, string, unknown)])'],
    ['keyword and literal types', 'type K = any | unknown | bigint | symbol | object | never | void | undefined | "s" | 0 | 42 | -1 | - 7 | true | false | null;\n', 'TypeAliasDeclaration(K, UnionType([any, unknown, bigint, symbol, object, never, void, undefined, LiteralType("s"), LiteralType(0), LiteralType(42), LiteralType(PrefixUnaryExpression(1)), LiteralType(PrefixUnaryExpression(7)), LiteralType(TrueKeyword()), LiteralType(FalseKeyword()), LiteralType(NullKeyword())]))'],
    ['arrays, parentheses, operators, indexed access, generics', 'type T = readonly (A | B)[] | keyof Q | Record<string, A[][]> | Q["k"] | (A & B);\n', 'TypeAliasDeclaration(T, UnionType([TypeOperator(readonly, ArrayType(ParenthesizedType(UnionType([TypeReference(A), TypeReference(B)])))), TypeOperator(keyof, TypeReference(Q)), TypeReference(Record, [string, ArrayType(ArrayType(TypeReference(A)))]), IndexedAccessType(TypeReference(Q), LiteralType("k")), ParenthesizedType(IntersectionType([TypeReference(A), TypeReference(B)]))]))'],
    ['a leading `|` and `&`, one member after it, nested generics closing with `>>`', 'type U =\n  | "a"\n  | { t: "c" };\ntype One = | A;\ntype I = & A & B;\ntype N = A<B<C>>;\n', 'TypeAliasDeclaration(U, UnionType([LiteralType("a"), TypeLiteral([PropertySignature(t, LiteralType("c"))])])) TypeAliasDeclaration(One, UnionType([TypeReference(A)])) TypeAliasDeclaration(I, IntersectionType([TypeReference(A), TypeReference(B)])) TypeAliasDeclaration(N, TypeReference(A, [TypeReference(B, [TypeReference(C)])]))'],
    ['type literals across lines, empty ones', 'type O = {\n  a: {\n    b?: string;\n  };\n} & {} & { c: 1, d: 2 };\n', 'TypeAliasDeclaration(O, IntersectionType([TypeLiteral([PropertySignature(a, TypeLiteral([PropertySignature(b, optional, string)]))]), TypeLiteral([]), TypeLiteral([PropertySignature(c, LiteralType(1)), PropertySignature(d, LiteralType(2))])]))'],
    ['a `[` on the next line starts a member, not an array type', 'interface I {\n  a: string\n  [k: string]: unknown\n}\n', 'InterfaceDeclaration(I, [PropertySignature(a, string), IndexSignature(k, string, unknown)])'],
    [
      'a class of methods: optional parameters, return statements, `static` and `get` members, no semicolons',
      'export class C extends B<X, Y> {\n  m(a: A, b?: string): Promise<void> {\n    return this.execute("m", a, b);\n  }\n  static make(): C { return new C() }\n  get size(): number { return this.n }\n  get\n  other(): void { return }\n  static(): void {}\n}\n',
      'ClassDeclaration(exported, C, ExpressionWithTypeArguments(B, [TypeReference(X), TypeReference(Y)]), [MethodDeclaration(m, [Parameter(a, TypeReference(A)), Parameter(b, optional, string)], TypeReference(Promise, [void]), [ReturnStatement(CallExpression(PropertyAccessExpression(ThisKeyword(), execute), ["m", a, b]))]), MethodDeclaration(modified, make, [], TypeReference(C), [ReturnStatement(NewExpression(C, []))]), GetAccessor(size, [], number, [ReturnStatement(PropertyAccessExpression(ThisKeyword(), n))]), GetAccessor(other, [], void, [ReturnStatement()]), MethodDeclaration(static, [], void, [])])',
    ],
    ['a function declaration, a trailing comma after parameters', 'function f() { return 1 }\nexport function g(x: string,): void {}\n', 'FunctionDeclaration(f, [], [ReturnStatement(1)]) FunctionDeclaration(modified, g, [Parameter(x, string)], trailingComma, void, [])'],
    [
      'constants: literals, arrays and objects over lines and on one, calls, reads, minus',
      "export const A: ReadonlyArray<string> = Object.freeze([\n  'a',\n  \"b\"\n]);\nconst B = { a: [1, -2], 'odd-key': { c: null, d: true, e: false }, f: G.h.i, };\n",
      'VariableStatement(exported, A, TypeReference(ReadonlyArray, [string]), CallExpression(PropertyAccessExpression(Object, freeze), [ArrayLiteralExpression(["a", "b"], multiLine)])) VariableStatement(B, ObjectLiteralExpression([PropertyAssignment(a, ArrayLiteralExpression([1, PrefixUnaryExpression(2)])), PropertyAssignment("odd-key", ObjectLiteralExpression([PropertyAssignment(c, NullKeyword()), PropertyAssignment(d, TrueKeyword()), PropertyAssignment(e, FalseKeyword())])), PropertyAssignment(f, PropertyAccessExpression(PropertyAccessExpression(G, h), i))], trailingComma))',
    ],
    [
      'the shell bin: a `#!` line, an assignment of an awaited call with an arrow function',
      "#!/usr/bin/env node\n// header\nimport { runShell } from './runtime/shell.js';\nprocess.exitCode = await runShell({\n  connect: (options) => Qmp.connect(options),\n  none: () => f(),\n  two: (a, b) => [a, b],\n  argv: process.argv.slice(2),\n});\n",
      'ImportDeclaration([Specifier(runShell)], "./runtime/shell.js") ExpressionStatement(BinaryExpression(PropertyAccessExpression(process, exitCode), AwaitExpression(CallExpression(runShell, [ObjectLiteralExpression([PropertyAssignment(connect, ArrowFunction([options], CallExpression(PropertyAccessExpression(Qmp, connect), [options]))), PropertyAssignment(none, ArrowFunction([], CallExpression(f, []))), PropertyAssignment(two, ArrowFunction([a, b], ArrayLiteralExpression([a, b]))), PropertyAssignment(argv, CallExpression(PropertyAccessExpression(PropertyAccessExpression(process, argv), slice), [2]))], multiLine, trailingComma)]))))',
    ],
    ['a call continues across a line break; ASI before a word', 'x.y = f\n(1)\nz = a.b\n.c\nconst q: T = 1\n', 'ExpressionStatement(BinaryExpression(PropertyAccessExpression(x, y), CallExpression(f, [1]))) ExpressionStatement(BinaryExpression(z, PropertyAccessExpression(PropertyAccessExpression(a, b), c))) VariableStatement(q, TypeReference(T), 1)'],
    ['string escapes are cooked', 'type S = "a\\"b" | \'c\\\'d\' | "\\n\\t\\\\\\x41\\u0042\\0";\n', 'TypeAliasDeclaration(S, UnionType([LiteralType("a\\"b"), LiteralType("c\'d"), LiteralType("\\n\\t\\\\AB\\u0000")]))'],
    ['only comments', '// a\n/* b */\n', ''],
  ])('%s', (_what, text, expected) => {
    const ours = parseSource(text);
    expect(ours, 'declined').toBeDefined();
    expect(ours!.statements.map(sketch).join(' ')).toBe(expected);
    expectTypeScriptsTree(text, ours!);
  });
});

describe('parseSource: declines what it does not read', () => {
  it.each([
    // outside the language
    ['a default import', 'import A from "./a.js";\n'],
    ['a namespace import', 'import * as A from "./a.js";\n'],
    ['a side-effect import', 'import "./a.js";\n'],
    ['an alias', 'import { a as b } from "./a.js";\n'],
    ['`type as as`', 'import { type as as } from "./a.js";\n'],
    ['import attributes', 'import { a } from "./a.json" with { type: "json" };\n'],
    ['an attribute on the next line', 'import { a } from "./a.json"\nwith { type: "json" };\n'],
    ['a local export', 'const a = 1;\nexport { a };\n'],
    ['`export * as`', 'export * as ns from "./a.js";\n'],
    ['`export type *`', 'export type * from "./a.js";\n'],
    ['`export type as` (TypeScript reads the start of `export type * as`)', 'export type as = string;\n'],
    ['export default', 'export default 1;\n'],
    ['declare', 'export declare const a: string;\n'],
    ['an enum', 'export enum E { A }\n'],
    ['let', 'let a: string = "";\n'],
    ['two declarations', 'const a = 1, b = 2;\n'],
    ['no initializer', 'const a: string;\n'],
    ['type parameters', 'type G<T> = T[];\n'],
    ['a function type', 'type F = (a: string) => void;\n'],
    ['a parenthesized type before an arrow', 'type F = (A) => void;\n'],
    ['a conditional type', 'type C = A extends B ? C : D;\n'],
    ['a tuple', 'type T = [A, B];\n'],
    ['typeof', 'type T = typeof a;\n'],
    ['a qualified name', 'type T = a.B;\n'],
    ['a qualified name on the next line', 'type T = a\n.B;\n'],
    ['a keyword and a dot', 'type T = string.B;\n'],
    ['a template literal type', 'type T = `a${B}`;\n'],
    ['a float', 'type T = 1.5;\n'],
    ['a hexadecimal number', 'type T = 0x10;\n'],
    ['a leading zero', 'type T = 01;\n'],
    ['a big integer', 'type T = 1n;\n'],
    ['a separator in a number', 'type T = 1_000;\n'],
    ['a method signature', 'interface I { m(): void }\n'],
    ['a property without a type', 'interface I { a; }\n'],
    ['a modifier', 'interface I { public a: string }\n'],
    ['`readonly` before a line break', 'interface I {\n  readonly\n  a: string;\n}\n'],
    ['a construct signature', 'interface I { new (): I }\n'],
    ['a computed name', 'interface I { [k]: string }\n'],
    ['a class property', 'class C { x = 1; }\n'],
    ['a constructor', 'class C { constructor() {} }\n'],
    ['a private method', 'class C { private m(): void {} }\n'],
    ['an async method', 'class C { async m(): Promise<void> {} }\n'],
    ['an optional method', 'class C { m?(): void {} }\n'],
    ['a setter', 'class C { set v(x: string) {} }\n'],
    ['implements', 'class C implements I {}\n'],
    ['a parameter without a type', 'class C { m(a): void {} }\n'],
    ['a parameter initializer', 'class C { m(a: string = ""): void {} }\n'],
    ['another statement in a body', 'class C { m(): void { this.go(); } }\n'],
    ['a return before a line break and an expression', 'class C { m(): void {\n return\n this.go();\n} }\n'],
    ['a binary operator', 'const a = b + c;\n'],
    ['a minus on the next line', 'const a = b\n- 1;\n'],
    ['a comparison', 'const a = b < c;\n'],
    ['a conditional', 'const a = b ? c : d;\n'],
    ['an element access', 'const a = b[0];\n'],
    ['`as`', 'const a = b as C;\n'],
    ['`in` on the next line', 'x.y = a\nin b;\n'],
    ['optional chaining', 'const a = b?.c;\n'],
    ['a non-null assertion', 'const a = b!;\n'],
    ['a template literal', 'const a = `b`;\n'],
    ['a spread', 'const a = [...b];\n'],
    ['a hole', 'const a = [, 1];\n'],
    ['a shorthand property', 'const a = { b };\n'],
    ['a numeric key', 'const a = { 1: b };\n'],
    ['a method property', 'const a = { b() { return 1; } };\n'],
    ['an arrow without parentheses', 'const a = b => b;\n'],
    ['an arrow after a line break', 'const a = (b)\n=> b;\n'],
    ['an arrow with a block', 'const a = () => {};\n'],
    ['an arrow with a typed parameter', 'const a = (b: string) => b;\n'],
    ['an async arrow', 'const a = async () => 1;\n'],
    ['a parenthesized expression', 'const a = (b);\n'],
    ['`await` in a function', 'export const a = () => await b;\n'],
    ['`await` in a literal', 'export const a = [await b];\n'],
    ['`await` twice', 'export const a = await f(await b);\n'],
    ['`await` before an object (TypeScript\'s tree then has a second `;`)', 'import { b } from "b";\nx.y = await {};\n'],
    ['`await` before a parenthesized arrow (`await (a)` to TypeScript)', 'export const a = await (a) => b;\n'],
    ['a chained assignment', 'a.b = c = d;\n'],
    ['a call statement', 'f();\n'],
    ['`await` in a script (no import or export: a name there)', 'x.y = await f();\n'],
    ['`new` without arguments', 'const a = new C;\n'],
    ['a reserved word as a value', 'const a = class;\n'],
    ['`type` before a line break', 'type\nT = 1;\n'],
    ['an empty statement', 'type T = 1;;\n'],
    ['a labeled statement', 'a: b = 1;\n'],
    ['a regular expression', 'const a = /b/;\n'],
    // what TypeScript reports as syntax errors
    ['a missing type', 'export interface A { a: }\n'],
    ['an unterminated string', 'type T = "a\n";\n'],
    ['an unterminated comment', 'type T = 1; /* a\n'],
    ['two members on a line without a separator', 'interface I { a: string b: string }\n'],
    ['two statements on a line', 'type A = 1 type B = 2\n'],
    ['a trailing comma in type arguments', 'type T = A<B,>;\n'],
    // what the scanner does not read
    ['a non-ASCII name', 'type Ä = 1;\n'],
    ['an escape in a name', 'type \\u0041 = 1;\n'],
    ['a non-breaking space', 'type\u00a0A = 1;\n'],
    ['an octal escape', 'type T = "\\1";\n'],
    ['a \\u{...} escape', 'type T = "\\u{41}";\n'],
    ['a line continuation', 'type T = "a\\\nb";\n'],
    ['a decorator', '@d class C {}\n'],
    ['a private name', 'class C { #m(): void {} }\n'],
  ])('%s', (_what, text) => {
    expect(parseSource(text)).toBeUndefined();
  });
});

describe('comments', () => {
  it.each([
    ['markers inside strings are no comments', 'type T = "// not" | \'/* not */\';\nexport const A: unknown = { "a//b": "/*", c: "*/" };\n', 0],
    ['line, block and JSDoc comments between tokens', '// one\n/** two */\nexport interface /* three */ A {\n  a: /* four\n five */ string; // six\n}\n', 5],
    ['a comment after the last statement', 'type T = 1;\n// end\n', 1],
    ['a `#!` line is no comment', '#!/usr/bin/env node // not a comment\nx.y = 1; /**/\n', 1],
  ])('%s', (_what, text, count) => {
    const ours = parseSource(text);
    expect(ours).toBeDefined();
    expect(ours!.commentStarts.length).toBe(count);
    expectTypeScriptsTree(text, ours!);
  });

  it('leading ranges: from the first line break on, a `#!` line skipped at 0, each with its trailing line break', () => {
    const text = '#!/usr/bin/env node\n// a\n/* b */ /* c */\ntype T = 1; // d\n/* e */\ntype U = 2;';
    const ours = parseSource(text)!;
    const [first, second] = ours.statements;
    const ranges = (pos: number) => commentRanges(text, pos).map((r) => `${text.slice(r.pos, r.end)}${r.hasTrailingNewLine ? '\\n' : ''}`);
    expect(ranges(first!.pos)).toEqual(['// a\\n', '/* b */', '/* c */\\n']);
    // `// d` trails the statement before: not before the next one
    expect(ranges(second!.pos)).toEqual(['/* e */\\n']);
    expectTypeScriptsTree(text, ours);
  });

  it.each([
    ['`[` then a line break', 'const a = [\n1];\n', true],
    ['`[` then a line comment', 'const a = [ // c\n1];\n', true],
    ['`[` then a block comment across lines', 'const a = [/* c\n */ 1];\n', true],
    ['`[` then a block comment on the line', 'const a = [/* c */ 1,\n2];\n', false],
    ['an empty literal across lines', 'const a = [\n];\n', true],
    ['`{` then a line break', 'const a = {\na: 1 };\n', true],
    ['`{` on the line of its first property', 'const a = { a: 1,\nb: 2\n};\n', false],
  ])('multiLine: %s', (_what, text, multiLine) => {
    const ours = parseSource(text)!;
    const init = (ours.statements[0] as { initializer: { multiLine: boolean } }).initializer;
    expect(init.multiLine).toBe(multiLine);
    expectTypeScriptsTree(text, ours);
  });
});

// ---- random sources: tokens of the language with line breaks and comments between them ----

/** Mostly plain names, sometimes a word with a meaning somewhere (declined where it is not a name). */
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'B', 'x1', '$_', 'ok') },
  { weight: 1, arbitrary: fc.constantFrom('type', 'get', 'readonly', 'keyof', 'default', 'string', 'in', 'as', 'new', 'this', 'await', 'static', 'from') },
);
const typeArb: fc.Arbitrary<string[]> = fc.letrec<{ t: string[] }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(['string'], ['null'], ['"s"'], ['7'], ['-', '1'], ['Ref'], ['undefined'], ['void'], ['symbol']).map((t) => [...t]),
    tie('t').map((t) => [...t, '[', ']']),
    fc.tuple(tie('t'), tie('t'), fc.constantFrom('|', '&')).map(([a, b, op]) => [...a, op, ...b]),
    fc.tuple(tie('t'), fc.constantFrom('|', '&')).map(([a, op]) => [op, ...a]),
    tie('t').map((t) => ['(', ...t, ')']),
    tie('t').map((t) => ['Array', '<', ...t, '>']),
    fc.tuple(tie('t'), tie('t')).map(([a, b]) => ['Record', '<', ...a, ',', ...b, '>']),
    tie('t').map((t) => ['readonly', ...t]),
    fc.constantFrom(['keyof', 'Ref'], ['Q', '[', '"k"', ']']).map((t) => [...t]),
    fc.array(fc.tuple(name, fc.boolean(), tie('t'), fc.constantFrom(';', ',', '')), { maxLength: 3 }).map((ms) => ['{', ...ms.flatMap(([n, o, t, sep]) => [n, ...(o ? ['?'] : []), ':', ...t, ...(sep ? [sep] : [])]), '}']),
  ),
})).t;
const valueArb: fc.Arbitrary<string[]> = fc.letrec<{ v: string[] }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(['"a//b"'], ["'/*c*/'"], ['0'], ['42'], ['-', '3'], ['true'], ['null'], ['undefined'], ['x'], ['this', '.', 'y']).map((v) => [...v]),
    fc.tuple(fc.array(tie('v'), { maxLength: 3 }), fc.boolean()).map(([vs, comma]) => ['[', ...vs.flatMap((v, i) => (i ? [',', ...v] : v)), ...(comma && vs.length ? [','] : []), ']']),
    fc.array(fc.tuple(name, tie('v')), { maxLength: 3 }).map((ps) => ['{', ...ps.flatMap(([k, v], i) => [...(i ? [','] : []), k, ':', ...v]), '}']),
    fc.tuple(tie('v'), fc.array(tie('v'), { maxLength: 2 })).map(([f, args]) => [...f, '(', ...args.flatMap((a, i) => (i ? [',', ...a] : a)), ')']),
    tie('v').map((v) => ['(', 'p', ')', '=>', ...v]),
    tie('v').map((v) => ['new', 'C', '(', ...v, ')']),
    fc.tuple(tie('v'), name).map(([v, n]) => [...v, '.', n]),
  ),
})).v;
const statementArb: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.boolean(), name, typeArb).map(([e, n, t]) => [...(e ? ['export'] : []), 'type', n, '=', ...t, ';']),
  fc.tuple(fc.boolean(), name, fc.array(fc.tuple(fc.boolean(), name, fc.boolean(), typeArb), { maxLength: 3 })).map(([e, n, ms]) => [
    ...(e ? ['export'] : []),
    'interface',
    n,
    '{',
    ...ms.flatMap(([ro, m, o, t]) => [...(ro ? ['readonly'] : []), m, ...(o ? ['?'] : []), ':', ...t, ';']),
    '}',
  ]),
  fc.tuple(fc.boolean(), name, fc.option(typeArb, { nil: undefined }), valueArb).map(([e, n, t, v]) => [...(e ? ['export'] : []), 'const', n, ...(t ? [':', ...t] : []), '=', ...v, ';']),
  fc.tuple(name, fc.boolean(), valueArb).map(([n, a, v]) => ['x', '.', n, '=', ...(a ? ['await'] : []), ...v, ';']),
  fc.tuple(fc.constantFrom('import', 'import type', 'export', 'export type'), fc.array(fc.tuple(fc.boolean(), name), { maxLength: 3 })).map(([kw, ns]) => [
    ...kw.split(' '),
    '{',
    ...ns.flatMap(([t, n], i) => [...(i ? [','] : []), ...(t ? ['type'] : []), n]),
    '}',
    'from',
    '"./m.js"',
    ';',
  ]),
  fc.tuple(name, fc.array(fc.tuple(fc.constantFrom('', 'static', 'get'), name, typeArb, fc.option(valueArb, { nil: undefined })), { maxLength: 3 })).map(([n, ms]) => [
    'class',
    n,
    '{',
    ...ms.flatMap(([mod, m, t, v]) => [...(mod ? [mod] : []), m, '(', ')', ':', ...t, '{', ...(v ? ['return', ...v, ';'] : []), '}']),
    '}',
  ]),
);
/** What goes between two tokens: a space, a line break, or a comment (none where tokens would merge). */
const gap = fc.constantFrom(' ', ' ', ' ', ' ', ' ', ' ', '\n', '', ' /* c */ ', '/* c\n */', ' // c\n', '\n\n');

describe('parseSource: random sources', () => {
  it("gives the TypeScript parser's tree, comments and all, or declines", () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(statementArb, { minLength: 1, maxLength: 3 }), fc.array(gap, { minLength: 300, maxLength: 300 }), (statements, gaps) => {
        const tokens = statements.flat();
        let text = '';
        tokens.forEach((t, i) => {
          const g = gaps[i % gaps.length]!;
          const glue = g === '' && /\w$/.test(text) && /^\w/.test(t) ? ' ' : g;
          text += (i ? glue : '') + t;
        });
        const ours = parseSource(`${text}\n`);
        if (ours) {
          parsed++;
          expectTypeScriptsTree(`${text}\n`, ours);
        }
      }),
      { numRuns: 300 },
    );
    // most of what the arbitrary writes is in the language: a parser that declined it all would agree trivially
    console.log(`random sources: ${parsed} of 300 read`);
    expect(parsed).toBeGreaterThan(50);
  }, 120_000);
});

describe('parseSource: dense texts', () => {
  // the scanner makes room for one token per 16 characters and grows it as needed: texts of a
  // token every few characters, whose statements end at line breaks alone (so the line breaks
  // read before each growth must survive it), read as TypeScript reads them
  it.each([
    ['members without semicolons', `interface I {\n${Array.from({ length: 600 }, (_, i) => `a${i}: 1`).join('\n')}\n}\n`],
    ['a long union over lines', `type U =\n${Array.from({ length: 800 }, (_, i) => `| ${i}`).join('\n')}\nconst x: U = 1\n`],
  ])('%s', (_what, text) => {
    const ours = parseSource(text);
    expect(ours, 'declined').toBeDefined();
    expectTypeScriptsTree(text, ours!);
  });
});

// ---- what the emitter writes ----

async function emitted(model: Model, inputs: VFile[]): Promise<{ path: string; contents: string }[]> {
  const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
  const files = emitTypescript(model, { reporter, packageName: 'x', generatorVersion: '0.0.0', templates: await templatesOnce() });
  return files.filter((f) => f.path.startsWith('src/') && f.path.endsWith('.ts') && !f.preformatted);
}

function expectAllRead(files: readonly { path: string; contents: string }[]): void {
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const ours = parseSource(f.contents);
    expect(ours, `${f.path} declined`).toBeDefined();
    expectTypeScriptsTree(f.contents, ours!);
  }
}

function legacyModel(paths: string[]): { model: Model; inputs: VFile[] } {
  const inputs = paths.map((p) => new VFile({ path: p, value: readFileSync(p, 'utf8') }));
  return { model: buildModel(inputs, new Reporter(inputs, new VFile({ path: 'qmp-codegen' }))), inputs };
}

describe('every TypeScript file the emitter writes is read, as the TypeScript parser reads it', () => {
  it('generated/src (formatted)', () => {
    const dir = path.join(ROOT, 'generated/src');
    expectAllRead(readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => ({ path: f, contents: readFileSync(path.join(dir, f), 'utf8') })));
  });

  it('docs-input/', async () => {
    const { model, inputs } = legacyModel(['qmp-commands.txt', 'qmp-events.txt'].map((n) => path.join(ROOT, 'docs-input', n)));
    expectAllRead(await emitted(model, inputs));
  }, 60_000);

  const v28 = corpusVersions().find((v) => v.version === '2.8.0');
  it.runIf(v28 !== undefined)('the legacy docs of QEMU 2.8.0', async () => {
    const { model, inputs } = legacyModel([v28!.commandsTxt, v28!.events!]);
    expectAllRead(await emitted(model, inputs));
  }, 60_000);

  const releases = requireQapiCorpus() ? qapiReleases() : [];
  const picked = releases.filter((r) => ['1.0', '7.2.0', '9.1.0'].includes(r.version));
  it.runIf(picked.length > 0).each(picked)('QAPI $version (and its guest agent)', async (r) => {
    for (const root of [r.root, ...(r.qga ? [r.qga] : [])]) {
      const { part, files } = readSchema(root);
      expectAllRead(await emitted(partToModel(part), files));
    }
  }, 180_000);
});
