/**
 * Reading QEMU's `query-qmp-schema` introspection and holding the model built from the
 * docs up against it. Pure functions over plain data: the live test feeds them a real
 * QEMU's answer, the unit tests feed them small hand-written schemas.
 *
 * Introspection names every non-builtin type with an opaque number ("123"); everything is
 * resolved through the schema's own entries. Optional members carry `"default": null`.
 */
import type { Command, Event, Example, Model, ObjectType, TypeRef } from '../../generator/model/types.js';

export type SchemaEntry =
  | { name: string; 'meta-type': 'command'; 'arg-type': string; 'ret-type': string; 'allow-oob'?: boolean; features?: string[] }
  | { name: string; 'meta-type': 'event'; 'arg-type': string; features?: string[] }
  | { name: string; 'meta-type': 'builtin'; 'json-type': BuiltinJsonType }
  | { name: string; 'meta-type': 'enum'; values: string[]; members?: Array<{ name: string }> }
  | { name: string; 'meta-type': 'array'; 'element-type': string }
  | {
      name: string;
      'meta-type': 'object';
      members: SchemaMember[];
      tag?: string;
      variants?: Array<{ case: string; type: string }>;
      features?: string[];
    }
  | { name: string; 'meta-type': 'alternate'; members: Array<{ type: string }> };

export type BuiltinJsonType = 'string' | 'int' | 'number' | 'boolean' | 'null' | 'value';

export interface SchemaMember {
  name: string;
  type: string;
  default?: null;
  features?: string[];
}

/** The wire kind of a type, in the model's vocabulary (`bool`, `any`), enums kept apart. */
export type WireKind = 'string' | 'int' | 'number' | 'bool' | 'null' | 'any' | 'enum' | 'object' | 'array' | 'alternate';

const BUILTIN_KIND: Record<BuiltinJsonType, WireKind> = {
  string: 'string',
  int: 'int',
  number: 'number',
  boolean: 'bool',
  null: 'null',
  value: 'any',
};

/** A member of an object type, flattened out of base and variants. */
export interface ResolvedMember {
  name: string;
  type: string;
  optional: boolean;
  /** Set when the member exists only for one value of the union tag: `"type=user"`. */
  variant?: string;
  /** The member carries QAPI's `deprecated` feature. */
  deprecated: boolean;
}

export class Introspection {
  readonly #entries = new Map<string, SchemaEntry>();

  constructor(entries: readonly SchemaEntry[]) {
    for (const e of entries) this.#entries.set(e.name, e);
  }

  command(name: string): Extract<SchemaEntry, { 'meta-type': 'command' }> | undefined {
    const e = this.#entries.get(name);
    return e?.['meta-type'] === 'command' ? e : undefined;
  }

  event(name: string): Extract<SchemaEntry, { 'meta-type': 'event' }> | undefined {
    const e = this.#entries.get(name);
    return e?.['meta-type'] === 'event' ? e : undefined;
  }

  entry(type: string): SchemaEntry {
    const e = this.#entries.get(type);
    if (!e) throw new Error(`introspection refers to type "${type}" but has no entry for it`);
    return e;
  }

  kind(type: string): WireKind {
    const e = this.entry(type);
    switch (e['meta-type']) {
      case 'builtin':
        return BUILTIN_KIND[e['json-type']];
      case 'enum':
      case 'object':
      case 'array':
      case 'alternate':
        return e['meta-type'];
      default:
        throw new Error(`type "${type}" is a ${e['meta-type']}, not a type`);
    }
  }

  /** Members of an object type: base members first, then each variant's, tagged. */
  members(type: string): ResolvedMember[] {
    const e = this.entry(type);
    if (e['meta-type'] !== 'object') throw new Error(`type "${type}" is not an object`);
    const out: ResolvedMember[] = e.members.map((m) => ({
      name: m.name,
      type: m.type,
      optional: 'default' in m,
      deprecated: m.features?.includes('deprecated') ?? false,
    }));
    const seen = new Set(out.map((m) => m.name));
    for (const v of e.variants ?? []) {
      for (const m of this.members(v.type)) {
        if (seen.has(m.name)) continue;
        seen.add(m.name);
        out.push({ ...m, optional: true, variant: `${e.tag ?? '?'}=${v.case}` });
      }
    }
    return out;
  }

  /** True for an object type with no members and no variants: QMP's `{}`. */
  isEmptyObject(type: string): boolean {
    const e = this.entry(type);
    return e['meta-type'] === 'object' && e.members.length === 0 && (e.variants ?? []).length === 0;
  }

