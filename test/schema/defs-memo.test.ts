/**
 * The schema emitter builds each named type's `$defs` entry once per run and hands the same
 * entry to every file that needs it (TypeContext.defs, collectDefs). Held here to building it
 * afresh for each file, as before: the same schemas, byte for byte, and the same unresolved
 * names reported in the same order, on hand-made models at the edges (recursive types, unions
 * as variants, names that are not defined, `__proto__`) and on corpus models.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { eventSchema, requestSchema, responseSchema } from '../../generator/emit/schema/messages.js';
import { type BuiltDef, type SchemaObject, type TypeContext, collectDefs, defineKey } from '../../generator/emit/schema/types.js';
import { type RemovedIndex, removedIndex } from '../../generator/model/removed.js';
import type { Model, NamedType } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';
import { command, event, int, member, model, obj, opt, ref, solidTypes, str } from './build.js';

/** Every message schema with its $defs, in the emitter's order, then all named types; and what was reported. */
function buildAll(m: Model, share: boolean): { texts: string[]; reports: string[] } {
  const types = new Map<string, NamedType>();
  for (const t of [...m.types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) if (!types.has(t.name)) types.set(t.name, t);
  const removed: RemovedIndex = removedIndex(m);
  const reports: string[] = [];
  const reported = new Set<string>();
  const defs = new Map<string, BuiltDef>();
  const context = (): TypeContext => ({
    types,
    removed,
    used: new Set(),
    ...(share ? { defs } : {}),
    unresolved: (name, position) => {
      const key = `${name}\0${position ? `${position.file}:${position.line}:${position.column}` : ''}`;
      if (reported.has(key)) return;
      reported.add(key);
      reports.push(key);
    },
  });
  const texts: string[] = [];
  const file = (build: (cx: TypeContext) => SchemaObject) => {
    const cx = context();
    const body = build(cx);
    texts.push(JSON.stringify({ body, defs: collectDefs(cx) }, null, 2));
  };
  for (const c of m.commands) {
    file((cx) => requestSchema(c, cx));
    file((cx) => responseSchema(c, cx));
  }
  for (const e of m.events) file((cx) => eventSchema(e, cx));
  file((cx) => {
    for (const name of types.keys()) cx.used.add(name);
    return {};
  });
  return { texts, reports };
}

function same(m: Model): void {
  const shared = buildAll(m, true);
  const fresh = buildAll(m, false);
  expect(shared.reports).toEqual(fresh.reports);
  expect(shared.texts.length).toBe(fresh.texts.length);
  for (let i = 0; i < fresh.texts.length; i++) expect(shared.texts[i]).toBe(fresh.texts[i]);
}

describe('$defs built once per run = built for each file', () => {
  it.each<[string, Model]>([
    [
      'types used by several messages, one of them recursive',
      model({
        commands: [
          command('widget-add', { arguments: obj([member('tree', ref('Tree')), opt('solid', ref('Solid'))]) }),
          command('widget-get', { arguments: obj([member('id', str)]), returns: ref('Tree') }),
        ],
        events: [event('WIDGET_GONE', { data: obj([member('tree', ref('Tree'))]) })],
        types: [
          ...solidTypes(),
          { kind: 'struct', name: 'Tree', members: [member('children', { kind: 'array', items: ref('Tree') }), opt('solid', ref('Solid'))], description: '', origin: 'docs' },
        ],
      }),
    ],
    [
      'a name that is not defined, reached through a named type from several files',
      model({
        commands: [
          command('widget-a', { arguments: obj([member('x', ref('Holder'))]) }),
          command('widget-b', { arguments: obj([member('y', ref('Holder')), member('z', ref('Nowhere'))]), returns: ref('Holder') }),
        ],
        types: [{ kind: 'struct', name: 'Holder', members: [member('gone', ref('Missing')), member('__proto__', int)], description: '', origin: 'docs' }],
      }),
    ],
    [
      'a union as the variant of a union',
      model({
        commands: [command('widget-shape', { arguments: obj([member('outer', ref('Outer'))]) })],
        types: [
          ...solidTypes(),
          { kind: 'enum', name: 'Kind', values: [{ name: 'solid' }, { name: 'plain' }], description: '', origin: 'docs' },
          {
            kind: 'union',
            name: 'Outer',
            discriminator: 'kind',
            members: [member('kind', ref('Kind'))],
            variants: [{ value: 'solid', type: ref('Solid') }],
            description: '',
            origin: 'docs',
          },
        ],
      }),
    ],
  ])('%s', (_what, m) => same(m));
});

describe.skipIf(!corpusAvailable)('on the legacy corpus', () => {
  const versions = corpusVersions().filter((v) => ['1.2.0', '2.8.0'].includes(v.version));
  it.each(versions.map((v) => [v.version, v] as const))('%s', (_v, v) => {
    const inputs = [v.commandsTxt, v.events!].map((p) => new VFile({ path: p, value: readFileSync(p, 'utf8') }));
    same(buildModel(inputs, new Reporter(inputs, new VFile({ path: 'x' }))));
  });
});

describe.skipIf(!requireQapiCorpus())('on QAPI schemas', () => {
  const releases = qapiReleases().filter((r) => ['2.0.0', '7.2.0', '9.1.0'].includes(r.version));
  it.each(releases.map((r) => [r.version, r] as const))('%s', (_v, r) => same(partToModel(readSchema(r.root, {}).part)), 60_000);
});

describe('defineKey', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'plain', '0'])('%s: an own enumerable data property, in insertion order', (key) => {
    const obj: SchemaObject = {};
    defineKey(obj, 'first', 1);
    defineKey(obj, key, { v: key });
    expect(Object.getOwnPropertyDescriptor(obj, key)).toEqual({ value: { v: key }, enumerable: true, writable: true, configurable: true });
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(obj))).toEqual(JSON.parse(`{"first":1,${JSON.stringify(key)}:{"v":${JSON.stringify(key)}}}`));
    expect(Object.keys(obj)).toEqual(key === '0' ? ['0', 'first'] : ['first', key]);
  });
});
