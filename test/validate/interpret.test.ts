/**
 * The validate stage's schema interpreter against ajv (strict, all errors, 2020-12): for each
 * schema below, in the vocabulary the schema emitter writes, the interpreter must accept what
 * ajv accepts and report the same errors in the same order, for the listed values and for
 * thousands of generated ones (fast-check). Schemas outside the vocabulary are refused
 * (`interpretable` false), so the stage gives them to ajv instead.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretable, interpreter } from '../../generator/validate/interpret.js';

/** ajv's verdict and errors, reduced to what the stage reads. */
function viaAjv(schema: object, fragment?: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const id = 'https://example.invalid/s.json';
  ajv.addSchema({ ...schema, $id: id });
  const validate = ajv.getSchema(`${id}${fragment ?? ''}`)!;
  return (data: unknown) => {
    const ok = validate(data);
    return { ok, errors: (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params as unknown, message: e.message })) };
  };
}

function viaInterpreter(schema: object, fragment?: string) {
  const validate = interpreter(schema, fragment);
  return (data: unknown) => {
    const ok = validate(data);
    return { ok, errors: (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params as unknown, message: e.message })) };
  };
}

const member = { type: 'object', properties: { 'x-y': { type: 'integer', minimum: 0, maximum: 255 }, 'a/b~c': { type: 'string' } }, required: ['x-y'], additionalProperties: false };

/** Invented schemas covering every keyword of the vocabulary and how ajv orders them. */
const SCHEMAS: Array<[string, object, string?]> = [
  ['closed object, required, nested ranges', member],
  ['open object', { type: 'object', properties: { n: { type: 'number' } }, additionalProperties: true }],
  ['type list', { type: ['string', 'null'] }],
  ['integer with range (type checked first)', { type: 'integer', minimum: -5, maximum: 5 }],
  ['enum and const', { type: 'object', properties: { e: { enum: ['on', 'off', 1, null] }, c: { const: { deep: [1, 'two'] } } }, additionalProperties: false }],
  ['array of refs', { type: 'array', items: { $ref: '#/$defs/M' }, $defs: { M: member } }],
  [
    'flat union: base, if/then branches, unevaluatedProperties',
    {
      type: 'object',
      properties: { kind: { enum: ['a', 'b'] }, id: { type: 'string' } },
      required: ['kind'],
      allOf: [
        { if: { properties: { kind: { const: 'a' } }, required: ['kind'] }, then: { properties: { size: { type: 'integer', minimum: 1 } }, required: ['size'] } },
        { if: { properties: { kind: { const: 'b' } }, required: ['kind'] }, then: { $ref: '#/$defs/B' } },
      ],
      unevaluatedProperties: false,
      $defs: { B: { type: 'object', properties: { path: { type: 'string' }, ro: { type: 'boolean' } } } },
    },
  ],
  [
    'alternate: oneOf of a scalar, an object and a ref',
    { oneOf: [{ type: 'string' }, { type: 'object', properties: { p: { type: 'integer' } }, required: ['p'], additionalProperties: false }, { $ref: '#/$defs/N' }], $defs: { N: { type: 'null' } } },
  ],
  ['anyOf with an overlapping pair', { anyOf: [{ type: 'integer', maximum: 10 }, { type: 'number', minimum: 5 }] }],
  [
    'oneOf branches sharing unevaluatedProperties',
    { type: 'object', oneOf: [{ properties: { a: { type: 'integer' } }, required: ['a'] }, { properties: { b: { type: 'string' } }, required: ['b'] }], unevaluatedProperties: false },
  ],
  [
    'message envelope with a fragment',
    { $defs: { request: { type: 'object', properties: { execute: { const: 'do-it' }, arguments: member, id: true }, required: ['execute'], additionalProperties: false } } },
    '#/$defs/request',
  ],
];

const VALUES: unknown[] = [
  null,
  true,
  0,
  -7,
  3.5,
  300,
  'on',
  [],
  [{ 'x-y': 1 }, { 'x-y': -1, z: 2 }, 'no'],
  {},
  { 'x-y': 256, 'a/b~c': 5, extra: 1 },
  { kind: 'a' },
  { kind: 'a', size: 0, path: 'p' },
  { kind: 'b', path: 'p', ro: 'yes', other: 1 },
  { kind: 'c', id: 4 },
  { p: 1 },
  { p: 'x', q: 1 },
  { a: 1, b: 'x' },
  { a: 'x' },
  { e: 'on', c: { deep: [1, 'two'] } },
  { e: 2, c: { deep: [1, 'two', 3] } },
  { execute: 'do-it', arguments: { 'x-y': 3 } },
  { execute: 'other', arguments: { 'x-y': '3' }, id: 7, more: [] },
];