  /** A short readable rendering of a type, for mismatch reports. */
  describe(type: string, depth = 0): string {
    const e = this.entry(type);
    switch (e['meta-type']) {
      case 'builtin':
        return BUILTIN_KIND[e['json-type']];
      case 'enum':
        return `enum [ ${e.values.join(' | ')} ]`;
      case 'array':
        return `array of ${this.describe(e['element-type'], depth)}`;
      case 'alternate':
        return `alternate of ${e.members.map((m) => this.describe(m.type, depth)).join(' or ')}`;
      case 'object':
        return depth > 0 ? 'object' : `object { ${this.members(type).map((m) => m.name + (m.optional ? '?' : '')).join(', ')} }`;
      default:
        return e['meta-type'];
    }
  }
}

/** What the docs say a type is, in the same vocabulary. */
function docKind(t: TypeRef): WireKind | 'ref' {
  return t.kind === 'bool' ? 'bool' : t.kind;
}

function describeDoc(t: TypeRef): string {
  switch (t.kind) {
    case 'enum':
      return `enum [ ${t.values.map((v) => v.name).join(' | ')} ]`;
    case 'array':
      return `array of ${describeDoc(t.items)}`;
    case 'object':
      return `object${t.open ? ' (open)' : ''}`;
    case 'ref':
      return `ref ${t.name}`;
    case 'alternate':
      return `alternate of ${t.of.map(describeDoc).join(' or ')}`;
    default:
      return t.docType ? `${t.kind} (written "${t.docType}")` : t.kind;
  }
}

/** An object the docs name but do not detail (`(json-object)` with no members listed). */
function isUndetailed(t: TypeRef): boolean {
  return t.kind === 'object' && t.members.length === 0;
}

/**
 * Compares one documented type with one introspected type. Enumerations may be documented
 * as plain strings; a documented enumeration must list exactly QEMU's values. Objects the
 * docs leave undetailed are accepted as objects without looking inside.
 */
/** Where findings go: disagreements, and what was accepted without a full check. */
export interface Findings {
  mismatches: string[];
  /** Paths of objects the docs name without listing their members. */
  undetailed: string[];
  /** Paths of QEMU enumerations that the docs give as plain strings, without values. */
  plainEnums: string[];
}

function compareType(doc: TypeRef, type: string, path: string, q: Introspection, f: Findings): void {
  const out = f.mismatches;
  const want = q.kind(type);
  const have = docKind(doc);
  if (want === 'enum') {
    const values = (q.entry(type) as Extract<SchemaEntry, { 'meta-type': 'enum' }>).values;
    if (doc.kind === 'enum') {
      const documented = doc.values.map((v) => v.name);
      const missing = values.filter((v) => !documented.includes(v));
      const extra = documented.filter((v) => !values.includes(v));
      if (missing.length) out.push(`${path}: enumeration lacks QEMU's value(s) ${missing.map((v) => `"${v}"`).join(', ')}`);
      if (extra.length) out.push(`${path}: enumeration lists value(s) QEMU does not have: ${extra.map((v) => `"${v}"`).join(', ')}`);
      return;
    }
    if (have !== 'string') out.push(`${path}: type is ${describeDoc(doc)} in the docs, QEMU has ${q.describe(type)}`);
    else f.plainEnums.push(path);
    return;
  }
  if (want === 'alternate') {
    const branches = (q.entry(type) as Extract<SchemaEntry, { 'meta-type': 'alternate' }>).members.map((m) => m.type);
    const docBranches = doc.kind === 'alternate' ? doc.of : [doc];
    for (const b of docBranches) {
      const match = branches.find((s) => sameKind(b, q.kind(s)));
      if (match === undefined) out.push(`${path}: ${describeDoc(b)} is not one of QEMU's ${q.describe(type)}`);
      else compareType(b, match, path, q, f);
    }
    return;
  }
  if (!sameKind(doc, want)) {
    out.push(`${path}: type is ${describeDoc(doc)} in the docs, QEMU has ${q.describe(type)}`);
    return;
  }
  if (doc.kind === 'array') {
    const element = (q.entry(type) as Extract<SchemaEntry, { 'meta-type': 'array' }>)['element-type'];
    if (isUndetailed(doc.items)) f.undetailed.push(`${path}[]`);
    else compareType(doc.items, element, `${path}[]`, q, f);
    return;
  }
  if (doc.kind === 'object') {
    if (isUndetailed(doc)) f.undetailed.push(path);
    else compareObject(doc, type, path, q, f);
  }
}

