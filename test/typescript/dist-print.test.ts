/**
 * dist-print.ts prints dist/ files without the compiler: the declaration file of a types-only
 * module (the emitter's src/types.ts), and the JavaScript and declaration file of the client
 * class (src/client.ts), of the module of constants (src/names.ts) and of the entry modules
 * (src/index.ts, src/shell.ts). Sound only while the result is `transpileDeclaration`'s and
 * `transpileModule`'s byte for byte. Held to the compiler, with the options compile.ts uses,
 * on cases at the edges (comment indentation, blank comment lines, nested type literals,
 * quoted keys, type-only imports), on random files, and on the files emitted for docs-input/,
 * QEMU 2.8.0's legacy docs and QAPI releases. Every case also checks the printer did print (a
 * printer that declined everything would agree trivially), and the cases outside its subset
 * check that it declines and that compileToDist then gives the compiler's output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { compilerOptions, compileToDist, distOptions, leadingLineComments, withHeader } from '../../generator/emit/typescript/compile.js';
import { printClientModule, printedAsWritten, printEntryModule, printTypesDeclaration, printValuesModule, reindented } from '../../generator/emit/typescript/dist-print.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { ts as typescript } from 'ts-morph';
import type { Model } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';
import { ROOT, templatesOnce } from './helpers.js';

const tsconfig = readFileSync(path.join(ROOT, 'templates/package/tsconfig.json'), 'utf8');
const { jsOptions, dtsOptions } = distOptions(compilerOptions(tsconfig));

/** The compiler's declaration file for `text`, as compile.ts runs it. */
function compiled(text: string, fileName = 'src/types.ts'): string {
  const out = typescript.transpileDeclaration(text, {
    fileName,
    reportDiagnostics: true,
    jsDocParsingMode: typescript.JSDocParsingMode.ParseNone,
    compilerOptions: dtsOptions,
  });
  expect(out.diagnostics ?? []).toEqual([]);
  return out.outputText;
}

function expectSame(text: string, fileName = 'src/types.ts'): void {
  const ours = printTypesDeclaration(fileName, text);
  expect(ours, 'the printer declined').toBeTypeOf('string');
  expect(ours).toBe(compiled(text, fileName));
  // a prefix (compileToDist's header) is put before the same text
  expect(printTypesDeclaration(`${fileName}?prefixed`, text, '// header\n')).toBe(`// header\n${ours}`);
}

/** The compiler's JavaScript for `text`, as compile.ts runs it. */
function compiledJs(text: string, fileName = 'src/client.ts'): string {
  const out = typescript.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    jsDocParsingMode: typescript.JSDocParsingMode.ParseNone,
    compilerOptions: jsOptions,
  });
  expect(out.diagnostics ?? []).toEqual([]);
  return out.outputText;
}

function expectSameClient(text: string, fileName = 'src/client.ts'): void {
  const ours = printClientModule(fileName, text);
  expect(ours, 'the printer declined').toBeDefined();
  expect(ours!.js).toBe(compiledJs(text, fileName));
  expect(ours!.dts).toBe(compiled(text, fileName));
}

