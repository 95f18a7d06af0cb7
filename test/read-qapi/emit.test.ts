/**
 * What the emitters make of QAPI shapes (inline schemas in our own words): integer widths
 * become ranges; flat unions, simple unions and unions nested as variants validate the
 * messages QEMU would accept and reject the others.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import { partToModel } from './helpers.js';
import { readText } from './unit.js';

function requestValidator(schema: string, command: string) {
  const model = partToModel(readText(schema).part);
  const reporter = new Reporter([], new VFile({ path: '<emit>' }));
  const files = emitSchemas(model, { reporter, packageName: 'p', generatorVersion: '0.0.0', emitted: ['schema'] });
  const file = files.find((f) => f.path === `schema/commands/${command}.request.json`)!;
  const doc = JSON.parse(file.contents) as Record<string, unknown>;
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(doc);
  return { doc, ok: (args: unknown) => validate({ execute: command, arguments: args }) };
}

describe('QAPI shapes in the JSON Schemas', () => {
  it('gives sized integers their range', () => {
    const { doc, ok } = requestValidator("{ 'command': 'c', 'data': { 'a': 'uint8', 'b': 'int16', 'c': 'size', 'd': 'int' } }", 'c');
    const props = (doc.properties as Record<string, { properties: Record<string, unknown> }>).arguments!.properties;
    expect(props.a).toMatchObject({ type: 'integer', minimum: 0, maximum: 255 });
    expect(props.b).toMatchObject({ minimum: -32768, maximum: 32767 });
    expect(props.c).toMatchObject({ minimum: 0 });
    expect(props.d).toEqual({ type: 'integer' });
    expect(ok({ a: 255, b: -32768, c: 0, d: -1 })).toBe(true);
    expect(ok({ a: 256, b: 0, c: 0, d: 0 })).toBe(false);
    expect(ok({ a: 0, b: 0, c: -1, d: 0 })).toBe(false);
  });

  const flat =
    "{ 'enum': 'Kind', 'data': [ 'disk', 'net', 'none' ] }\n{ 'struct': 'Disk', 'data': { 'path': 'str' } }\n{ 'struct': 'Net', 'data': { 'port': 'int' } }\n" +
    "{ 'union': 'Dev', 'base': { 'kind': 'Kind', '*id': 'str' }, 'discriminator': 'kind', 'data': { 'disk': 'Disk', 'net': 'Net' } }\n" +
    "{ 'command': 'add', 'data': { 'dev': 'Dev' } }";

  it.each<[string, unknown, boolean]>([
    ['a disk', { kind: 'disk', path: '/x' }, true],
    ['a net with an id', { kind: 'net', port: 1, id: 'n' }, true],
    ['an enum value without a variant', { kind: 'none' }, true],
    ["a member of another variant", { kind: 'disk', port: 1, path: '/x' }, false],
    ['a missing variant member', { kind: 'net' }, false],
    ['an unknown discriminator value', { kind: 'tape' }, false],
  ])('flat union: %s', (_what, dev, valid) => {
    expect(requestValidator(flat, 'add').ok({ dev })).toBe(valid);
  });

  it.each<[string, unknown, boolean]>([
    ['a text branch', { type: 'text', data: 'hi' }, true],
    ['a number branch', { type: 'num', data: 2 }, true],
    ['data of the wrong branch', { type: 'num', data: 'hi' }, false],
    ['no data', { type: 'text' }, false],
  ])('simple union: %s', (_what, v, valid) => {
    const schema = "{ 'union': 'S', 'data': { 'text': 'str', 'num': 'int' } }\n{ 'command': 'set', 'data': { 'v': 'S' } }";
    expect(requestValidator(schema, 'set').ok({ v })).toBe(valid);
  });

  it.each<[string, unknown, boolean]>([
    ['an inner branch', { transport: 'sock', type: 'unix', path: '/s' }, true],
    ['the other inner branch', { transport: 'sock', type: 'inet', host: 'h' }, true],
    ['an outer branch', { transport: 'cmd', args: ['a'] }, true],
    ['an inner member under the wrong inner branch', { transport: 'sock', type: 'inet', path: '/s' }, false],
  ])('a union as a variant of a union: %s', (_what, addr, valid) => {
    const schema =
      "{ 'struct': 'Unix', 'data': { 'path': 'str' } }\n{ 'struct': 'Inet', 'data': { 'host': 'str' } }\n{ 'struct': 'Cmd', 'data': { 'args': [ 'str' ] } }\n" +
      "{ 'union': 'Sock', 'base': { 'type': 'str' }, 'discriminator': 'type', 'data': { 'unix': 'Unix', 'inet': 'Inet' } }\n" +
      "{ 'union': 'Addr', 'base': { 'transport': 'str' }, 'discriminator': 'transport', 'data': { 'sock': 'Sock', 'cmd': 'Cmd' } }\n" +
      "{ 'command': 'go', 'data': { 'addr': 'Addr' } }";
    expect(requestValidator(schema, 'go').ok({ addr })).toBe(valid);
  });
});
