/**
 * structure-print.ts prints source files from ts-morph structures without ts-morph. Sound only
 * while its text is ts-morph's `printStructure`'s (default options) byte for byte. Held to it on
 * cases at the edges (what code-block-writer tracks while writing: quotes, backticks, comment
 * markers and regular expressions in docs, types and statements; multi-line texts at each
 * nesting level; blank lines between statements), on random structures of the subset, and on
 * the structures the emitter builds for docs-input/, QEMU 2.8.0's legacy docs and QAPI
 * releases. Every case also checks that the printer did print (a printer that declined
 * everything would agree trivially); the cases outside its subset check that it declines and
 * that the emitter then gets ts-morph's text. ts-morph.ts's constants are checked against
 * ts-morph's enums, and its laziness in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import * as tsMorph from 'ts-morph';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { printSource, sourceStructures } from '../../generator/emit/typescript/index.js';
import { printSourceStructure } from '../../generator/emit/typescript/structure-print.js';
import { StructureKind, structureKindName, VariableDeclarationKind } from '../../generator/emit/typescript/ts-morph.js';
import type { Model } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';
import { ROOT, templatesOnce } from './helpers.js';

type Statements = Array<string | tsMorph.StatementStructures>;

const K = StructureKind;
const sourceFile = (statements: unknown): tsMorph.SourceFileStructure =>
  ({ kind: K.SourceFile, statements }) as tsMorph.SourceFileStructure;

/** ts-morph's text: the reference. */
function reference(statements: unknown): string {
  return tsMorph.printStructure(sourceFile(statements));
}

/** Ours printed (did not decline) and equals ts-morph's. */
function expectSame(statements: unknown): string {
  const ours = printSourceStructure(sourceFile(statements));
  expect(ours, 'the printer declined').toBeTypeOf('string');
  expect(ours).toBe(reference(statements));
  return ours!;
}

/** Ours declined, and the emitter's `printSource` then gives ts-morph's text. */
function expectDeclined(statements: unknown): void {
  expect(printSourceStructure(sourceFile(statements))).toBeUndefined();
  expect(printSource(statements as Statements)).toBe(reference(statements));
}

const iface = (extra: Record<string, unknown> = {}) => ({ kind: K.Interface, name: 'I', isExported: true, ...extra });
const prop = (extra: Record<string, unknown> = {}) => ({ name: 'p', type: 'string', ...extra });
const alias = (extra: Record<string, unknown> = {}) => ({ kind: K.TypeAlias, name: 'T', type: 'string', ...extra });
const variable = (extra: Record<string, unknown> = {}) => ({
  kind: K.VariableStatement,
  declarationKind: VariableDeclarationKind.Const,
  declarations: [{ name: 'v', type: 'number', initializer: '1' }],
  ...extra,
});
const klass = (methods: unknown[], extra: Record<string, unknown> = {}) => ({ kind: K.Class, name: 'C', isExported: true, extends: 'B', methods, ...extra });
const method = (extra: Record<string, unknown> = {}) => ({
  name: 'm',
  parameters: [{ name: 'a', type: 'A' }, { name: 'o', type: 'O', hasQuestionToken: true }],
  returnType: 'Promise<void>',
  statements: ['return this.x(a, o);'],
  ...extra,
});