describe('printTypesDeclaration: the compiler\'s output', () => {
  it.each([
    ['an interface', 'export interface A { x: string }\n'],
    ['empty interfaces and type literals', 'export interface A {}\nexport interface B {\n\n}\nexport type C = {};\nexport type D = { e: {} };\n'],
    ['extends', 'export interface B { b: null }\nexport interface A extends B, C {\n  a: B;\n}\nexport interface C { c: 1 }\n'],
    ['a header of line comments (dropped)', '// Generated.\n// Inputs: none\nexport interface A {\n  x?: number;\n}\n'],
    ['a header before JSDoc', '// Generated.\n\n/** A. */\nexport interface A {\n  x?: number;\n}\n'],
    ['kept and dropped block comments', '/*! keep */\nexport type T = 1;\nexport interface A {\n  /* x */\n  a: 1;\n  /*! y */\n  b: 2;\n  /**/\n  c: 3;\n}\n'],
    ['JSDoc after a blank line and after JSDoc', '/** a */\nexport type T = 1;\n/** b */\n\n/** c */\nexport type U = 1;\n'],
    ['quoted keys and readonly', 'export interface A {\n  readonly "odd-name"?: string;\n  "a b": boolean[];\n}\n'],
    ['an index signature', 'export interface A {\n  [key: string]: unknown;\n}\n'],
    ['literal types', 'export type L = "x" | -1 | 0 | 42 | true | false | null | undefined;\n'],
    ['keywords', 'export type K = string | number | boolean | unknown | any | never | object | void;\n'],
    ['arrays, readonly arrays, keyof, generics', 'export type T = readonly string[] | keyof A | Array<A> | Record<string, A[]>;\nexport interface A { a: 1 }\n'],
    ['parentheses', 'export type P = (A | B)[] | (A & B);\nexport type A = { a: 1 };\nexport type B = { b: 2 };\n'],
    ['a union over lines (printed on one)', 'export type U =\n  | "a"\n  | "b"\n  | { t: "c" };\n'],
    ['an intersection of literals', 'export type I = { kind: "x" } & {\n  a?: string;\n  b: { c: number; d: { e: "f" } };\n};\n'],
    ['JSDoc at each level', '/** Top. */\nexport interface A {\n  /** Member. */\n  m: {\n    /** Nested. */\n    n: string;\n  };\n}\n'],
    [
      'JSDoc lines indented more, less, and blank',
      '/**\n * One.\n *\n *     code\n *   two\n\n * three\n */\nexport type T = string;\nexport interface A {\n    /**\n       * deeper\n  * shallower\n     */\n    x: 1;\n}\n',
    ],
    ['comments between members and statements', 'export interface A {\n  // line\n  a: 1;\n  /* block */\n  b: 2;\n}\n\n\n// between\nexport type B = A;\n'],
    ['trailing white space in a comment', '/** a   \n *  b \t\n */\nexport type T = 1;\n'],
  ])('%s', (_what, text) => expectSame(text));
});

describe('printTypesDeclaration: declines outside its subset, and the compiler runs', () => {
  it.each([
    ['a function', 'export interface A { a: 1 }\nexport function f(): void {}\n'],
    ['a single-quoted string', "export type T = 'a';\n"],
    ['an escape in a string', 'export type T = "a\\"b";\n'],
    ['a method signature', 'export interface A { m(): void }\n'],
    ['type parameters', 'export interface A<T> { t: T }\n'],
    ['a comment after a member on its line', 'export interface A {\n  a: 1; // trailing\n}\n'],
    ['two comments on a line', 'export interface A {\n  /** z */ /** w */\n  a: 1;\n}\n'],
    ['a triple-slash directive', '/// <reference types="node" />\nexport type T = 1;\n'],
    ['no export (a script)', 'type T = 1;\n'],
    ['a local type (dropped when unused)', 'type Unused = 1;\nexport interface A { a: 1 }\n'],
    ['a local type (kept when used, with a scope marker)', 'type Local = number;\nexport interface A { n: Local }\n'],
    ['a tab in a comment\'s indentation', 'export interface A {\n\t/** x */\n  a: 1;\n}\n'],
    ['a syntax error', 'export interface A { a: }\n'],
    ['CRLF line ends', 'export interface A {\r\n  a: 1;\r\n}\r\n'],
    ['a shebang', '#!/usr/bin/env node\nexport type T = 1;\n'],
    ['a float literal', 'export type T = 1.5;\n'],
  ])('%s', (_what, text) => {
    expect(printTypesDeclaration('src/t.ts', text)).toBeUndefined();
    const src = [{ path: 'src/t.ts', contents: text }];
    const viaShortcut = compileToDist(src, compilerOptions(tsconfig), undefined, new Set(['src/t.ts']));
    const out = typescript.transpileDeclaration(text, {
      fileName: 'src/t.ts',
      reportDiagnostics: true,
      jsDocParsingMode: typescript.JSDocParsingMode.ParseNone,
      compilerOptions: dtsOptions,
    });
    expect(viaShortcut.files.find((f) => f.path === 'dist/t.d.ts')!.contents).toBe(out.outputText);
  });

  it('options that drop comments or declarations go to the compiler', () => {
    const text = '/** @internal */\nexport interface A { a: 1 }\nexport type B = 2;\n';
    for (const extra of [{ removeComments: true }, { stripInternal: true }]) {
      const options = { ...compilerOptions(tsconfig), ...extra };
      const shortcut = compileToDist([{ path: 'src/t.ts', contents: text }], options, undefined, new Set(['src/t.ts']));
      const full = compileToDist([{ path: 'src/t.ts', contents: text }], options);
      expect(shortcut.files).toEqual(full.files);
      expect(shortcut.files.find((f) => f.path === 'dist/t.d.ts')!.contents).not.toContain('@internal');
    }
  });
});

