/**
 * Model types → JSON Schema (draft 2020-12) fragments, built as plain objects.
 *
 * - scalars: `string`/`integer`/`number`/`boolean`/`null`; `any` → `{}` (every value);
 * - inline enums → `{type: 'string', enum}`; value descriptions are listed in the
 *   `description` of whatever uses the enum (JSON Schema has no place for them);
 * - inline objects → `properties` in the docs' order, `required` for the non-optional ones,
 *   `additionalProperties: false` unless the model says the object is open (`true`);
 * - arrays → `items`; alternates → `anyOf`;
 * - named types → `{$ref: '#/$defs/<Name>'}`; the caller collects the names used and puts
 *   their definitions (transitively) in `$defs`, so every schema file stands alone.
 *
 * Only standard keywords are used (ajv strict accepts them all): extra information goes in
 * annotations (`description`, `default`, `deprecated`, `$comment`). Objects are built with
 * `Object.fromEntries`/`defineProperty`, never `obj[name] = ...`, so a member called
 * `__proto__` is an ordinary key.
 */
import { type RemovedIndex, removedSentence } from '../../model/removed.js';
import { evidenceNote } from '../../model/evidence.js';
import type { EnumValue, Feature, Member, NamedType, ObjectType, SourcePosition, TypeRef } from '../../model/types.js';
import { INT_RANGES } from '../../model/widths.js';

export type SchemaObject = { [keyword: string]: unknown };

/**
 * Set `key` on `obj` as an own enumerable data property, whatever the key is. Plain assignment
 * makes exactly that for every key but `__proto__` (Object.prototype's one accessor; its other
 * properties are writable data, which assignment shadows), and is several times faster than
 * `defineProperty` with its descriptor object.
 */