describe('the validate stage interpreter', () => {
  it.each(SCHEMAS)('%s: takes the schema', (_name, schema) => {
    expect(interpretable(schema)).toBe(true);
  });

  it.each(SCHEMAS)('%s: same verdict and errors as ajv for the listed values', (_name, schema, fragment) => {
    const a = viaAjv(schema, fragment);
    const b = viaInterpreter(schema, fragment);
    for (const value of VALUES) expect(b(value), JSON.stringify(value)).toEqual(a(value));
  });

  it.each(SCHEMAS)('%s: same verdict and errors as ajv for generated values', (_name, schema, fragment) => {
    const a = viaAjv(schema, fragment);
    const b = viaInterpreter(schema, fragment);
    const key = fc.constantFrom('x-y', 'a/b~c', 'kind', 'size', 'path', 'ro', 'p', 'a', 'b', 'e', 'c', 'execute', 'arguments', 'id', 'n', 'zz');
    const scalar = fc.oneof(fc.constantFrom('a', 'b', 'on', 'off', 'do-it', 1, 0, -1, 256, 5, 10, 2.5, null, true), fc.string(), fc.integer());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(b(v)).toEqual(a(v));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['an unknown keyword', { type: 'object', patternProperties: { '^x': true } }],
    ['a remote $ref', { $ref: 'other.json#/$defs/A' }],
    ['then without if', { then: { type: 'string' } }],
    ['an unknown type', { type: 'bigint' }],
    ['a non-numeric limit', { type: 'integer', minimum: '0' }],
    ['an empty oneOf', { oneOf: [] }],
  ])('refuses %s', (_name, schema) => {
    expect(interpretable(schema)).toBe(false);
  });
});

describe('interpretable with the answers for shared subschemas (known)', () => {
  const good = { type: 'object', properties: { a: { type: 'string' } } };
  const bad = { type: 'object', patternProperties: { '^x': true } };
  it.each<[string, object[]]>([
    ['documents sharing an interpretable entry', [{ $defs: { G: good }, $ref: '#/$defs/G' }, { properties: { g: good }, type: 'object' }, good]],
    ['documents sharing an entry that is not', [{ $defs: { B: bad }, $ref: '#/$defs/B' }, { properties: { b: bad }, type: 'object' }, bad, { anyOf: [good, bad] }]],
    ['an entry met twice in one document', [{ $defs: { G: good, H: { properties: { g: good, h: good } } }, allOf: [good, good] }]],
    ['the schemas above, in turn', [...SCHEMAS.map(([, schema]) => schema)]],
  ])('%s: the same answers as asked one by one', (_what, documents) => {
    const known = new WeakMap<object, boolean>();
    for (const order of [documents, [...documents].reverse()]) {
      const shared = new WeakMap<object, boolean>();
      expect(order.map((d) => interpretable(d, shared))).toEqual(order.map((d) => interpretable(d)));
    }
    expect(documents.map((d) => interpretable(d, known))).toEqual(documents.map((d) => interpretable(d)));
  });
});

describe('the interpreter told variant by variant (byVariant)', () => {
  /** An invented QAPI-style union: a base with the discriminator, one oneOf branch per variant pinning it. */
  const union = {
    type: 'object',
    properties: { kind: { enum: ['disk', 'net'] }, id: { type: 'string' } },
    required: ['kind', 'id'],
    oneOf: [
      { properties: { kind: { const: 'disk' }, size: { type: 'integer' } }, required: ['kind', 'size'] },
      { properties: { kind: { const: 'net' }, port: { type: 'integer' }, host: { type: 'string' } }, required: ['kind', 'port', 'host'] },
    ],
    unevaluatedProperties: false,
  };
  /** A oneOf whose branches pin no common member: not a union, left as ajv reports it. */
  const alternate = { oneOf: [{ type: 'string' }, { type: 'object', properties: { p: { const: 1 } }, required: ['p'] }] };
  const lines = (schema: object, value: unknown, byVariant: boolean) => {
    const v = interpreter(schema, undefined, { byVariant });
    return v(value) ? 'valid' : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`);
  };

  it.each<[string, object, unknown, string | string[]]>([
    ['the selected variant only', union, { kind: 'disk', id: 'a', size: 'big' }, ['/size type: must be integer']],
    ['a variant member missing', union, { kind: 'net', id: 'a', port: 1 }, ["/ required: must have required property 'host'"]],
    [
      'the discriminator missing: that, and no variant member called unknown',
      union,
      { id: 'a', size: 1 },
      ['/ discriminator: no variant applies: its discriminator "kind" is missing', "/ required: must have required property 'kind'"],
    ],
    [
      'a discriminator value no variant has',
      union,
      { kind: 'tape', id: 'a' },
      ['/ discriminator: no variant applies: "kind" is "tape", none of "disk", "net"', '/kind enum: must be equal to one of the allowed values'],
    ],
    ['a member of no variant is still unknown', union, { kind: 'disk', id: 'a', size: 'big', colour: 1 }, ['/size type: must be integer', '/ unevaluatedProperties: must NOT have unevaluated properties']],
    ['valid stays valid', union, { kind: 'net', id: 'a', port: 1, host: 'h' }, 'valid'],
  ])('%s', (_name, schema, value, expected) => {
    expect(lines(schema, value, true)).toEqual(expected);
    // same verdict as without it
    expect(lines(schema, value, false) === 'valid').toBe(expected === 'valid');
  });

  it('leaves a oneOf that is no union as it was', () => {
    expect(lines(alternate, { p: 2 }, true)).toEqual(lines(alternate, { p: 2 }, false));
  });

  it('keeps the verdict on generated values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(interpreter(union, undefined, { byVariant: true })(v)).toBe(interpreter(union)(v));
      }),
      { numRuns: 300 },
    );
  });
});
