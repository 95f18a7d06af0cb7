/**
 * QAPI expressions → model items (commands, events, named types).
 *
 * The vocabulary is QAPI's own; the builtins below are the language's (docs/devel/qapi-code-gen
 * of every release names the same ones), not input. Shapes follow what the emitters render:
 *
 * - `struct` (and 1.0–2.3's `type`) → named `struct` with `base`; members `'*name'` optional;
 *   a member is `'T'`, `['T']` or `{ 'type': T, 'if': ..., 'features': [...] }`;
 * - `enum` → named `enum` (values as strings or `{ 'name', 'if', 'features' }`);
 * - flat `union` (`base` + `discriminator`) → named `union`: a named base stays `base`, an
 *   inline base becomes `members`, each branch a variant of the discriminator;
 * - simple `union` (no discriminator; until 6.1) → the same shape QEMU itself gives it: the
 *   implicit discriminator `type` and one `{ 'data': T }` object per branch;
 * - anonymous union (`'discriminator': {}`, 1.7–2.3) and `alternate` → named `alternate`;
 * - command `data` as members, or as a type name (`'data': 'T'`, `'boxed'`): the arguments are
 *   that struct's members, bases first; for a union (only with `boxed`) the common members,
 *   and the object is open to the variant members;
 * - `'gen': false` (1.x: `'no'`): QEMU does not check the arguments; the object is open.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type {
  Command,
  CommandFlags,
  Condition,
  EnumValue,
  Event,
  Feature,
  IntWidth,
  Member,
  NamedType,
  ObjectType,
  SourcePosition,
  TypeRef,
  UnionVariant,
} from '../../model/types.js';
import { readCondition } from './conditions.js';
import { type ItemDoc, firstParagraph, readDoc } from './docs.js';
import { type QDict, type QExpr, type QValue, at, get, plain } from './parser.js';

const WIDTHS: readonly IntWidth[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'size'];

/** The QAPI language's builtin types. */
export function builtinType(name: string): TypeRef | undefined {
  switch (name) {
    case 'str':
      return { kind: 'string', docType: name };
    case 'number':
      return { kind: 'number', docType: name };
    case 'int':
      return { kind: 'int', docType: name };
    case 'bool':
      return { kind: 'bool', docType: name };
    case 'null':
      return { kind: 'null', docType: name };
    case 'any':
      return { kind: 'any', docType: name };
  }
  if ((WIDTHS as readonly string[]).includes(name)) return { kind: 'int', width: name as IntWidth, docType: name };
  return undefined;
}

/** QType: the builtin enum of JSON value kinds (used by alternates internally, and by a few members). */
export const QTYPE_VALUES = ['none', 'qnull', 'qnum', 'qstring', 'qdict', 'qlist', 'qbool'] as const;

/** Keys each kind of expression may carry (anything else is reported and ignored). */
const KEYS: Record<string, readonly string[]> = {
  struct: ['struct', 'data', 'base', 'if', 'features', 'gen'],
  type: ['type', 'data', 'base', 'if', 'features', 'gen'],
  enum: ['enum', 'data', 'prefix', 'if', 'features', 'gen'],
  union: ['union', 'data', 'base', 'discriminator', 'if', 'features', 'gen'],
  alternate: ['alternate', 'data', 'if', 'features', 'gen'],
  command: ['command', 'data', 'returns', 'boxed', 'gen', 'success-response', 'allow-oob', 'allow-preconfig', 'coroutine', 'if', 'features'],
  event: ['event', 'data', 'boxed', 'if', 'features'],
  include: ['include'],
  pragma: ['pragma'],
};
const META_ORDER = ['command', 'event', 'struct', 'type', 'union', 'enum', 'alternate', 'include', 'pragma'];

export interface Definition {
  meta: string;
  name: string;
  expr: QExpr;
  doc?: ItemDoc;
  position: SourcePosition;
}

export interface Built {
  commands: Command[];
  events: Event[];
  types: NamedType[];
}

/** Which kind of expression `d` is, or undefined. */
export function metaOf(d: QDict): string | undefined {
  return META_ORDER.find((m) => d.entries.some((e) => e.key === m));
}

