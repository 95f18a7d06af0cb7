/**
 * Hand-made models for the TypeScript emitter tests. Every name and sentence here is invented
 * (widgets, gizmos, knobs); nothing comes from QEMU's documentation.
 */
import { MODEL_VERSION, type Command, type Event, type Member, type Model, type TypeRef } from '../../generator/model/types.js';

let line = 1;
/** A fresh position in the (imaginary) input, so every item has a distinct line. */
export function at(file = 'widgets.txt'): { file: string; line: number; column: number } {
  return { file, line: line++, column: 1 };
}

export function member(name: string, type: TypeRef, extra: Partial<Member> = {}): Member {
  return { name, type, optional: false, description: `The ${name} of the thing.`, position: at(), ...extra };
}

export function command(name: string, extra: Partial<Command> = {}): Command {
  return {
    name,
    section: 'regular',
    summary: `Does ${name}.`,
    description: `Does ${name}.`,
    arguments: { kind: 'object', members: [], open: false },
    argumentsStated: true,
    notes: [],
    examples: [],
    origin: 'docs',
    position: at(),
    ...extra,
  };
}

export function event(name: string, extra: Partial<Event> = {}): Event {
  return { name, summary: `Emitted when ${name} happens.`, description: '', notes: [], examples: [], origin: 'docs', position: at('events.txt'), ...extra };
}

export function model(parts: Partial<Model>): Model {
  const byName = <T extends { name: string }>(xs: T[] = []) => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    modelVersion: MODEL_VERSION,
    sources: parts.sources ?? [
      { path: 'docs/widgets.txt', role: 'commands', format: 'txt', sha256: 'a'.repeat(64) },
      { path: 'docs/events.txt', role: 'events', format: 'txt', sha256: 'b'.repeat(64) },
    ],
    commands: byName(parts.commands),
    events: byName(parts.events),
    types: byName(parts.types),
  };
}

const str: TypeRef = { kind: 'string' };
const int: TypeRef = { kind: 'int' };
const bool: TypeRef = { kind: 'bool' };

/** A small model that exercises every shape the emitter handles. */
export function widgetModel(): Model {
  line = 1;
  return model({
    commands: [
      command('frob-widget', {
        summary: 'Frobnicate a widget.',
        description: 'Frobnicate a widget.\n\nThe widget keeps spinning while frobbed.',
        arguments: {
          kind: 'object',
          open: false,
          members: [
            member('device', str, { description: 'Which widget to frob.' }),
            member('speed', int, { optional: true, default: 3, description: 'Turns per second.' }),
            member('mode', { kind: 'enum', values: [{ name: 'fast', description: 'Quickly.' }, { name: 'slow' }] }, { optional: true }),
          ],
        },
        notes: ['Frobbing a frobbed widget does nothing.'],
        since: '1.2',
        examples: [
          {
            position: at(),
            messages: [
              {
                direction: 'client',
                role: 'request',
                raw: '{ "execute": "frob-widget", "arguments": { "device": "w0" } }',
                value: { execute: 'frob-widget', arguments: { device: 'w0' } },
                repairs: [],
                elided: false,
                position: at(),
              },
              { direction: 'server', role: 'reply', raw: '{ "return": {} }', value: { return: {} }, repairs: [], elided: false, position: at() },
            ],
          },
        ],
      }),
      command('query-gizmos', {
        section: 'query',
        summary: 'List the gizmos.',
        description: 'List the gizmos.',
        argumentsStated: false,
        returns: {
          kind: 'array',
          items: {
            kind: 'object',
            open: false,
            members: [
              member('name', str),
              member('cpu-index', int, { description: 'CPU the gizmo is bound to.' }),
              member('tags', { kind: 'array', items: str }),
              member('inserted', { kind: 'object', open: false, members: [member('file', str), member('ro', bool)] }, { optional: true }),
              member('size', { kind: 'alternate', of: [int, str] }),
              member('mode', { kind: 'ref', name: 'GizmoMode' }),
              member('extra', { kind: 'any' }),
            ],
          },
        },
        examples: [
          {
            position: at(),
            messages: [
              { direction: 'client', role: 'request', raw: '{ "execute": "query-gizmos" }', value: { execute: 'query-gizmos' }, repairs: [], elided: false, position: at() },
              {
                direction: 'server',
                role: 'reply',
                raw: '{ "return": [ { "name": "g0" } ] }',
                value: { return: [{ name: 'g0' }] },
                repairs: [],
                elided: false,
                position: at(),
              },
            ],
          },
        ],
      }),
      command('reset_gizmo', {
        summary: 'Reset a gizmo.',
        description: 'Reset a gizmo.',
        arguments: { kind: 'object', open: false, members: [member('hard', bool, { optional: true })] },
      }),
      command('set-knobs', {
        summary: 'Set knobs on a widget.',
        description: 'Set knobs on a widget. Any knob name is accepted.',
        arguments: { kind: 'object', open: true, members: [member('id', str)] },
        returns: int,
      }),
      command('halt-widget', { summary: 'Halt every widget.', description: 'Halt every widget.' }),
    ],
    events: [
      event('WIDGET_HALTED', { summary: 'Every widget stopped.' }),
      event('GIZMO_IO_FAULT', {
        summary: 'A gizmo could not do I/O.',
        data: {
          kind: 'object',
          open: false,
          members: [
            member('device', str),
            member('action', { kind: 'enum', values: [{ name: 'ignore' }, { name: 'report' }, { name: 'stop' }] }),
            member('nospace', bool, { optional: true }),
          ],
        },
      }),
    ],
    types: [
      { kind: 'enum', name: 'GizmoMode', description: 'How a gizmo runs.', values: [{ name: 'on' }, { name: 'off' }], origin: 'docs' },
    ],
  });
}
