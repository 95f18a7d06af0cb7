/**
 * Assembly of an introspection ModelPart, alone or with the QAPI schema of the same release.
 *
 * Alone: the part's items, sorted, become the model (names derived from use, no docs).
 *
 * With QAPI (`--introspection FILE --qapi SCHEMA`, or `--qemu` / `--qmp` with `--qapi`): the
 * introspection says *what this QEMU accepts* (its target and configuration already applied);
 * the QAPI schema says *what it is called and what it means*. So:
 *
 * - commands and events present in both: the QAPI item, with its names, docs, examples,
 *   since and features; members the introspected QEMU lacks are dropped (info
 *   `introspection-qapi-only`), members only the QEMU has are kept from introspection
 *   (warning `introspection-only`);
 * - commands/events only in QAPI (another target, configured out): dropped, info;
 * - only in the QEMU (another release?): kept from introspection, warning;
 * - named types: every derived (introspection) type name is matched to a QAPI type by
 *   structure, walking both sides from the same command/event/member in parallel; matched
 *   types take the QAPI name, docs and members (filtered the same way); unmatched ones keep
 *   their derived name;
 * - a disagreement the two cannot both be right about (a member optional in one, required in
 *   the other; a different kind) is a warning, and the introspection wins: it is what this
 *   QEMU does.
 *
 * Pure; the reporter gets the diagnostics. Matching is by structure, never by the masked
 * numbers (which differ between builds).
 */
import type { Reporter } from '../diagnostics/reporter.js';
import {
  MODEL_VERSION,
  type Command,
  type EnumValue,
  type Event,
  type Member,
  type Model,
  type NamedType,
  type ObjectType,
  type SourcePosition,
  type TypeRef,
  type UnionVariant,
} from '../model/types.js';
import type { ModelPart } from '../read/types.js';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The model of an introspection part alone: its items sorted by name. */
export function modelFromIntrospection(part: ModelPart): Model {
  return {
    modelVersion: MODEL_VERSION,
    ...(part.release ? { release: part.release } : {}),
    sources: [...part.sources],
    commands: [...part.commands].sort(byName),
    events: [...part.events].sort(byName),
    types: [...part.types].sort(byName),
  };
}

// ---------------------------------------------------------------------------------------
// Matching derived type names to QAPI type names

type TypeMap = ReadonlyMap<string, NamedType>;

/** Members of a QAPI struct/union including its bases (QAPI keeps them apart, introspection flattens). */
function flatMembers(t: NamedType | undefined, types: TypeMap, seen = new Set<string>()): Member[] {
  if (!t || (t.kind !== 'struct' && t.kind !== 'union') || seen.has(t.name)) return [];
  seen.add(t.name);
  const base = t.base ? flatMembers(types.get(t.base), types, seen) : [];
  return [...base, ...t.members];
}

/** The member names of a referenced struct/union (bases included), for telling look-alikes apart. */
function memberNames(t: TypeRef, types: TypeMap): string {
  return t.kind === 'ref' ? flatMembers(types.get(t.name), types).map((m) => m.name).sort().join(',') : '';
}

/** A reference to a struct without members (QAPI leaves such union variants implicit). */
function isEmptyStruct(t: TypeRef, types: TypeMap): boolean {
  if (t.kind !== 'ref') return false;
  const named = types.get(t.name);
  return named !== undefined && named.kind === 'struct' && named.members.length === 0;
}

/** Members of an inline object or a named struct/union. */
function membersOfRef(t: TypeRef, types: TypeMap): Member[] | undefined {
  if (t.kind === 'object') return t.members;
  if (t.kind === 'ref') {
    const named = types.get(t.name);
    if (named && (named.kind === 'struct' || named.kind === 'union')) return flatMembers(named, types);
  }
  return undefined;
}

class Matcher {
  /** derived (introspection) name → QAPI name */
  readonly map = new Map<string, string>();
  readonly #visited = new Set<string>();

  constructor(
    readonly intro: TypeMap,
    readonly qapi: TypeMap,
    readonly reporter: Reporter,
  ) {}

