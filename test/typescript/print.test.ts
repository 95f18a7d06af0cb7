/**
 * generator/emit/typescript/print.ts prints type expressions and values without the TypeScript
 * compiler. It is held equal to the TypeScript printer through print-reference.ts (the same
 * builders over `ts.factory`, printed by the printer ts-morph bundles): on cases at the edge of
 * each rule (string escaping, numbers, type literal layout, parentheses, multi-line values) and
 * on random type trees, JSON values, strings and keys. QMP_FUZZ_RUNS raises the run counts.
 */
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import {
  E,
  identifier,
  printNode,
  printType,
  propertyName,
  stringLiteral,
  T,
  valueExpression,
  valueText,
} from '../../generator/emit/typescript/print.js';
import type { Member, Model, NamedType, TypeRef } from '../../generator/model/types.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';
import * as Ref from './print-reference.js';

const RUNS = Number(process.env.QMP_FUZZ_RUNS ?? 300);

describe('printing as the TypeScript printer does', () => {
  it.each([
    ['cpu-index', '"cpu-index"'],
    ['device', 'device'],
    ["it's", '"it\'s"'],
    ['a"b', '"a\\"b"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['sep\u2028arator', '"sep\\u2028arator"'],
    ['*/', '"*/"'],
  ])('property key %j → %s', (name, printed) => {
    expect(propertyName(name)).toBe(printed);
  });

  it('single-quoted literals for README code', () => {
    expect(stringLiteral("a'b", true)).toBe("'a\\'b'");
  });

  it.each([
    [{ device: 'w0', 'cpu-index': 1 }, "{ device: 'w0', 'cpu-index': 1 }"],
    [{ n: -3, z: 0, f: 1.5, b: false, nul: null }, '{ n: -3, z: 0, f: 1.5, b: false, nul: null }'],
    [[1, [2, 'x']], "[1, [2, 'x']]"],
    [{}, '{}'],
    ['tab\there', "'tab\\there'"],
  ])('value %j → %s', (value, printed) => {
    expect(valueText(value)).toBe(printed);
  });

  it('breaks long values over lines with 2-space indentation', () => {
    const text = valueText({ alpha: 'a'.repeat(40), beta: ['b'.repeat(40)] }, 40);
    expect(text.split('\n')).toEqual(['{', `  alpha: '${'a'.repeat(40)}',`, '  beta: [', `    '${'b'.repeat(40)}'`, '  ]', '}']);
  });

  it.each([
    [T.array(T.union([T.literal('a'), T.literal('b')])), '("a" | "b")[]'],
    [T.union([T.string(), T.string(), T.union([T.number(), T.string()])]), 'string | number'],
    [T.union([]), 'never'],
    [T.ref('Record', [T.string(), T.never()]), 'Record<string, never>'],
  ])('type %#', (node, printed) => {
    expect(printType(node)).toBe(printed);
  });

  it('refuses a type name that is not an identifier (names come from names.ts)', () => {
    expect(() => T.ref('not an identifier')).toThrow(/not an identifier/);
    expect(() => identifier('a-b')).toThrow(/not an identifier/);
  });
});

// ---------------------------------------------------------------------------------------
// The same recipe built with both builders

type Recipe =
  | { k: 'string' | 'number' | 'boolean' | 'unknown' | 'never' | 'undefined' | 'void' | 'null' }
  | { k: 'literal'; value: string }
  | { k: 'ref'; name: string; args: Recipe[] }
  | { k: 'array'; items: Recipe }
  | { k: 'union' | 'intersection'; of: Recipe[] }
  | { k: 'indexed'; object: Recipe; index: Recipe }
  | { k: 'object'; props: Array<{ name: string; type: Recipe; optional: boolean }> };

interface Builders<N> {
  string(): N;
  number(): N;
  boolean(): N;
  unknown(): N;
  never(): N;
  undefined(): N;
  void(): N;
  null(): N;
  literal(value: string): N;
  ref(name: string, args?: N[]): N;
  array(items: N): N;
  union(members: N[]): N;
  indexed(object: N, index: N): N;
  intersection(members: N[]): N;
  objectLiteral(props: Array<{ name: string; type: N; optional?: boolean }>): N;
}

function build<N>(r: Recipe, b: Builders<N>): N {
  switch (r.k) {
    case 'literal':
      return b.literal(r.value);
    case 'ref':
      return b.ref(r.name, r.args.map((a) => build(a, b)));
    case 'array':
      return b.array(build(r.items, b));
    case 'union':
      return b.union(r.of.map((t) => build(t, b)));
    case 'intersection':
      return b.intersection(r.of.map((t) => build(t, b)));
    case 'indexed':
      return b.indexed(build(r.object, b), build(r.index, b));
    case 'object':
      return b.objectLiteral(r.props.map((p) => ({ name: p.name, type: build(p.type, b), optional: p.optional })));
    default:
      return b[r.k]();
  }
}

const ours = (r: Recipe) => printType(build(r, T as Builders<ReturnType<typeof T.string>>));
const reference = (r: Recipe) => Ref.printType(build(r, Ref.T as unknown as Builders<ts.TypeNode>));

const kw = (k: 'string' | 'number' | 'boolean' | 'unknown' | 'never' | 'undefined' | 'void' | 'null'): Recipe => ({ k });
const lit = (value: string): Recipe => ({ k: 'literal', value });
const ref = (name: string, ...args: Recipe[]): Recipe => ({ k: 'ref', name, args });
const union = (...of: Recipe[]): Recipe => ({ k: 'union', of });
const inter = (...of: Recipe[]): Recipe => ({ k: 'intersection', of });
const arr = (items: Recipe): Recipe => ({ k: 'array', items });
const obj = (...props: Array<[string, Recipe, boolean?]>): Recipe => ({
  k: 'object',
  props: props.map(([name, type, optional]) => ({ name, type, optional: optional ?? false })),
});

/** Strings at the edges of the escaping rules. */
const ODD_STRINGS = [
  '',
  '\0',
  '\x001',
  '\x009',
  '\0a',
  '\0\0',
  'a\0',
  '\x01\x07\x1b\x1f',
  '\b\t\n\v\f\r',
  '\r\n',
  '\x7f',
  '\x80\x85\x9f\xa0\xe9\xff',
  '\u2028\u2029',
  '\u0100\u0fff\uabcd\ufeff\uffff',
  '😀',
  'a\ud800',
  '\udfffb',
  '\udc00\ud800',
  '${x}',
  '`tick`',
  '\\',
  '\\n',
  '"',
  "'",
  `"'\``,
  '*/',
  '<!--',
  'plain text',
];

describe('equal to the TypeScript printer', () => {
  it.each(ODD_STRINGS.map((s) => [s]))('string literal %j, both quotes, as key and literal type', (s) => {
    expect(stringLiteral(s)).toBe(Ref.stringLiteral(s));
    expect(stringLiteral(s, true)).toBe(Ref.stringLiteral(s, true));
    expect(propertyName(s)).toBe(Ref.propertyName(s));
    expect(ours(lit(s))).toBe(reference(lit(s)));
  });

  it.each([
    ['\0', '"\\0"'],
    ['\x001', '"\\x001"'],
    ['\0a', '"\\0a"'],
    ['\x1f\x7f', '"\\u001F\x7f"'],
    ['é😀', '"\\u00E9\\uD83D\\uDE00"'],
    ['\u0085', '"\\u0085"'],
    ['${x}`', '"${x}`"'],
  ])('string literal %j → %s', (s, printed) => {
    expect(stringLiteral(s)).toBe(printed);
  });

  it.each([
    0, -0, 1, -1, 1.5, -1.5, 0.1, 1e21, -1e21, 1e-7, 5e-324, -5e-324, Number.MAX_SAFE_INTEGER, 2 ** 64, 123456789012345680000,
    Number.MAX_VALUE, NaN, Infinity, -Infinity,
  ])('number %d', (n) => {
    for (const multi of [false, true]) expect(printNode(valueExpression(n, multi))).toBe(Ref.printNode(Ref.valueExpression(n, multi)));
    expect(valueText([n, { n }])).toBe(Ref.valueText([n, { n }]));
  });

  it.each([
    ['keywords', union(kw('string'), kw('number'), kw('boolean'), kw('unknown'), kw('never'), kw('undefined'), kw('void'), kw('null'))],
    ['one member', union(kw('string'))],
    ['no members', union()],
    ['a duplicate', union(lit('a'), lit('a'), lit('b'))],
    ['flattened', union(union(lit('a'), lit('b')), lit('b'), union(lit('c')))],
    ['an intersection from a union is parenthesised, a given one is not (two members)', union(union(inter(ref('A'), ref('B')), ref('C')), inter(ref('A'), ref('B')))],
    ['unions of intersections', union(inter(ref('A'), obj(['type', lit('a')])), inter(ref('B'), obj(['type', lit('b')])))],
    ['intersection of unions and intersections', inter(ref('A'), union(ref('B'), ref('C')), inter(ref('D'), ref('E')))],
    ['empty intersection', inter()],
    ['one-member intersection', inter(union(ref('A'), ref('B')))],
    ['array of a union', arr(union(kw('string'), kw('null')))],
    ['array of an intersection', arr(inter(ref('A'), ref('B')))],
    ['array of arrays', arr(arr(union(kw('void'), kw('undefined'))))],
    ['array of a type literal', arr(obj(['x', kw('string')]))],
    ['array of an indexed access', arr({ k: 'indexed', object: ref('Object'), index: lit('toString') })],
    ['indexed access of a union', { k: 'indexed', object: union(ref('A'), ref('B')), index: union(lit('a'), lit('b')) }],
    ['indexed access of an intersection', { k: 'indexed', object: inter(ref('A'), ref('B')), index: lit('a') }],
    ['type arguments', ref('Record', union(kw('string'), kw('number')), obj(['q', kw('null')]))],
    ['no type arguments', ref('Qmp')],
    ['empty type literal', obj()],
    [
      'type literal: optional, quoted and nested members',
      obj(['args', ref('X')], ['a-b', obj(['c', kw('string'), true], ['d', obj(['e', arr(obj(['f', kw('number')]))])])], ['"q"\n', kw('void'), true]),
    ],
    ['type literal inside a union inside a type literal', obj(['u', union(obj(['a', kw('string')]), kw('null'))])],
    ['type literals on both sides of an intersection', inter(obj(['a', kw('string')]), obj(['b', kw('number')]))],
    ['a member typed by an empty intersection', obj(['x', inter()])],
  ] as Array<[string, Recipe]>)('type: %s', (_what, recipe) => {
    expect(ours(recipe)).toBe(reference(recipe));
  });

  it.each([
    ['scalars', [null, true, false, 0, 'x']],
    ['empty lists in a multi-line list', { a: [], b: {}, c: [[], {}] }],
    ['nesting', { a: [1, { b: [2, 3], c: { d: { e: 'deep' } } }], 'x-y': [[['z']]] }],
    ['quoted and odd keys', Object.fromEntries(ODD_STRINGS.map((s, i) => [s, i]))],
    ['__proto__ as an own key', JSON.parse('{"__proto__": {"a": 1}, "constructor": 2}') as unknown],
    ['odd strings', ODD_STRINGS],
    ['not JSON', [undefined, () => 1, 10n, Symbol('s')]],
  ])('value: %s, on one line and across lines', (_what, value) => {
    for (const multi of [false, true]) expect(printNode(valueExpression(value, multi))).toBe(Ref.printNode(Ref.valueExpression(value, multi)));
    for (const width of [0, 20, 80, 1000]) expect(valueText(value, width)).toBe(Ref.valueText(value, width));
  });

  it.each([
    ['query-status', true],
    ['x-"quoted"\u2028', false],
  ])('the client method body for %j', (name, args) => {
    const f = ts.factory;
    const expected = Ref.printNode(
      f.createReturnStatement(
        f.createCallExpression(f.createPropertyAccessExpression(f.createThis(), 'execute'), undefined, [
          f.createStringLiteral(name),
          f.createIdentifier(args ? 'args' : 'undefined'),
          f.createIdentifier('options'),
        ]),
      ),
    );
    const printed = printNode(
      E.return(E.call(E.access(E.this(), 'execute'), [E.string(name), identifier(args ? 'args' : 'undefined'), identifier('options')])),
    );
    expect(printed).toBe(expected);
    if (name === 'query-status') expect(printed).toBe('return this.execute("query-status", args, options);');
  });
});

// ---------------------------------------------------------------------------------------
// Random trees, values, strings and keys

/** Strings biased to the escaping rules' edges: controls, NUL before digits, line terminators, surrogates. */
const oddString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.array(fc.constantFrom(...ODD_STRINGS, '0', '7', 'a', ' '), { maxLength: 6 }).map((parts) => parts.join('')),
);
const plainName = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,6}$/);
const keyArb = fc.oneof(plainName, oddString, fc.constantFrom('__proto__', 'constructor', 'toString', '0', '1e3', 'a-b', 'class'));

