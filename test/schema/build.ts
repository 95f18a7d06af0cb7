/**
 * Builders for hand-made models in schema tests: every name and text is invented for the
 * tests (a fictional "widget" device), nothing comes from QEMU's docs.
 */
import { VFile } from 'vfile';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import type { EmitContext } from '../../generator/emit/types.js';
import {
  type Command,
  type Event,
  type Example,
  type ExampleMessage,
  MODEL_VERSION,
  type Member,
  type Model,
  type NamedType,
  type ObjectType,
  type SourcePosition,
  type TypeRef,
} from '../../generator/model/types.js';

export const FILE = 'widgets.txt';

export function at(line: number, column = 1): SourcePosition {
  return { file: FILE, line, column };
}

export const str: TypeRef = { kind: 'string' };
export const int: TypeRef = { kind: 'int' };
export const num: TypeRef = { kind: 'number' };
export const bool: TypeRef = { kind: 'bool' };
export const any: TypeRef = { kind: 'any' };
export const ref = (name: string): TypeRef => ({ kind: 'ref', name });
export const arr = (items: TypeRef): TypeRef => ({ kind: 'array', items });
export const enm = (...values: string[]): TypeRef => ({ kind: 'enum', values: values.map((name) => ({ name })) });
export const alt = (...of: TypeRef[]): TypeRef => ({ kind: 'alternate', of });
export const obj = (members: Member[], open = false): ObjectType => ({ kind: 'object', members, open });

export function member(name: string, type: TypeRef, extra: Partial<Member> = {}): Member {
  return { name, type, optional: false, description: `the ${name} of the widget`, position: at(1), ...extra };
}
export const opt = (name: string, type: TypeRef, extra: Partial<Member> = {}) => member(name, type, { optional: true, ...extra });

/**
 * `Solid`: a union chosen by its member `shape` (enum `Shape`: `disc` → `DiscPart { radius }`,
 * `box` → `BoxPart { side }`), with the types it uses.
 */
export function solidTypes(): NamedType[] {
  return [
    { kind: 'enum', name: 'Shape', values: [{ name: 'disc' }, { name: 'box' }], description: '', origin: 'docs' },
    { kind: 'struct', name: 'DiscPart', members: [member('radius', int)], description: '', origin: 'docs' },
    { kind: 'struct', name: 'BoxPart', members: [member('side', int)], description: '', origin: 'docs' },
    {
      kind: 'union',
      name: 'Solid',
      discriminator: 'shape',
      members: [member('shape', ref('Shape'))],
      variants: [
        { value: 'disc', type: ref('DiscPart') },
        { value: 'box', type: ref('BoxPart') },
      ],
      description: '',
      origin: 'docs',
    },
  ];
}

export function command(name: string, extra: Partial<Command> = {}): Command {
  return {
    name,
    section: 'regular',
    summary: `Do ${name} to a widget.`,
    description: `Do ${name} to a widget.`,
    arguments: obj([]),
    argumentsStated: true,
    notes: [],
    examples: [],
    origin: 'docs',
    position: at(1),
    ...extra,
  };
}

export function event(name: string, extra: Partial<Event> = {}): Event {
  return {
    name,
    summary: `Emitted when a widget does ${name}.`,
    description: `Emitted when a widget does ${name}.`,
    notes: [],
    examples: [],
    origin: 'docs',
    position: at(1),
    ...extra,
  };
}

/** A message of an example; role guessed from the value like the parser does. */
export function msg(value: unknown, line: number, extra: Partial<ExampleMessage> = {}): ExampleMessage {
  const v = value as Record<string, unknown>;
  const role: ExampleMessage['role'] =
    'execute' in v ? 'request' : 'return' in v ? 'reply' : 'error' in v ? 'error' : 'event' in v ? 'event' : 'QMP' in v ? 'greeting' : 'unknown';
  return {
    direction: role === 'request' ? 'client' : 'server',
    role,
    raw: JSON.stringify(value),
    value,
    repairs: [],
    elided: false,
    position: at(line, 1),
    ...extra,
  };
}

export function example(messages: ExampleMessage[], line = 1): Example {
  return { messages, position: at(line) };
}

export function model(parts: { commands?: Command[]; events?: Event[]; types?: NamedType[] }): Model {
  return {
    modelVersion: MODEL_VERSION,
    sources: [],
    commands: [...(parts.commands ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1)),
    events: [...(parts.events ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1)),
    types: parts.types ?? [],
  };
}

export function context(packageName = 'widget-client'): { ctx: EmitContext; file: VFile } {
  const file = new VFile({ path: FILE, value: '' });
  return { ctx: { reporter: reporterFor(file), packageName, generatorVersion: '0.0.0-test' }, file };
}

/** Diagnostics as `line:col rule-id` lines, sorted. */
export function diagnostics(file: VFile): string[] {
  return file.messages.map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.ruleId}`).sort();
}
