/**
 * What code written against release `from` would break on release `to` (the direction
 * matters: run it both ways for a two-way check). Pure: two models in, a sorted list out.
 *
 * A client sends command arguments (input) and reads returns and event data (output):
 *   - a removed command or event, or a removed member anywhere it is used, breaks;
 *   - input: an optional argument or member turned required, a new required one, an enum
 *     that lost values (narrowed), a union variant or alternate branch that went away;
 *   - output: a member that was always there turned optional;
 *   - anywhere: a changed type (integer widths aside, which the wire does not show; a named
 *     type renamed with the same shape is no change either).
 */
import type { Model, NamedType, TypeRef } from '../model/types.js';
import { sameInSharedBranches } from './build.js';
import { type ItemSnapshot, type MemberSnapshot, shapeOf, snapshot } from './snapshot.js';

export type BreakKind =
  | 'command-removed'
  | 'event-removed'
  | 'member-removed'
  | 'member-turned-required'
  | 'required-member-added'
  | 'member-turned-optional'
  | 'type-changed'
  | 'returns-changed'
  | 'enum-narrowed'
  | 'variant-removed'
  | 'kind-changed';

export interface Break {
  kind: BreakKind;
  category: 'command' | 'event' | 'type';
  item: string;
  member?: string;
  /** Enum values or variants that went away. */
  values?: string[];
  from?: string;
  to?: string;
}

type Use = { input: boolean; output: boolean };

/** Which named types a client sends (reachable from arguments) and reads (returns, events). */
function typeUses(model: Model): Map<string, Use> {
  const types = new Map(model.types.map((t) => [t.name, t]));
  const uses = new Map<string, Use>();
  const visit = (t: TypeRef, dir: keyof Use): void => {
    switch (t.kind) {
      case 'ref': {
        const use = uses.get(t.name) ?? { input: false, output: false };
        if (use[dir]) return;
        use[dir] = true;
        uses.set(t.name, use);
        const named = types.get(t.name);
        if (named) visitNamed(named, dir);
        return;
      }
      case 'array':
        return visit(t.items, dir);
      case 'object':
        for (const m of t.members) visit(m.type, dir);
        return;
      case 'alternate':
        for (const o of t.of) visit(o, dir);
        return;
      default:
        return;
    }
  };
  const visitNamed = (t: NamedType, dir: keyof Use): void => {
    if (t.kind === 'struct' || t.kind === 'union') {
      if (t.base !== undefined) visit({ kind: 'ref', name: t.base }, dir);
      for (const m of t.members) visit(m.type, dir);
      if (t.kind === 'union') for (const v of t.variants) visit(v.type, dir);
    } else if (t.kind === 'alternate') {
      for (const o of t.of) visit(o, dir);
    }
  };
  for (const c of model.commands) {
    visit(c.arguments, 'input');
    if (c.returns) visit(c.returns, 'output');
  }
  for (const e of model.events) if (e.data) visit(e.data, 'output');
  return uses;
}

