/**
 * Hand-made models for the Markdown tests: invented commands and events, in our own words.
 */
import { MODEL_VERSION, type Command, type Event, type ExampleMessage, type Member, type Model, type SourcePosition, type TypeRef } from '../../generator/model/types.js';

export const at = (line: number): SourcePosition => ({ file: 'widgets.txt', line, column: 1 });

export function member(name: string, type: TypeRef, extra: Partial<Member> = {}): Member {
  return { name, type, optional: false, description: '', position: at(1), ...extra };
}

export function command(name: string, extra: Partial<Command> = {}): Command {
  return {
    name,
    section: 'regular',
    summary: '',
    description: '',
    arguments: { kind: 'object', members: [], open: false },
    argumentsStated: true,
    notes: [],
    examples: [],
    origin: 'docs',
    position: at(1),
    ...extra,
  };
}

/** An example message whose text is strict JSON. */
export function message(direction: ExampleMessage['direction'], role: ExampleMessage['role'], raw: string, position: SourcePosition): ExampleMessage {
  return { direction, role, raw, value: JSON.parse(raw) as unknown, repairs: [], elided: false, position };
}

export function event(name: string, extra: Partial<Event> = {}): Event {
  return { name, summary: '', description: '', notes: [], examples: [], origin: 'docs', position: at(1), ...extra };
}

export function model(parts: Partial<Pick<Model, 'commands' | 'events' | 'types' | 'sources'>>): Model {
  const byName = <T extends { name: string }>(xs: T[] = []) => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    modelVersion: MODEL_VERSION,
    sources: parts.sources ?? [],
    commands: byName(parts.commands),
    events: byName(parts.events),
    types: byName(parts.types),
  };
}

/** A small but complete model: every construct the pages render. */
export const widgetModel: Model = model({
  sources: [
    { path: 'docs/widgets.txt', role: 'commands', format: 'txt', sha256: 'a'.repeat(64) },
    { path: 'docs/widget-events.txt', role: 'events', format: 'txt', sha256: 'b'.repeat(64) },
  ],
  commands: [
    command('frob-widget', {
      summary: 'Frobnicate one widget.',
      description: 'Frobnicate one widget.\n\nThe widget keeps spinning while it is frobbed;\nstop it first if that matters.',
      since: '1.3',
      if: 'CONFIG_FROB',
      arguments: {
        kind: 'object',
        open: false,
        members: [
          member('id', { kind: 'string' }, { description: 'Which widget.' }),
          member('speed', { kind: 'int' }, { optional: true, default: 10, description: 'Turns per second.' }),
          member(
            'mode',
            { kind: 'enum', values: [{ name: 'gentle' }, { name: 'brisk' }] },
            { optional: true, description: 'How hard to frob.', since: '1.4' },
          ),
          member(
            'knobs',
            {
              kind: 'array',
              items: {
                kind: 'object',
                open: true,
                members: [
                  member('label', { kind: 'string' }, { description: 'Knob label.' }),
                  member('turns', { kind: 'number' }, { optional: true, description: 'How far to turn it.' }),
                ],
              },
            },
            { optional: true, description: 'Knobs to set first.' },
          ),
        ],
      },
      returns: {
        kind: 'object',
        open: false,
        members: [
          member('state', { kind: 'ref', name: 'WidgetState' }, { description: 'State afterwards.' }),
          member('mood', { kind: 'alternate', of: [{ kind: 'int' }, { kind: 'string' }] }, { description: 'Mood score or word.' }),
        ],
      },
      notes: ['Frobbing a frozen widget is refused.'],
      examples: [
        {
          title: 'Frob gently',
          position: at(30),
          messages: [
            message('client', 'request', '{ "execute": "frob-widget", "arguments": { "id": "w0" } }', at(31)),
            message('server', 'reply', '{ "return": { "state": "idle", "mood": 3 } }', at(32)),
          ],
        },
      ],
    }),
    command('query-gizmos', {
      section: 'query',
      summary: 'List every gizmo.',
      description: 'List every gizmo.',
      arguments: { kind: 'object', members: [], open: false },
      argumentsStated: true,
      returns: {
        kind: 'array',
        items: {
          kind: 'object',
          open: false,
          members: [
            member('name', { kind: 'string' }, { description: 'Gizmo name.' }),
            member(
              'parts',
              {
                kind: 'array',
                items: {
                  kind: 'object',
                  open: false,
                  members: [
                    member(
                      'kind',
                      {
                        kind: 'enum',
                        values: [
                          { name: 'cog', description: 'A toothed wheel.' },
                          { name: 'spring', description: 'A coil.', since: '2.0' },
                        ],
                      },
                      { description: 'What the part is.' },
                    ),
                  ],
                },
              },
              { description: 'Its parts.' },
            ),
          ],
        },
      },
    }),
    command('halt-everything', {
      section: 'other',
      heading: 'halt',
      summary: 'Stop all widgets at once.',
      description: 'Stop all widgets at once.',
      argumentsStated: false,
    }),
  ],
  events: [
    event('WIDGET_FROBBED', {
      summary: 'A widget was frobbed.',
      description: 'A widget was frobbed.',
      since: '1.3',
      data: { kind: 'object', open: false, members: [member('id', { kind: 'string' }, { description: 'Which widget.' })] },
      examples: [
        {
          position: at(50),
          messages: [
            message(
              'server',
              'event',
              '{ "event": "WIDGET_FROBBED", "data": { "id": "w0" },\n  "timestamp": { "seconds": 1, "microseconds": 2 } }',
              at(51),
            ),
          ],
        },
      ],
    }),
    event('GIZMO_LOST', { summary: 'A gizmo went missing.', description: 'A gizmo went missing.' }),
  ],
  types: [
    {
      kind: 'struct',
      name: 'GadgetBase',
      description: 'What every gadget has.',
      origin: 'docs',
      since: '1.0',
      members: [member('serial', { kind: 'string' }, { description: 'Serial number.' })],
    },
    {
      kind: 'struct',
      name: 'Gadget',
      base: 'GadgetBase',
      description: 'A gadget.\n\nGadgets come in many shapes.',
      origin: 'docs',
      features: [{ name: 'unstable', description: 'May change without notice.' }],
      if: 'CONFIG_GADGETS',
      members: [
        member('shape', { kind: 'ref', name: 'Shape' }, { description: 'Its outline.' }),
        member('size', { kind: 'ref', name: 'SizeOrName' }, { optional: true, deprecated: true, description: 'How big.', if: { not: 'CONFIG_TINY' } }),
      ],
    },
    {
      kind: 'union',
      name: 'Shape',
      description: 'An outline.',
      origin: 'docs',
      discriminator: 'type',
      members: [member('type', { kind: 'enum', values: [{ name: 'circle' }, { name: 'box' }] }, { description: 'Which outline.' })],
      variants: [
        { value: 'circle', type: { kind: 'object', open: false, members: [member('radius', { kind: 'number' }, { description: 'Radius.' })] } },
        { value: 'box', type: { kind: 'ref', name: 'GadgetBase' }, if: { any: ['TARGET_GIZMO64', { all: ['TARGET_GIZMO32', 'CONFIG_BOXES'] }] } },
      ],
    },
    { kind: 'alternate', name: 'SizeOrName', description: 'A size in millimetres or a size name.', origin: 'docs', of: [{ kind: 'int' }, { kind: 'string' }] },
    {
      kind: 'enum',
      name: 'WidgetState',
      description: 'What a widget is doing.',
      origin: 'docs',
      values: [{ name: 'idle', description: 'Doing nothing.' }, { name: 'spinning', if: 'CONFIG_SPIN' }],
    },
  ],
});
