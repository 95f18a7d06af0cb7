import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import type { OutputFile } from '../../generator/emit/types.js';
import type { Model, TypeRef } from '../../generator/model/types.js';
import {
  alt,
  any,
  arr,
  at,
  bool,
  command,
  context,
  diagnostics,
  enm,
  event,
  int,
  member,
  model,
  num,
  obj,
  opt,
  ref,
  solidTypes,
  str,
} from './build.js';

type Json = Record<string, any>;

function emit(m: Model, packageName?: string) {
  const { ctx, file } = context(packageName);
  const files = emitSchemas(m, ctx);
  const byPath = new Map(files.map((f) => [f.path, JSON.parse(f.contents) as Json]));
  return { files, byPath, file, get: (p: string) => byPath.get(p) ?? expect.fail(`no file ${p}`) };
}

/** A fresh strict validator per schema: each file must compile on its own. */
function compile(schema: object) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

describe('member types → schema fragments', () => {
  const cases: [string, TypeRef, Json][] = [
    ['string', str, { type: 'string' }],
    ['int', int, { type: 'integer' }],
    ['number', num, { type: 'number' }],
    ['bool', bool, { type: 'boolean' }],
    ['null', { kind: 'null' }, { type: 'null' }],
    ['any', any, {}],
    ['enum', enm('slow', 'fast'), { type: 'string', enum: ['slow', 'fast'] }],
    ['array', arr(int), { type: 'array', items: { type: 'integer' } }],
    ['alternate', alt(int, str), { anyOf: [{ type: 'integer' }, { type: 'string' }] }],
    [
      'object',
      obj([member('x', int), opt('y', str)]),
      {
        type: 'object',
        properties: { x: { description: 'the x of the widget', type: 'integer' }, y: { description: 'the y of the widget', type: 'string' } },
        required: ['x'],
        additionalProperties: false,
      },
    ],
    ['open object', obj([], true), { type: 'object', properties: {}, additionalProperties: true }],
    ['array of arrays', arr(arr(bool)), { type: 'array', items: { type: 'array', items: { type: 'boolean' } } }],
    ['enum with repeated values', enm('a', 'b', 'a'), { type: 'string', enum: ['a', 'b'] }],
    ['enum with no values read', enm(), { type: 'string' }],
    ['alternate of one', alt(int), { type: 'integer' }],
    ['alternate of none', alt(), {}],
  ];
  it.each(cases)('%s', (_label, type, expected) => {
    const { get } = emit(model({ commands: [command('set-widget', { arguments: obj([member('value', type)]) })] }));
    const prop = get('schema/commands/set-widget.request.json').properties.arguments.properties.value;
    expect(prop).toEqual({ description: 'the value of the widget', ...expected });
    expect(() => compile(get('schema/commands/set-widget.request.json'))).not.toThrow();
  });
});

describe('request messages', () => {
  const cases: { label: string; args: ReturnType<typeof obj>; stated?: boolean; valid: unknown[]; invalid: unknown[]; required: string[] }[] = [
    {
      label: 'a required argument makes `arguments` required',
      args: obj([member('id', str), opt('speed', int)]),
      required: ['execute', 'arguments'],
      valid: [{ execute: 'c', arguments: { id: 'w' } }, { execute: 'c', arguments: { id: 'w', speed: 2 }, id: 7 }],
      invalid: [{ execute: 'c' }, { execute: 'c', arguments: { speed: 2 } }, { execute: 'c', arguments: { id: 'w', colour: 'red' } }, { execute: 'other', arguments: { id: 'w' } }],
    },
    {
      label: 'only optional arguments: `arguments` may be omitted',
      args: obj([opt('speed', int)]),
      required: ['execute'],
      valid: [{ execute: 'c' }, { execute: 'c', arguments: {} }, { execute: 'c', arguments: { speed: 1 } }],
      invalid: [{ execute: 'c', arguments: { speed: 'fast' } }, { execute: 'c', extra: 1 }],
    },
    {
      label: 'no arguments: omitted or empty',
      args: obj([]),
      required: ['execute'],
      valid: [{ execute: 'c' }, { execute: 'c', arguments: {} }, { execute: 'c', id: { any: ['thing'] } }],
      invalid: [{ execute: 'c', arguments: { speed: 1 } }, { execute: 'c', arguments: [] }],
    },
    {
      label: 'no Arguments section: taken as none',
      args: obj([]),
      stated: false,
      required: ['execute'],
      valid: [{ execute: 'c' }],
      invalid: [{ execute: 'c', arguments: { speed: 1 } }],
    },
    {
      label: 'open arguments accept more members',
      args: obj([member('driver', str)], true),
      required: ['execute', 'arguments'],
      valid: [{ execute: 'c', arguments: { driver: 'd', anything: [1] } }],
      invalid: [{ execute: 'c', arguments: { anything: 1 } }],
    },
  ];
  it.each(cases)('$label', ({ args, stated, required, valid, invalid }) => {
    const { get } = emit(model({ commands: [command('c', { arguments: args, argumentsStated: stated ?? true })] }));
    const schema = get('schema/commands/c.request.json');
    expect(schema.required).toEqual(required);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.execute).toEqual({ const: 'c' });
    expect(schema.properties.arguments.additionalProperties).toBe(args.open);
    const validate = compile(schema);
    for (const v of valid) expect(validate(v), JSON.stringify(v)).toBe(true);
    for (const v of invalid) expect(validate(v), JSON.stringify(v)).toBe(false);
  });
});