function sameKind(doc: TypeRef, want: WireKind): boolean {
  const have = docKind(doc);
  if (want === 'enum') return have === 'string' || have === 'enum';
  return have === want;
}

/**
 * Member names, optionality and types, recursively. Every unconditional QEMU member must be
 * documented; a member that exists only for one union variant must be documented (as
 * optional) unless the docs mark the object open.
 */
export function compareObject(doc: ObjectType, type: string, path: string, q: Introspection, f: Findings): void {
  const out = f.mismatches;
  const schema = q.members(type);
  const byName = new Map(schema.map((m) => [m.name, m]));
  const documented = new Set<string>();
  for (const m of doc.members) {
    documented.add(m.name);
    const where = `${path}.${m.name}`;
    const s = byName.get(m.name);
    if (!s) {
      out.push(`${where}: documented, but QEMU has no such member (it has ${schema.map((x) => x.name).join(', ') || 'none'})`);
      continue;
    }
    if (m.optional !== s.optional) {
      const why = s.variant ? ` (QEMU sends it only when ${s.variant})` : '';
      out.push(`${where}: ${m.optional ? 'optional' : 'required'} in the docs, ${s.optional ? 'optional' : 'required'} in QEMU${why}`);
    }
    if ((m.deprecated ?? false) !== s.deprecated)
      out.push(`${where}: ${s.deprecated ? 'deprecated in QEMU, not in the docs' : 'deprecated in the docs, not in QEMU'}`);
    compareType(m.type, s.type, where, q, f);
  }
  for (const s of schema) {
    if (documented.has(s.name)) continue;
    if (s.variant === undefined) out.push(`${path}.${s.name}: QEMU has this ${s.optional ? 'optional' : 'required'} member, the docs do not`);
    else if (!doc.open)
      out.push(`${path}.${s.name}: QEMU has this member when ${s.variant}; the docs neither list it nor mark the object open`);
  }
}

function checkCommand(c: Command, q: Introspection, f: Findings): void {
  const out = f.mismatches;
  const s = q.command(c.name);
  if (!s) {
    out.push(`${c.name}: documented command does not exist in this QEMU`);
    return;
  }
  compareObject(c.arguments, s['arg-type'], `${c.name}(arguments)`, q, f);
  const empty = q.isEmptyObject(s['ret-type']);
  if (c.returns === undefined) {
    if (!empty) out.push(`${c.name}(return): the docs state no return value, QEMU returns ${q.describe(s['ret-type'])}`);
  } else if (empty && !(c.returns.kind === 'object' && c.returns.members.length === 0)) {
    out.push(`${c.name}(return): the docs state ${describeDoc(c.returns)}, QEMU returns {}`);
  } else {
    compareType(c.returns, s['ret-type'], `${c.name}(return)`, q, f);
  }
}

function checkEvent(e: Event, q: Introspection, f: Findings): void {
  const out = f.mismatches;
  const s = q.event(e.name);
  if (!s) {
    out.push(`${e.name}: documented event does not exist in this QEMU`);
    return;
  }
  const type = s['arg-type'];
  if (e.data === undefined) {
    if (!q.isEmptyObject(type)) out.push(`${e.name}(data): the docs state no data, QEMU sends ${q.describe(type)}`);
    return;
  }
  compareObject(e.data, type, `${e.name}(data)`, q, f);
}

/**
 * Every disagreement between the documented model and the introspected schema, and the
 * paths of the objects the docs name without detailing (accepted unchecked: the caller
 * decides whether those are the expected ones).
 */
export function compareWithIntrospection(model: Model, q: Introspection): Findings {
  const f: Findings = { mismatches: [], undetailed: [], plainEnums: [] };
  for (const c of model.commands) checkCommand(c, q, f);
  for (const e of model.events) checkEvent(e, q, f);
  return f;
}

/**
 * Problems with `value` as a wire value of `type`: wrong JSON type, unknown enum value,
 * missing required or unknown members (union members chosen by the tag's value).
 * `openTop` lets the top-level object carry members the schema does not list.
 */