describe("ts-morph.ts's constants are ts-morph's", () => {
  it('StructureKind, member for member, both ways', () => {
    const theirs = Object.entries(tsMorph.StructureKind).filter(([, v]) => typeof v === 'number');
    expect(Object.entries(StructureKind)).toEqual(theirs);
    for (const [name, value] of theirs) expect(structureKindName(value as tsMorph.StructureKind)).toBe(name);
  });

  it('VariableDeclarationKind, member for member', () => {
    expect(Object.entries(VariableDeclarationKind)).toEqual(Object.entries(tsMorph.VariableDeclarationKind));
  });

  it('importing it (and the printer) does not load ts-morph; printStructure and typescriptApi do, once', () => {
    const url = (f: string) => pathToFileURL(path.join(ROOT, 'generator/emit/typescript', f)).href;
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/](ts-morph|@ts-morph)[\\\\/]/.test(k)).length > 0;
      const m = await import(${JSON.stringify(url('ts-morph.ts'))});
      const p = await import(${JSON.stringify(url('structure-print.ts'))});
      const out = { afterImport: loaded() || m.tsMorphLoaded() };
      out.printed = p.printSourceStructure({ kind: m.StructureKind.SourceFile, statements: [{ kind: m.StructureKind.TypeAlias, name: 'T', type: 'string' }] });
      out.afterOurPrint = loaded();
      out.syntaxKind = typeof m.typescriptApi().SyntaxKind.Identifier === 'number';
      out.afterTypescript = loaded();
      out.replaced = m.typescriptApi() === m.tsMorph().ts;
      out.theirs = m.printStructure({ kind: m.StructureKind.SourceFile, statements: [{ kind: m.StructureKind.TypeAlias, name: 'T', type: 'string' }] });
      console.log(JSON.stringify(out));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({
      afterImport: false,
      printed: 'type T = string;\n',
      afterOurPrint: false,
      syntaxKind: true,
      afterTypescript: true,
      replaced: true,
      theirs: 'type T = string;\n',
    });
  }, 60_000);
});

// ---- cases at the edges ----

/** Texts that code-block-writer reads as something (quotes, comments, regular expressions, escapes, line breaks). */
const TRICKY = [
  "it's",
  'say "hi"',
  'a `code` span',
  'one ` backtick',
  '${x} and `${y}`',
  'a // line comment',
  'a /* block',
  'a /* block */ b',
  'closes */ early',
  'closes */` and opens a template',
  'closes *\\/ escaped',
  '\\@ and \\` and \\\\',
  'a/b/c and x / y',
  "a/' regex",
  '/*/',
  'trailing  ',
  '  leading',
  'line\n\nafter a blank line',
  'crlf\r\nline',
  'lone \r cr',
  'ends with cr\r',
  'tab\there',
  'é and \u00a0 and \u2028',
  '',
  '\nstarts with a line break',
  '*',
  '* / *',
  "'unclosed",
  '"unclosed',
  '{ braces }',
  '}',
];

describe('printSourceStructure: docs', () => {
  it.each(TRICKY.map((t) => [JSON.stringify(t), t]))('docs %s on declarations and members', (_, doc) => {
    expectSame([
      '// header',
      iface({ docs: [doc], properties: [prop({ docs: [doc] }), prop({ name: 'q', docs: [doc, doc] })], indexSignatures: [{ keyName: 'k', keyType: 'string', returnType: 'unknown', docs: [doc] }] }),
      alias({ docs: [doc] }),
      variable({ docs: [doc], isExported: true }),
      klass([method({ docs: [doc] }), method({ name: 'n', docs: [doc] })], { docs: [doc] }),
      alias({ name: 'After' }),
    ]);
  });

  it('several docs on one declaration, and docs as the first statement', () => {
    expectSame([alias({ docs: ['one', 'two\nlines', ''] }), iface({ docs: ['a', 'b'] })]);
  });
});