class Builder {
  readonly defs = new Map<string, Definition>();
  readonly commands: Command[] = [];
  readonly events: Event[] = [];
  readonly types = new Map<string, NamedType>();
  qtypeUsed = false;

  constructor(readonly reporter: Reporter) {}

  pos(file: string, v: { pos: { line: number; column: number } }): SourcePosition {
    return at(file, v.pos);
  }

  warn(rule: 'qapi-invalid' | 'qapi-unknown-key', msg: string, file: string, v: { pos: { line: number; column: number } }): void {
    this.reporter.report(rule, msg, this.pos(file, v));
  }

  typeRef(v: QValue | undefined, file: string, depth = 0): TypeRef {
    if (v === undefined) return { kind: 'any' };
    if (v.kind === 'string') {
      const b = builtinType(v.value);
      if (b) return b;
      if (v.value === 'QType') this.qtypeUsed = true;
      return { kind: 'ref', name: v.value };
    }
    if (v.kind === 'list') {
      if (v.items.length !== 1) this.warn('qapi-invalid', `An array type is written with ${v.items.length} element types instead of one; ${v.items.length ? 'the first is used' : 'any value is accepted'}`, file, v);
      return v.items.length ? { kind: 'array', items: this.typeRef(v.items[0], file, depth + 1) } : { kind: 'array', items: { kind: 'any' } };
    }
    if (v.kind === 'dict' && depth < 16) {
      // 1.x: an anonymous structure written in place
      return { kind: 'object', members: this.members(v, file, undefined, depth + 1), open: false };
    }
    this.warn('qapi-invalid', 'A type is neither a name, a one-element list nor an object; any value is accepted', file, v);
    return { kind: 'any' };
  }

  condition(d: QDict, file: string): { if?: Condition } {
    const v = get(d, 'if');
    if (v === undefined) return {};
    const c = readCondition(v, file, this.reporter);
    return c === undefined ? {} : { if: c };
  }

  features(d: QDict, file: string, doc: ItemDoc | undefined): { features?: Feature[] } {
    const v = get(d, 'features');
    if (v === undefined) return {};
    if (v.kind !== 'list') {
      this.warn('qapi-invalid', "'features' is not a list; it was ignored", file, v);
      return {};
    }
    const out: Feature[] = [];
    for (const f of v.items) {
      let name: string | undefined;
      let cond: { if?: Condition } = {};
      if (f.kind === 'string') name = f.value;
      else if (f.kind === 'dict') {
        const n = get(f, 'name');
        if (n?.kind === 'string') name = n.value;
        cond = this.condition(f, file);
      }
      if (name === undefined) {
        this.warn('qapi-invalid', 'A feature is neither a name nor an object with a name; it was ignored', file, f);
        continue;
      }
      const description = doc?.features.get(name)?.text;
      out.push({ name, ...(description ? { description } : {}), ...cond });
    }
    return out.length ? { features: out } : {};
  }

  /** A `data` object of members. */
  members(d: QDict, file: string, doc: ItemDoc | undefined, depth = 0): Member[] {
    const out: Member[] = [];
    for (const e of d.entries) {
      const optional = e.key.startsWith('*');
      const name = optional ? e.key.slice(1) : e.key;
      let type: TypeRef;
      let extra: Pick<Member, 'if' | 'features' | 'default'> = {};
      const v = e.value;
      const memberKeys = ['type', 'if', 'features', 'default'];
      if (v.kind === 'dict' && get(v, 'type') !== undefined && v.entries.every((x) => memberKeys.includes(x.key))) {
        type = this.typeRef(get(v, 'type'), file, depth);
        const def = get(v, 'default');
        extra = { ...this.condition(v, file), ...this.features(v, file, doc), ...(def !== undefined ? { default: plain(def) } : {}) };
      } else type = this.typeRef(v, file, depth);
      const description = doc?.members.get(name)?.text ?? '';
      const deprecated = (extra.features ?? []).some((f) => f.name === 'deprecated');
      out.push({
        name,
        type,
        optional,
        description,
        ...(deprecated ? { deprecated: true } : {}),
        ...extra,
        position: at(file, e.keyPos),
      });
    }
    return out;
  }