const METHOD = '    m(a?: A, o?: O): Promise<R> {\n        return this.execute("m", a, o);\n    }\n';
describe("printClientModule: the compiler's output", () => {
  it.each([
    ['an empty class', 'import { B } from "./b.js";\nexport class C extends B {\n}\n'],
    ['a header, type-only imports, type arguments', '// Generated.\n// Inputs: none\nimport { B, type O } from "./b.js";\nimport type { A, R } from "./t.js";\n\n/** C. */\nexport class C extends B<A, R> {\n' + METHOD + '}\n'],
    ['methods of each shape', 'import { B } from "./b.js";\nimport type { A } from "./t.js";\nexport class C extends B {\n    stop(options?: string): Promise<void> {\n        return this.execute("stop", undefined, options);\n    }\n\n    eject(args?: A, options?: string): Promise<A[]> {\n        return this.execute("eject", args, options);\n    }\n    resize(args: A, options?: string): Promise<{ r: 1; s?: "x" | null }> {\n        return this.execute("block_resize", args, options);\n    }\n}\n'],
    ['comments of every kind', 'import { B } from "./b.js";\n// before the class\n/*! kept */\nexport class C extends B {\n    // line\n    /* block */\n    /**\n       * deeper\n  * shallower\n\n     */\n    m(): Promise<void> {\n        return this.execute("m");\n    }\n}\n'],
    ['a class without a base', 'export class C {\n    m(): Promise<void> {\n        return this.go("m");\n    }\n}\n'],
  ])('%s', (_what, text) => expectSameClient(text));
});