describe('printSourceStructure: texts across lines at each nesting level', () => {
  const literal = '{\n    a: string;\n    b: {\n        c: number;\n    };\n}';
  it.each([
    ['a type literal as a property type', [iface({ properties: [prop({ type: literal }), prop({ name: 'q' })] })]],
    ['a type literal as an alias type', [alias({ type: literal }), alias({ name: 'U' })]],
    ['an index signature return type', [iface({ indexSignatures: [{ keyName: 'k', keyType: 'string', returnType: literal }] })]],
    ['an interface extends clause', [iface({ extends: ['A', 'B<{\nx: 1;\n}>'] })]],
    ['a class extends clause', [klass([], { extends: 'Base<{\n  x: 1;\n}>' })]],
    ['a parameter type', [klass([method({ parameters: [{ name: 'a', type: literal }] })])]],
    ['a return type', [klass([method({ returnType: `Promise<${literal}>` })])]],
    ['method statements', [klass([method({ statements: ['const x = {\n  a: 1,\n};', 'if (x) {\n    return;\n}', 'return x;'] })])]],
    ['an initializer', [variable({ declarations: [{ name: 'v', type: 'T', initializer: 'Object.freeze({\n  a: [\n    1,\n  ],\n})' }] })]],
    ['an initializer with a template literal across lines', [variable({ declarations: [{ name: 'v', initializer: '`a\nb ${c\n} d`' }] }), alias()]],
    ['a string statement with indentation', ['process.exitCode = await run({\n  name: "x",\n  argv: [],\n});', alias()]],
    ['CRLF in a type', [iface({ properties: [prop({ type: '{\r\n  a: 1;\r\n}' })] })]],
    ['a string statement in a method across lines with a quote open', [klass([method({ statements: ["const s = 'a", 'b;', 'return;'] })])]],
    ['a backtick left open in a type (no indentation after it)', [iface({ properties: [prop({ type: '`a' }), prop({ name: 'q', type: '{\nx: 1;\n}' })] }), klass([method()])]],
    ['a block comment left open by a statement (closed by the next declaration)', ['/* open', alias(), 'x /* again', iface()]],
    ['a line comment in a type', [iface({ properties: [prop({ type: 'string // note' }), prop({ name: 'q' })] })]],
    ['a backtick after `*/` outside a comment (no regular expression: a template)', [iface({ properties: [prop({ type: 'a*/`' }), prop({ name: 'q', type: '{\nx: 1;\n}' })] })]],
    ['a regular expression in an initializer', [variable({ declarations: [{ name: 'r', initializer: "/'[a-z]/g.test('x')" }] }), iface({ properties: [prop()] })]],
    ['an empty string statement in a method', [klass([method({ statements: ['', 'a;', ''] })])]],
    ['statements given as one string', [klass([method({ statements: 'return 1;\nreturn 2;' })])]],
  ])('%s', (_, statements) => {
    expectSame(statements);
  });
});