describe('response messages', () => {
  const cases: { label: string; returns?: TypeRef; valid: unknown[]; invalid: unknown[] }[] = [
    { label: 'no returns: the empty object', valid: [{ return: {} }, { return: {}, id: 'a' }], invalid: [{ return: { x: 1 } }, { return: [] }, {}, { return: {}, extra: 1 }] },
    { label: 'an integer', returns: int, valid: [{ return: 3 }], invalid: [{ return: '3' }] },
    {
      label: 'server-sent objects are open (QMP lets servers add members)',
      returns: arr(obj([member('id', str), opt('busy', bool)])),
      valid: [{ return: [] }, { return: [{ id: 'a' }, { id: 'b', busy: true, future: 1 }] }],
      invalid: [{ return: [{ busy: true }] }, { return: [{ id: 1 }] }],
    },
  ];
  it.each(cases)('$label', ({ returns, valid, invalid }) => {
    const { get } = emit(model({ commands: [command('c', returns ? { returns } : {})] }));
    const validate = compile(get('schema/commands/c.response.json'));
    for (const v of valid) expect(validate(v), JSON.stringify(v)).toBe(true);
    for (const v of invalid) expect(validate(v), JSON.stringify(v)).toBe(false);
  });

  it('empty-return reply is an object with no properties (what QEMU sends)', () => {
    const { get } = emit(model({ commands: [command('c')] }));
    const ret = get('schema/commands/c.response.json').properties.return;
    expect(ret).toMatchObject({ type: 'object', additionalProperties: false });
    expect(ret.properties).toBeUndefined();
  });
});

describe('event messages', () => {
  const ts = { seconds: 1, microseconds: 2 };
  const cases: { label: string; data?: ReturnType<typeof obj>; required: string[]; valid: unknown[]; invalid: unknown[] }[] = [
    {
      label: 'no data: omitted or empty',
      required: ['event', 'timestamp'],
      valid: [{ event: 'E', timestamp: ts }, { event: 'E', data: {}, timestamp: ts }],
      invalid: [{ event: 'E' }, { event: 'E', data: { x: 1 }, timestamp: ts }, { event: 'F', timestamp: ts }, { event: 'E', timestamp: { seconds: 1 } }],
    },
    {
      label: 'data members: data required, open to additions',
      data: obj([member('id', str), opt('why', enm('a', 'b'))]),
      required: ['event', 'data', 'timestamp'],
      valid: [{ event: 'E', data: { id: 'x' }, timestamp: ts }, { event: 'E', data: { id: 'x', why: 'a', later: 0 }, timestamp: ts }],
      invalid: [{ event: 'E', timestamp: ts }, { event: 'E', data: { id: 'x', why: 'c' }, timestamp: ts }],
    },
  ];
  it.each(cases)('$label', ({ data, required, valid, invalid }) => {
    const { get } = emit(model({ events: [event('E', data ? { data } : {})] }));
    const schema = get('schema/events/E.json');
    expect(schema.required).toEqual(required);
    const validate = compile(schema);
    for (const v of valid) expect(validate(v), JSON.stringify(v)).toBe(true);
    for (const v of invalid) expect(validate(v), JSON.stringify(v)).toBe(false);
  });
});

