import { describe, expect, it } from 'vitest';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import type { Command, Event, ExampleMessage, Model } from '../../generator/model/types.js';
import { validateExamples } from '../../generator/validate/index.js';
import { command, context, diagnostics, enm, event, example, int, member, model, msg, obj, opt, ref, solidTypes, str } from './build.js';

const ts = { seconds: 10, microseconds: 20 };
const frob = (examples: ExampleMessage[][]): Command =>
  command('frob-widget', {
    arguments: obj([member('id', str), opt('speed', int)]),
    examples: examples.map((m) => example(m)),
  });
const query = (examples: ExampleMessage[][] = []): Command =>
  command('query-widget', { returns: obj([member('speed', int)]), examples: examples.map((m) => example(m)) });
const done = (examples: ExampleMessage[][] = []): Event =>
  event('WIDGET_DONE', { data: obj([member('id', str), opt('how', enm('fast', 'slow'))]), examples: examples.map((m) => example(m)) });

function run(commands: Command[], events: Event[] = []) {
  const m = model({ commands, events });
  const { ctx, file } = context();
  const emitted = emitSchemas(m, ctx);
  const { stats, files } = validateExamples(m, emitted, ctx.reporter);
  return { stats, lines: diagnostics(file), reasons: file.messages.map((x) => x.reason), files, emitted };
}

describe('examples → diagnostics', () => {
  const cases: { label: string; commands: Command[]; events?: Event[]; expected: string[]; passed: number; skipped?: Record<string, number> }[] = [
    {
      label: 'a valid request and its reply',
      commands: [frob([[msg({ execute: 'frob-widget', arguments: { id: 'w1' } }, 3), msg({ return: {} }, 4)]])],
      expected: [],
      passed: 2,
    },
    {
      label: 'a wrong argument type, an unknown argument, a missing required one',
      commands: [
        frob([
          [msg({ execute: 'frob-widget', arguments: { id: 'w1', speed: 'high' } }, 3)],
          [msg({ execute: 'frob-widget', arguments: { id: 'w1', colour: 'red' } }, 8)],
          [msg({ execute: 'frob-widget', arguments: { speed: 2 } }, 12)],
        ]),
      ],
      expected: ['12:1 example-invalid', '3:1 example-invalid', '8:1 example-invalid'],
      passed: 0,
    },
    {
      label: 'a reply is checked against the command executed before it, not the documented one',
      commands: [
        frob([[msg({ execute: 'query-widget' }, 3), msg({ return: { speed: 'x' } }, 4)]]),
        query(),
      ],
      expected: ['4:1 example-invalid'],
      passed: 1,
    },
    {
      label: 'a reply with no request before it: the documented command',
      commands: [query([[msg({ return: { speed: 5 } }, 6)], [msg({ return: [] }, 9)]])],
      expected: ['9:1 example-invalid'],
      passed: 1,
    },
    {
      label: 'a request for a command the docs do not define',
      commands: [frob([[msg({ execute: 'frob-gadget' }, 3), msg({ return: {} }, 4)]])],
      expected: ['3:1 example-invalid'],
      passed: 0,
      skipped: { 'no-schema': 1 },
    },
    {
      label: 'error replies and greetings',
      commands: [
        frob([
          [msg({ execute: 'frob-widget', arguments: { id: 'w' } }, 3), msg({ error: { class: 'GenericError', desc: 'no widget' } }, 4)],
          [msg({ error: { desc: 'no class' } }, 7)],
          [msg({ QMP: { version: { qemu: { major: 1, minor: 2, micro: 3 }, package: '' }, capabilities: [] } }, 9)],
        ]),
      ],
      expected: ['7:1 example-invalid'],
      passed: 3,
    },
    {
      label: 'events in command and event docs',
      commands: [frob([[msg({ execute: 'frob-widget', arguments: { id: 'w' } }, 3), msg({ return: {} }, 4), msg({ event: 'WIDGET_DONE', data: { id: 'w' }, timestamp: ts }, 5)]])],
      events: [
        done([[msg({ event: 'WIDGET_DONE', data: { id: 'w', how: 'fast' }, timestamp: ts }, 20)], [msg({ event: 'WIDGET_DONE', data: { id: 'w', how: 'sideways' }, timestamp: ts }, 24)]]),
        event('WIDGET_IDLE', { examples: [example([msg({ event: 'WIDGET_GONE', timestamp: ts }, 30)])] }),
      ],
      expected: ['24:1 example-invalid', '30:1 example-invalid'],
      passed: 4,
    },
    {
      label: 'elided, unreadable and unknown-role messages are skipped, not failed',
      commands: [
        query([
          [msg({ execute: 'query-widget' }, 3, { elided: true }), msg({ return: { speed: 1 } }, 4)],
          [msg({ return: { speed: 'not checked' } }, 7, { elided: true })],
          [{ ...msg({}, 9), value: undefined, role: 'unknown' }],
          [msg({ hello: 'there' }, 11)],
        ]),
      ],
      expected: [],
      passed: 1,
      skipped: { elided: 2, unreadable: 1, 'unknown-role': 1 },
    },
  ];
  it.each(cases)('$label', ({ commands, events, expected, passed, skipped }) => {
    const { stats, lines } = run(commands, events);
    expect(lines).toEqual(expected);
    expect(stats.passed).toBe(passed);
    expect(stats.failed).toBe(expected.length);
    expect(stats.checked).toBe(passed + expected.length);
    for (const [reason, n] of Object.entries(skipped ?? {})) expect(stats.skipped[reason as keyof typeof stats.skipped]).toBe(n);
  });
});