const recipeArb: fc.Arbitrary<Recipe> = fc.letrec<{ r: Recipe }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('string', 'number', 'boolean', 'unknown', 'never', 'undefined', 'void', 'null').map((k) => ({ k }) as Recipe),
    oddString.map((value): Recipe => ({ k: 'literal', value })),
    fc.tuple(plainName, fc.array(tie('r'), { maxLength: 3 })).map(([name, args]): Recipe => ({ k: 'ref', name, args })),
    tie('r').map((items): Recipe => ({ k: 'array', items })),
    fc
      .tuple(
        fc.constantFrom('union' as const, 'intersection' as const),
        fc.oneof({ arbitrary: fc.array(tie('r'), { minLength: 2, maxLength: 4 }), weight: 3 }, fc.array(tie('r'), { maxLength: 1 })),
      )
      .map(([k, of]): Recipe => ({ k, of })),
    fc.tuple(tie('r'), tie('r')).map(([object, index]): Recipe => ({ k: 'indexed', object, index })),
    fc
      .array(fc.record({ name: keyArb, type: tie('r'), optional: fc.boolean() }), { maxLength: 4 })
      .map((props): Recipe => ({ k: 'object', props })),
  ),
})).r;

/** Unions and intersections of unions and intersections, in the places that parenthesise them. */
const setOp = fc.constantFrom('union' as const, 'intersection' as const);
const compoundArb: fc.Arbitrary<Recipe> = fc
  .tuple(setOp, fc.array(fc.tuple(setOp, fc.array(recipeArb, { maxLength: 3 })), { minLength: 1, maxLength: 3 }), fc.array(recipeArb, { maxLength: 2 }))
  .map(([k, inner, rest]): Recipe => ({ k, of: [...inner.map(([k2, of]): Recipe => ({ k: k2, of })), ...rest] }))
  .chain((c) =>
    fc.constantFrom<Recipe>(
      c,
      arr(c),
      { k: 'indexed', object: c, index: c },
      union(c, kw('null')),
      inter(ref('A'), c),
      ref('R', c, c),
      obj(['k', c, true], ['a-b', arr(c)]),
    ),
  );