describe('printClientModule: declines outside its subset, and the compiler runs', () => {
  it.each([
    ['an unused import (the declaration emit drops it)', 'import { B, type O } from "./b.js";\nexport class C extends B {\n}\n'],
    ['only type specifiers in an import', 'import { type O } from "./b.js";\nimport { B } from "./b.js";\nexport class C extends B<O> {\n}\n'],
    ['a comment before a type-only import', '/* head */\nimport type { A } from "./t.js";\nimport { B } from "./b.js";\nexport class C extends B<A> {\n}\n'],
    ['a property', 'import { B } from "./b.js";\nexport class C extends B {\n    x: number = 1;\n}\n'],
    ['a method with two statements', 'import { B } from "./b.js";\nexport class C extends B {\n    m(): void {\n        this.go();\n        return;\n    }\n}\n'],
    ['a parameter without a type', 'import { B } from "./b.js";\nexport class C extends B {\n    m(a): Promise<void> {\n        return this.go(a);\n    }\n}\n'],
    ['a comment in a body', 'import { B } from "./b.js";\nexport class C extends B {\n    m(): Promise<void> {\n        // why\n        return this.go();\n    }\n}\n'],
    ['two methods of one name', 'import { B } from "./b.js";\nexport class C extends B {\n    m(): Promise<void> {\n        return this.go();\n    }\n    m(): Promise<void> {\n        return this.go();\n    }\n}\n'],
    ['two classes', 'import { B } from "./b.js";\nexport class C extends B {\n}\nexport class D extends B {\n}\n'],
    ['an interface beside the class', 'import { B } from "./b.js";\nexport interface I { a: 1 }\nexport class C extends B {\n}\n'],
    ['a default import', 'import B from "./b.js";\nexport class C extends B {\n}\n'],
    ['a trailing comma in an import (kept in JavaScript, dropped in the declarations)', 'import { B, } from "./b.js";\nexport class C extends B {\n}\n'],
    ['a type-only file', 'export interface A { a: 1 }\n'],
  ])('%s', (_what, text) => {
    expect(printClientModule('src/c.ts', text)).toBeUndefined();
    const src = [{ path: 'src/c.ts', contents: text }];
    const viaShortcut = compileToDist(src, compilerOptions(tsconfig));
    expect(viaShortcut.files.find((f) => f.path === 'dist/c.js')!.contents).toBe(compiledJs(text, 'src/c.ts'));
    expect(viaShortcut.files.find((f) => f.path === 'dist/c.d.ts')!.contents).toBe(
      typescript.transpileDeclaration(text, { fileName: 'src/c.ts', jsDocParsingMode: typescript.JSDocParsingMode.ParseNone, compilerOptions: dtsOptions }).outputText,
    );
  });

  it('options it does not print for go to the compiler', () => {
    const text = 'import { B, type O } from "./b.js";\n/** @internal */\nexport class C extends B<O> {\n    // line\n    m(o?: O): Promise<void> {\n        return this.go(o);\n    }\n}\n';
    for (const extra of [{ removeComments: true }, { stripInternal: true }, { verbatimModuleSyntax: false }]) {
      const options = { ...compilerOptions(tsconfig), ...extra };
      const { jsOptions: js, dtsOptions: dts } = distOptions(options);
      const got = compileToDist([{ path: 'src/c.ts', contents: text }], options);
      const base = { fileName: 'src/c.ts', jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
      expect(got.files.find((f) => f.path === 'dist/c.js')!.contents).toBe(typescript.transpileModule(text, { ...base, compilerOptions: js }).outputText);
      expect(got.files.find((f) => f.path === 'dist/c.d.ts')!.contents).toBe(typescript.transpileDeclaration(text, { ...base, compilerOptions: dts }).outputText);
    }
  });
});

/** The values printer against the compiler, both with the file's header put back as compileToDist does. */
function expectSameValues(text: string, fileName = 'src/names.ts'): void {
  const ours = printValuesModule(fileName, text);
  expect(ours, 'the printer declined').toBeDefined();
  const header = leadingLineComments(text);
  expect(withHeader(header, ours!.js)).toBe(withHeader(header, compiledJs(text, fileName)));
  expect(withHeader(header, ours!.dts)).toBe(withHeader(header, compiled(text, fileName)));
}

describe("printValuesModule: the compiler's output", () => {
  it.each([
    ['a header, a type-only import, an interface, constants', '// Generated.\n// Inputs: none\nimport type { A } from "./t.js";\n\n/** I. */\nexport interface I {\n    /** m */\n    readonly m: ReadonlyArray<{ readonly a: A; readonly b?: string }>;\n}\n\n/** C. */\nexport const C: ReadonlyArray<string> = Object.freeze([\n        \'a\',\n        "b"\n    ]);\nexport const D: I = Object.freeze({ m: [] });\n'],
    ['nested objects and arrays, over lines and on one', "export const X: unknown = Object.freeze({\n  'odd-key': [\n    'a',\n    'b'\n  ],\n  plain: ['c', 'd'],\n  inner: {\n    deeper: { e: 1, f: true, g: null },\n    empty: {},\n    none: []\n  },\n  n: 42\n});\n"],
    ['property reads and undefined', "export const G: { v?: string } = Object.freeze({ v: undefined });\nexport const V: string | undefined = G.v;\n"],
    ['a type alias', 'export type K = "a" | "b";\nexport const KS: readonly K[] = ["a", "b"];\n'],
  ])('%s', (_what, text) => expectSameValues(text));
});

describe('printValuesModule: declines outside its subset, and the compiler runs', () => {
  it.each([
    ['a trailing comma', "export const A: string[] = [\n  'a',\n];\n"],
    ['a let', "export let A: string = 'a';\n"],
    ['no type annotation', "export const A = 'a';\n"],
    ['a local constant', "const A: string = 'a';\nexport const B: string = A;\n"],
    ['an arrow function', 'export const F: () => void = () => {};\n'],
    ['a shorthand property', "export const a: string = 'x';\nexport const O: { a: string } = { a };\n"],
    ['a value import', "import { A } from './a.js';\nexport const B: string = A;\n"],
    ['a comment in a value', "export const A: string[] = [\n  // why\n  'a'\n];\n"],
    ['a float', 'export const A: number = 1.5;\n'],
    ['a template literal', 'export const A: string = `a`;\n'],
    // the emits keep the lines elements were written on
    ['elements on lines of their own after the first on the bracket\'s line', 'export const A: unknown = [1,\n  2];\n'],
    ['the closing bracket on a line of its own after elements on the bracket\'s line', 'export const A: unknown = [1, 2\n];\n'],
    ['two elements on a line of a literal written across lines', 'export const A: unknown = [\n  1, 2,\n  3\n];\n'],
    ['two properties on a line of an object written across lines', 'export const A: unknown = {\n  a: 1, b: 2\n};\n'],
    ['a property on a line of its own after the first on the brace\'s line', 'export const A: unknown = { a: 1,\n b: 2 };\n'],
    ['a line break before a property read', 'export const A: unknown = B\n  .c;\n'],
    ['only types (no constant)', 'export interface A { a: 1 }\n'],
  ])('%s', (_what, text) => {
    expect(printValuesModule('src/v.ts', text)).toBeUndefined();
    const got = compileToDist([{ path: 'src/v.ts', contents: text }], compilerOptions(tsconfig));
    const base = { fileName: 'src/v.ts', jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
    const header = leadingLineComments(text);
    expect(got.files.find((f) => f.path === 'dist/v.js')!.contents).toBe(withHeader(header, typescript.transpileModule(text, { ...base, compilerOptions: jsOptions }).outputText));
    expect(got.files.find((f) => f.path === 'dist/v.d.ts')!.contents).toBe(withHeader(header, typescript.transpileDeclaration(text, { ...base, compilerOptions: dtsOptions }).outputText));
  });
});

/** The entry printer against the compiler, both with the file's header put back as compileToDist does. */
function expectSameEntry(text: string, fileName = 'src/index.ts'): void {
  const ours = printEntryModule(fileName, text);
  expect(ours, 'the printer declined').toBeDefined();
  const header = leadingLineComments(text);
  expect(withHeader(header, ours!.js)).toBe(withHeader(header, compiledJs(text, fileName)));
  expect(withHeader(header, ours!.dts)).toBe(withHeader(header, compiled(text, fileName)));
}

const SHELL = [
  '#!/usr/bin/env node',
  '// The bin. Generated.',
  '// Inputs: none',
  'import { runShell } from "./runtime/shell.js";',
  'import { Qmp } from "./client.js";',
  'import { COMMANDS, GENERATED_FROM } from "./names.js";',
  'process.exitCode = await runShell({',
  "  name: 'qmp-client-shell',",
  '  connect: (options) => Qmp.connect(options),',
  '  commands: COMMANDS,',
  '  generatedFrom: GENERATED_FROM,',
  '  argv: process.argv.slice(2),',
  '});',
  '',
].join('\n');

describe("printEntryModule: the compiler's output", () => {
  it.each([
    ['re-exports under a header', '// Package entry point. Generated.\n// Inputs: none\nexport * from "./runtime/index.js";\nexport { Qmp } from "./client.js";\nexport * from "./types.js";\nexport * from "./names.js";\n'],
    ['a header and a blank line, comments of every kind', '// h\n\n/** doc */\nexport * from "./a.js";\n// line\n/*! kept */\n/* plain */\nexport { A, B } from "./b.js";\n'],
    ['type-only re-exports and specifiers (removed from JavaScript)', 'export * from "./a.js";\nexport { Q, type R } from "./c.js";\nexport type { S } from "./t.js";\n'],
    ['a header before a removed first statement', '// h\nexport type { A } from "./a.js";\nexport * from "./b.js";\n'],
    ['no semicolons', 'export * from "./a.js"\nexport { Q } from "./c.js"\n'],
    ['the shell bin', SHELL],
    ['a `#!` line, blank lines around the header', '#!/usr/bin/env node\n\n// h\n\nimport { a } from "./a.js";\nx.y = a;\n'],
    ['a type-only import first under a header (which compileToDist puts back)', '// h\nimport type { T } from "./t.js";\nimport { a } from "./a.js";\nx.y = a;\n'],
    ['a `#!` line ending in spaces, re-exports', '#!/usr/bin/env node  \nexport * from "./a.js";\n'],
    ['comments before statements kept in JavaScript and removed from the declarations', '#!/usr/bin/env node\n// h\nimport { a } from "./a.js";\n// line\nx.y = a;\n// after\nx.z = a;\n'],
    ['values: literals, arrows, await, trailing commas', 'import { a } from "./a.js";\nx.y = await a({ n: \'q\', c: (o, p) => Q.c(o), d: () => 1, e: [1, 2,], f: [\n  {\n    g: null,\n  },\n], });\nz.w = [];\n'],
    ['imports, a re-export and an assignment', 'import { a } from "./a.js";\nexport * from "./b.js";\nx.y = a;\n'],
  ])('%s', (_what, text) => expectSameEntry(text, text.startsWith('#!') ? 'src/shell.ts' : 'src/index.ts'));
});

describe('printEntryModule: declines outside its subset, and the compiler runs', () => {
  it.each([
    ['no import or export (a script)', 'x.y = 1;\n'],
    ['single quotes', "export * from './a.js';\n"],
    ['a header before a removed first statement after a `#!` line (compileToDist cannot put it back)', '#!/usr/bin/env node\n// h\nimport type { T } from "./t.js";\nimport { a } from "./a.js";\nx.y = a;\n'],
    ['a header and a blank line before a removed first statement (the JavaScript emit keeps it)', '// h\n\nimport type { T } from "./t.js";\nimport { a } from "./a.js";\nx.y = a;\n'],
    ['JSDoc before a removed first statement (kept in the declarations before a blank line, else dropped)', '#!/usr/bin/env node\n/** doc */\nimport { a } from "./a.js";\nx.y = a;\n'],
    ['JSDoc before an assignment (dropped from the declarations)', 'import { a } from "./a.js";\n/** doc */\nx.y = a;\n'],
    ['a negative number', 'import { a } from "./a.js";\nx.y = -1;\n'],
    ['an import only used by nothing, with a block comment the declarations keep', '#!/usr/bin/env node\n/** doc */\n\nimport { a } from "./a.js";\nx.y = a;\n'],
    ['a block comment before a removed statement', 'import { a } from "./a.js";\n/*! x */\nx.y = a;\n'],
    ['only type specifiers re-exported', 'export { type R } from "./c.js";\n'],
    ['an empty re-export', 'export {} from "./c.js";\n'],
    ['a trailing comma in a re-export', 'export { Q, } from "./c.js";\n'],
    ['a line break around `=`', 'import { a } from "./a.js";\nx.y =\n  a;\n'],
    ['an arrow over lines', 'import { a } from "./a.js";\nx.y = a((o) =>\n  o);\n'],
    ['`await` before a line break', 'import { a } from "./a.js";\nx.y = await\n  a();\n'],
    ['a call statement', 'import { a } from "./a.js";\na();\n'],
    ['a declaration', 'export * from "./a.js";\nexport const A: string = "a";\n'],
    ['CRLF line ends', 'export * from "./a.js";\r\n'],
    ['a comment after the last statement', 'export * from "./a.js";\n// end\n'],
    ['a local export', 'import { a } from "./a.js";\nexport { a };\n'],
  ])('%s', (_what, text) => {
    expect(printEntryModule('src/e.ts', text)).toBeUndefined();
    const got = compileToDist([{ path: 'src/e.ts', contents: text }], compilerOptions(tsconfig));
    const base = { fileName: 'src/e.ts', jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
    const header = leadingLineComments(text);
    expect(got.files.find((f) => f.path === 'dist/e.js')!.contents).toBe(withHeader(header, typescript.transpileModule(text, { ...base, compilerOptions: jsOptions }).outputText));
    expect(got.files.find((f) => f.path === 'dist/e.d.ts')!.contents).toBe(withHeader(header, typescript.transpileDeclaration(text, { ...base, compilerOptions: dtsOptions }).outputText));
  });
});

// ---- comments as written ----

describe('comments already at their indentation are printed as written', () => {
  /** The declaration emit's re-indentation (reindented), or 'declined'. */
  const slow = (raw: string, level: number): string => {
    try {
      return reindented(raw, level * 4, level);
    } catch {
      return 'declined';
    }
  };
  const line = fc.array(fc.constantFrom(' ', ' ', '*', 'a', 'b', '@', '\t', '\u00a0', '\u2028', '`'), { maxLength: 8 }).map((cs) => cs.join(''));

  it.each([
    ['/** one line */', true],
    ['/**\n     * a\n     *\n     * b\n     */', true],
    ['/**\n     * a\n\n     * b\n     */', true],
    ['/** trailing space */ ', false],
    ['/**\n     * a \n     */', false],
    ['/**\n     *\n    \n     */', false],
    ['/**\n\t * tab\n */', false],
    ['/**\n    \u00a0* nbsp\n */', false],
    ['/**\n * a\u2028\n */', false],
  ])('%j: as written %s', (raw, asWritten) => {
    expect(printedAsWritten(raw)).toBe(asWritten);
    if (asWritten) for (const level of [0, 1, 2]) expect(slow(raw, level)).toBe(`${' '.repeat(level * 4)}${raw}\n`);
  });

  it('on random comments, printed as written only where re-indenting gives the same', () => {
    let asWritten = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10), line), { maxLength: 5 }), fc.nat(2), (lines, level) => {
        const raw = `/**${lines.map(([pad, l]) => `\n${' '.repeat(pad)}${l}`).join('')}\n${' '.repeat(level * 4)} */`;
        if (!printedAsWritten(raw)) return;
        asWritten++;
        expect(slow(raw, level)).toBe(`${' '.repeat(level * 4)}${raw}\n`);
      }),
      { numRuns: 300 },
    );
    expect(asWritten).toBeGreaterThan(30);
  });
});

