/**
 * One release's model reduced to what the history compares: per item its kind, features,
 * members (with type signature, optionality, features and, in unions, the branches that
 * have them), enum values, variants and return type. Structs are flattened through their
 * `base` chain and union branches through their variant types, so that moving a member into
 * a base is no change at all, while moving it into a branch is one.
 */
import type { EnumValue, Feature, Member, Model, NamedType, TypeRef } from '../model/types.js';
import type { ItemCategory, ItemKind } from './types.js';

export interface MemberSnapshot {
  type: string;
  /** The signature without integer widths: what the wire can tell apart. */
  wire: string;
  optional: boolean;
  features: string[];
  /** Union only: the discriminator values whose branch has the member; absent = common member. */
  branches?: string[];
  /** Union branch members only: the member's type in each branch (`type` joins them). */
  branchTypes?: Record<string, string>;
}

export interface ItemSnapshot {
  category: ItemCategory;
  kind: ItemKind;
  features: string[];
  members: Map<string, MemberSnapshot>;
  values?: Map<string, string[]>;
  /** Variant value (union) or branch signature (alternate) → branch type signature. */
  variants?: Map<string, string>;
  returns?: string;
  docSince?: string;
}

export interface Snapshot {
  commands: Map<string, ItemSnapshot>;
  events: Map<string, ItemSnapshot>;
  types: Map<string, ItemSnapshot>;
}

/** A stable text for a type: `str`-like scalars by kind, refs by name, `[T]`, `enum(a|b)`, ... */
export function typeSignature(t: TypeRef, wire = false): string {
  switch (t.kind) {
    case 'ref':
      // QAPI's old spelling of "any value" ('**', before 2.5) is the same wire type as 'any'
      return t.name === '**' ? 'any' : t.name;
    case 'array':
      return `[${typeSignature(t.items, wire)}]`;
    case 'enum':
      return `enum(${t.values.map((v) => v.name).sort().join('|')})`;
    case 'object':
      return `{${[...t.members]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((m) => `${m.optional ? '*' : ''}${m.name}:${typeSignature(m.type, wire)}`)
        .join(',')}${t.open ? ',...' : ''}}`;
    case 'alternate':
      return `alt(${t.of.map((o) => typeSignature(o, wire)).sort().join('|')})`;
    default:
      return !wire && t.kind === 'int' && t.width ? t.width : t.kind;
  }
}

function featureNames(features: readonly Feature[] | undefined, deprecated?: boolean): string[] {
  const names = new Set((features ?? []).map((f) => f.name));
  if (deprecated) names.add('deprecated');
  return [...names].sort();
}

function memberSnapshot(m: Member): MemberSnapshot {
  return {
    type: typeSignature(m.type),
    wire: typeSignature(m.type, true),
    optional: m.optional,
    features: featureNames(m.features, m.deprecated),
  };
}

/** Structs and unions flattened through `base`, guarding against cycles in bad input. */
function flatMembers(types: ReadonlyMap<string, NamedType>, t: NamedType, seen = new Set<string>()): Member[] {
  if (t.kind !== 'struct' && t.kind !== 'union') return [];
  if (seen.has(t.name)) return [];
  seen.add(t.name);
  const base = t.base !== undefined ? types.get(t.base) : undefined;
  return [...(base ? flatMembers(types, base, seen) : []), ...t.members];
}

function membersOfRef(types: ReadonlyMap<string, NamedType>, t: TypeRef): Member[] {
  if (t.kind === 'object') return t.members;
  if (t.kind === 'ref') {
    const named = types.get(t.name);
    if (named) return flatMembers(types, named);
  }
  return [];
}

function memberMap(members: readonly Member[]): Map<string, MemberSnapshot> {
  const out = new Map<string, MemberSnapshot>();
  for (const m of members) if (!out.has(m.name)) out.set(m.name, memberSnapshot(m));
  return out;
}

function valueMap(values: readonly EnumValue[]): Map<string, string[]> {
  return new Map(values.map((v) => [v.name, featureNames(v.features)]));
}