export function defineKey(obj: SchemaObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Characters a URI fragment may hold as they are (RFC 3986 pchar, `/`, `?`). */
const FRAGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;

/** A text of FRAGMENT_SAFE characters only (every name QAPI allows), which percent-encoding leaves as it is. */
const ALL_FRAGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/**
 * `#/$defs/<key>` with JSON Pointer escaping (`~0`, `~1`) and URI-fragment percent-encoding.
 * A key with nothing to encode is not looked at character by character (test/schema/defs-pointer.test.ts
 * holds this to `percentEncoded`).
 */
export function defsPointer(key: string): string {
  const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
  return `#/$defs/${ALL_FRAGMENT_SAFE.test(escaped) ? escaped : percentEncoded(escaped)}`;
}

/** `text` with each character but FRAGMENT_SAFE ones percent-encoded (UTF-8; a lone surrogate as U+FFFD). */
export function percentEncoded(text: string): string {
  let out = '';
  for (const ch of text) {
    out += FRAGMENT_SAFE.test(ch)
      ? ch
      : [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

export interface TypeContext {
  /** Named types of the model, by name. */
  readonly types: ReadonlyMap<string, NamedType>;
  /** Named types referenced so far (to be put in `$defs`). */
  readonly used: Set<string>;
  /** Called for a reference to a type the model does not define (emitted as `{}`). */
  readonly unresolved: (name: string, position: SourcePosition | undefined) => void;
  /** What older releases had (history runs), for "removed in" comments; empty otherwise. */
  readonly removed: RemovedIndex;
  /**
   * The `$defs` entries built so far, shared by the contexts of one run (see `collectDefs`);
   * absent = each context builds its own.
   */
  readonly defs?: Map<string, BuiltDef>;
}

/** A named type's `$defs` entry, with the names its building added to `used`, in order. */
export interface BuiltDef {
  schema: SchemaObject;
  uses: readonly string[];
}

function isDeprecated(deprecated: boolean | undefined, features: readonly Feature[] | undefined): boolean {
  return deprecated === true || (features ?? []).some((f) => f.name === 'deprecated');
}

/** `Values: a: text; b: text` lines for enum values that carry a description, or ''. */
export function enumValueNotes(values: readonly EnumValue[]): string {
  const described = values.filter((v) => v.description);
  if (described.length === 0) return '';
  return ['Values:', ...described.map((v) => `- ${v.name}: ${v.description}`)].join('\n');
}

function joinText(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p && p.trim())).join('\n\n');
}

/** The enum values described by `t` (inline or named), for description notes. */
function enumValuesOf(t: TypeRef, cx: TypeContext): readonly EnumValue[] {
  if (t.kind === 'enum') return t.values;
  if (t.kind === 'ref') {
    const named = cx.types.get(t.name);
    if (named?.kind === 'enum') return []; // described once, in its $defs entry
  }
  return [];
}

/** `{type: 'string', enum}`; with no values (nothing was read), any string. */
function enumSchema(values: readonly EnumValue[]): SchemaObject {
  const names = [...new Set(values.map((v) => v.name))];
  return names.length > 0 ? { type: 'string', enum: names } : { type: 'string' };
}

/** `{anyOf}`; one choice is the choice itself, none (nothing was read) is any value. */
function alternateSchema(of: readonly TypeRef[], cx: TypeContext, position?: SourcePosition): SchemaObject {
  if (of.length === 0) return {};
  if (of.length === 1) return typeSchema(of[0]!, cx, position);
  return { anyOf: of.map((o) => typeSchema(o, cx, position)) };
}

/** The schema of a type reference. `position` is used only to report unresolved names. */
export function typeSchema(t: TypeRef, cx: TypeContext, position?: SourcePosition): SchemaObject {
  switch (t.kind) {
    case 'string':
      return { type: 'string' };
    case 'int':
      // QAPI sized integers: their range (`size` is a uint64)
      return t.width ? { type: 'integer', minimum: INT_RANGES[t.width].min, maximum: INT_RANGES[t.width].max } : { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'any':
      return {};
    case 'enum':
      return enumSchema(t.values);
    case 'object':
      return objectSchema(t, cx);
    case 'array':
      return { type: 'array', items: typeSchema(t.items, cx, position) };
    case 'alternate':
      return alternateSchema(t.of, cx, position);
    case 'ref':
      if (!cx.types.has(t.name)) {
        cx.unresolved(t.name, position);
        return {};
      }
      cx.used.add(t.name);
      return { $ref: defsPointer(t.name) };
  }
}

/** Whether `value` is a value of type `t` (used to decide if a documented default is one). */
export function fitsType(value: unknown, t: TypeRef, types: ReadonlyMap<string, NamedType>, depth = 0): boolean {
  if (depth > 32) return false;
  switch (t.kind) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'any':
      return value !== undefined;
    case 'enum':
      return typeof value === 'string' && t.values.some((v) => v.name === value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value) && value.every((v) => fitsType(v, t.items, types, depth + 1));
    case 'alternate':
      return t.of.some((o) => fitsType(value, o, types, depth + 1));
    case 'ref': {
      const named = types.get(t.name);
      if (!named) return false;
      if (named.kind === 'enum') return typeof value === 'string' && named.values.some((v) => v.name === value);
      if (named.kind === 'alternate') return named.of.some((o) => fitsType(value, o, types, depth + 1));
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    }
  }
}

/** A member's schema: its type plus description, default, deprecation and `since`. */
export function memberSchema(m: Member, cx: TypeContext): SchemaObject {
  const description = joinText(m.description, enumValueNotes(enumValuesOf(m.type, cx)), evidenceNote(m));
  const comments: string[] = [];
  if (m.since) comments.push(`Since ${m.since}.`);
  const out: SchemaObject = {};
  if (description) out.description = description;
  if (isDeprecated(m.deprecated, m.features)) out.deprecated = true;
  Object.assign(out, typeSchema(m.type, cx, m.position));
  if (m.default !== undefined) {
    if (fitsType(m.default, m.type, cx.types)) out.default = m.default;
    else comments.push(`Documented default, not a value of this type: ${JSON.stringify(m.default)}.`);
  }
  if (comments.length > 0) out.$comment = comments.join(' ');
  return out;
}

/** The object keywords for a list of members: `properties` (docs' order) and `required`. */
export function membersKeywords(members: readonly Member[], cx: TypeContext): SchemaObject {
  const properties: SchemaObject = {};
  const required: string[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.name)) continue; // the first documentation of a member wins
    seen.add(m.name);
    defineKey(properties, m.name, memberSchema(m, cx));
    if (!m.optional) required.push(m.name);
  }
  const out: SchemaObject = { properties };
  if (required.length > 0) out.required = required;
  return out;
}