describe('printSourceStructure: declarations', () => {
  it.each([
    ['an empty interface', [iface()]],
    ['an interface with only index signatures', [iface({ indexSignatures: [{ keyName: 'k', keyType: 'string', returnType: 'unknown' }, { returnType: 'number', isReadonly: true }] })]],
    ['index signatures and properties', [iface({ indexSignatures: [{}], properties: [prop({ hasQuestionToken: true, isReadonly: true }), prop({ name: 'q', type: undefined }), prop({ name: 'r', initializer: '1' })] })]],
    ['an index signature without a return type', [iface({ indexSignatures: [{ keyName: '', keyType: '' }] })]],
    ['interface modifiers', [iface({ isDefaultExport: true }), iface({ isExported: false, hasDeclareKeyword: true }), iface({ extends: 'Base' }), iface({ extends: [] }), iface({ extends: '  ' })]],
    ['type aliases', [alias(), alias({ isExported: true }), alias({ type: '   ' }), alias({ hasDeclareKeyword: true, isDefaultExport: true })]],
    ['an empty class, a class without a name, and without extends', [klass([]), klass([], { name: undefined }), klass([], { extends: undefined, name: '  ' })]],
    ['methods without parameters, with an optional one without a type, without a return type', [klass([method({ parameters: [] }), method({ parameters: [{ name: 'x', hasQuestionToken: true }], returnType: undefined }), method({ hasQuestionToken: true, statements: [] })])]],
    ['parameters with initializers and trailing white space', [klass([method({ parameters: [{ name: 'a ', type: 'A ', initializer: '1 ' }, { name: 'b', initializer: 'x,' }, { name: 'c\n', type: '\nC' }] })])]],
    ['variable statements', [variable(), variable({ declarationKind: undefined }), variable({ declarationKind: VariableDeclarationKind.AwaitUsing, isExported: true }), variable({ declarations: [{ name: 'a' }, { name: 'b', type: 'B', hasExclamationToken: true }, { name: 'c', initializer: '[1, 2]' }] })]],
    ['a declaration without a token and one ending with a comma', [variable({ declarations: [{ name: ' ' }, { name: 'a', initializer: 'f(1,' }, { name: 'b' }, { name: 'c' }] })]],
    ['imports', [
      { kind: K.ImportDeclaration, moduleSpecifier: './a.js', namedImports: [{ name: 'A' }, { name: 'B', isTypeOnly: true }, 'C', { name: 'D', alias: 'E' }] },
      { kind: K.ImportDeclaration, moduleSpecifier: './b.js', isTypeOnly: true, namedImports: ['X'] },
      { kind: K.ImportDeclaration, moduleSpecifier: './c.js' },
      { kind: K.ImportDeclaration, moduleSpecifier: './d.js', defaultImport: 'D', namespaceImport: 'N' },
      { kind: K.ImportDeclaration, moduleSpecifier: './e.js', defaultImport: 'D', namedImports: ['', 'b', ''] },
      { kind: K.ImportDeclaration, moduleSpecifier: 'quote " back \\ line\nbreak \r\n', namedImports: [] },
    ]],
    ['exports', [
      { kind: K.ExportDeclaration, moduleSpecifier: './a.js' },
      { kind: K.ExportDeclaration, moduleSpecifier: './b.js', namedExports: ['Qmp', { name: 'X', alias: 'Y', isTypeOnly: true }] },
      { kind: K.ExportDeclaration },
      { kind: K.ExportDeclaration, isTypeOnly: true, namespaceExport: 'ns', moduleSpecifier: './c.js' },
      { kind: K.ExportDeclaration, namespaceExport: ' ', moduleSpecifier: './d.js' },
      { kind: K.ExportDeclaration, namedExports: ['a', 'b'] },
    ]],
  ])('%s', (_, statements) => {
    expectSame(statements);
  });
});

describe('printSourceStructure: the lines between statements', () => {
  const kinds: Record<string, unknown> = {
    string: 'a();',
    comment: '// a comment',
    stringEndingInBrace: 'if (x) {\n}',
    stringEndingInLineBreak: 'a;\n',
    stringEndingInBlankLine: 'a;\n\n',
    empty: '',
    alias: alias(),
    interface: iface(),
    variable: variable(),
    import: { kind: K.ImportDeclaration, moduleSpecifier: './a.js', namedImports: ['A'] },
    export: { kind: K.ExportDeclaration, moduleSpecifier: './a.js' },
    class: klass([method()]),
    documentedAlias: alias({ docs: ['Doc.'] }),
  };
  const names = Object.keys(kinds);
  it.each(names.flatMap((a) => names.map((b) => [a, b])))('%s then %s', (a, b) => {
    expectSame([kinds[a], kinds[b], kinds[a]]);
  });

  it.each([
    ['a shebang first', ['#!/usr/bin/env node', '// header', { kind: K.ImportDeclaration, moduleSpecifier: './a.js', namedImports: ['a'] }, 'run();']],
    ['nothing', []],
    ['one empty string', ['']],
    ['undefined statements', undefined],
    ['a null statement among others', [alias(), null, iface()]],
    ['statements given as one string', 'a;\nb;'],
  ])('%s', (_, statements) => {
    expectSame(statements);
  });
});

