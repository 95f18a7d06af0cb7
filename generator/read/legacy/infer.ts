/**
 * What the examples show: argument values of the requests for a command, its replies, an
 * event's data. Used to reconcile the prose with the wire (a member's type the text leaves
 * out, a return value documented only in prose, a heading that is not the wire name).
 */
import type { Example, Member, SourcePosition, TypeRef } from '../../model/types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Names executed by the requests of the examples, in order of appearance. */
export function executedNames(examples: readonly Example[]): string[] {
  const out: string[] = [];
  for (const ex of examples) {
    for (const m of ex.messages) {
      if (m.role === 'request' && isObject(m.value) && typeof m.value.execute === 'string') out.push(m.value.execute);
    }
  }
  return out;
}

export interface Sample {
  value: unknown;
  position: SourcePosition;
}

/** The `arguments` objects of requests executing `name`. */
export function argumentSamples(examples: readonly Example[], name: string): Sample[] {
  const out: Sample[] = [];
  for (const ex of examples) {
    for (const m of ex.messages) {
      if (m.role === 'request' && isObject(m.value) && m.value.execute === name && isObject(m.value.arguments)) {
        out.push({ value: m.value.arguments, position: m.position });
      }
    }
  }
  return out;
}

/** The `return` values of replies to requests executing `name` (the reply right after it). */
export function replySamples(examples: readonly Example[], name: string): Sample[] {
  const out: Sample[] = [];
  for (const ex of examples) {
    let pending = false;
    for (const m of ex.messages) {
      if (m.role === 'request') pending = isObject(m.value) && m.value.execute === name;
      else if (m.role === 'reply' && pending) {
        if (isObject(m.value) && 'return' in m.value) out.push({ value: m.value.return, position: m.position });
        pending = false;
      } else if (m.role === 'error') pending = false;
    }
  }
  return out;
}

/** The `data` objects of event messages for `name`. */
export function eventSamples(examples: readonly Example[], name: string): Sample[] {
  const out: Sample[] = [];
  for (const ex of examples) {
    for (const m of ex.messages) {
      if (m.role === 'event' && isObject(m.value) && m.value.event === name && isObject(m.value.data)) {
        out.push({ value: m.value.data, position: m.position });
      }
    }
  }
  return out;
}

/** Values of `key` in the object samples. */
export function memberSamples(samples: readonly Sample[], key: string): Sample[] {
  return samples.filter((s) => isObject(s.value) && key in s.value).map((s) => ({ value: (s.value as Record<string, unknown>)[key], position: s.position }));
}

/** The type a set of sample values shows; undefined when there are none or they disagree. */
export function typeOfSamples(samples: readonly Sample[]): TypeRef | undefined {
  let t: TypeRef | undefined;
  for (const s of samples) {
    const u = typeOfValue(s.value, s.position);
    if (!t) t = u;
    else t = merge(t, u);
    if (!t) return undefined;
  }
  return t;
}

function merge(a: TypeRef, b: TypeRef): TypeRef | undefined {
  if (a.kind === 'int' && b.kind === 'number') return b;
  if (a.kind === 'number' && b.kind === 'int') return a;
  if (a.kind !== b.kind) return a.kind === 'any' ? b : b.kind === 'any' ? a : undefined;
  if (a.kind === 'object' && b.kind === 'object') {
    const members: Member[] = [];
    const names = new Set([...a.members.map((m) => m.name), ...b.members.map((m) => m.name)]);
    for (const n of names) {
      const x = a.members.find((m) => m.name === n);
      const y = b.members.find((m) => m.name === n);
      if (x && y) members.push({ ...x, type: merge(x.type, y.type) ?? { kind: 'any' }, optional: x.optional || y.optional });
      else members.push({ ...(x ?? y)!, optional: true });
    }
    return { kind: 'object', members, open: a.open || b.open };
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', items: merge(a.items, b.items) ?? { kind: 'any' } };
  return a;
}

/** The type one sample value shows. Objects list their keys as (required) members. */
export function typeOfValue(v: unknown, position: SourcePosition): TypeRef {
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'int' : 'number' };
  if (v === null) return { kind: 'null' };
  if (Array.isArray(v)) {
    let items: TypeRef | undefined;
    for (const e of v) {
      const t = typeOfValue(e, position);
      items = items ? (merge(items, t) ?? { kind: 'any' }) : t;
    }
    return { kind: 'array', items: items ?? { kind: 'any' } };
  }
  if (isObject(v)) {
    const members: Member[] = Object.entries(v).map(([name, value]) => ({
      name,
      type: typeOfValue(value, position),
      optional: false,
      description: '',
      position,
    }));
    return { kind: 'object', members, open: false };
  }
  return { kind: 'any' };
}