  /** Walk an introspection type and a QAPI type that stand in the same place. */
  type(i: TypeRef | undefined, q: TypeRef | undefined): void {
    if (!i || !q) return;
    if (i.kind === 'array' && q.kind === 'array') return this.type(i.items, q.items);
    if (i.kind === 'ref' && q.kind === 'ref') return this.named(i.name, q.name);
    if (i.kind === 'ref' && q.kind === 'object') {
      // QAPI inline (anonymous) object where the QEMU has a type: walk members only
      const it = this.intro.get(i.name);
      if (it) this.members(flatMembers(it, this.intro), q.members);
      return;
    }
    if (i.kind === 'ref' && q.kind === 'enum') return;
    if (i.kind === 'object' && q.kind === 'object') return this.members(i.members, q.members);
    if (i.kind === 'alternate' && q.kind === 'alternate') return this.branches(i.of, q.of);
  }

  members(i: readonly Member[], q: readonly Member[]): void {
    const qByName = new Map(q.map((m) => [m.name, m]));
    for (const m of i) this.type(m.type, qByName.get(m.name)?.type);
  }

  /** Alternate branches pair up by kind (QAPI keeps their order; `if` may remove some). */
  branches(i: readonly TypeRef[], q: readonly TypeRef[]): void {
    const kindOf = (t: TypeRef, types: TypeMap): string => {
      if (t.kind !== 'ref') return t.kind;
      return types.get(t.name)?.kind ?? 'ref';
    };
    const used = new Set<number>();
    for (const b of i) {
      const k = kindOf(b, this.intro);
      const j = q.findIndex((c, idx) => !used.has(idx) && kindOf(c, this.qapi) === k);
      if (j >= 0) {
        used.add(j);
        this.type(b, q[j]);
      }
    }
  }

