import { describe, expect, it } from 'vitest';
import type { Command, Event, NamedType, TypeRef } from '../../generator/model/types.js';
import { qapiReader } from '../../generator/read/qapi/index.js';
import { VFile } from 'vfile';
import { Reporter, reporterFor } from '../../generator/diagnostics/reporter.js';
import { readText } from './unit.js';

const cmd = (cs: Command[], name: string) => cs.find((c) => c.name === name)!;
const ty = (ts: NamedType[], name: string) => ts.find((t) => t.name === name)!;
const ev = (es: Event[], name: string) => es.find((e) => e.name === name)!;

function shape(t: TypeRef): unknown {
  switch (t.kind) {
    case 'object':
      return Object.fromEntries(t.members.map((m) => [m.name + (m.optional ? '?' : ''), shape(m.type)]));
    case 'array':
      return [shape(t.items)];
    case 'ref':
      return `#${t.name}`;
    case 'alternate':
      return { anyOf: t.of.map(shape) };
    case 'enum':
      return t.values.map((v) => v.name);
    default:
      return t.width ? `${t.kind}:${t.width}` : t.kind;
  }
}

describe('QAPI definitions → model', () => {
  it('reads builtins, arrays, optional members and integer widths', () => {
    const { part, diags } = readText(
      "{ 'struct': 'Box', 'data': { 'w': 'uint16', 'h': 'int8', '*label': 'str', 'tags': ['str'], 'n': 'number', 'b': 'bool', 'v': 'any', 'z': 'null', 's': 'size', 'i': 'int', 'k': 'QType' } }",
    );
    expect(diags).toEqual([]);
    const box = ty(part.types, 'Box');
    expect(box.kind === 'struct' && shape({ kind: 'object', members: box.members, open: false })).toEqual({
      w: 'int:uint16', h: 'int:int8', 'label?': 'string', tags: ['string'], n: 'number', b: 'bool', v: 'any', z: 'null', s: 'int:size', i: 'int', k: '#QType',
    });
    // QType comes from the language when used
    expect(ty(part.types, 'QType')).toMatchObject({ kind: 'enum', values: expect.arrayContaining([{ name: 'qstring' }]) });
  });

  it("reads 'type' (1.x) as struct, with a base", () => {
    const { part } = readText("{ 'type': 'Base', 'data': { 'id': 'str' } }\n{ 'type': 'Sub', 'base': 'Base', 'data': { 'x': 'int' } }");
    expect(ty(part.types, 'Sub')).toMatchObject({ kind: 'struct', base: 'Base', members: [{ name: 'x' }] });
  });

  it('reads enums with plain and object values, conditions and features', () => {
    const { part } = readText("{ 'enum': 'Mode', 'data': [ 'on', { 'name': 'off', 'if': 'CONFIG_OFF', 'features': [ 'deprecated' ] } ] }");
    expect(ty(part.types, 'Mode')).toMatchObject({ kind: 'enum', values: [{ name: 'on' }, { name: 'off', if: 'CONFIG_OFF', features: [{ name: 'deprecated' }] }] });
  });

  it('reads a flat union: named base, discriminator, variants with conditions', () => {
    const { part } = readText(
      "{ 'enum': 'Kind', 'data': [ 'a', 'b' ] }\n{ 'struct': 'Head', 'data': { 'kind': 'Kind' } }\n{ 'struct': 'A', 'data': { 'x': 'int' } }\n" +
        "{ 'union': 'U', 'base': 'Head', 'discriminator': 'kind', 'data': { 'a': 'A', 'b': { 'type': 'A', 'if': 'CONFIG_B' } } }",
    );
    expect(ty(part.types, 'U')).toMatchObject({
      kind: 'union', base: 'Head', discriminator: 'kind', members: [],
      variants: [{ value: 'a', type: { kind: 'ref', name: 'A' } }, { value: 'b', type: { kind: 'ref', name: 'A' }, if: 'CONFIG_B' }],
    });
  });

  it('reads an inline base as members', () => {
    const { part } = readText("{ 'union': 'U', 'base': { 'kind': 'str', '*id': 'str' }, 'discriminator': 'kind', 'data': {} }");
    expect(ty(part.types, 'U')).toMatchObject({ kind: 'union', members: [{ name: 'kind' }, { name: 'id', optional: true }] });
  });

  it("reads a simple union as QEMU does: discriminator 'type', one { data } object per branch", () => {
    const { part } = readText("{ 'union': 'S', 'data': { 'text': 'str', 'num': 'int' } }");
    const s = ty(part.types, 'S');
    expect(s).toMatchObject({ kind: 'union', discriminator: 'type' });
    expect(s.kind === 'union' && s.variants.map((v) => [v.value, shape(v.type)])).toEqual([['text', { data: 'string' }], ['num', { data: 'int' }]]);
  });

  it('reads alternates and 1.x anonymous unions as alternates', () => {
    const { part } = readText("{ 'alternate': 'Alt', 'data': { 's': 'str', 'n': 'null' } }\n{ 'union': 'Anon', 'discriminator': {}, 'data': { 'i': 'int', 'r': 'Alt' } }");
    expect(ty(part.types, 'Alt')).toMatchObject({ kind: 'alternate', of: [{ kind: 'string' }, { kind: 'null' }] });
    expect(ty(part.types, 'Anon')).toMatchObject({ kind: 'alternate', of: [{ kind: 'int' }, { kind: 'ref', name: 'Alt' }] });
  });

  it('reads command arguments inline, from a struct (bases first), boxed unions as open', () => {
    const { part } = readText(
      "{ 'struct': 'B', 'data': { 'id': 'str' } }\n{ 'struct': 'Args', 'base': 'B', 'data': { '*n': 'int' } }\n" +
        "{ 'union': 'U', 'base': { 'driver': 'str' }, 'discriminator': 'driver', 'data': {} }\n" +
        "{ 'command': 'inline', 'data': { 'a': 'str' }, 'returns': ['Args'] }\n" +
        "{ 'command': 'named', 'data': 'Args' }\n{ 'command': 'boxed', 'data': 'U', 'boxed': true }\n{ 'command': 'none' }",
    );
    expect(shape(cmd(part.commands, 'inline').arguments)).toEqual({ a: 'string' });
    expect(shape(cmd(part.commands, 'inline').returns!)).toEqual(['#Args']);
    expect(shape(cmd(part.commands, 'named').arguments)).toEqual({ id: 'string', 'n?': 'int' });
    expect(cmd(part.commands, 'boxed')).toMatchObject({ arguments: { open: true, members: [{ name: 'driver' }] }, flags: { boxed: true } });
    expect(cmd(part.commands, 'none')).toMatchObject({ arguments: { members: [], open: false }, argumentsStated: true });
    expect(cmd(part.commands, 'none').returns).toBeUndefined();
  });

  it('reads command flags; gen false (and 1.x "no") leaves the arguments open', () => {
    const { part, diags } = readText(
      "{ 'command': 'a', 'gen': false, 'success-response': false, 'allow-oob': true, 'allow-preconfig': true, 'coroutine': true }\n{ 'command': 'b', 'gen': 'no' }",
    );
    expect(cmd(part.commands, 'a').flags).toEqual({ gen: false, successResponse: false, allowOob: true, allowPreconfig: true, coroutine: true });
    expect(cmd(part.commands, 'a').arguments.open).toBe(true);
    expect(cmd(part.commands, 'b').flags).toEqual({ gen: false });
    expect(diags).toEqual(['s.json:2:26 qapi-bool-string']);
  });

  it('reads events with data and boxed', () => {
    const { part } = readText("{ 'struct': 'D', 'data': { 'x': 'int' } }\n{ 'event': 'E1', 'data': { 'y': 'str' } }\n{ 'event': 'E2', 'data': 'D', 'boxed': true }\n{ 'event': 'E3' }");
    expect(shape(ev(part.events, 'E1').data!)).toEqual({ y: 'string' });
    expect(ev(part.events, 'E2')).toMatchObject({ boxed: true, data: { members: [{ name: 'x' }] } });
    expect(ev(part.events, 'E3').data).toBeUndefined();
  });

  it('keeps features everywhere; deprecated also marks the member', () => {
    const { part } = readText(
      "{ 'command': 'c', 'data': { 'old': { 'type': 'str', 'features': [ 'deprecated' ] }, 'new': { 'type': 'str', 'features': [ 'unstable' ] } }, 'features': [ 'unstable', { 'name': 'mine', 'if': 'CONFIG_X' } ] }",
    );
    const c = cmd(part.commands, 'c');
    expect(c.features).toEqual([{ name: 'unstable' }, { name: 'mine', if: 'CONFIG_X' }]);
    expect(c.arguments.members[0]).toMatchObject({ name: 'old', deprecated: true, features: [{ name: 'deprecated' }] });
    expect(c.arguments.members[1]!.deprecated).toBeUndefined();
  });

  it('keeps if on every kind of item, in both syntaxes', () => {
    const { part } = readText(
      "{ 'command': 'old', 'if': 'defined(CONFIG_A) && !defined(TARGET_S390X)' }\n{ 'command': 'new', 'if': { 'all': [ 'CONFIG_A', { 'not': 'TARGET_S390X' } ] } }\n" +
        "{ 'struct': 'S', 'if': [ 'defined(CONFIG_A)', 'defined(CONFIG_B)' ], 'data': { 'm': { 'type': 'str', 'if': 'CONFIG_M' } } }\n{ 'event': 'E', 'if': 'CONFIG_E' }",
    );
    const want = { all: ['CONFIG_A', { not: 'TARGET_S390X' }] };
    expect(cmd(part.commands, 'old').if).toEqual(want);
    expect(cmd(part.commands, 'new').if).toEqual(want);
    expect(ty(part.types, 'S')).toMatchObject({ if: { all: ['CONFIG_A', 'CONFIG_B'] }, members: [{ if: 'CONFIG_M' }] });
    expect(ev(part.events, 'E').if).toBe('CONFIG_E');
  });

  it('gives every item and member a position', () => {
    const { part } = readText("\n{ 'command': 'c',\n  'data': { 'a': 'str' } }");
    const c = cmd(part.commands, 'c');
    expect(c.position).toEqual({ file: 's.json', line: 2, column: 14 });
    expect(c.arguments.members[0]!.position).toEqual({ file: 's.json', line: 3, column: 13 });
  });

  it.each([
    ['no kind key', "{ 'name': 'x' }", ['s.json:1:1 qapi-expression-invalid']],
    ['a name that is not a string', "{ 'command': [ 'x' ] }", ['s.json:1:14 qapi-expression-invalid']],
    ['an unknown key', "{ 'command': 'x', 'colour': 'red' }", ['s.json:1:19 qapi-unknown-key']],
    ['a duplicate definition', "{ 'command': 'x' }\n{ 'command': 'x' }", ['s.json:2:14 qapi-duplicate-definition']],
    ['data naming an undefined type', "{ 'command': 'x', 'data': 'Nope' }", ['s.json:1:27 qapi-invalid']],
    ['a two-element array type', "{ 'struct': 'S', 'data': { 'a': [ 'str', 'int' ] } }", ['s.json:1:33 qapi-invalid']],
    ['an unreadable condition', "{ 'command': 'x', 'if': 'defined(' }", ['s.json:1:25 qapi-condition']],
    ['an include not given to the reader', "{ 'include': 'other.json' }", ['s.json:1:14 qapi-include-missing']],
  ])('diagnoses %s', (_name, text, diags) => {
    expect(readText(text).diags).toEqual(diags);
  });

  it('reads the root and its included modules together; dependencies are the includes as written', () => {
    const root = "{ 'include': 'sub/a.json' }\n{ 'command': 'c', 'data': 'T' }";
    const { part, diags } = readText({ 'q/root.json': root, 'q/sub/a.json': "{ 'struct': 'T', 'data': { 'x': 'int' } }" });
    expect(diags).toEqual([]);
    expect(cmd(part.commands, 'c').arguments.members[0]).toMatchObject({ name: 'x', position: { file: 'q/sub/a.json' } });
    expect(part.sources.map((s) => [s.path, s.role, s.format])).toEqual([['q/root.json', 'schema', 'qapi'], ['q/sub/a.json', 'module', 'qapi']]);
    expect(qapiReader.dependencies!(new VFile({ path: 'q/root.json', value: root }), { report: () => undefined } as never)).toEqual(['sub/a.json']);
  });

  it('a file parsed for its includes is not parsed again by read, and its problems are reported once', () => {
    // tab, missing comma, trailing comma, unexpected word, an include, and a build problem
    const text = "{ 'include': 'x.json' }\n{ 'command':\t'a', 'data': { 'p': 'int' 'q': 'str', } }\n{ 'command': yes }\n{ 'struct': 'S', 'bogus': 1 }\n";
    const messages = (f: VFile) => f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
    const reporterOf = (files: VFile[]) => new Reporter(files, new VFile({ path: 'general' }));
    // as the CLI: dependencies with the file's own reporter, then read with the run's
    const twice = new VFile({ path: 's.json', value: text });
    expect(qapiReader.dependencies!(twice, reporterFor(twice))).toEqual(['x.json']);
    expect(messages(twice).length).toBeGreaterThan(3);
    const part = qapiReader.read([twice], reporterOf([twice]), {});
    // what reading a fresh copy reports, parse included: the same messages, each once
    const once = new VFile({ path: 's.json', value: text });
    const fresh = qapiReader.read([once], reporterOf([once]), {});
    expect(messages(twice)).toEqual(messages(once));
    expect(new Set(messages(twice)).size).toBe(messages(twice).length);
    expect(part).toEqual(fresh);
    // a reporter that puts messages on another VFile of that path gets the parse's problems too
    const elsewhere = new VFile({ path: 's.json', value: text });
    qapiReader.read([twice], reporterOf([elsewhere]), {});
    expect(messages(elsewhere)).toEqual(messages(once));
  });

  it('recognises the schema language by content', () => {
    const sniff = (value: string) => qapiReader.sniff(new VFile({ path: 'x', value }));
    expect(sniff("# comment\n##\n# doc\n##\n{ 'include': 'a.json' }")).toBe(true);
    expect(sniff("{ 'command': 'x' }")).toBe(true);
    expect(sniff('{ "return": [] }')).toBe(false);
    expect(sniff('query-foo\n---------\n\nArguments: None.')).toBe(false);
  });
});