describe('printSourceStructure: declines what it does not print, and ts-morph prints it', () => {
  const fn = (w: tsMorph.CodeBlockWriter) => w.write('x');
  it.each([
    ['a function declaration', [{ kind: K.Function, name: 'f' }]],
    ['an enum', [{ kind: K.Enum, name: 'E', members: [] }]],
    ['a writer function as a statement', [fn]],
    ['a writer function as a type', [alias({ type: fn })]],
    ['a writer function as statements of a method', [klass([method({ statements: fn })])]],
    ['docs as a { description, tags } structure', [alias({ docs: [{ description: 'd', tags: [{ tagName: 'since', text: '1' }] }] })]],
    ['an interface with type parameters', [iface({ typeParameters: ['T'] })]],
    ['an interface with methods', [iface({ methods: [{ name: 'm' }] })]],
    ['a class with properties', [klass([], { properties: [{ name: 'p' }] })]],
    ['a class that is declared', [klass([method()], { hasDeclareKeyword: true })]],
    ['an async method', [klass([method({ isAsync: true })])]],
    ['a statement with leading trivia', [alias({ leadingTrivia: '// x' })]],
    ['a rest parameter', [klass([method({ parameters: [{ name: 'a', isRestParameter: true }] })])]],
    ['a property signature of another kind', [iface({ properties: [{ kind: K.MethodSignature, name: 'm' }] })]],
    ['parameters with a quote', [klass([method({ parameters: [{ name: 'a', type: "'x'" }, { name: 'b' }] })])]],
    ['declarations with a comment', [variable({ declarations: [{ name: 'a', initializer: '1 // one' }, { name: 'b' }] })]],
    ['named imports with a line break', [{ kind: K.ImportDeclaration, moduleSpecifier: 'a', namedImports: ['a\nb'] }]],
    ['import attributes', [{ kind: K.ImportDeclaration, moduleSpecifier: 'a', attributes: [{ name: 'type', value: 'json' }] }]],
    ['a list item that starts with a merge conflict marker', [variable({ declarations: [{ name: '<<<<<<< a' }, { name: 'b' }] })]],
  ])('%s', (_, statements) => {
    expectDeclined(statements);
  });

  it('another top-level structure than a source file', () => {
    expect(printSourceStructure(alias() as tsMorph.Structures)).toBeUndefined();
  });
});

// ---- random structures ----

const RUNS = Number(process.env.QMP_FUZZ_RUNS ?? 300);

/** Text units that code-block-writer and the printers treat specially, and some that they do not. */
const unit = fc.constantFrom('a', 'b', ' ', '  ', '\t', '\n', '\r\n', '\r', '*', '/', '\\', '"', "'", '`', '{', '}', '$', '@', ',', ':', '<', '|', '=', 'é', '\u00a0', '\u2028');
const anyText = fc.string({ unit, maxLength: 12 });
/**
 * The same without `/`: outside JSDoc a `/` can leave a comment open, which ts-morph closes (writes
 * ` *\/`) at the next declaration, inside a list too, whose items the printer then declines.
 */
const noSlashText = fc.string({ unit: unit.filter((u) => u !== '/'), maxLength: 12 });
/** Texts of items of lists of two or more, which the printer reads without a scanner (and declines otherwise). */
const safeText = fc.string({ unit: fc.constantFrom('a', 'b', '_', ' ', '\t', '\n', '{', '}', '*', '<', '|', ',', '?', ':', '.', '('), maxLength: 6 });
const oneLineText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '*', '/', '"', "'", '`', '{', '}', ',', 'é'), maxLength: 6 });

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const docsArb = opt(fc.array(anyText, { maxLength: 2 }));
const flag = opt(fc.boolean());

/** A list of items: texts of `text` when there is one item, safe texts when there are more. */
function listArb<T>(text: fc.Arbitrary<string>, item: (text: fc.Arbitrary<string>) => fc.Arbitrary<T>, max: number, min = 0): fc.Arbitrary<T[]> {
  return fc.oneof(
    fc.array(item(text), { minLength: Math.max(min, 0), maxLength: Math.min(1, max) }),
    fc.array(item(safeText), { minLength: Math.max(min, 2), maxLength: max }),
  );
}