describe('diagnostic wording', () => {
  it.each([
    [{ execute: 'frob-widget', arguments: { id: 'w1', speed: 'high' } }, 'Example request for "frob-widget" does not match schema/commands/frob-widget.request.json: /arguments/speed: must be of type integer'],
    [{ execute: 'frob-widget', arguments: { id: 'w1', colour: 'red' } }, 'Example request for "frob-widget" does not match schema/commands/frob-widget.request.json: /arguments: unknown member "colour"'],
    [{ execute: 'frob-widget', arguments: {} }, 'Example request for "frob-widget" does not match schema/commands/frob-widget.request.json: /arguments: missing required member "id"'],
    [{ execute: 'frob-gadget' }, 'Example request for "frob-gadget" is not checked: the documentation defines no such command'],
  ])('%j', (value, reason) => {
    const { reasons } = run([frob([[msg(value, 3)]])]);
    expect(reasons).toEqual([`${reason}; it is left out of the schema's examples`]);
  });

  it.each([
    [{ execute: 'make-solid', arguments: { solid: { shape: 'disc', radius: 'wide' } } }, '/arguments/solid/radius: must be of type integer'],
    [{ execute: 'make-solid', arguments: { solid: { radius: 2 } } }, '/arguments/solid: no variant applies: its discriminator "shape" is missing; /arguments/solid: missing required member "shape"'],
  ])('a union names what is wrong for the variant the message selects: %j', (value, problems) => {
    const types = solidTypes();
    const m = model({ commands: [command('make-solid', { arguments: obj([member('solid', ref('Solid'))]), examples: [example([msg(value, 3)])] })], types });
    const { ctx, file } = context();
    validateExamples(m, emitSchemas(m, ctx), ctx.reporter);
    expect(file.messages.map((x) => x.reason)).toEqual([
      `Example request for "make-solid" does not match schema/commands/make-solid.request.json: ${problems}; it is left out of the schema's examples`,
    ]);
  });

  it('an event value outside its enum names the allowed values', () => {
    const { reasons } = run([], [done([[msg({ event: 'WIDGET_DONE', data: { id: 'w', how: 'sideways' }, timestamp: ts }, 2)]])]);
    expect(reasons[0]).toContain('/data/how: must be one of "fast", "slow"');
    expect(reasons[0]).toContain('schema/events/WIDGET_DONE.json');
  });
});

describe('examples in the emitted schemas', () => {
  it('only the examples that validate, once each, whole messages', () => {
    const request = { execute: 'frob-widget', arguments: { id: 'w1' } };
    const { files } = run([
      frob([
        [msg(request, 3), msg({ return: {} }, 4)],
        [msg(request, 6), msg({ return: {} }, 7)],
        [msg({ execute: 'frob-widget', arguments: { id: 3 } }, 9)],
      ]),
    ]);
    const get = (p: string) => JSON.parse(files.find((f) => f.path === p)!.contents) as { examples?: unknown[] };
    expect(get('schema/commands/frob-widget.request.json').examples).toEqual([request]);
    expect(get('schema/commands/frob-widget.response.json').examples).toEqual([{ return: {} }]);
    expect(get('schema/qmp.schema.json').examples).toBeUndefined();
  });

  it('the emitter alone adds none; files without passing examples pass through unchanged', () => {
    const { files, emitted } = run([frob([[msg({ execute: 'frob-widget', arguments: { id: 'w' } }, 3)]])]);
    for (const f of emitted) expect(f.contents).not.toContain('"examples"');
    const changed = files.filter((f, i) => f.contents !== emitted[i]!.contents).map((f) => f.path);
    expect(changed).toEqual(['schema/commands/frob-widget.request.json']);
    const schema = JSON.parse(changed.length ? files.find((f) => f.path === changed[0])!.contents : '{}') as Record<string, unknown>;
    expect(Object.keys(schema).slice(-1)).toEqual(['examples']);
  });

  it('no examples key when none validates', () => {
    const { files } = run([frob([[msg({ execute: 'frob-widget' }, 3)]])]);
    expect(JSON.parse(files.find((f) => f.path === 'schema/commands/frob-widget.request.json')!.contents)).not.toHaveProperty('examples');
  });
});
