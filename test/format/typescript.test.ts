/**
 * The format stage prints the plain declarations of generated TypeScript itself
 * (generator/format/typescript.ts) and hands every other statement to prettier; sound only
 * while the result is prettier's byte for byte. Held to `prettier.format` here on hand-picked
 * cases at the edges of prettier's layout (widths 99/100/101, unions moved to the next line or
 * broken per member, quoted keys, comments, blank lines), on random declarations, on the
 * TypeScript emitted for docs-input/, and on the TypeScript of QAPI releases of the corpus.
 * Each case also says how much must be printed without prettier, so a printer that declined
 * everything (and so trivially agreed) fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { parserFor } from '../../generator/format/prettier.js';
import { blockComment, formatTypeScriptLikePrettier, isNextLineEmpty, reindentedComment } from '../../generator/format/typescript.js';
import { buildModel } from '../../generator/build-model.js';
import { qapiReleases, requireQapiCorpus } from '../read-qapi/helpers.js';
import { runQapi } from '../read-qapi/run.js';
import { ROOT, templatesOnce } from '../typescript/helpers.js';

const OPTIONS = { parser: 'babel-ts', printWidth: 100, singleQuote: true, trailingComma: 'all', proseWrap: 'preserve' } as const;
const viaPrettier = (text: string) => prettier.format(text, OPTIONS);

const MARK = '// qmp-codegen:statement-boundary';
/** The class a class member handed to prettier alone is wrapped in. */
const MEMBER_CLASS = 'class QmpCodegenMember {';
/** Characters other than white space, the statement-boundary marker and member wrappers. */
const bare = (t: string) => t.split(MARK).join('').replace(/\s/g, '').length;
const ink = (t: string) => bare(t) - (t.split(MEMBER_CLASS).length - 1) * bare(`${MEMBER_CLASS}}`);

/** Ours and prettier's formatting of `text`, and how much of it ours handed to prettier (`ink`). */
async function both(text: string, file = 'x.ts'): Promise<{ ours: string; theirs: string; handed: number }> {
  let handed = 0;
  const ours = await formatTypeScriptLikePrettier(file, text, (t) => {
    handed += ink(t);
    return viaPrettier(t);
  });
  return { ours, theirs: await viaPrettier(text), handed };
}

const id = (n: number, c = 'a') => c.repeat(n);
/** `export type T = 'aaa' | 'bbb';` with the line `width` characters long. */
function unionOfWidth(width: number): string {
  const head = 'export type T = ';
  const parts: string[] = [];
  let len = head.length + 1; // the `;`
  for (let i = 0; len < width; i++) {
    const sep = parts.length ? 3 : 0;
    const room = width - len - sep - 2;
    const n = Math.min(room, 8);
    if (n < 1) break;
    parts.push(`'${id(n, String.fromCharCode(97 + (i % 26)))}'`);
    len += sep + n + 2;
  }
  const line = `${head}${parts.join(' | ')};`;
  // top up the last literal to the exact width
  return line.length === width ? line : line.replace(/'(\w+)';$/, (_m, w: string) => `'${w}${'z'.repeat(width - line.length)}';`);
}

type Direct = 'all' | 'some' | 'none';