describe('annotations', () => {
  it.each([
    ['a default of the member type is kept', member('n', int, { optional: true, default: 4 }), { default: 4 }, undefined],
    ['a default that is not a value of the type goes to $comment', opt('n', int, { default: 'the widget size' }), {}, 'Documented default, not a value of this type: "the widget size".'],
    ['an enum default must be one of the values', opt('m', enm('a', 'b'), { default: 'c' }), {}, 'Documented default, not a value of this type: "c".'],
    ['deprecated', member('old', str, { deprecated: true }), { deprecated: true }, undefined],
    ['deprecated feature', member('old', str, { features: [{ name: 'deprecated' }] }), { deprecated: true }, undefined],
    ['since', member('s', str, { since: '9.9' }), {}, 'Since 9.9.'],
  ] as const)('%s', (_label, m, expected, comment) => {
    const { get } = emit(model({ commands: [command('c', { arguments: obj([m]) })] }));
    const prop = get('schema/commands/c.request.json').properties.arguments.properties[m.name];
    expect(prop).toMatchObject(expected);
    if (!('default' in expected)) expect(prop).not.toHaveProperty('default');
    expect(prop.$comment).toBe(comment);
  });

  it('command title, description, since, deprecation and a differing heading', () => {
    const { get } = emit(
      model({ commands: [command('frob', { heading: 'frobnicate', since: '1.2', features: [{ name: 'deprecated' }], description: 'Long text.', summary: 'Short.' })] }),
    );
    expect(get('schema/commands/frob.request.json')).toMatchObject({
      title: 'frob request',
      description: 'Long text.',
      $comment: 'Since 1.2. Documented under the heading "frobnicate".',
      deprecated: true,
    });
    expect(get('schema/commands/frob.response.json')).toMatchObject({ title: 'frob response', deprecated: true });
  });

  it('enum value descriptions are listed in the member description', () => {
    const type: TypeRef = { kind: 'enum', values: [{ name: 'up', description: 'goes up' }, { name: 'down' }] };
    const { get } = emit(model({ commands: [command('c', { arguments: obj([member('dir', type, { description: 'direction' })]) })] }));
    expect(get('schema/commands/c.request.json').properties.arguments.properties.dir.description).toBe('direction\n\nValues:\n- up: goes up');
  });
});

describe('named types', () => {
  const types: Model['types'] = [
    { kind: 'enum', name: 'Colour', values: [{ name: 'red' }, { name: 'blue' }], description: 'A colour.', origin: 'docs' },
    { kind: 'struct', name: 'Base', members: [member('id', str)], description: 'Common part.', origin: 'docs' },
    { kind: 'struct', name: 'Paint', base: 'Base', members: [member('colour', ref('Colour'))], description: 'Paint.', origin: 'docs' },
    { kind: 'alternate', name: 'Size', of: [int, str], description: 'Size.', origin: 'docs' },
    { kind: 'struct', name: 'Unused', members: [], description: 'Not used.', origin: 'docs' },
  ];
  const m = model({
    commands: [command('paint', { arguments: obj([member('paint', ref('Paint')), opt('size', ref('Size'))]) })],
    types,
  });

  it('go in $defs of each file that uses them, transitively, and nothing else', () => {
    const { get } = emit(m);
    const schema = get('schema/commands/paint.request.json');
    expect(Object.keys(schema.$defs)).toEqual(['Colour', 'Paint', 'Size']); // Base is flattened into Paint
    expect(schema.properties.arguments.properties.paint.$ref).toBe('#/$defs/Paint');
    expect(schema.$defs.Paint.properties).toHaveProperty('id'); // base members flattened in
    expect(schema.$defs.Paint.required).toEqual(['id', 'colour']);
    expect(get('schema/commands/paint.response.json').$defs).toBeUndefined();
    const validate = compile(schema);
    expect(validate({ execute: 'paint', arguments: { paint: { id: 'p', colour: 'red' }, size: 'big' } })).toBe(true);
    expect(validate({ execute: 'paint', arguments: { paint: { id: 'p', colour: 'green' } } })).toBe(false);
  });

  it('all named types are in the bundle', () => {
    const { get } = emit(m);
    expect(Object.keys(get('schema/qmp.schema.json').$defs)).toEqual(expect.arrayContaining(['Base', 'Colour', 'Paint', 'Size', 'Unused']));
  });

  it('unions: discriminated (if/then per variant) and simple (type + data)', () => {
    const unionTypes: Model['types'] = [
      ...solidTypes(),
      { kind: 'union', name: 'Loose', members: [], variants: [{ value: 'n', type: int }, { value: 's', type: str }], description: '', origin: 'docs' },
    ];
    const { get } = emit(
      model({ commands: [command('make', { arguments: obj([member('solid', ref('Solid')), opt('loose', ref('Loose'))]) })], types: unionTypes }),
    );
    const validate = compile(get('schema/commands/make.request.json'));
    const ok = (a: object) => validate({ execute: 'make', arguments: a });
    expect(ok({ solid: { shape: 'disc', radius: 2 } })).toBe(true);
    expect(ok({ solid: { shape: 'box', side: 2 } })).toBe(true);
    expect(ok({ solid: { shape: 'box', radius: 2 } })).toBe(false);
    expect(ok({ solid: { shape: 'disc', radius: 2, extra: 1 } })).toBe(false);
    expect(ok({ solid: { shape: 'disc', radius: 2 }, loose: { type: 'n', data: 1 } })).toBe(true);
    expect(ok({ solid: { shape: 'disc', radius: 2 }, loose: { type: 'n', data: 'x' } })).toBe(false);
  });

  it('an undefined type: any value, reported at the member', () => {
    const { get, file } = emit(model({ commands: [command('c', { arguments: obj([member('w', ref('Nowhere'), { position: at(7, 3) })]) })] }));
    expect(get('schema/commands/c.request.json').properties.arguments.properties.w).toEqual({ description: 'the w of the widget' });
    expect(diagnostics(file)).toEqual(['7:3 schema-unresolved-type']);
  });
});

