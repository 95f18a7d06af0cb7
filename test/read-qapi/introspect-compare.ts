/**
 * Compare the model read from a QAPI schema with the introspection QEMU's own scripts/qapi
 * computes for it (../shared/tools/qapi-introspect: unmasked names, `if` kept). Every command,
 * event, member (name, optionality, type, condition, features), enum value, union variant and
 * alternate branch is compared; the differences come back as lines (none = equal).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Condition, Feature, Member, Model, NamedType, TypeRef } from '../../generator/model/types.js';
import { conditionText } from '../../generator/read/qapi/conditions.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TOOLS_DIR = path.resolve(here, '../../../shared/tools');
/** QEMU's scripts/ (QEMU 7.2's, from Debian's source package; see .ci/run). */
export const QEMU_SCRIPTS = process.env.QEMU_SCRIPTS ?? path.resolve(here, '../../../qemu-src/scripts');
export const qemuScriptsAvailable = existsSync(path.join(QEMU_SCRIPTS, 'qapi/schema.py')) && existsSync(path.join(TOOLS_DIR, 'qapi-introspect'));

interface IMember {
  name: string;
  type: string;
  default?: null;
  if?: string;
  features?: string[];
}
export interface IEntity {
  name: string;
  'meta-type': string;
  'arg-type'?: string;
  'ret-type'?: string;
  members?: (IMember | { name: string; if?: string; features?: string[] } | { type: string; if?: string })[];
  values?: string[];
  tag?: string;
  variants?: { case: string; type: string; if?: string }[];
  'element-type'?: string;
  if?: string;
  features?: string[];
}

export function introspect(schema: string): IEntity[] {
  const out = execFileSync('python3', [path.join(TOOLS_DIR, 'qapi-introspect'), QEMU_SCRIPTS, schema], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return JSON.parse(out) as IEntity[];
}

/** Our type as introspection names it (sized integers are `int` there). */
export function typeName(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
      return 'str';
    case 'int':
    case 'number':
    case 'null':
    case 'any':
      return t.kind;
    case 'bool':
      return 'bool';
    case 'array':
      return `[${typeName(t.items)}]`;
    case 'ref':
      return t.name;
    default:
      return `<inline ${t.kind}>`;
  }
}

const cond = (c: Condition | undefined) => (c === undefined ? '' : ` if ${conditionText(c)}`);
const feats = (f: readonly Feature[] | string[] | undefined) => {
  const names = (f ?? []).map((x) => (typeof x === 'string' ? x : x.name));
  return names.length ? ` features ${names.join(',')}` : '';
};

function ourMember(m: Member): string {
  return `${m.name}${m.optional ? '?' : ''}: ${typeName(m.type)}${cond(m.if)}${feats(m.features)}`;
}
function theirMember(m: IMember): string {
  return `${m.name}${'default' in m ? '?' : ''}: ${m.type}${m.if ? ` if ${m.if}` : ''}${feats(m.features)}`;
}