  docOf(x: QExpr, name: string, file: string): ItemDoc | undefined {
    if (!x.doc) return undefined;
    const doc = readDoc(x.doc, file, this.reporter);
    if (doc.symbol !== undefined && doc.symbol !== name) {
      this.reporter.report('qapi-doc-symbol', `The doc comment before '${name}' names @${doc.symbol}; it was used for '${name}'`, doc.position);
    }
    return doc;
  }

  /** Pass 1: every definition by name (the first of each name wins). */
  define(x: QExpr): void {
    const d = x.value;
    const meta = metaOf(d);
    if (meta === undefined) {
      this.reporter.report(
        'qapi-expression-invalid',
        `An expression has none of the keys that say what it defines (command, event, struct, type, enum, union, alternate, include, pragma); it was skipped`,
        at(x.file, d.pos),
      );
      return;
    }
    if (meta === 'include' || meta === 'pragma') return;
    for (const e of d.entries) {
      if (!KEYS[meta]!.includes(e.key)) {
        this.warn('qapi-unknown-key', `Key '${e.key}' is not part of a ${meta} definition; it was ignored`, x.file, { pos: e.keyPos });
      }
    }
    const nameV = get(d, meta)!;
    if (nameV.kind !== 'string') {
      this.reporter.report('qapi-expression-invalid', `The name of a ${meta} is not a string; the definition was skipped`, at(x.file, nameV.pos));
      return;
    }
    const name = nameV.value;
    const key = meta === 'command' ? `command:${name}` : meta === 'event' ? `event:${name}` : `type:${name}`;
    const first = this.defs.get(key);
    if (first) {
      this.reporter.report(
        'qapi-duplicate-definition',
        `'${name}' is defined again (first at ${first.position.file}:${first.position.line}:${first.position.column}); the first definition is kept`,
        at(x.file, nameV.pos),
      );
      return;
    }
    const doc = this.docOf(x, name, x.file);
    this.defs.set(key, { meta, name, expr: x, ...(doc ? { doc } : {}), position: at(x.file, nameV.pos) });
  }

  common(def: Definition): { description: string; since?: string; features?: Feature[]; if?: Condition; position: SourcePosition } {
    const d = def.expr.value;
    return {
      description: def.doc?.description ?? '',
      ...(def.doc?.since ? { since: def.doc.since } : {}),
      ...this.features(d, def.expr.file, def.doc),
      ...this.condition(d, def.expr.file),
      position: def.position,
    };
  }