describe('every schema compiles on its own under ajv strict', () => {
  const m = model({
    commands: [
      command('a-b', { arguments: obj([member('x', alt(arr(enm('p', 'q')), obj([opt('y', any)], true))), opt('z', ref('T'), { default: 'one' })]), returns: ref('T') }),
      command('c_d', { returns: arr(obj([member('deep', obj([member('deeper', arr(num))]))])) }),
      command('e'),
    ],
    events: [event('F_G', { data: obj([member('k', bool)]) }), event('H')],
    types: [{ kind: 'enum', name: 'T', values: [{ name: 'one' }], description: 'T.', origin: 'docs' }],
  });
  it('per-file and bundle', () => {
    const { files } = emit(m);
    expect(files.map((f) => f.path)).toEqual([
      'schema/commands/a-b.request.json',
      'schema/commands/a-b.response.json',
      'schema/commands/c_d.request.json',
      'schema/commands/c_d.response.json',
      'schema/commands/e.request.json',
      'schema/commands/e.response.json',
      'schema/events/F_G.json',
      'schema/events/H.json',
      'schema/qmp.schema.json',
    ]);
    for (const f of files) {
      const schema = JSON.parse(f.contents) as Json;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`https://qmp-codegen.invalid/widget-client/${f.path}`);
      expect(typeof schema.title).toBe('string');
      expect(() => compile(schema), f.path).not.toThrow();
      expect(f.contents.endsWith('}\n')).toBe(true);
      expect(f.contents).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    }
  });

  it('an empty model still yields a valid bundle', () => {
    const { files } = emit(model({}));
    expect(files.map((f) => f.path)).toEqual(['schema/qmp.schema.json']);
    expect(() => compile(JSON.parse(files[0]!.contents) as object)).not.toThrow();
  });

  it('output is the same for the same model, whatever the input order', () => {
    const shuffled: Model = { ...m, commands: [...m.commands].reverse(), events: [...m.events].reverse() };
    expect(emit(shuffled).files).toEqual(emit(m).files);
  });
});

describe('the bundle validates any message', () => {
  const m = model({
    commands: [
      command('frob-widget', { arguments: obj([member('id', str)]) }),
      command('query-widgets', { returns: arr(obj([member('id', str)])) }),
    ],
    events: [event('WIDGET_DONE', { data: obj([member('id', str)]) })],
  });
  const ts = { seconds: 5, microseconds: 6 };
  const cases: [string, unknown, boolean][] = [
    ['greeting', { QMP: { version: { qemu: { major: 9, minor: 1, micro: 0 }, package: '' }, capabilities: [] } }, true],
    ['greeting without version', { QMP: { capabilities: [] } }, false],
    ['request', { execute: 'frob-widget', arguments: { id: 'w' }, id: 1 }, true],
    ['request with a bad argument', { execute: 'frob-widget', arguments: { id: 3 } }, false],
    ['request for an undocumented command', { execute: 'frob-gadget' }, false],
    ['success reply', { return: [{ id: 'w' }], id: 1 }, true],
    ['error reply', { error: { class: 'GenericError', desc: 'no such widget' } }, true],
    ['error reply without desc', { error: { class: 'GenericError' } }, false],
    ['event', { event: 'WIDGET_DONE', data: { id: 'w' }, timestamp: ts }, true],
    ['event without its data', { event: 'WIDGET_DONE', timestamp: ts }, false],
    ['undocumented event', { event: 'WIDGET_GONE', timestamp: ts }, false],
    ['two kinds at once', { execute: 'query-widgets', return: {} }, false],
    ['no kind', { hello: 1 }, false],
    ['not an object', [1], false],
  ];
  const { get } = emit(m);
  const validate = compile(get('schema/qmp.schema.json'));
  it.each(cases)('%s', (_label, message, valid) => {
    expect(validate(message)).toBe(valid);
  });

  it('a bad request reports the command-specific problem, not every message kind', () => {
    validate({ execute: 'frob-widget', arguments: { id: 3 } });
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toContain('/arguments/id type');
    expect(paths.some((p) => p.startsWith('/QMP') || p.includes('timestamp'))).toBe(false);
  });

  it('exposes each command response under $defs for replies matched by id', () => {
    const bundle = get('schema/qmp.schema.json');
    const ajv = new Ajv2020({ strict: true });
    ajv.addSchema(bundle);
    const res = ajv.getSchema(`${bundle.$id}#/$defs/response:query-widgets`)!;
    expect(res({ return: [{ id: 'a' }] })).toBe(true);
    expect(res({ return: {} })).toBe(false);
  });
});