export function compareWithIntrospection(model: Model, intro: readonly IEntity[]): string[] {
  const diffs: string[] = [];
  const byName = new Map(intro.map((e) => [e.name, e] as const));
  const types = new Map(model.types.map((t) => [t.name, t] as const));
  const flatten = (name: string, seen = new Set<string>()): Member[] => {
    const t = types.get(name);
    if (!t || seen.has(name) || (t.kind !== 'struct' && t.kind !== 'union')) return [];
    seen.add(name);
    return [...(t.base ? flatten(t.base, seen) : []), ...t.members];
  };
  const list = (what: string, ours: string[], theirs: string[]) => {
    if (ours.join('\n') !== theirs.join('\n')) {
      const a = new Set(ours);
      const b = new Set(theirs);
      const only = (x: Set<string>, y: Set<string>) => [...x].filter((v) => !y.has(v));
      diffs.push(`${what}: ours only [${only(a, b).join('; ')}], QEMU only [${only(b, a).join('; ')}]${only(a, b).length + only(b, a).length === 0 ? ' (order)' : ''}`);
    }
  };
  const objectMembers = (name: string | undefined): string[] => {
    if (!name || name === 'q_empty') return [];
    const o = byName.get(name);
    return ((o?.members ?? []) as IMember[]).map(theirMember);
  };
  const item = (what: string, ours: { if?: Condition; features?: Feature[] }, theirs: IEntity) => {
    if (cond(ours.if) !== (theirs.if ? ` if ${theirs.if}` : '')) diffs.push(`${what}: condition${cond(ours.if) || ' none'} != QEMU ${theirs.if ?? 'none'}`);
    if (feats(ours.features) !== feats(theirs.features)) diffs.push(`${what}: features${feats(ours.features) || ' none'} != QEMU${feats(theirs.features) || ' none'}`);
  };

  // commands and events
  for (const meta of ['command', 'event'] as const) {
    const theirs = intro.filter((e) => e['meta-type'] === meta);
    const ours = meta === 'command' ? model.commands : model.events;
    list(`${meta} names`, ours.map((x) => x.name).sort(), theirs.map((x) => x.name).sort());
    const ourBy = new Map<string, (typeof ours)[number]>(ours.map((x) => [x.name, x]));
    for (const t of theirs) {
      const o = ourBy.get(t.name);
      if (!o) continue;
      item(`${meta} ${t.name}`, o, t);
      const members = meta === 'command' ? (o as Model['commands'][number]).arguments.members : ((o as Model['events'][number]).data?.members ?? []);
      list(`${meta} ${t.name} ${meta === 'command' ? 'arguments' : 'data'}`, members.map(ourMember), objectMembers(t['arg-type']));
      if (meta === 'command') {
        const ret = (o as Model['commands'][number]).returns;
        const want = t['ret-type'] ?? 'q_empty';
        const got = ret === undefined ? 'q_empty' : typeName(ret);
        if (got !== want) diffs.push(`command ${t.name}: returns ${got} != QEMU ${want}`);
      }
    }
  }

  // named types the introspection has (it lists only the types in use); implicit ones are compared above
  for (const t of intro) {
    if (!['object', 'enum', 'alternate'].includes(t['meta-type']) || t.name.startsWith('q_')) continue;
    const o: NamedType | undefined = types.get(t.name);
    if (!o) {
      diffs.push(`type ${t.name}: missing from the model`);
      continue;
    }
    item(`type ${t.name}`, o, t);
    switch (t['meta-type']) {
      case 'enum':
        if (o.kind !== 'enum') diffs.push(`type ${t.name}: ${o.kind} != QEMU enum`);
        else {
          const theirs = (t.members ?? []) as { name: string; if?: string; features?: string[] }[];
          list(`enum ${t.name} values`, o.values.map((v) => `${v.name}${cond(v.if)}${feats(v.features)}`), theirs.map((v) => `${v.name}${v.if ? ` if ${v.if}` : ''}${feats(v.features)}`));
        }
        break;
      case 'alternate':
        if (o.kind !== 'alternate') diffs.push(`type ${t.name}: ${o.kind} != QEMU alternate`);
        else list(`alternate ${t.name} branches`, o.of.map(typeName), ((t.members ?? []) as { type: string }[]).map((m) => m.type));
        break;
      case 'object': {
        if (o.kind !== 'struct' && o.kind !== 'union') {
          diffs.push(`type ${t.name}: ${o.kind} != QEMU object`);
          break;
        }
        list(`object ${t.name} members`, flatten(t.name).map(ourMember), ((t.members ?? []) as IMember[]).map(theirMember));
        if (o.kind === 'union') {
          if (o.discriminator !== t.tag) diffs.push(`union ${t.name}: discriminator ${o.discriminator} != QEMU ${t.tag}`);
          list(
            `union ${t.name} variants`,
            o.variants.map((v) => `${v.value}: ${typeName(v.type)}${cond(v.if)}`),
            (t.variants ?? []).filter((v) => v.type !== 'q_empty').map((v) => `${v.case}: ${v.type}${v.if ? ` if ${v.if}` : ''}`),
          );
        } else if (t.variants) diffs.push(`type ${t.name}: struct != QEMU union`);
        break;
      }
    }
  }
  return diffs;
}