// ---- random declarations ----

const word = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/);
/** A declaration's name (never a reserved word). */
const declName = word.map((w) => `N${w}`);
const key = fc.oneof(word, fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/).map((k) => `"${k}"`));
const commentText = fc.array(fc.stringMatching(/^[ a-z*@{}`.-]{0,12}$/), { minLength: 1, maxLength: 4 });
/** A JSDoc with random indentation on each line after the first, or nothing. */
const jsdoc = fc.option(
  fc.tuple(commentText, fc.array(fc.nat(6), { minLength: 4, maxLength: 4 })).map(([lines, pads]) =>
    lines.length === 1 ? `/** ${lines[0]} */` : `/**\n${lines.map((l, i) => `${' '.repeat(pads[i]!)}* ${l}`).join('\n')}\n */`,
  ),
  { nil: undefined },
);
const typeArb: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('string', 'number', 'boolean', 'unknown', 'null', '"lit"', '-1', '7', 'Ref'),
    tie('t').map((t) => `${t}[]`),
    fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((ts) => ts.join(' | ')),
    fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((ts) => `(${ts.join(' & ')})`),
    fc
      .array(fc.tuple(jsdoc, key, fc.boolean(), tie('t')), { minLength: 0, maxLength: 3 })
      .map((ms) => `{\n${ms.map(([d, k, opt, t]) => `${d ? `${d}\n` : ''}${k}${opt ? '?' : ''}: ${t};`).join('\n')}\n}`),
  ),
})).t;
const statementArb = fc.oneof(
  fc
    .tuple(jsdoc, declName, fc.array(fc.tuple(jsdoc, key, fc.boolean(), typeArb), { maxLength: 4 }), fc.nat(4))
    .map(([d, name, ms, indent]) => {
      const pad = ' '.repeat(indent);
      return `${d ? `${d}\n` : ''}export interface ${name} {\n${ms.map(([md, k, opt, t]) => `${md ? `${pad}${md.replace(/\n/g, `\n${pad}`)}\n` : ''}${pad}${k}${opt ? '?' : ''}: ${t};`).join('\n')}\n}`;
    }),
  fc.tuple(jsdoc, declName, typeArb).map(([d, name, t]) => `${d ? `${d}\n` : ''}export type ${name} = ${t};`),
);

describe('printTypesDeclaration: random declarations', () => {
  it("prints the compiler's output", () => {
    fc.assert(
      fc.property(fc.array(statementArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\n\n'), (stmts, sep) => {
        expectSame(`export type Ref = 1;\n${stmts.join(sep)}\n`);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});


const paramArb = fc.tuple(fc.constantFrom('args', 'options', 'a'), fc.boolean(), typeArb);
const methodArb = fc
  .tuple(jsdoc, declName, fc.array(paramArb, { maxLength: 2 }), typeArb, fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), fc.boolean())
  .map(([d, name, params, ret, wire, blank]) => {
    const ps = params.map(([p, opt, t], i) => `${p}${i}${opt ? '?' : ''}: ${t}`).join(', ');
    const args = [`"${wire}"`, ...params.map(([p], i) => `${p}${i}`), 'undefined'].join(', ');
    return `${d ? `    ${d.replace(/\n/g, '\n    ')}\n` : ''}    m${name}(${ps}): Promise<Ref | ${ret}> {\n        return this.execute(${args});\n    }\n${blank ? '\n' : ''}`;
  });

describe('printClientModule: random clients', () => {
  it("prints the compiler's output", () => {
    fc.assert(
      fc.property(jsdoc, fc.uniqueArray(methodArb, { maxLength: 4, selector: (m) => /m\w+\(/.exec(m)![0] }), (d, methods) => {
        // Ref is used by every type the arbitrary writes, B by the class: no import goes unused
        const head = 'import { B } from "./b.js";\nimport type { Ref } from "./t.js";\n';
        expectSameClient(`${head}${d ? `${d}\n` : ''}export class C extends B<Ref> {\n${methods.join('')}}\n`);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});


const valueArb: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom("'a'", '"b"', "'c-d'", '0', '7', 'true', 'false', 'null', 'undefined', 'Ref'),
    fc.tuple(fc.array(tie('v'), { maxLength: 3 }), fc.boolean()).map(([vs, multi]) => (multi && vs.length ? `[\n${vs.join(',\n')}\n]` : `[${vs.join(', ')}]`)),
    fc
      .tuple(fc.uniqueArray(fc.tuple(key, tie('v')), { maxLength: 3, selector: ([k]) => k }), fc.boolean())
      .map(([ps, multi]) => {
        const items = ps.map(([k, v]) => `${k}: ${v}`);
        return multi && items.length ? `{\n${items.join(',\n')}\n}` : `{ ${items.join(', ')} }`;
      }),
    tie('v').map((v) => `Object.freeze(${v})`),
  ),
})).v;

describe('printValuesModule: random constants', () => {
  it("prints the compiler's output", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(jsdoc, declName, valueArb), { minLength: 1, maxLength: 3, selector: ([, n]) => n }), (consts) => {
        const body = consts.map(([d, n, v]) => `${d ? `${d}\n` : ''}export const ${n}: unknown = ${v};`).join('\n');
        expectSameValues(`// Header.\nexport const Ref: number = 1;\n${body}\n`);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

// ---- what the emitter writes ----

interface RawSources {
  types: string;
  client: string;
  names: string;
  index: string;
  shell: string;
}

/** The emitter's src/*.ts (as the emitter hands them to compileToDist). */
async function rawSources(model: Model, inputs: VFile[]): Promise<RawSources> {
  const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
  const files = emitTypescript(model, { reporter, packageName: 'x', generatorVersion: '0.0.0', templates: await templatesOnce() });
  const of = (p: string) => files.find((f) => f.path === p)!.contents;
  return { types: of('src/types.ts'), client: of('src/client.ts'), names: of('src/names.ts'), index: of('src/index.ts'), shell: of('src/shell.ts') };
}

function expectBoth(raw: RawSources): void {
  expectSame(raw.types);
  expectSameClient(raw.client);
  expectSameValues(raw.names);
  expectSameEntry(raw.index, 'src/index.ts');
  expectSameEntry(raw.shell, 'src/shell.ts');
}

function legacyModel(paths: string[]): { model: Model; inputs: VFile[] } {
  const inputs = paths.map((p) => new VFile({ path: p, value: readFileSync(p, 'utf8') }));
  return { model: buildModel(inputs, new Reporter(inputs, new VFile({ path: 'qmp-codegen' }))), inputs };
}

describe("the emitter's src/types.ts, src/client.ts, src/names.ts, src/index.ts and src/shell.ts", () => {
  it('for docs-input/', async () => {
    const { model, inputs } = legacyModel(['qmp-commands.txt', 'qmp-events.txt'].map((n) => path.join(ROOT, 'docs-input', n)));
    expectBoth(await rawSources(model, inputs));
  }, 60_000);

  const v28 = corpusVersions().find((v) => v.version === '2.8.0');
  it.runIf(v28 !== undefined)('for the legacy docs of QEMU 2.8.0', async () => {
    const { model, inputs } = legacyModel([v28!.commandsTxt, v28!.events!]);
    expectBoth(await rawSources(model, inputs));
  }, 60_000);

  const releases = requireQapiCorpus() ? qapiReleases() : [];
  const picked = releases.filter((r, i) => i === 0 || r.version === '7.2.0' || i === releases.length - 1);
  it.runIf(picked.length > 0).each(picked)('for QAPI $version (and its guest agent)', async (r) => {
    for (const root of [r.root, ...(r.qga ? [r.qga] : [])]) {
      const { part, files } = readSchema(root);
      expectBoth(await rawSources(partToModel(part), files));
    }
  }, 120_000);
});