describe('untrusted doc text and names', () => {
  const nasty = 'say "hi" */ </script> \u0000\u0007\u2028 \\ ${x} `y`';
  const names = ['__proto__', 'constructor', '../../x', 'a/b', 'con', '.hidden', 'x y', 'Ünï', 'toString'];
  const m = model({
    commands: names.map((n) =>
      command(n, { description: nasty, arguments: obj([member('__proto__', str, { description: nasty }), opt('constructor', int), opt('../../x', bool)]) }),
    ),
    events: [event('__proto__', { description: nasty, data: obj([member('hasOwnProperty', str)]) })],
  });
  const { files, byPath } = emit(m);

  it('doc text stays a plain JSON string value', () => {
    const schema = byPath.get('schema/commands/constructor.request.json')!;
    expect(schema.description).toBe(nasty);
    expect(schema.properties.arguments.properties.__proto__.description).toBe(nasty);
    for (const f of files) {
      // no raw control characters: only the newlines of the indentation
      expect(f.contents.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f]/);
    }
    const raw = files.find((f) => f.path === 'schema/commands/constructor.request.json')!.contents;
    expect(raw).toContain('\\u0000\\u0007');
  });

  it('member names are own keys, prototype untouched', () => {
    const args = byPath.get('schema/commands/constructor.request.json')!.properties.arguments;
    expect(Object.keys(args.properties)).toEqual(['__proto__', 'constructor', '../../x']);
    expect(Object.getPrototypeOf(args.properties)).toBe(Object.prototype);
    expect(args.required).toEqual(['__proto__']);
    // ajv cannot check a property named __proto__ (it skips that key in `properties`), so check the others
    const validate = compile(byPath.get('schema/commands/constructor.request.json')!);
    expect(validate(JSON.parse('{"execute":"constructor","arguments":{"constructor":"1"}}'))).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/arguments/constructor']);
    expect(validate(JSON.parse('{"execute":"constructor","arguments":{"constructor":1,"../../x":true}}'))).toBe(true);
  });

  it('file names are safe and distinct', () => {
    const paths = files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths) {
      expect(p).toMatch(/^schema\/(commands|events)?\/?[A-Za-z0-9_%~][A-Za-z0-9_.%~-]*\.json$/);
      expect(p.split('/').some((s) => s === '..' || s === '.')).toBe(false);
    }
    expect(paths).toEqual(
      expect.arrayContaining([
        'schema/commands/__proto__.request.json',
        'schema/commands/%2E.%2F..%2Fx.request.json',
        'schema/commands/%63on.request.json',
        'schema/commands/%2Ehidden.request.json',
        'schema/commands/x%20y.request.json',
        'schema/commands/%C3%9Cn%C3%AF.request.json',
        'schema/events/__proto__.json',
      ]),
    );
  });

  it('every file compiles and the bundle dispatches on the odd names', () => {
    for (const f of files) expect(() => compile(JSON.parse(f.contents) as object), f.path).not.toThrow();
    const validate = compile(byPath.get('schema/qmp.schema.json')!);
    const bad = validate(JSON.parse('{"execute":"../../x","arguments":{"constructor":"nope"}}'));
    expect(bad).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/arguments/constructor');
    expect(validate(JSON.parse('{"event":"__proto__","data":{"hasOwnProperty":"h"},"timestamp":{"seconds":0,"microseconds":0}}'))).toBe(true);
    expect(validate(JSON.parse('{"event":"__proto__","data":{"hasOwnProperty":1},"timestamp":{"seconds":0,"microseconds":0}}'))).toBe(false);
  });
});