export function compat(from: Model, to: Model): Break[] {
  const a = snapshot(from);
  const b = snapshot(to);
  const uses = typeUses(from);
  const out: Break[] = [];

  /** Same type on the wire: equal signatures, or named types of the same shape. */
  const sameType = (x: string, y: string): boolean => {
    if (x === y) return true;
    const tx = a.types.get(x);
    const ty = b.types.get(y);
    if (tx !== undefined && ty !== undefined && shapeOf(tx) === shapeOf(ty)) return true;
    // a simple union's implicit `type` enum and the named enum 6.2 declares for it: values
    // that went away are reported as removed variants, so the enum itself is the same type
    const isEnum = (s: string, t: ItemSnapshot | undefined) => s.startsWith('enum(') || t?.kind === 'enum';
    return (x.startsWith('enum(') || y.startsWith('enum(')) && isEnum(x, tx) && isEnum(y, ty);
  };

  const members = (category: Break['category'], item: string, p: ItemSnapshot, c: ItemSnapshot, use: Use): void => {
    for (const [name, m] of p.members) {
      const now: MemberSnapshot | undefined = c.members.get(name);
      if (now === undefined) {
        // a member of union branches that all went away is reported with the variants
        if (m.branches !== undefined && !m.branches.some((v) => c.variants?.has(v))) continue;
        out.push({ kind: 'member-removed', category, item, member: name });
        continue;
      }
      if (!sameType(m.wire, now.wire) && !sameInSharedBranches(m, now)) out.push({ kind: 'type-changed', category, item, member: name, from: m.wire, to: now.wire });
      if (use.input && m.optional && !now.optional) out.push({ kind: 'member-turned-required', category, item, member: name });
      if (use.output && !m.optional && now.optional) out.push({ kind: 'member-turned-optional', category, item, member: name });
    }
    if (use.input) {
      for (const [name, m] of c.members) {
        if (!p.members.has(name) && !m.optional && m.branches === undefined) out.push({ kind: 'required-member-added', category, item, member: name });
      }
    }
  };

  for (const [name, p] of a.commands) {
    const c = b.commands.get(name);
    if (c === undefined) {
      out.push({ kind: 'command-removed', category: 'command', item: name });
      continue;
    }
    members('command', name, p, c, { input: true, output: false });
    if (p.returns !== undefined && (c.returns === undefined || !sameType(p.returns, c.returns))) {
      out.push({ kind: 'returns-changed', category: 'command', item: name, from: p.returns, ...(c.returns ? { to: c.returns } : {}) });
    }
  }
  for (const [name, p] of a.events) {
    const c = b.events.get(name);
    if (c === undefined) out.push({ kind: 'event-removed', category: 'event', item: name });
    else members('event', name, p, c, { input: false, output: true });
  }
  for (const [name, p] of a.types) {
    const use = uses.get(name);
    const c = b.types.get(name);
    // an unused type cannot break a client; a removed used one shows where it was used
    if (use === undefined || c === undefined) continue;
    // a struct that became a union (or back) keeps its members: compare those
    const structural = (k: string) => k === 'struct' || k === 'union';
    if (p.kind !== c.kind && !(structural(p.kind) && structural(c.kind))) {
      out.push({ kind: 'kind-changed', category: 'type', item: name, from: p.kind, to: c.kind });
      continue;
    }
    members('type', name, p, c, use);
    if (use.input) {
      const lost = [...(p.values?.keys() ?? [])].filter((v) => !c.values?.has(v));
      if (lost.length > 0) out.push({ kind: 'enum-narrowed', category: 'type', item: name, values: lost.sort() });
      const gone = [...(p.variants?.keys() ?? [])].filter((v) => !c.variants?.has(v));
      if (gone.length > 0) out.push({ kind: 'variant-removed', category: 'type', item: name, values: gone.sort() });
    }
  }
  const order = (x: Break) => `${x.category}\u0000${x.item}\u0000${x.member ?? ''}\u0000${x.kind}`;
  return out.sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
}

const LABEL: Record<BreakKind, string> = {
  'command-removed': 'command removed',
  'event-removed': 'event removed',
  'member-removed': 'member removed',
  'member-turned-required': 'optional member turned required',
  'required-member-added': 'new required member',
  'member-turned-optional': 'member no longer always present',
  'type-changed': 'type changed',
  'returns-changed': 'return type changed',
  'enum-narrowed': 'enum narrowed',
  'variant-removed': 'variants removed',
  'kind-changed': 'kind of type changed',
};

/** One line per break, for the terminal: names are shown JSON-quoted, so no control text gets through. */
export function formatBreaks(breaks: readonly Break[], fromVersion: string, toVersion: string): string {
  const q = (s: string) =>
    JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const lines = breaks.map((b) => {
    const where = `${b.category} ${q(b.item)}${b.member !== undefined ? ` member ${q(b.member)}` : ''}`;
    const detail = [
      b.values ? `lost ${b.values.map(q).join(', ')}` : '',
      b.from !== undefined || b.to !== undefined ? `${q(b.from ?? '(none)')} -> ${q(b.to ?? '(none)')}` : '',
    ].filter(Boolean);
    return `${where}: ${LABEL[b.kind]}${detail.length ? ` (${detail.join('; ')})` : ''}`;
  });
  const head =
    breaks.length === 0
      ? `Code written for QEMU ${fromVersion} breaks on nothing in QEMU ${toVersion}.\n`
      : `Code written for QEMU ${fromVersion} would break on QEMU ${toVersion} in ${breaks.length} place(s):\n`;
  return head + lines.map((l) => `  ${l}\n`).join('');
}