describe('formatTypeScriptLikePrettier = prettier', () => {
  const cases: [string, string, Direct][] = [
    [
      'interface with JSDoc, optional, readonly, index signature and blank lines',
      [
        '/**',
        '   * A widget.',
        '      * @remarks two lines',
        '*/',
        'export interface Widget {',
        '  /** its name */',
        "  name: string;",
        '',
        '',
        '  readonly size?: number;',
        "  'dash-key': boolean | null;",
        '  [key: string]: unknown;',
        '}',
        '',
      ].join('\n'),
      'all',
    ],
    ['empty interface, extends', 'interface A {}\nexport interface B extends A, C {\n  x: A[];\n}\n', 'all'],
    ['references with arguments, arrays, readonly arrays', 'export type T = Record<string, Foo[]> | readonly string[] | (A | B)[];\n', 'all'],
    ['literals: strings, integers, negatives, booleans', "type L = 'x' | 0 | 42 | -1 | true | false | null | undefined;\n", 'all'],
    ['a union at the width stays on the line', `${unionOfWidth(100)}\n`, 'all'],
    ['a union one past the width moves to the next line', `${unionOfWidth(101)}\n`, 'all'],
    ['a union at width 99', `${unionOfWidth(99)}\n`, 'all'],
    ['a union too long for the next line: one member per line', `export type T = ${Array.from({ length: 12 }, (_, i) => `'member${i}xx'`).join(' | ')};\n`, 'all'],
    ['a property at the width', `interface I {\n  ${id(100 - 2 - 'x: string;'.length + 1)}: string;\n}\n`, 'all'],
    ['a property past the width with nothing to break', `interface I {\n  ${id(100)}: SomeType;\n}\n`, 'all'],
    ['a nested type literal written across lines', 'interface I {\n  inner: {\n    a: string;\n\n    b?: number[];\n  };\n}\n', 'all'],
    ['a line comment and a blank line between statements', '// one\n\ntype A = string;\n\n\n// two\ntype B = A;\n', 'all'],
    // declined, then placed back in order
    ['a property union too long: one member per line', `interface I {\n  p: ${Array.from({ length: 12 }, (_, i) => `'member${i}xx'`).join(' | ')};\n}\ntype Z = 1;\n`, 'all'],
    ['a property union that fits on the next line', `interface I {\n  'a-key': ${Array.from({ length: 8 }, (_, i) => `'value${i}x'`).join(' | ')};\n}\n`, 'all'],
    [
      'a type literal hugged in a type argument: on one line, or broken when too long or written across lines',
      [
        'export interface From {',
        '  readonly short: ReadonlyArray<{ readonly file: string; role?: string }>;',
        `  readonly long: ReadonlyArray<{ readonly file: string; readonly role: string; readonly ${id(40)}: string }>;`,
        '  readonly across: Array<{',
        '    a: string; b: number }>;',
        '  keys: ReadonlyArray<keyof QmpCommands>;',
        '}',
        '',
      ].join('\n'),
      'all',
    ],
    [
      'constants: frozen arrays and objects hugged, kept on one line when they fit, objects written across lines kept so',
      [
        "export const SHORT: ReadonlyArray<keyof QmpEvents> = Object.freeze(['A', 'B']);",
        `export const LONG: ReadonlyArray<keyof QmpCommands> = Object.freeze([${Array.from({ length: 12 }, (_, i) => `'command-${i}'`).join(', ')}]);`,
        'export const EMPTY: readonly string[] = Object.freeze([]);',
        "export const FLAT: Readonly<Record<string, readonly string[]>> = Object.freeze({ a: ['x'], 'b-c': [] });",
        'export const ARGS: Readonly<Record<string, readonly string[]>> = Object.freeze({',
        `  balloon: ['value'], 'human-monitor-command': ['command-line', 'cpu-index'], long: [${Array.from({ length: 12 }, (_, i) => `'member-${i}'`).join(', ')}],`,
        '});',
        'export const FROM: QmpGeneratedFrom = Object.freeze({',
        "  generator: 'qmp-codegen 0.1.0', qemuVersion: null, count: 3, on: true,",
        "  sources: [{ file: 'a.txt', role: 'commands' }, { file: 'b.txt', role: 'events' }],",
        '});',
        'export const QEMU_VERSION: string | undefined = GENERATED_FROM.qemuVersion;',
        '',
      ].join('\n'),
      'all',
    ],
    [
      'constants outside the subset: numbers filled, a long flat value, let',
      [
        `export const N: number[] = Object.freeze([${Array.from({ length: 40 }, (_, i) => i * 1000).join(', ')}]);`,
        `export const S: string = Object.freeze('${id(100)}');`,
        "let x: string = 'a';",
        '',
      ].join('\n'),
      'none',
    ],
    [
      'an assignment of an awaited call of an object with an arrow function (the shell bin)',
      [
        '#!/usr/bin/env node',
        '// header',
        "import { runShell } from './runtime/shell.js';",
        'process.exitCode = await runShell({',
        "  name: 'qmp-client-shell',",
        '  connect: (options) => Qmp.connect(options),',
        '  argv: process.argv.slice(2),',
        '});',
        '',
      ].join('\n'),
      'all',
    ],
    [
      'intersections of QAPI unions: a base & a union of variants, & one variant, a reference & one variant',
      [
        'export type Audiodev = {',
        '  id: string;',
        '  driver: AudiodevDriver;',
        '} & (',
        '  | ({',
        "      driver: 'none';",
        '    } & AudiodevGenericOptions)',
        '  | ({',
        "      driver: 'alsa';",
        '      extra?: number;',
        '    } & AudiodevAlsaOptions)',
        '  | {',
        "      driver: 'bare';",
        '    }',
        ');',
        'export type One = {',
        '  format: Fmt;',
        '} & ({',
        "  format: 'aes';",
        '} & QCryptoBlockOptionsQCow);',
        'export type Based = QCryptoBlockOptionsBase &',
        '  ({',
        "    format: 'luks';",
        '  } & QCryptoBlockAmendOptionsLUKS);',
        'export type Both = {',
        '  a: string;',
        '} & {',
        '  b: string;',
        '} & Rest & {',
        '  c: string;',
        '};',
        '',
      ].join('\n'),
      'all',
    ],
    [
      'a union of intersections and objects (older QAPI unions)',
      ['export type KeyValue = ({', '        type: "number";', '    } & KeyValueNumber) | ({', "  type: 'qcode';", '} & KeyValueQcode) | {', "  type: 'x';", '};', ''].join('\n'),
      'all',
    ],
    ['intersections outside the subset: flat objects, references only, generics', 'type A = { a: string } & B;\ntype C = D & E;\ntype F = {\n  a: string;\n} & G<H>;\n', 'none'],
    ['a shebang and a blank line', '#!/usr/bin/env node\n\ntype A = string;\n', 'none'],
    ['a quoted key prettier unquotes', "interface I {\n  'plain': string;\n}\n", 'none'],
    ['strings with quotes or escapes', `type Q = "it's" | 'a\\nb' | "plain";\n`, 'none'],
    ['a comment inside a type', 'type A = /* why */ string;\ntype B = string; // trailing\n', 'none'],
    ['a non-JSDoc block comment across lines', '/* first\n   second */\ntype A = string;\n', 'none'],
    [
      'imports and re-exports: type modifiers, one specifier past the width, a list broken per line',
      [
        "import { QmpClient, type ExecuteOptions } from './runtime/index.js';",
        `import type { ${id(100)} } from './types.js';`,
        `import type { ${Array.from({ length: 9 }, (_, i) => `SomeTypeName${i}`).join(', ')} } from './types.js';`,
        "export * from './runtime/index.js';",
        "export { Qmp } from './client.js';",
        `export type { ${Array.from({ length: 9 }, (_, i) => `SomeTypeName${i}`).join(', ')} } from './types.js';`,
        '',
      ].join('\n'),
      'all',
    ],
    [
      'a class of methods: JSDoc, blank lines kept, a signature broken per parameter, a call broken per argument',
      [
        '/** The client. */',
        'export class Qmp extends QmpClient<QmpCommands, QmpEvents> {',
        '  /**',
        '   * Send it.',
        '   * @example',
        '   * ```ts',
        '   * await qmp.frob({ a: 1 });',
        '   * ```',
        '   */',
        '  frob(args: FrobArgs, options?: ExecuteOptions): Promise<void> {',
        "    return this.execute('frob', args, options);",
        '  }',
        '',
        '',
        `  ${id(40)}(args: ${id(30, 'B')}, options?: ExecuteOptions): Promise<QueryResult[]> {`,
        `    return this.execute('${id(80, 'x')}', undefined, options);`,
        '  }',
        `  y(options?: ExecuteOptions): Promise<${id(120, 'R')}> {`,
        "    return this.execute('y', undefined, options);",
        '  }',
        '}',
        '',
      ].join('\n'),
      'all',
    ],
    [
      'class members outside the subset go to prettier one by one, in place',
      [
        'export class C extends B {',
        '  /** a long union return type */',
        `  a(args: A, options?: ExecuteOptions): Promise<${Array.from({ length: 8 }, (_, i) => `'value${i}xxxxxx'`).join(' | ')}> {`,
        "    return this.execute('a', args, options);",
        '  }',
        '',
        '  get size(): number {',
        '    return this.n;',
        '  }',
        '  static make(): C {',
        '    return new C();',
        '  }',
        '  b(): void {',
        "    return this.execute('b');",
        '  }',
        '  c(): void {',
        '    // inside',
        "    return this.execute('c');",
        '  }',
        '}',
        '',
      ].join('\n'),
      'some',
    ],
    ['a comment trailing a member: the whole class goes to prettier', "class C {\n  a(): void {\n    return f();\n  } // after a\n  get b(): number {\n    return 1;\n  }\n}\n", 'none'],
    ['a comment after the last member', "class C {\n  a(): void {\n    return f();\n  }\n  // the end\n}\n", 'none'],
    ['imports, classes, functions, constants', "import type { A } from './a.js';\nexport class C {\n  m(): void {}\n}\nexport const x = { a: 1 };\ntype T = A;\nfunction f() { return 1 }\n", 'some'],
    ['generics, intersections, function types', 'type G<T> = T[];\ntype I = A & B;\ntype F = (a: string) => void;\ninterface J<T> { x: T }\n', 'none'],
    ['a comment after the last statement', 'type A = string;\n// end\n', 'none'],
    ['a shebang', '#!/usr/bin/env node\ntype A = string;\n', 'all'],
  ];

  it.each(cases)('%s', async (_what, text, direct) => {
    const { ours, theirs, handed } = await both(text);
    expect(ours).toBe(theirs);
    if (direct === 'all') expect(handed).toBe(0);
    if (direct === 'some') expect(handed).toBeGreaterThan(0), expect(handed).toBeLessThan(ink(text));
    if (direct === 'none') expect(handed).toBe(ink(text));
  });

  it('the width helper builds lines of the width asked', () => {
    for (const w of [99, 100, 101]) expect(unionOfWidth(w).length).toBe(w);
  });

  it.each([
    ['a: 1;\n\nb', 4, true],
    ['a: 1;\nb', 4, false],
    ['a: 1; // c\n\nb', 4, true],
    ['a: 1; /* c */\n  \nb', 4, true],
    ['a: 1; /* c\n */\n\nb', 4, false],
    ['a: 1;\r\n\r\nb', 4, true],
    ['a: 1', 4, false],
  ] as const)('isNextLineEmpty(%j, %i) = %s', (text, end, expected) => {
    expect(isNextLineEmpty(text, end)).toBe(expected);
  });
});