function typeSnapshot(types: ReadonlyMap<string, NamedType>, t: NamedType): ItemSnapshot {
  const base = { category: 'type' as const, kind: t.kind, features: featureNames(t.features), ...(t.since ? { docSince: t.since } : {}) };
  switch (t.kind) {
    case 'struct':
      return { ...base, members: memberMap(flatMembers(types, t)) };
    case 'enum':
      return { ...base, members: new Map(), values: valueMap(t.values) };
    case 'alternate': {
      const variants = new Map(t.of.map((o) => [typeSignature(o), typeSignature(o)]));
      return { ...base, members: new Map(), variants };
    }
    case 'union': {
      const members = memberMap(flatMembers(types, t));
      // a simple union (until 6.1) has its discriminator `type` only implicitly; on the wire it
      // is the same required enum member that 6.2's flat unions declare in their base
      if (t.discriminator !== undefined && !members.has(t.discriminator)) {
        const sig = `enum(${t.variants.map((v) => v.value).sort().join('|')})`;
        members.set(t.discriminator, { type: sig, wire: sig, optional: false, features: [] });
      }
      const variants = new Map<string, string>();
      for (const v of t.variants) {
        variants.set(v.value, typeSignature(v.type));
        for (const m of membersOfRef(types, v.type)) {
          const existing = members.get(m.name);
          if (existing === undefined) {
            const snap = memberSnapshot(m);
            members.set(m.name, { ...snap, branches: [v.value], branchTypes: { [v.value]: snap.wire } });
          } else if (existing.branches !== undefined) {
            existing.branches.push(v.value);
            const sig = typeSignature(m.type);
            existing.branchTypes![v.value] = typeSignature(m.type, true);
            if (!existing.type.split(' | ').includes(sig)) {
              existing.type = [...existing.type.split(' | '), sig].sort().join(' | ');
              existing.wire = existing.type;
            }
            // required only when every branch that has it requires it
            existing.optional = existing.optional || m.optional;
          }
        }
      }
      for (const m of members.values()) m.branches?.sort();
      return { ...base, members, variants };
    }
  }
}

export function snapshot(model: Model): Snapshot {
  const types = new Map(model.types.map((t) => [t.name, t]));
  const commands = new Map<string, ItemSnapshot>();
  for (const c of model.commands) {
    if (commands.has(c.name)) continue;
    commands.set(c.name, {
      category: 'command',
      kind: 'command',
      features: featureNames(c.features),
      members: memberMap(c.arguments.members),
      ...(c.returns ? { returns: typeSignature(c.returns) } : {}),
      ...(c.since ? { docSince: c.since } : {}),
    });
  }
  const events = new Map<string, ItemSnapshot>();
  for (const e of model.events) {
    if (events.has(e.name)) continue;
    events.set(e.name, {
      category: 'event',
      kind: 'event',
      features: featureNames(e.features),
      members: memberMap(e.data?.members ?? []),
      ...(e.since ? { docSince: e.since } : {}),
    });
  }
  const typeSnaps = new Map<string, ItemSnapshot>();
  for (const t of model.types) if (!typeSnaps.has(t.name)) typeSnaps.set(t.name, typeSnapshot(types, t));
  return { commands, events, types: typeSnaps };
}

/** What a rename keeps: the item's kind and parts, names of the item itself left out. */
export function shapeOf(item: ItemSnapshot): string {
  const members = [...item.members]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, m]) => `${m.optional ? '*' : ''}${n}:${m.type}${m.branches ? `@${m.branches.join('|')}` : ''}`);
  const values = item.values ? [...item.values.keys()].sort() : [];
  const variants = item.variants ? [...item.variants].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`) : [];
  if (members.length + values.length + variants.length === 0 && item.returns === undefined) return '';
  return `${item.kind}(${members.join(',')};${values.join(',')};${variants.join(',')})->${item.returns ?? ''}`;
}