/** An object type: `{type: 'object', properties, required?, additionalProperties}`. */
export function objectSchema(o: Pick<ObjectType, 'members' | 'open'>, cx: TypeContext): SchemaObject {
  return { type: 'object', ...membersKeywords(o.members, cx), additionalProperties: o.open };
}

/** Members of a struct including its bases (base members first), guarding against cycles. */
export function flattenStruct(name: string, types: ReadonlyMap<string, NamedType>, seen = new Set<string>()): Member[] {
  const t = types.get(name);
  if (!t || seen.has(name) || (t.kind !== 'struct' && t.kind !== 'union')) return [];
  seen.add(name);
  const base = t.base ? flattenStruct(t.base, types, seen) : [];
  return [...base, ...t.members];
}

/**
 * A union. With a discriminator: the common members (base first) at the top, and `oneOf` one
 * branch per discriminator value (`const`) with that variant's members; values of the
 * discriminator's enum that have no variant get one more branch (no further members).
 * `unevaluatedProperties: false` closes the whole (a branch's members count as evaluated).
 */
function unionSchema(t: Extract<NamedType, { kind: 'union' }>, cx: TypeContext, depth = 0): SchemaObject {
  const common = [...(t.base ? flattenStruct(t.base, cx.types) : []), ...t.members];
  const variantPart = (v: TypeRef): SchemaObject => {
    if (v.kind === 'ref' && cx.types.get(v.name)?.kind === 'struct') {
      cx.used.add(v.name); // keep the named struct documented alongside
      return membersKeywords(flattenStruct(v.name, cx.types), cx);
    }
    if (v.kind === 'object') return membersKeywords(v.members, cx);
    const named = v.kind === 'ref' ? cx.types.get(v.name) : undefined;
    if (named?.kind === 'union' && named.discriminator && depth < 8) {
      // a union as a variant (9.x): its members and branches in place, so that the outer
      // `unevaluatedProperties` sees them (behind a $ref, the inner union would reject the
      // outer discriminator)
      cx.used.add(named.name);
      const { type: _t, unevaluatedProperties: _u, ...inner } = unionSchema(named, cx, depth + 1);
      return inner;
    }
    return typeSchema(v, cx, t.position);
  };
  if (t.discriminator) {
    const disc = t.discriminator;
    const props = membersKeywords(common, cx);
    const listed = t.variants.map((v) => v.value);
    const discMember = common.find((m) => m.name === disc);
    if (!discMember) {
      defineKey(props.properties as SchemaObject, disc, { type: 'string', enum: listed });
      props.required = [...((props.required as string[] | undefined) ?? []), disc];
    }
    const discType = discMember?.type.kind === 'ref' ? cx.types.get(discMember.type.name) : undefined;
    const enumValues = discMember?.type.kind === 'enum' ? discMember.type.values : discType?.kind === 'enum' ? discType.values : undefined;
    const branches: SchemaObject[] = t.variants.map((v) => {
      const part = variantPart(v.type);
      const partProps = (part.properties as SchemaObject | undefined) ?? {};
      const { properties: _p, required: partRequired, ...rest } = part;
      const properties: SchemaObject = {};
      defineKey(properties, disc, { const: v.value });
      for (const [k, val] of Object.entries(partProps)) if (k !== disc) defineKey(properties, k, val);
      return { properties, required: [disc, ...((partRequired as string[] | undefined) ?? []).filter((r) => r !== disc)], ...rest };
    });
    // no discriminator member: its enum is the listed values (a simple union's implicit enum)
    const others = !discMember ? [] : enumValues ? [...new Set(enumValues.map((v) => v.name))].filter((n) => !listed.includes(n)) : undefined;
    if (others === undefined || others.length > 0) {
      const rest = others === undefined ? (listed.length ? { not: { enum: listed } } : {}) : { enum: others };
      branches.push({ properties: Object.fromEntries([[disc, rest]]), required: [disc] });
    }
    return {
      type: 'object',
      ...props,
      oneOf: branches,
      unevaluatedProperties: false,
    };
  }
  // QAPI "simple" union: {"type": <variant>, "data": <value>}
  return {
    type: 'object',
    properties: { type: { type: 'string', enum: t.variants.map((v) => v.value) }, data: {} },
    required: ['type', 'data'],
    allOf: t.variants.map((v) => ({
      if: { properties: { type: { const: v.value } }, required: ['type'] },
      then: { properties: { data: typeSchema(v.type, cx, t.position) } },
    })),
    additionalProperties: false,
  };
}