export function validateValue(value: unknown, type: string, path: string, q: Introspection, out: string[], openTop = false): void {
  const e = q.entry(type);
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  switch (e['meta-type']) {
    case 'builtin': {
      const ok =
        e['json-type'] === 'value' ||
        (e['json-type'] === 'string' && typeof value === 'string') ||
        (e['json-type'] === 'int' && Number.isInteger(value)) ||
        (e['json-type'] === 'number' && typeof value === 'number') ||
        (e['json-type'] === 'boolean' && typeof value === 'boolean') ||
        (e['json-type'] === 'null' && value === null);
      if (!ok) out.push(`${path}: ${JSON.stringify(value)} is not a JSON ${e['json-type']}`);
      return;
    }
    case 'enum':
      if (typeof value !== 'string' || !e.values.includes(value))
        out.push(`${path}: ${JSON.stringify(value)} is not one of ${e.values.join(', ')}`);
      return;
    case 'array':
      if (!Array.isArray(value)) out.push(`${path}: expected an array, got ${got}`);
      else value.forEach((v, i) => validateValue(v, e['element-type'], `${path}[${i}]`, q, out));
      return;
    case 'alternate': {
      for (const m of e.members) {
        const trial: string[] = [];
        validateValue(value, m.type, path, q, trial);
        if (trial.length === 0) return;
      }
      out.push(`${path}: ${JSON.stringify(value)} matches no branch of ${q.describe(type)}`);
      return;
    }
    case 'object': {
      if (got !== 'object') {
        out.push(`${path}: expected an object, got ${got}`);
        return;
      }
      const obj = value as Record<string, unknown>;
      const base = e.members;
      const tagValue = e.tag !== undefined ? obj[e.tag] : undefined;
      const variant = e.variants?.find((v) => v.case === tagValue);
      const members = [...base.map((m) => ({ ...m, optional: 'default' in m }))];
      if (variant) for (const m of q.members(variant.type)) members.push({ name: m.name, type: m.type, optional: m.optional });
      const known = new Map(members.map((m) => [m.name, m]));
      for (const m of members)
        if (!m.optional && !(m.name in obj)) out.push(`${path}: required member "${m.name}" is missing`);
      for (const [k, v] of Object.entries(obj)) {
        const m = known.get(k);
        if (m) validateValue(v, m.type, `${path}.${k}`, q, out);
        else if (!openTop) out.push(`${path}: QEMU knows no member "${k}" here`);
      }
      return;
    }
    default:
      out.push(`${path}: type "${type}" is a ${e['meta-type']}`);
  }
}

/**
 * Checks every complete message of the examples against the schema: requests name a real
 * command with valid arguments, replies fit the command's return type, events fit their
 * data type. A reply is checked against the request before it in the same example.
 * `openArguments`: the command's arguments are open (device_add), so unknown ones pass.
 */
export function validateExamples(examples: readonly Example[], openArguments: boolean, q: Introspection, out: string[]): void {
  for (const ex of examples) {
    let lastCommand: string | undefined;
    for (const msg of ex.messages) {
      const where = `${msg.position.file}:${msg.position.line}`;
      if (msg.elided) continue;
      if (msg.value === undefined || typeof msg.value !== 'object' || msg.value === null) {
        out.push(`${where}: example message could not be read as a JSON object`);
        continue;
      }
      const v = msg.value as Record<string, unknown>;
      if (msg.repairs.length) out.push(`${where}: example needed repairs (${msg.repairs.join(', ')})`);
      if (msg.role === 'request') {
        const name = typeof v.execute === 'string' ? v.execute : undefined;
        const c = name !== undefined ? q.command(name) : undefined;
        if (!c) {
          out.push(`${where}: example runs "${String(v.execute)}", which this QEMU does not have`);
          lastCommand = undefined;
          continue;
        }
        lastCommand = name;
        validateValue(v.arguments ?? {}, c['arg-type'], `${where} ${name} arguments`, q, out, openArguments);
      } else if (msg.role === 'reply') {
        const c = lastCommand !== undefined ? q.command(lastCommand) : undefined;
        if (c) validateValue(v.return, c['ret-type'], `${where} ${lastCommand} return`, q, out);
      } else if (msg.role === 'event') {
        const name = String(v.event);
        const e = q.event(name);
        if (!e) out.push(`${where}: example event ${name} does not exist in this QEMU`);
        else validateValue(v.data ?? {}, e['arg-type'], `${where} ${name} data`, q, out);
      } else if (msg.role !== 'error') {
        out.push(`${where}: example message has role "${msg.role}"`);
      }
    }
  }
}