function statementArb(text: fc.Arbitrary<string>, depth: number): fc.Arbitrary<unknown> {
  const property = fc.record(
    { name: text, type: opt(text), hasQuestionToken: flag, isReadonly: flag, initializer: opt(text), docs: docsArb },
    { requiredKeys: ['name'] },
  );
  const indexSignature = fc.record({ keyName: opt(text), keyType: opt(text), returnType: opt(text), isReadonly: flag, docs: docsArb }, { requiredKeys: [] });
  const interfaceArb = fc.record(
    {
      kind: fc.constant(K.Interface),
      name: text,
      isExported: flag,
      isDefaultExport: flag,
      hasDeclareKeyword: flag,
      docs: docsArb,
      extends: opt(fc.oneof(text, fc.array(text, { maxLength: 2 }))),
      properties: opt(fc.array(property, { maxLength: 3 })),
      indexSignatures: opt(fc.array(indexSignature, { maxLength: 2 })),
    },
    { requiredKeys: ['kind', 'name'] },
  );
  const aliasArb = fc.record(
    { kind: fc.constant(K.TypeAlias), name: text, type: text, isExported: flag, isDefaultExport: flag, hasDeclareKeyword: flag, docs: docsArb },
    { requiredKeys: ['kind', 'name', 'type'] },
  );
  const declaration = (t: fc.Arbitrary<string>) =>
    fc.record({ name: t, type: opt(t), initializer: opt(t), hasExclamationToken: flag }, { requiredKeys: ['name'] });
  const variableArb = fc.record(
    {
      kind: fc.constant(K.VariableStatement),
      declarationKind: opt(fc.constantFrom(...Object.values(VariableDeclarationKind))),
      isExported: flag,
      docs: docsArb,
      declarations: listArb(text, declaration, 3, 1),
    },
    { requiredKeys: ['kind', 'declarations'] },
  );
  const specifier = (t: fc.Arbitrary<string>) =>
    fc.oneof(
      t.filter((s) => !/[\r\n]/.test(s)),
      fc.record({ name: t.filter((s) => !/[\r\n]/.test(s)), alias: opt(t.filter((s) => !/[\r\n]/.test(s))), isTypeOnly: flag }, { requiredKeys: ['name'] }),
    );
  const importArb = fc.oneof(
    fc.record(
      { kind: fc.constant(K.ImportDeclaration), moduleSpecifier: text, isTypeOnly: flag, defaultImport: opt(oneLineText), namedImports: opt(listArb(text, specifier, 3)) },
      { requiredKeys: ['kind', 'moduleSpecifier'] },
    ),
    fc.record({ kind: fc.constant(K.ImportDeclaration), moduleSpecifier: text, defaultImport: opt(oneLineText), namespaceImport: oneLineText }),
  );
  const exportArb = fc.oneof(
    fc.record({ kind: fc.constant(K.ExportDeclaration), moduleSpecifier: opt(text), isTypeOnly: flag, namedExports: opt(listArb(text, specifier, 3)) }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant(K.ExportDeclaration), moduleSpecifier: opt(text), namespaceExport: oneLineText }),
  );
  const parameter = (t: fc.Arbitrary<string>) =>
    fc.record({ name: t, type: opt(t), hasQuestionToken: flag, initializer: opt(t) }, { requiredKeys: ['name'] });
  const methodArb = fc.record(
    {
      name: text,
      docs: docsArb,
      hasQuestionToken: flag,
      parameters: opt(listArb(text, parameter, 3)),
      returnType: opt(text),
      statements: depth > 0 ? opt(fc.array(statementArb(text, depth - 1), { maxLength: 3 })) : opt(fc.array(text, { maxLength: 3 })),
    },
    { requiredKeys: ['name'] },
  );
  const classArb = fc.record(
    { kind: fc.constant(K.Class), name: opt(text), isExported: flag, docs: docsArb, extends: opt(text), methods: opt(fc.array(methodArb, { maxLength: 2 })) },
    { requiredKeys: ['kind'] },
  );
  return fc.oneof(text, interfaceArb, aliasArb, variableArb, importArb, exportArb, classArb);
}