/** The `$defs` entry of a named type. */
export function namedTypeSchema(t: NamedType, cx: TypeContext): SchemaObject {
  const notes = t.kind === 'enum' ? enumValueNotes(t.values) : '';
  const out: SchemaObject = { title: t.name };
  const description = joinText(t.description, notes);
  if (description) out.description = description;
  const comment = [t.since ? `Since ${t.since}.` : '', removedSentence(cx.removed.partsOf('type', t.name))].filter(Boolean).join(' ');
  if (comment) out.$comment = comment;
  if (isDeprecated(undefined, t.features)) out.deprecated = true;
  switch (t.kind) {
    case 'enum':
      Object.assign(out, enumSchema(t.values));
      break;
    case 'alternate':
      Object.assign(out, alternateSchema(t.of, cx, t.position));
      break;
    case 'struct':
      Object.assign(out, objectSchema({ members: flattenStruct(t.name, cx.types), open: t.open ?? false }, cx));
      break;
    case 'union':
      Object.assign(out, unionSchema(t, cx));
      break;
  }
  return out;
}

/**
 * A named type's `$defs` entry, built once per `cx.defs`: the entry depends only on the type,
 * the model's types and `removed`, which the contexts of one run share, and its building adds
 * the same names to `used` each time (replayed, in the same order, from `uses`). Unresolved
 * names are reported by the first building; the run's reporter reports each name and position
 * only once anyway. Every message file of a large schema needs the same few hundred entries
 * (QEMU 7.2: ~1200 files' worth of $defs from ~700 types).
 */
function namedTypeDef(name: string, cx: TypeContext): SchemaObject {
  const memo = cx.defs;
  if (!memo) return namedTypeSchema(cx.types.get(name)!, cx);
  let def = memo.get(name);
  if (!def) {
    const uses = new Set<string>();
    const schema = namedTypeSchema(cx.types.get(name)!, { types: cx.types, used: uses, unresolved: cx.unresolved, removed: cx.removed, defs: memo });
    def = { schema, uses: [...uses] };
    memo.set(name, def);
  }
  for (const n of def.uses) cx.used.add(n);
  return def.schema;
}

/**
 * `$defs` for every named type in `cx.used`, and the ones those use, sorted by name.
 * Returns undefined when there are none.
 */
export function collectDefs(cx: TypeContext): SchemaObject | undefined {
  const built = new Map<string, SchemaObject>();
  let pending = [...cx.used].filter((n) => !built.has(n));
  while (pending.length > 0) {
    for (const name of pending) built.set(name, namedTypeDef(name, cx));
    pending = [...cx.used].filter((n) => !built.has(n));
  }
  if (built.size === 0) return undefined;
  const defs: SchemaObject = {};
  for (const name of [...built.keys()].sort()) defineKey(defs, name, built.get(name));
  return defs;
}
