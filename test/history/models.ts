/** Small inline models, in our own words, for the history tests. */
import type { Command, Event, Member, Model, NamedType, TypeRef } from '../../generator/model/types.js';

const pos = { file: 'inline.json', line: 1, column: 1 };

export const str: TypeRef = { kind: 'string' };
export const int: TypeRef = { kind: 'int' };
export const ref = (name: string): TypeRef => ({ kind: 'ref', name });

/** `name` required, `*name` optional; `!` suffix marks it deprecated. */
export function m(spec: string, type: TypeRef = str): Member {
  const deprecated = spec.endsWith('!');
  const bare = deprecated ? spec.slice(0, -1) : spec;
  const optional = bare.startsWith('*');
  return {
    name: optional ? bare.slice(1) : bare,
    type,
    optional,
    description: '',
    ...(deprecated ? { features: [{ name: 'deprecated' }] } : {}),
    position: pos,
  };
}

export function cmd(name: string, args: Member[] = [], extra: Partial<Command> = {}): Command {
  return {
    name,
    section: 'regular',
    summary: '',
    description: '',
    arguments: { kind: 'object', members: args, open: false },
    argumentsStated: true,
    notes: [],
    examples: [],
    origin: 'qapi',
    position: pos,
    ...extra,
  };
}

export function evt(name: string, data?: Member[], extra: Partial<Event> = {}): Event {
  return {
    name,
    summary: '',
    description: '',
    ...(data ? { data: { kind: 'object', members: data, open: false } } : {}),
    notes: [],
    examples: [],
    origin: 'qapi',
    position: pos,
    ...extra,
  };
}

const common = { description: '', origin: 'qapi' as const };
export const struct = (name: string, members: Member[], base?: string): NamedType => ({ kind: 'struct', name, members, ...(base ? { base } : {}), ...common });
export const enumT = (name: string, values: string[]): NamedType => ({ kind: 'enum', name, values: values.map((v) => ({ name: v })), ...common });
export const union = (name: string, members: Member[], variants: Record<string, string>): NamedType => ({
  kind: 'union',
  name,
  members,
  discriminator: 'type',
  variants: Object.entries(variants).map(([value, t]) => ({ value, type: ref(t) })),
  ...common,
});

export function model(parts: { commands?: Command[]; events?: Event[]; types?: NamedType[] }): Model {
  const byName = <T extends { name: string }>(xs: T[] = []) => [...xs].sort((a, b) => (a.name < b.name ? -1 : 1));
  return { modelVersion: 1, sources: [], commands: byName(parts.commands), events: byName(parts.events), types: byName(parts.types) };
}