  /** Pass 2: named types. */
  buildType(def: Definition): void {
    const d = def.expr.value;
    const file = def.expr.file;
    const common = { name: def.name, origin: 'qapi' as const, ...this.common(def) };
    const data = get(d, 'data');
    switch (def.meta) {
      case 'struct':
      case 'type': {
        const base = get(d, 'base');
        const members = data?.kind === 'dict' ? this.members(data, file, def.doc) : [];
        if (data !== undefined && data.kind !== 'dict') this.warn('qapi-invalid', `The data of struct '${def.name}' is not an object of members; it has none`, file, data);
        let baseName: string | undefined;
        if (base?.kind === 'string') baseName = base.value;
        else if (base?.kind === 'dict') members.unshift(...this.members(base, file, def.doc));
        this.types.set(def.name, { kind: 'struct', ...common, ...(baseName ? { base: baseName } : {}), members });
        return;
      }
      case 'enum': {
        const values: EnumValue[] = [];
        if (data?.kind !== 'list') {
          this.warn('qapi-invalid', `The data of enum '${def.name}' is not a list of values; it has none`, file, data ?? d);
        } else {
          for (const v of data.items) {
            let name: string | undefined;
            let extra: Pick<EnumValue, 'if' | 'features'> = {};
            if (v.kind === 'string') name = v.value;
            else if (v.kind === 'dict') {
              const n = get(v, 'name');
              if (n?.kind === 'string') name = n.value;
              extra = { ...this.condition(v, file), ...this.features(v, file, def.doc) };
            }
            if (name === undefined) {
              this.warn('qapi-invalid', `A value of enum '${def.name}' is neither a string nor an object with a name; it was ignored`, file, v);
              continue;
            }
            const description = def.doc?.members.get(name)?.text;
            values.push({ name, ...(description ? { description } : {}), ...extra });
          }
        }
        this.types.set(def.name, { kind: 'enum', ...common, values });
        return;
      }
      case 'alternate':
        this.types.set(def.name, { kind: 'alternate', ...common, of: this.branches(data, file, def) });
        return;
      case 'union': {
        const disc = get(d, 'discriminator');
        if (disc?.kind === 'dict' && disc.entries.length === 0) {
          // 1.7–2.3: an anonymous union, which 2.4 renamed alternate
          this.types.set(def.name, { kind: 'alternate', ...common, of: this.branches(data, file, def) });
          return;
        }
        const base = get(d, 'base');
        let baseName: string | undefined;
        const members: Member[] = [];
        if (base?.kind === 'string') baseName = base.value;
        else if (base?.kind === 'dict') members.push(...this.members(base, file, def.doc));
        const variants: UnionVariant[] = [];
        const simple = disc === undefined;
        if (data?.kind !== 'dict') {
          this.warn('qapi-invalid', `The data of union '${def.name}' is not an object of branches; it has none`, file, data ?? d);
        } else {
          for (const e of data.entries) {
            let t: TypeRef;
            let cond: { if?: Condition } = {};
            if (e.value.kind === 'dict' && get(e.value, 'type') !== undefined) {
              t = this.typeRef(get(e.value, 'type'), file);
              cond = this.condition(e.value, file);
            } else t = this.typeRef(e.value, file);
            const description = def.doc?.members.get(e.key)?.text ?? '';
            const type: TypeRef = simple
              ? {
                  kind: 'object',
                  members: [{ name: 'data', type: t, optional: false, description, position: at(file, e.keyPos) }],
                  open: false,
                }
              : t;
            variants.push({ value: e.key, type, ...cond });
          }
        }
        let discriminator: string;
        if (simple) discriminator = 'type';
        else if (disc.kind === 'string') discriminator = disc.value;
        else {
          this.warn('qapi-invalid', `The discriminator of union '${def.name}' is not a member name; 'type' was assumed`, file, disc);
          discriminator = 'type';
        }
        this.types.set(def.name, { kind: 'union', ...common, ...(baseName ? { base: baseName } : {}), discriminator, members, variants });
        return;
      }
    }
  }

  branches(data: QValue | undefined, file: string, def: Definition): TypeRef[] {
    if (data?.kind !== 'dict') {
      this.warn('qapi-invalid', `The data of alternate '${def.name}' is not an object of branches; it has none`, file, data ?? def.expr.value);
      return [];
    }
    return data.entries.map((e) =>
      e.value.kind === 'dict' && get(e.value, 'type') !== undefined ? this.typeRef(get(e.value, 'type'), file) : this.typeRef(e.value, file),
    );
  }

  /** Members of a struct with its bases first (cycles cut). */
  flatten(name: string, seen = new Set<string>()): Member[] | undefined {
    const t = this.types.get(name);
    if (!t || seen.has(name)) return undefined;
    seen.add(name);
    if (t.kind !== 'struct' && t.kind !== 'union') return undefined;
    const base = t.base ? (this.flatten(t.base, seen) ?? []) : [];
    return [...base, ...t.members];
  }

  /** A command's arguments or an event's data. */
  dataObject(data: QValue | undefined, def: Definition, open: boolean): ObjectType | undefined {
    const file = def.expr.file;
    if (data === undefined) return undefined;
    if (data.kind === 'dict') return { kind: 'object', members: this.members(data, file, def.doc), open };
    if (data.kind === 'string') {
      const t = this.types.get(data.value);
      const members = this.flatten(data.value);
      if (!t || members === undefined) {
        this.warn(
          'qapi-invalid',
          t ? `'${data.value}' is a${t.kind === 'alternate' ? 'n' : ''} ${t.kind}, not a struct or union; the object is open` : `'${data.value}' is not a type the schema defines; the object is open`,
          file,
          data,
        );
        return { kind: 'object', members: [], open: true };
      }
      // descriptions from the item's own doc where the type has none
      const described = members.map((m) => (m.description || !def.doc?.members.get(m.name) ? m : { ...m, description: def.doc.members.get(m.name)!.text }));
      return { kind: 'object', members: described, open: open || t.kind === 'union' };
    }
    this.warn('qapi-invalid', "'data' is neither an object of members nor a type name; the object is open", file, data);
    return { kind: 'object', members: [], open: true };
  }

