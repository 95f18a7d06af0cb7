/**
 * Readable names for introspection's masked type names (`"49"`), derived from where each type
 * is first used:
 *
 *   a command's arguments            → members named `<Command>Args<Member>`
 *   a command's result               → `<Command>Result`; an array's element `<Command>ResultItem`
 *   an event's data                  → members named `<Event>Data<Member>`
 *   a member of a named type T       → `<T><Member>` (through arrays)
 *   a union variant of T             → `<T><Case>`
 *   an alternate branch of T         → `<T>Variant<n>`
 *
 * "First" is breadth-first over commands and then events, each sorted by name, so a type is
 * named by its shallowest use and the result does not depend on the order of the reply or on
 * the masked numbers: the same QEMU gives the same names on every run. Names are made unique
 * (and safe) by generator/model/names.ts, level by level, so a deeper name never takes one
 * away from a shallower use.
 *
 * Arguments and event data are written inline in the model (they are the command's and the
 * event's own objects), so the types used there get no name of their own; a type used only
 * there, and a type used nowhere, gets none at all.
 */
import { assignNames, JS_RESERVED, pascalCase, TS_RESERVED, TYPE_RESERVED, type NameRequest, type NameResult } from '../../model/names.js';
import type { SourcePosition } from '../../model/types.js';
import type { SchemaInfo } from './schema-info.js';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

interface Use {
  target: string;
  parts: string[];
  label: string;
  position: SourcePosition;
}

export interface DerivedNames {
  /** Masked name → derived name, for every object, enum and alternate that is used. */
  names: Map<string, string>;
  /** Name adjustments (collisions, reserved words), for the caller to report. */
  issues: NameResult[];
}

/** Whether a type of this meta-type gets a name (arrays and built-ins are written inline). */
const isNamed = (info: SchemaInfo | undefined): boolean =>
  info !== undefined && (info.metaType === 'object' || info.metaType === 'enum' || info.metaType === 'alternate');

/**
 * Whether a command's or event's argument object has nothing in it: the model says "no
 * arguments" / "no data" / "no result" for it.
 */
export function isEmptyObject(info: SchemaInfo | undefined): boolean {
  return info !== undefined && info.metaType === 'object' && info.members.length === 0 && info.variants.length === 0;
}

export function deriveNames(entries: ReadonlyMap<string, SchemaInfo>, extraTaken: Iterable<string> = []): DerivedNames {
  const all = [...entries.values()];
  const commands = all.filter((e): e is Extract<SchemaInfo, { metaType: 'command' }> => e.metaType === 'command').sort(byName);
  const events = all.filter((e): e is Extract<SchemaInfo, { metaType: 'event' }> => e.metaType === 'event').sort(byName);

  const names = new Map<string, string>();
  const issues: NameResult[] = [];
  // names the emitters give inline objects, and the package's own declarations: never taken
  const taken = new Set<string>(['Qmp', 'QmpCommands', 'QmpEvents', ...extraTaken]);
  for (const c of commands) taken.add(`${pascalCase(c.name)}Args`);
  for (const e of events) taken.add(`${pascalCase(e.name)}Event`);

  /** The uses `type` makes when reached with these name parts (arrays looked through). */
  const usesOf = (type: string, parts: string[], label: string, position: SourcePosition, arraySuffix: string | undefined, depth = 0): Use[] => {
    const info = entries.get(type);
    if (info?.metaType === 'array' && depth < 8) {
      return usesOf(info.elementType, arraySuffix ? [...parts, arraySuffix] : parts, label, position, arraySuffix, depth + 1);
    }
    return isNamed(info) ? [{ target: type, parts, label, position }] : [];
  };
  /** The uses inside a named (or inline) object, alternate. */
  const childrenOf = (info: SchemaInfo, prefix: string, label: string): Use[] => {
    switch (info.metaType) {
      case 'object':
        return [
          ...info.members.flatMap((m) => usesOf(m.type, [prefix, m.name], `member ${JSON.stringify(m.name)} of ${label}`, m.position, undefined)),
          ...info.variants.flatMap((v) => usesOf(v.type, [prefix, v.case], `variant ${JSON.stringify(v.case)} of ${label}`, info.position, undefined)),
        ];
      case 'alternate':
        return info.members.flatMap((t, i) => usesOf(t, [prefix, `Variant${i + 1}`], `branch ${i + 1} of ${label}`, info.position, undefined));
      default:
        return [];
    }
  };

  let level: Use[] = [];
  for (const c of commands) {
    const label = `command ${JSON.stringify(c.name)}`;
    const args = c.argType !== undefined ? entries.get(c.argType) : undefined;
    if (args) level.push(...childrenOf(args, `${pascalCase(c.name)}Args`, `the arguments of ${label}`));
    const ret = c.retType !== undefined ? entries.get(c.retType) : undefined;
    if (c.retType !== undefined && ret && !isEmptyObject(ret)) {
      level.push(...usesOf(c.retType, [c.name, 'Result'], `the result of ${label}`, c.position, 'Item'));
    }
  }
  for (const e of events) {
    const label = `event ${JSON.stringify(e.name)}`;
    const data = e.argType !== undefined ? entries.get(e.argType) : undefined;
    if (data) level.push(...childrenOf(data, `${pascalCase(e.name)}Data`, `the data of ${label}`));
  }

  const reserved = new Set([...JS_RESERVED, ...TS_RESERVED, ...TYPE_RESERVED]);
  while (level.length > 0) {
    // first use of each not-yet-named type in this level
    const fresh: Use[] = [];
    const seen = new Set<string>();
    for (const u of level) {
      if (names.has(u.target) || seen.has(u.target)) continue;
      seen.add(u.target);
      fresh.push(u);
    }
    const requests: NameRequest[] = fresh.map((u) => ({ key: u.target, parts: u.parts, label: `the type of ${u.label}`, position: u.position }));
    const results = assignNames(requests, { case: 'pascal', reserved, taken, fallback: 'Unnamed' });
    const next: Use[] = [];
    results.forEach((r, i) => {
      names.set(r.key, r.name);
      taken.add(r.name);
      if (r.issues.length > 0) issues.push(r);
      const info = entries.get(fresh[i]!.target)!;
      next.push(...childrenOf(info, r.name, `type ${r.name}`));
    });
    level = next;
  }
  return { names, issues };
}