const fileArb = fc.array(statementArb(noSlashText, 1), { maxLength: 5 });

describe('printSourceStructure: random structures', () => {
  it(`prints ts-morph's text (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fileArb, (statements) => {
        expectSame(statements);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`any texts in lists: ts-morph's text, or a decline (${RUNS} runs)`, () => {
    const free = fc.array(
      fc.oneof(
        statementArb(anyText, 0),
        fc.record({
          kind: fc.constant(K.VariableStatement),
          declarations: fc.array(fc.record({ name: anyText, type: opt(anyText), initializer: opt(anyText) }), { minLength: 1, maxLength: 3 }),
        }),
      ),
      { maxLength: 4 },
    );
    let printed = 0;
    fc.assert(
      fc.property(free, (statements) => {
        const ours = printSourceStructure(sourceFile(statements));
        if (ours === undefined) expect(printSource(statements as Statements)).toBe(reference(statements));
        else {
          printed++;
          expect(ours).toBe(reference(statements));
        }
      }),
      { numRuns: RUNS },
    );
    expect(printed).toBeGreaterThan(0);
  }, 600_000);
});

// ---- what the emitter builds ----

async function expectEmitted(model: Model, inputs: VFile[]): Promise<void> {
  const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
  const files = sourceStructures(model, { reporter, packageName: 'x', generatorVersion: '0.0.0', templates: await templatesOnce() });
  expect(files.map((f) => f.path)).toEqual(['src/types.ts', 'src/client.ts', 'src/index.ts', 'src/names.ts', 'src/shell.ts']);
  for (const f of files) expectSame(f.statements);
}

function legacyModel(paths: string[]): { model: Model; inputs: VFile[] } {
  const inputs = paths.map((p) => new VFile({ path: p, value: readFileSync(p, 'utf8') }));
  return { model: buildModel(inputs, new Reporter(inputs, new VFile({ path: 'qmp-codegen' }))), inputs };
}

describe("the structures of the emitter's source files", () => {
  it('for docs-input/', async () => {
    const { model, inputs } = legacyModel(['qmp-commands.txt', 'qmp-events.txt'].map((n) => path.join(ROOT, 'docs-input', n)));
    await expectEmitted(model, inputs);
  }, 60_000);

  const v28 = corpusVersions().find((v) => v.version === '2.8.0');
  it.runIf(v28 !== undefined)('for the legacy docs of QEMU 2.8.0', async () => {
    const { model, inputs } = legacyModel([v28!.commandsTxt, v28!.events!]);
    await expectEmitted(model, inputs);
  }, 60_000);

  const releases = requireQapiCorpus() ? qapiReleases() : [];
  const schemas = releases
    .filter((r) => ['1.0', '7.2.0', '9.1.0'].includes(r.version))
    .flatMap((r) => [{ name: `QAPI ${r.version}`, root: r.root }, ...(r.version === '9.1.0' && r.qga ? [{ name: `QAPI ${r.version} guest agent`, root: r.qga }] : [])]);
  it.runIf(schemas.length > 0).each(schemas)('for $name', async ({ root }) => {
    const { part, files } = readSchema(root);
    await expectEmitted(partToModel(part), files);
  }, 120_000);
  it.runIf(releases.length > 0)('those releases are in the corpus', () => {
    expect(schemas.map((s) => s.name)).toEqual(['QAPI 1.0', 'QAPI 7.2.0', 'QAPI 9.1.0', 'QAPI 9.1.0 guest agent']);
  });
});