  named(iName: string, qName: string): void {
    if (this.#visited.has(iName)) return;
    const it = this.intro.get(iName);
    const qt = this.qapi.get(qName);
    if (!it || !qt) return;
    this.#visited.add(iName);
    if (it.kind !== qt.kind) {
      // QAPI unions without variants here are structs in the QEMU, and so on: pair members only
      if ((it.kind === 'struct' || it.kind === 'union') && (qt.kind === 'struct' || qt.kind === 'union')) {
        this.map.set(iName, qName);
        this.members(flatMembers(it, this.intro), flatMembers(qt, this.qapi));
        if (it.kind === 'union' && qt.kind === 'union') this.variants(it.variants, qt.variants);
        return;
      }
      return;
    }
    this.map.set(iName, qName);
    switch (it.kind) {
      case 'struct':
        this.members(it.members, flatMembers(qt, this.qapi));
        break;
      case 'union':
        if (qt.kind === 'union') {
          this.members(it.members, flatMembers(qt, this.qapi));
          this.variants(it.variants, qt.variants);
        }
        break;
      case 'alternate':
        if (qt.kind === 'alternate') this.branches(it.of, qt.of);
        break;
      case 'enum':
        break;
    }
  }

  variants(i: readonly UnionVariant[], q: readonly UnionVariant[]): void {
    const qByValue = new Map(q.map((v) => [v.value, v]));
    for (const v of i) this.type(v.type, qByValue.get(v.value)?.type);
  }
}

// ---------------------------------------------------------------------------------------
// Merging

interface MergeContext {
  reporter: Reporter;
  /** derived name → QAPI name (or itself when unmatched) */
  rename: (name: string) => string;
  introTypes: TypeMap;
  qapiTypes: TypeMap;
}

/** An introspection type reference with derived names replaced by QAPI ones. */
function renameRef(t: TypeRef, cx: MergeContext): TypeRef {
  switch (t.kind) {
    case 'ref':
      return { ...t, name: cx.rename(t.name) };
    case 'array':
      return { ...t, items: renameRef(t.items, cx) };
    case 'alternate':
      return { ...t, of: t.of.map((o) => renameRef(o, cx)) };
    case 'object': {
      const out: ObjectType = { ...t, members: t.members.map((m) => ({ ...m, type: renameRef(m.type, cx) })) };
      if (t.union) out.union = { ...t.union, variants: t.union.variants.map((v) => ({ ...v, type: renameRef(v.type, cx) })) };
      return out;
    }
    default:
      return t;
  }
}

/** A coarse kind, for telling real disagreements from spelling: `a string`, `an object`, ... */
function category(t: TypeRef, types: TypeMap): string {
  const k = t.kind === 'ref' ? (types.get(t.name)?.kind ?? 'ref') : t.kind;
  switch (k) {
    case 'object':
    case 'struct':
    case 'union':
      return 'an object';
    case 'enum':
      return 'an enumeration';
    case 'alternate':
      return 'an alternate';
    case 'array':
      return 'an array';
    case 'int':
      return 'an integer';
    default:
      return `a ${k}`;
  }
}

/**
 * Members as the QEMU has them, with QAPI's docs: QAPI members the QEMU lacks are dropped,
 * members only the QEMU has are kept, and each member's type is the introspection's (renamed).
 */
function mergeMembers(i: readonly Member[], q: readonly Member[], where: string, cx: MergeContext): Member[] {
  const qByName = new Map(q.map((m) => [m.name, m]));
  const iNames = new Set(i.map((m) => m.name));
  for (const m of q) {
    if (!iNames.has(m.name)) cx.reporter.report('introspection-qapi-only', `${where}: member ${JSON.stringify(m.name)} is in the QAPI schema but not in this QEMU; left out`, m.position);
  }
  return i.map((im) => {
    const qm = qByName.get(im.name);
    const type = renameRef(im.type, cx);
    if (!qm) {
      cx.reporter.report('introspection-only', `${where}: member ${JSON.stringify(im.name)} is in this QEMU but not in the QAPI schema; kept without docs`, im.position);
      return { ...im, type };
    }
    if (qm.optional !== im.optional) {
      cx.reporter.report(
        'introspection-qapi-mismatch',
        `${where}: member ${JSON.stringify(im.name)} is ${qm.optional ? 'optional' : 'required'} in the QAPI schema but ${im.optional ? 'optional' : 'required'} in this QEMU; this QEMU's reading is used`,
        qm.position,
      );
    }
    const qk = category(qm.type, cx.qapiTypes);
    const ik = category(im.type, cx.introTypes);
    if (qk !== ik) {
      cx.reporter.report(
        'introspection-qapi-mismatch',
        `${where}: member ${JSON.stringify(im.name)} is ${qk} in the QAPI schema but ${ik} in this QEMU; this QEMU's type is used`,
        qm.position,
      );
    }
    // QAPI's own scalar keeps what introspection drops (the integer width, the spelling)
    const chosen = qm.type.kind === type.kind && type.kind !== 'ref' && type.kind !== 'array' && type.kind !== 'object' && type.kind !== 'alternate' && type.kind !== 'enum' ? qm.type : type;
    const provenance = [
      { origin: 'qapi' as const, position: qm.position, fields: ['name', 'description', 'since'] },
      { origin: 'introspection' as const, position: im.position, fields: ['type', 'optional'] },
    ];
    const out: Member = { ...qm, type: chosen, optional: im.optional, position: qm.position, provenance };
    if (im.features) out.features = im.features;
    else delete out.features;
    if (im.deprecated) out.deprecated = true;
    else delete out.deprecated;
    return out;
  });
}

function mergeObject(i: ObjectType, q: ObjectType | undefined, where: string, cx: MergeContext): ObjectType {
  const { union: _u, ...rest } = q ?? i;
  const out: ObjectType = { ...rest, kind: 'object', open: i.open, members: mergeMembers(i.members, q?.members ?? [], where, cx) };
  if (i.union) out.union = { ...i.union, variants: i.union.variants.map((v) => ({ ...v, type: renameRef(v.type, cx) })) };
  return out;
}

/**
 * The QAPI union behind a command whose arguments are one (`'boxed': true`): the union with
 * the same discriminator whose members (with its base) are the command's arguments. The QAPI
 * part does not name it, so it is found by structure; the first by name wins.
 */
function boxedUnion(
  q: Command,
  intro: NonNullable<ObjectType['union']>,
  types: readonly NamedType[],
  map: TypeMap,
  introMap: TypeMap,
): Extract<NamedType, { kind: 'union' }> | undefined {
  const want = q.arguments.members.map((m) => m.name).join(',');
  return [...types]
    .sort(byName)
    .find(
      (t): t is Extract<NamedType, { kind: 'union' }> =>
        t.kind === 'union' &&
        t.discriminator === intro.discriminator &&
        flatMembers(t, map).map((m) => m.name).join(',') === want &&
        // every variant with members the QEMU has is one of this union's, with the same member names
        intro.variants.every((v) => {
          if (isEmptyStruct(v.type, introMap)) return true;
          const w = t.variants.find((x) => x.value === v.value);
          return w !== undefined && memberNames(v.type, introMap) === memberNames(w.type, map);
        }),
    );
}

function mergeEnumValues(i: readonly EnumValue[], q: readonly EnumValue[], where: string, position: SourcePosition | undefined, cx: MergeContext): EnumValue[] {
  const qByName = new Map(q.map((v) => [v.name, v]));
  const iNames = new Set(i.map((v) => v.name));
  const gone = q.filter((v) => !iNames.has(v.name)).map((v) => v.name);
  if (gone.length > 0 && position) {
    cx.reporter.report('introspection-qapi-only', `${where}: value(s) ${gone.map((g) => JSON.stringify(g)).join(', ')} are in the QAPI schema but not in this QEMU; left out`, position);
  }
  return i.map((iv) => {
    const qv = qByName.get(iv.name);
    if (!qv) {
      if (position) cx.reporter.report('introspection-only', `${where}: value ${JSON.stringify(iv.name)} is in this QEMU but not in the QAPI schema; kept`, position);
      return iv;
    }
    const { if: _if, ...rest } = qv;
    return iv.features ? { ...rest, features: iv.features } : rest;
  });
}

function mergeType(it: NamedType, qt: NamedType | undefined, cx: MergeContext): NamedType {
  const name = cx.rename(it.name);
  if (!qt) return renameNamed(it, name, cx);
  const where = `type ${JSON.stringify(qt.name)}`;
  const { if: _if, ...qCommon } = qt;
  const provenance = [
    ...(qt.position ? [{ origin: 'qapi' as const, position: qt.position, fields: ['name', 'description', 'since'] }] : []),
    ...(it.position ? [{ origin: 'introspection' as const, position: it.position, fields: ['members'] }] : []),
  ];
  const common = { ...qCommon, name, provenance };
  if (it.features) (common as { features?: unknown }).features = it.features;
  switch (it.kind) {
    case 'enum':
      return { ...common, kind: 'enum', values: mergeEnumValues(it.values, qt.kind === 'enum' ? qt.values : [], where, qt.position, cx) } as NamedType;
    case 'alternate':
      return { ...common, kind: 'alternate', of: it.of.map((o) => renameRef(o, cx)) } as NamedType;
    case 'struct': {
      const { base: _b, ...rest } = common as typeof common & { base?: string };
      return { ...rest, kind: 'struct', members: mergeMembers(it.members, flatMembers(qt, cx.qapiTypes), where, cx) } as NamedType;
    }
    case 'union': {
      const { base: _b, ...rest } = common as typeof common & { base?: string };
      return {
        ...rest,
        kind: 'union',
        members: mergeMembers(it.members, flatMembers(qt, cx.qapiTypes), where, cx),
        ...(it.discriminator !== undefined ? { discriminator: it.discriminator } : {}),
        variants: it.variants.map((v) => ({ value: v.value, type: renameRef(v.type, cx) })),
      } as NamedType;
    }
  }
}

function renameNamed(t: NamedType, name: string, cx: MergeContext): NamedType {
  switch (t.kind) {
    case 'enum':
      return { ...t, name };
    case 'alternate':
      return { ...t, name, of: t.of.map((o) => renameRef(o, cx)) };
    case 'struct':
      return { ...t, name, members: t.members.map((m) => ({ ...m, type: renameRef(m.type, cx) })) };
    case 'union':
      return {
        ...t,
        name,
        members: t.members.map((m) => ({ ...m, type: renameRef(m.type, cx) })),
        variants: t.variants.map((v) => ({ ...v, type: renameRef(v.type, cx) })),
      };
  }
}

/**
 * The model of a live QEMU's introspection and the QAPI schema of its release: see the top of
 * this file. `qapi` absent = {@link modelFromIntrospection}.
 */
export function assembleIntrospection(intro: ModelPart, qapi: ModelPart | undefined, reporter: Reporter): Model {
  if (!qapi) return modelFromIntrospection(intro);
  const introTypes: TypeMap = new Map(intro.types.map((t) => [t.name, t]));
  const qapiTypes: TypeMap = new Map(qapi.types.map((t) => [t.name, t]));
  const qCommands = new Map(qapi.commands.map((c) => [c.name, c]));
  const qEvents = new Map(qapi.events.map((e) => [e.name, e]));

  // 1. pair types by walking both from the same commands and events
  const matcher = new Matcher(introTypes, qapiTypes, reporter);
  const iCommands = [...intro.commands].sort(byName);
  const iEvents = [...intro.events].sort(byName);
  for (const c of iCommands) {
    const q = qCommands.get(c.name);
    if (!q) continue;
    matcher.members(c.arguments.members, q.arguments.members);
    if (c.arguments.union) {
      const qVariants = q.arguments.union?.variants ?? boxedUnion(q, c.arguments.union, qapi.types, qapiTypes, introTypes)?.variants;
      if (qVariants) matcher.variants(c.arguments.union.variants, qVariants);
    }
    matcher.type(c.returns, q.returns);
  }
  for (const e of iEvents) {
    const q = qEvents.get(e.name);
    if (q && e.data && q.data) matcher.members(e.data.members, q.data.members);
  }
  // a QAPI name claimed by two derived types (QAPI reuses a type where the QEMU shows one
  // object twice, which it never does) keeps the first; the other keeps its derived name
  const claimed = new Map<string, string>();
  for (const [iName, qName] of [...matcher.map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!claimed.has(qName)) claimed.set(qName, iName);
  }
  const finalName = new Map<string, string>();
  for (const [qName, iName] of claimed) finalName.set(iName, qName);
  // a derived name that equals a QAPI name used for another type would clash: suffix it
  const qNames = new Set(finalName.values());
  const rename = (name: string): string => {
    const mapped = finalName.get(name);
    if (mapped) return mapped;
    return qNames.has(name) ? `${name}Introspected` : name;
  };
  const cx: MergeContext = { reporter, rename, introTypes, qapiTypes };

  // 2. commands and events
  const commands: Command[] = [];
  for (const c of iCommands) {
    const q = qCommands.get(c.name);
    if (!q) {
      reporter.report('introspection-only', `command ${JSON.stringify(c.name)} is in this QEMU but not in the QAPI schema; kept without docs`, c.position);
      commands.push({ ...c, arguments: renameRef(c.arguments, cx) as ObjectType, ...(c.returns ? { returns: renameRef(c.returns, cx) } : {}) });
      continue;
    }
    const where = `command ${JSON.stringify(c.name)}`;
    const { if: _if, returns: _r, features: _f, ...qRest } = q;
    const merged: Command = {
      ...qRest,
      arguments: mergeObject(c.arguments, q.arguments, `${where} arguments`, cx),
      argumentsStated: true,
      provenance: [
        { origin: 'qapi', position: q.position, fields: ['name', 'description', 'examples', 'since'] },
        { origin: 'introspection', position: c.position, fields: ['arguments', 'returns', 'features'] },
      ],
    };
    if (c.returns) merged.returns = renameRef(c.returns, cx);
    if (c.features) merged.features = c.features;
    if (c.flags?.allowOob) merged.flags = { ...(q.flags ?? {}), allowOob: true };
    commands.push(merged);
  }
  const iCommandNames = new Set(iCommands.map((c) => c.name));
  for (const q of [...qapi.commands].sort(byName)) {
    if (!iCommandNames.has(q.name)) reporter.report('introspection-qapi-only', `command ${JSON.stringify(q.name)} is in the QAPI schema but not in this QEMU; left out`, q.position);
  }
  const events: Event[] = [];
  for (const e of iEvents) {
    const q = qEvents.get(e.name);
    if (!q) {
      reporter.report('introspection-only', `event ${JSON.stringify(e.name)} is in this QEMU but not in the QAPI schema; kept without docs`, e.position);
      events.push({ ...e, ...(e.data ? { data: renameRef(e.data, cx) as ObjectType } : {}) });
      continue;
    }
    const { if: _if, data: _d, features: _f, ...qRest } = q;
    const merged: Event = {
      ...qRest,
      provenance: [
        { origin: 'qapi', position: q.position, fields: ['name', 'description', 'examples', 'since'] },
        { origin: 'introspection', position: e.position, fields: ['data', 'features'] },
      ],
    };
    if (e.data) merged.data = mergeObject(e.data, q.data, `event ${JSON.stringify(e.name)} data`, cx);
    if (e.features) merged.features = e.features;
    events.push(merged);
  }
  const iEventNames = new Set(iEvents.map((e) => e.name));
  for (const q of [...qapi.events].sort(byName)) {
    if (!iEventNames.has(q.name)) reporter.report('introspection-qapi-only', `event ${JSON.stringify(q.name)} is in the QAPI schema but not in this QEMU; left out`, q.position);
  }

  // 3. types
  const types = intro.types.map((t) => {
    const qName = finalName.get(t.name);
    return mergeType(t, qName ? qapiTypes.get(qName) : undefined, cx);
  });

  return {
    modelVersion: MODEL_VERSION,
    release: { ...(qapi.release ?? {}), ...(intro.release ?? {}) },
    sources: [...qapi.sources, ...intro.sources],
    commands: commands.sort(byName),
    events: events.sort(byName),
    types: types.sort(byName),
  };
}
