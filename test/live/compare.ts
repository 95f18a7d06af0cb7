/**
 * Compare the model merged from a QEMU's introspection and its release's QAPI schema with the
 * model of the QAPI schema alone, narrowed to the same target: names, members, optionality and
 * kinds. What QAPI has under a build condition (`if`) that this QEMU's configuration left out
 * is explained, not a difference; everything else is.
 */
import type { Member, Model, NamedType, TypeRef } from '../../generator/model/types.js';

export interface Comparison {
  /** Differences nothing explains. */
  differences: string[];
  /** QAPI items under a build condition that the QEMU does not have. */
  configuredOut: string[];
}

function kindOf(t: TypeRef | undefined, types: ReadonlyMap<string, NamedType>): string {
  if (!t) return 'nothing';
  switch (t.kind) {
    case 'ref': {
      const n = types.get(t.name);
      return n ? `${n.kind === 'union' || n.kind === 'struct' ? 'object' : n.kind} ${t.name}` : `ref ${t.name}`;
    }
    case 'array':
      return `array of ${kindOf(t.items, types)}`;
    case 'object':
      return 'object';
    default:
      return t.kind;
  }
}

function members(
  where: string,
  a: readonly Member[],
  b: readonly Member[],
  aTypes: ReadonlyMap<string, NamedType>,
  bTypes: ReadonlyMap<string, NamedType>,
  out: Comparison,
): void {
  const bByName = new Map(b.map((m) => [m.name, m]));
  const aNames = new Set(a.map((m) => m.name));
  for (const m of a) {
    const q = bByName.get(m.name);
    if (!q) {
      out.differences.push(`${where}: member ${m.name} only in the merged model`);
      continue;
    }
    if (q.optional !== m.optional) out.differences.push(`${where}: member ${m.name} optional ${m.optional} vs ${q.optional}`);
    const ka = kindOf(m.type, aTypes);
    const kb = kindOf(q.type, bTypes);
    if (ka !== kb) out.differences.push(`${where}: member ${m.name} is ${ka} vs ${kb}`);
  }
  for (const q of b) {
    if (aNames.has(q.name)) continue;
    if (q.if !== undefined) out.configuredOut.push(`${where}: member ${q.name}`);
    else out.differences.push(`${where}: member ${q.name} only in the QAPI model`);
  }
}

/** Members of a struct or union with its bases (the merged model has them flattened). */
function flat(t: NamedType | undefined, types: ReadonlyMap<string, NamedType>, seen = new Set<string>()): Member[] {
  if (!t || (t.kind !== 'struct' && t.kind !== 'union') || seen.has(t.name)) return [];
  seen.add(t.name);
  return [...(t.base ? flat(types.get(t.base), types, seen) : []), ...t.members];
}

export function compareModels(merged: Model, qapi: Model): Comparison {
  const out: Comparison = { differences: [], configuredOut: [] };
  const aTypes = new Map(merged.types.map((t) => [t.name, t]));
  const bTypes = new Map(qapi.types.map((t) => [t.name, t]));
  const items = <T extends { name: string; if?: unknown }>(what: string, a: readonly T[], b: readonly T[], each: (x: T, y: T) => void) => {
    const bByName = new Map(b.map((x) => [x.name, x]));
    const aNames = new Set(a.map((x) => x.name));
    for (const x of a) {
      const y = bByName.get(x.name);
      if (y) each(x, y);
      else out.differences.push(`${what} ${x.name} only in the merged model`);
    }
    for (const y of b) {
      if (aNames.has(y.name)) continue;
      if (y.if !== undefined) out.configuredOut.push(`${what} ${y.name}`);
      else out.differences.push(`${what} ${y.name} only in the QAPI model`);
    }
  };
  items('command', merged.commands, qapi.commands, (a, b) => {
    if (!b.flags?.boxed) members(`command ${a.name} arguments`, a.arguments.members, b.arguments.members, aTypes, bTypes, out);
    const ra = kindOf(a.returns, aTypes);
    const rb = kindOf(b.returns, bTypes);
    if (ra !== rb) out.differences.push(`command ${a.name} returns ${ra} vs ${rb}`);
    if (a.description !== b.description) out.differences.push(`command ${a.name}: docs differ`);
  });
  items('event', merged.events, qapi.events, (a, b) => {
    if (!b.boxed) members(`event ${a.name} data`, a.data?.members ?? [], b.data?.members ?? [], aTypes, bTypes, out);
    if (a.description !== b.description) out.differences.push(`event ${a.name}: docs differ`);
  });
  // every type of the merged model that carries a QAPI name has that type's kind and members
  for (const t of merged.types) {
    const q = bTypes.get(t.name);
    if (!q) {
      // a union variant without members: QAPI leaves it implicit, introspection lists a type
      if (t.kind === 'struct' && t.members.length === 0) out.configuredOut.push(`type ${t.name}: an implicit empty variant`);
      else out.differences.push(`type ${t.name} (derived name) has no QAPI counterpart`);
      continue;
    }
    const ka = t.kind === 'union' || t.kind === 'struct' ? 'object' : t.kind;
    const kb = q.kind === 'union' || q.kind === 'struct' ? 'object' : q.kind;
    if (ka !== kb) out.differences.push(`type ${t.name} is ${t.kind} vs ${q.kind}`);
    else if (ka === 'object') members(`type ${t.name}`, flat(t, aTypes), flat(q, bTypes), aTypes, bTypes, out);
    else if (t.kind === 'enum' && q.kind === 'enum') {
      const av = new Set(t.values.map((v) => v.name));
      for (const v of q.values) {
        if (av.has(v.name)) continue;
        if (v.if !== undefined) out.configuredOut.push(`type ${t.name} value ${v.name}`);
        else out.differences.push(`type ${t.name}: value ${v.name} only in the QAPI model`);
      }
      const bv = new Set(q.values.map((v) => v.name));
      for (const v of t.values) if (!bv.has(v.name)) out.differences.push(`type ${t.name}: value ${v.name} only in the merged model`);
    }
  }
  return out;
}