const numberArb = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 1e21, -1e21, 1e-7, 5e-324, 0.1, 2 ** 53, 123456789012345680000),
);
const jsonArb: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false),
    numberArb,
    oddString,
    fc.array(tie('v'), { maxLength: 5 }),
    fc.array(fc.tuple(keyArb, tie('v')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
  ),
})).v;

describe('equal to the TypeScript printer on random input', () => {
  it('random type trees', () => {
    fc.assert(
      fc.property(fc.oneof(recipeArb, compoundArb), (recipe) => {
        expect(ours(recipe)).toBe(reference(recipe));
      }),
      { numRuns: RUNS },
    );
  });

  it('random JSON values, on one line, across lines and at any width', () => {
    fc.assert(
      fc.property(jsonArb, fc.boolean(), fc.nat(140), (value, multi, width) => {
        expect(printNode(valueExpression(value, multi))).toBe(Ref.printNode(Ref.valueExpression(value, multi)));
        expect(valueText(value, width)).toBe(Ref.valueText(value, width));
      }),
      { numRuns: RUNS },
    );
  });

  it('random strings and keys', () => {
    fc.assert(
      fc.property(fc.oneof(oddString, keyArb), (s) => {
        expect(stringLiteral(s)).toBe(Ref.stringLiteral(s));
        expect(stringLiteral(s, true)).toBe(Ref.stringLiteral(s, true));
        expect(propertyName(s)).toBe(Ref.propertyName(s));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Real schemas: every type, value and name of QEMU's QAPI schema

/** A model type as a recipe, shaped as declarations.ts shapes it (objects inline, as type literals). */
function recipeOf(type: TypeRef): Recipe {
  switch (type.kind) {
    case 'string':
      return kw('string');
    case 'int':
    case 'number':
      return kw('number');
    case 'bool':
      return kw('boolean');
    case 'null':
      return kw('null');
    case 'any':
      return kw('unknown');
    case 'enum':
      return type.values.length ? union(...type.values.map((v) => lit(v.name))) : kw('string');
    case 'array':
      return arr(recipeOf(type.items));
    case 'alternate':
      return union(...type.of.map(recipeOf));
    case 'object':
      return members(type.members);
    case 'ref':
      return ref(typeName(type.name));
  }
}
const typeName = (name: string) => name.replace(/[^A-Za-z0-9_$]/g, '_').replace(/^(?=[0-9])/, '_');
const members = (ms: readonly Member[]): Recipe => obj(...ms.map((m): [string, Recipe, boolean] => [m.name, recipeOf(m.type), m.optional]));

function namedRecipe(type: NamedType): Recipe {
  switch (type.kind) {
    case 'struct':
      return type.base ? inter(ref(typeName(type.base)), members(type.members)) : members(type.members);
    case 'enum':
      return recipeOf({ kind: 'enum', values: type.values });
    case 'alternate':
      return recipeOf({ kind: 'alternate', of: type.of });
    case 'union': {
      const branches = type.variants.map((v) => inter(...(type.discriminator ? [obj([type.discriminator, lit(v.value)])] : []), recipeOf(v.type)));
      return inter(...(type.base ? [ref(typeName(type.base))] : []), ...(type.members.length ? [members(type.members)] : []), union(...branches));
    }
  }
}

const qapiCorpus = requireQapiCorpus();
const schemas = qapiReleases().filter((r) => ['7.2.0', '9.1.0'].includes(r.version));

describe.skipIf(!qapiCorpus)("equal to the TypeScript printer on QEMU's QAPI schema", () => {
  const models = new Map<string, Model>();
  const modelOf = (root: string): Model => {
    let model = models.get(root);
    if (!model) models.set(root, (model = partToModel(readSchema(root).part)));
    return model;
  };

  it('has the releases', () => {
    expect(schemas.map((r) => r.version)).toEqual(['7.2.0', '9.1.0']);
  });

  it.each(schemas.map((r) => [r.version, r.root] as const))('%s: every type, member name and command name', (_v, root) => {
    const model = modelOf(root);
    const recipes = [
      ...model.types.map(namedRecipe),
      ...model.commands.flatMap((c) => [members(c.arguments.members), ...(c.returns ? [recipeOf(c.returns)] : [])]),
      ...model.events.flatMap((e) => (e.data ? [members(e.data.members)] : [])),
    ];
    expect(recipes.length).toBeGreaterThan(500);
    for (const r of recipes) expect(ours(r)).toBe(reference(r));
    for (const c of model.commands) {
      expect(propertyName(c.name)).toBe(Ref.propertyName(c.name));
      expect(stringLiteral(c.name, true)).toBe(Ref.stringLiteral(c.name, true));
    }
  });

  it.each(schemas.map((r) => [r.version, r.root] as const))('%s: every example message, at the widths the emitter uses', (_v, root) => {
    const model = modelOf(root);
    const values = [...model.commands, ...model.events].flatMap((i) => i.examples.flatMap((e) => e.messages.map((m) => m.value)));
    expect(values.filter((v) => v !== undefined).length).toBeGreaterThan(300);
    for (const v of values) {
      for (const width of [70, 80]) expect(valueText(v, width)).toBe(Ref.valueText(v, width));
      expect(printNode(valueExpression(v, true))).toBe(Ref.printNode(Ref.valueExpression(v, true)));
    }
  });
});