  flag(d: QDict, key: string, file: string): boolean | undefined {
    const v = get(d, key);
    if (v === undefined) return undefined;
    if (v.kind === 'bool') return v.value;
    if (v.kind === 'string' && (v.value === 'no' || v.value === 'yes')) {
      this.reporter.report('qapi-bool-string', `'${key}': '${v.value}' is the 1.x spelling of ${v.value === 'yes'}; read as such`, at(file, v.pos));
      return v.value === 'yes';
    }
    this.warn('qapi-invalid', `'${key}' is not true or false; it was ignored`, file, v);
    return undefined;
  }

  buildCommand(def: Definition): void {
    const d = def.expr.value;
    const file = def.expr.file;
    const flags: CommandFlags = {};
    const gen = this.flag(d, 'gen', file);
    if (gen === false) flags.gen = false;
    if (this.flag(d, 'success-response', file) === false) flags.successResponse = false;
    if (this.flag(d, 'allow-oob', file)) flags.allowOob = true;
    if (this.flag(d, 'allow-preconfig', file)) flags.allowPreconfig = true;
    if (this.flag(d, 'coroutine', file)) flags.coroutine = true;
    if (this.flag(d, 'boxed', file)) flags.boxed = true;
    const common = this.common(def);
    const args = this.dataObject(get(d, 'data'), def, gen === false) ?? { kind: 'object' as const, members: [], open: gen === false };
    const returns = get(d, 'returns');
    const doc = def.doc;
    this.commands.push({
      name: def.name,
      section: def.name.startsWith('query-') ? 'query' : 'regular',
      summary: firstParagraph(common.description),
      ...common,
      arguments: args,
      argumentsStated: true,
      ...(returns !== undefined ? { returns: this.typeRef(returns, file) } : {}),
      notes: doc?.notes ?? [],
      examples: doc?.examples ?? [],
      ...(doc?.errors ? { errors: doc.errors } : {}),
      ...(doc?.returns ? { returnsDescription: doc.returns } : {}),
      ...(Object.keys(flags).length ? { flags } : {}),
      origin: 'qapi',
    });
  }

  buildEvent(def: Definition): void {
    const d = def.expr.value;
    const file = def.expr.file;
    const boxed = this.flag(d, 'boxed', file);
    const common = this.common(def);
    const data = this.dataObject(get(d, 'data'), def, false);
    const doc = def.doc;
    this.events.push({
      name: def.name,
      summary: firstParagraph(common.description),
      ...common,
      ...(data ? { data } : {}),
      notes: doc?.notes ?? [],
      examples: doc?.examples ?? [],
      ...(boxed ? { boxed: true as const } : {}),
      origin: 'qapi',
    });
  }

  build(exprs: readonly QExpr[]): Built {
    for (const x of exprs) this.define(x);
    const defs = [...this.defs.values()];
    for (const def of defs) if (def.meta !== 'command' && def.meta !== 'event') this.buildType(def);
    for (const def of defs) {
      if (def.meta === 'command') this.buildCommand(def);
      else if (def.meta === 'event') this.buildEvent(def);
    }
    if (this.qtypeUsed && !this.types.has('QType')) {
      this.types.set('QType', {
        kind: 'enum',
        name: 'QType',
        description: 'The kind of a JSON value (a builtin of the QAPI language).',
        values: QTYPE_VALUES.map((name) => ({ name })),
        origin: 'qapi',
      });
    }
    return { commands: this.commands, events: this.events, types: [...this.types.values()] };
  }
}

/** Build the model items of a whole schema (every file's expressions, root first). */
export function buildItems(exprs: readonly QExpr[], reporter: Reporter): Built {
  return new Builder(reporter).build(exprs);
}