// ---- random declarations ----

/** Words that cannot name a type or start a property without more care: not generated. */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield any boolean number string symbol type undefined unknown never object bigint readonly keyof infer is asserts unique abstract declare get set module namespace require global of satisfies accessor out override async await constructor'.split(' '),
);
const ident = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,30}$/).filter((s) => !RESERVED.has(s));
const typeArb: fc.Arbitrary<string> = fc.letrec<{ type: string; leaf: string }>((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom('string', 'number', 'boolean', 'unknown', 'null', 'undefined', 'never'),
    fc.stringMatching(/^[a-z0-9 .'"\\-]{0,40}$/).map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`),
    fc.integer({ min: -5000, max: 1 << 30 }).map(String),
    ident,
  ),
  type: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    tie('leaf').map((t) => (t.startsWith('-') ? `(${t})[]` : `${t}[]`)),
    fc.tuple(ident, fc.array(tie('leaf'), { minLength: 1, maxLength: 3 })).map(([n, a]) => `${n}<${a.join(', ')}>`),
    fc.array(tie('leaf'), { minLength: 2, maxLength: 14 }).map((a) => a.join(' | ')),
    fc.array(tie('leaf'), { minLength: 2, maxLength: 4 }).map((a) => `readonly (${a.join(' | ')})[]`),
  ),
})).type;
const key = fc.oneof(ident, fc.stringMatching(/^[a-z][a-z0-9-]{0,60}$/).map((s) => `'${s}'`));
const doc = fc.option(fc.array(fc.stringMatching(/^[A-Za-z ,.`@{}]{0,90}$/), { minLength: 1, maxLength: 3 }), { nil: undefined });
const blank = fc.constantFrom('', '\n', '\n\n');
const memberArb = fc
  .tuple(doc, fc.boolean(), key, fc.boolean(), typeArb, blank)
  .map(([d, ro, k, opt, t, b]) => `${d ? `/**\n${d.map((l) => ` * ${l}`).join('\n')}\n */\n` : ''}${ro ? 'readonly ' : ''}${k}${opt ? '?' : ''}: ${t};\n${b}`);
const statementArb = fc.oneof(
  fc.tuple(fc.boolean(), ident, fc.array(memberArb, { maxLength: 6 })).map(([e, n, ms]) => `${e ? 'export ' : ''}interface ${n} {\n${ms.join('')}}\n`),
  fc.tuple(fc.boolean(), ident, typeArb).map(([e, n, t]) => `${e ? 'export ' : ''}type ${n} = ${t};\n`),
);

const paramArb = fc.tuple(ident, fc.boolean(), typeArb).map(([n, o, t]) => `${n}${o ? '?' : ''}: ${t}`);
const argArb = fc.oneof(ident, fc.stringMatching(/^[a-z0-9_-]{0,90}$/).map((w) => `'${w}'`));
const methodArb = fc
  .tuple(doc, ident, fc.array(paramArb, { maxLength: 3 }), fc.oneof(typeArb, typeArb.map((t) => `Promise<${t}>`)), fc.array(argArb, { maxLength: 4 }), blank)
  .map(
    ([d, n, ps, r, as, b]) =>
      `${d ? `/**\n${d.map((l) => ` * ${l}`).join('\n')}\n */\n` : ''}${n}(${ps.join(', ')}): ${r} {\nreturn this.execute(${as.join(', ')});\n}\n${b}`,
  );
/** Members this printer leaves to prettier, to mix in. */
const otherMemberArb = fc.constantFrom('get size(): number { return this.n }\n', 'static make(): C {\n  return new C();\n}\n', 'x = 1;\n', 'private y?: string;\n');
const classArb = fc
  .tuple(fc.boolean(), ident, fc.option(ident, { nil: undefined }), fc.array(fc.oneof({ weight: 4, arbitrary: methodArb }, { weight: 1, arbitrary: otherMemberArb }), { minLength: 1, maxLength: 5 }))
  .map(([e, n, base, ms]) => `${e ? 'export ' : ''}class ${n}${base ? ` extends ${base}<QmpCommands, QmpEvents>` : ''} {\n${ms.join('')}}\n`);
const moduleArb = fc
  .tuple(fc.constantFrom('import', 'import type', 'export', 'export type'), fc.array(fc.tuple(fc.boolean(), ident), { minLength: 1, maxLength: 12 }), fc.stringMatching(/^\.\/[a-z/-]{1,30}\.js$/))
  .map(([kw, names, from]) => `${kw} { ${names.map(([t, n]) => (t && kw.endsWith('t') ? `type ${n}` : n)).join(', ')} } from '${from}';\n`);

const valueArb: fc.Arbitrary<string> = fc.letrec<{ value: string; leaf: string }>((tie) => ({
  leaf: fc.oneof(
    fc.stringMatching(/^[a-z0-9 .:-]{0,70}$/).map((w) => `'${w}'`),
    fc.integer({ min: 0, max: 1 << 20 }).map(String),
    fc.constantFrom('true', 'false', 'null', 'undefined', 'GENERATED_FROM.qemuVersion', 'process.argv.slice(2)', '(options) => Qmp.connect(options)'),
  ),
  value: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('value'), { maxLength: 8 }).map((a) => `[${a.join(', ')}]`),
    fc
      .tuple(fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }), fc.boolean())
      .map(([ps, across]) => (across ? `{\n${ps.map(([k, v]) => `${k}: ${v},\n`).join('')}}` : `{ ${ps.map(([k, v]) => `${k}: ${v}`).join(', ')} }`)),
  ),
})).value;
const constantArb = fc
  .tuple(doc, fc.boolean(), ident, typeArb, fc.boolean(), valueArb)
  .map(([d, e, n, t, frozen, v]) => `${d ? `/** ${d.join(' ')} */\n` : ''}${e ? 'export ' : ''}const ${n}: ${t} = ${frozen ? `Object.freeze(${v})` : v};\n`);

/** fast-check: files of 1..`max` statements from `arb`, blank lines between, each formatted as prettier formats it. */
function samePrettier(arb: fc.Arbitrary<string>, max: number): Promise<void> {
  return fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(arb, blank), { minLength: 1, maxLength: max }), async (stmts) => {
      const { ours, theirs } = await both(stmts.map(([st, b]) => st + b).join(''));
      expect(ours).toBe(theirs);
    }),
    { numRuns: 300 },
  );
}

describe('a comment whose lines only change indentation', () => {
  /** prettier's re-indentation of the comment's lines (reindentedComment), or 'declined'. */
  const slow = (raw: string, indent: string): string => {
    try {
      return reindentedComment(raw, indent);
    } catch {
      return 'declined';
    }
  };
  const fast = (raw: string, indent: string): string => {
    try {
      return blockComment(raw, indent);
    } catch {
      return 'declined';
    }
  };
  const line = fc.array(fc.constantFrom(' ', ' ', '*', '*', 'a', '@', '/', '\t', '\u00a0', '\u2028'), { maxLength: 8 }).map((cs) => cs.join(''));

  it.each([
    ['/**\n     * a\n     *\n     * b\n     */', '  ', '/**\n   * a\n   *\n   * b\n   */'],
    ['/*\n * plain\n */', '', '/*\n * plain\n */'],
    ['/**\n * hard break  \n * next\n */', '', '/**\n * hard break  \n * next\n */'],
    ['/**\n * trailing \n */', '', '/**\n * trailing\n */'],
    ['/**\n\u00a0* nbsp\n */', '  ', '/**\n   * nbsp\n   */'],
    ['/**\n * a\n\n * b\n */', '', 'declined'],
    ['/**\n * a\n b\n */', '', 'declined'],
  ])('%j at %j', (raw, indent, printed) => {
    expect(fast(raw, indent)).toBe(printed);
    expect(slow(raw, indent)).toBe(printed);
  });

  it('prints a random comment as prettier re-indents it', () => {
    fc.assert(
      // most lines start with `*` after their indentation, as the emitter writes them
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.boolean(), line), { minLength: 1, maxLength: 5 }), fc.constantFrom('', '  ', '    '), fc.boolean(), (lines, indent, jsdoc) => {
        const raw = `/*${jsdoc ? '*' : ''}${lines.map(([pad, plain, l]) => `\n${' '.repeat(pad)}${plain ? '' : '* '}${l}`).join('')}\n */`;
        expect(fast(raw, indent)).toBe(slow(raw, indent));
      }),
      { numRuns: 300 },
    );
  });
});

describe('on random declarations', () => {
  it('constants of literals: prints what prettier prints', () => samePrettier(constantArb, 4), 120_000);
  it('classes and module statements: prints what prettier prints', () => samePrettier(fc.oneof(classArb, moduleArb), 4), 120_000);
  it('prints what prettier prints', () => samePrettier(statementArb, 5), 120_000);
});

// ---- what the emitter writes ----

async function expectSameOnAll(files: readonly { path: string; contents: string; preformatted?: boolean }[]): Promise<{ direct: number; total: number }> {
  let direct = 0;
  let total = 0;
  for (const f of files) {
    if (f.preformatted || parserFor(f.path) !== 'babel-ts') continue;
    const { ours, theirs, handed } = await both(f.contents, f.path);
    expect(ours, f.path).toBe(theirs);
    direct += ink(f.contents) - handed;
    total += ink(f.contents);
  }
  return { direct, total };
}

describe('on the TypeScript the emitter writes', () => {
  it('for docs-input/', async () => {
    const inputs = ['qmp-commands.txt', 'qmp-events.txt'].map((name) => {
      const p = path.join('docs-input', name);
      return new VFile({ path: p, value: readFileSync(path.join(ROOT, p), 'utf8') });
    });
    const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
    const model = buildModel(inputs, reporter);
    const files = emitTypescript(model, { reporter, packageName: 'docs-input-qmp', generatorVersion: '0.0.0', templates: await templatesOnce() });
    const { direct, total } = await expectSameOnAll(files);
    // everything the emitter writes is in the subset: prettier is not even loaded for it
    console.log(`docs-input: ${((100 * direct) / total).toFixed(1)}% of the TypeScript printed without prettier`);
    expect(direct / total).toBeGreaterThan(0.99);
  }, 60_000);

  const releases = requireQapiCorpus() ? qapiReleases() : [];
  // the oldest, QEMU 7.2 (the live target) and the newest, each with the guest agent's schema
  const picked = releases.filter((r, i) => i === 0 || r.version === '7.2.0' || i === releases.length - 1);
  it.runIf(picked.length > 0).each(picked)('for QAPI $version', async (r) => {
    const templates = await templatesOnce();
    let direct = 0;
    let total = 0;
    for (const root of [r.root, ...(r.qga ? [r.qga] : [])]) {
      const run = await runQapi(root, { packageName: 'x', emit: ['typescript'], templates });
      const n = await expectSameOnAll(run.files);
      direct += n.direct;
      total += n.total;
    }
    console.log(`QAPI ${r.version}: ${((100 * direct) / total).toFixed(1)}% of the TypeScript printed without prettier`);
    expect(direct / total).toBeGreaterThan(0.99);
  }, 180_000);
});
