/**
 * assemble: the parts that the readers made (generator/read/) → the one model.
 *
 *   read (legacy | qapi | introspection) → ModelPart[] → assemble → Model
 *
 * Within one part, the first item of a name is kept and later ones are reported
 * (`duplicate-command`, `duplicate-event`, `duplicate-type`) and dropped: one source saying
 * the same thing twice is a quirk of that source.
 *
 * Across parts, items of the same name are one item seen by several sources, merged by
 * precedence (a source's word counts where it is the authority):
 *   - shape (arguments, returns, data, members and their types, flags, `if`, features, the
 *     definition of a named type): introspection > qapi > legacy. Introspection is what the
 *     running QEMU does; the QAPI schema is what it is built from; the legacy docs are prose
 *     written beside it. The shape is taken whole from the highest source (never mixed), and
 *     so are `origin` and `position`.
 *   - docs (summary, description, notes, examples, since, errors, heading, section, and the
 *     descriptions of members, enum values and features): qapi > legacy, field by field, the
 *     first source whose value is not empty. Introspection carries no docs.
 * Such a merged item records `provenance`: one entry per contributing source, in shape order,
 * with the fields it gave when it did not give everything. An item seen by one source only is
 * passed through untouched (no provenance), so a legacy-only run is what it always was.
 *
 * Fills: when the legacy docs document an item and a higher source (the QAPI schema) gives its
 * shape, what that source gave that the text lacks or says otherwise is reported at the text's
 * item (`docs-filled`, info): members the text does not document (or documents and the schema
 * lacks), optionality and JSON kinds that differ, doc fields and member descriptions the text
 * leaves empty. Each top-level member of such an item records its own `provenance` (the shape
 * source; the docs source too when it gave the description). Commands, events and types only
 * the higher source has are named once (`docs-added`, info) when legacy docs were read.
 *
 * Sorting: commands, events and types by name (code unit order), as Model promises; sources in
 * the order of the parts.
 */
import type { Reporter } from '../diagnostics/reporter.js';
import {
  MODEL_VERSION,
  type Command,
  type EnumValue,
  type Event,
  type Feature,
  type Member,
  type Model,
  type NamedType,
  type ObjectType,
  type Origin,
  type Provenance,
  type ReleaseInfo,
  type SourcePosition,
  type TypeRef,
} from '../model/types.js';
import type { ModelPart, ReaderId } from '../read/types.js';

/** The model's `Origin` of each reader's items. */
export const ORIGIN: Readonly<Record<ReaderId, Origin>> = { legacy: 'docs', qapi: 'qapi', introspection: 'introspection' };

/** Whose shape wins, highest first. */
export const SHAPE_PRECEDENCE: readonly ReaderId[] = ['introspection', 'qapi', 'legacy'];
/** Whose documentation wins, highest first (introspection has none). */
export const DOCS_PRECEDENCE: readonly ReaderId[] = ['qapi', 'legacy', 'introspection'];

const COMMAND_DOCS = ['heading', 'section', 'summary', 'description', 'notes', 'examples', 'since', 'errors', 'returnsDescription'] as const;
const EVENT_DOCS = ['heading', 'summary', 'description', 'notes', 'examples', 'since'] as const;
const TYPE_DOCS = ['description', 'since'] as const;

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

type Seen<T> = { reader: ReaderId; item: T };

function where(p: SourcePosition | undefined): string {
  return p ? ` (first at ${p.file}:${p.line})` : '';
}

/** The first item of each name in one part; later ones reported under `rule`. */
function firstOfEach<T extends { name: string; position?: SourcePosition | undefined }>(
  items: readonly T[],
  report: (item: T, first: T) => void,
): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const first = seen.get(item.name);
    if (first) report(item, first);
    else seen.set(item.name, item);
  }
  return [...seen.values()];
}

function rank(order: readonly ReaderId[], reader: ReaderId): number {
  const i = order.indexOf(reader);
  return i === -1 ? order.length : i;
}

/** A value that says something (not absent, not '', not an empty list). */
function present(value: unknown): boolean {
  if (value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Merge several sources' views of one item: the shape source's item, with the doc fields taken
 * one by one from the first docs source that has them, and member/value/feature descriptions
 * filled the same way.
 */
function merge<T extends { name: string; position?: SourcePosition | undefined; origin: Origin }>(
  seen: readonly Seen<T>[],
  docFields: readonly (keyof T & string)[],
  fillDocs: (shape: T, docs: T) => T,
  lists: (item: T) => MemberLists,
  reporter: Reporter,
): T {
  const shape = [...seen].sort((a, b) => rank(SHAPE_PRECEDENCE, a.reader) - rank(SHAPE_PRECEDENCE, b.reader));
  const docs = [...seen].sort((a, b) => rank(DOCS_PRECEDENCE, a.reader) - rank(DOCS_PRECEDENCE, b.reader));
  const winner = shape[0]!;
  let out: T = { ...winner.item };
  const gave = new Map<ReaderId, string[]>(seen.map((s) => [s.reader, []]));
  for (const field of docFields) {
    const from = docs.find((s) => present(s.item[field]));
    if (!from) continue;
    if (from.reader !== winner.reader) out[field] = from.item[field];
    gave.get(from.reader)!.push(field);
  }
  // descriptions of members, values and features: only empty ones are filled, so the first
  // (highest-precedence) source that has one wins
  for (const s of docs) {
    if (s.reader === winner.reader) continue;
    const before = JSON.stringify(out);
    out = fillDocs(out, s.item);
    if (JSON.stringify(out) !== before) gave.get(s.reader)!.push('member descriptions');
  }
  const othersGave = seen.some((s) => s.reader !== winner.reader && gave.get(s.reader)!.length > 0);
  const provenance: Provenance[] = [];
  for (const s of shape) {
    const position = s.item.position;
    if (!position) continue;
    const entry: Provenance = { origin: s.item.origin, position };
    if (s.reader !== winner.reader) entry.fields = gave.get(s.reader)!;
    else if (othersGave) entry.fields = ['shape', ...gave.get(s.reader)!];
    provenance.push(entry);
  }
  (out as { provenance?: Provenance[] }).provenance = provenance;
  const text = seen.find((s) => s.reader === 'legacy');
  if (text && text.reader !== winner.reader) {
    const filled = docFields.filter((f) => !present(text.item[f]) && present(out[f]));
    const said = describeFills(winner.item, text.item, out, filled, lists);
    out = structuredClone(out); // the members are annotated in place; the parts stay untouched
    annotateMembers(lists(out), lists(text.item), winner.item.origin);
    if (said.length > 0) {
      const p = winner.item.position;
      const from = p ? ` (line ${p.line} of ${p.file.slice(p.file.lastIndexOf('/') + 1)})` : '';
      reporter.report(
        'docs-filled',
        `${text.item.name}: the ${SOURCE_WORDS[winner.reader]}${from} gave its shape; it fills what the text lacks: ${said.join('; ')}`,
        text.item.position,
      );
    }
  }
  return out;
}

const SOURCE_WORDS: Readonly<Record<ReaderId, string>> = { legacy: 'legacy docs', qapi: 'QAPI schema', introspection: 'introspected QEMU' };

// ---- what a higher source filled in for the text (docs-filled) --------------------------

/** An item's top-level member lists, by the word the message uses for them. */
type MemberLists = { label: string; members: Member[] }[];

const listsOfCommand = (c: Command): MemberLists => {
  const out: MemberLists = [{ label: 'argument', members: c.arguments.members }];
  const r = c.returns?.kind === 'array' ? c.returns.items : c.returns;
  if (r?.kind === 'object') out.push({ label: 'return member', members: r.members });
  return out;
};
const listsOfEvent = (e: Event): MemberLists => (e.data ? [{ label: 'data member', members: e.data.members }] : []);
const listsOfType = (t: NamedType): MemberLists => (t.kind === 'struct' || t.kind === 'union' ? [{ label: 'member', members: t.members }] : []);

/** A member's JSON kind in words (`int`, `array of string`, `GizmoMode`). */
function kindWords(t: TypeRef): string {
  if (t.kind === 'ref') return t.name;
  if (t.kind === 'array') return `array of ${kindWords(t.items)}`;
  if (t.kind === 'alternate') return t.of.map(kindWords).join(' or ');
  return t.kind;
}

/** The doc fields as the docs call them. */
const FIELD_WORDS: Readonly<Record<string, string>> = { since: 'Since', errors: 'Errors', returnsDescription: 'Returns', notes: 'Notes', examples: 'examples' };

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function describeFills<T>(shape: T, text: T, merged: T, fields: readonly string[], lists: (item: T) => MemberLists): string[] {
  const said: string[] = [];
  if (fields.length > 0) said.push(`${fields.map((f) => FIELD_WORDS[f] ?? f).join(', ')} (the text has none)`);
  const textLists = new Map(lists(text).map((l) => [l.label, l.members]));
  const mergedLists = new Map(lists(merged).map((l) => [l.label, l.members]));
  for (const { label, members } of lists(shape)) {
    const docs = textLists.get(label) ?? [];
    const byName = new Map(docs.map((m) => [m.name, m]));
    const names = new Set(members.map((m) => m.name));
    const added = members.filter((m) => !byName.has(m.name)).map((m) => m.name);
    const dropped = docs.filter((m) => !names.has(m.name)).map((m) => m.name);
    const optional: string[] = [];
    const kinds: string[] = [];
    const described: string[] = [];
    const mergedByName = new Map((mergedLists.get(label) ?? []).map((m) => [m.name, m]));
    for (const m of members) {
      const d = byName.get(m.name);
      if (!d) continue;
      if (m.optional !== d.optional) optional.push(`"${m.name}" ${m.optional ? 'optional' : 'required'} (the text: ${d.optional ? 'optional' : 'required'})`);
      const k = kindWords(m.type);
      const dk = kindWords(d.type);
      if (k !== dk) kinds.push(`"${m.name}" ${k} (the text: ${d.type.kind === 'any' ? 'none' : dk})`);
      if (!present(d.description) && present(mergedByName.get(m.name)?.description)) described.push(m.name);
    }
    if (added.length > 0) said.push(`${label}s the text does not document: ${quoted(added)}`);
    if (dropped.length > 0) said.push(`${label}s the text documents but the schema lacks (dropped): ${quoted(dropped)}`);
    if (optional.length > 0) said.push(`optionality of ${optional.join(', ')}`);
    if (kinds.length > 0) said.push(`JSON kind of ${kinds.join(', ')}`);
    if (described.length > 0) said.push(`the description of ${label}s ${quoted(described)}`);
  }
  return said;
}

/** Each merged top-level member records where its shape and its description came from. */
function annotateMembers(merged: MemberLists, text: MemberLists, shapeOrigin: Origin): void {
  const textLists = new Map(text.map((l) => [l.label, l.members]));
  for (const { label, members } of merged) {
    const byName = new Map((textLists.get(label) ?? []).map((m) => [m.name, m]));
    members.forEach((m, i) => {
      const d = byName.get(m.name);
      const fromText = d !== undefined && present(d.description) && m.description === d.description;
      const provenance: Provenance[] = [{ origin: shapeOrigin, position: m.position, ...(d ? { fields: fromText ? ['shape'] : ['shape', 'description'] } : {}) }];
      if (d && fromText) provenance.push({ origin: 'docs', position: d.position, fields: ['description'] });
      members[i] = { ...m, provenance };
    });
  }
}

// ---- filling descriptions from a docs source (the shape is never changed) ----------------

function fillMembers(shape: readonly Member[], docs: readonly Member[] | undefined): Member[] {
  const byMember = new Map((docs ?? []).map((m) => [m.name, m]));
  return shape.map((m) => {
    const d = byMember.get(m.name);
    if (!d) return m;
    const out: Member = { ...m, type: fillType(m.type, d.type) };
    if (!present(m.description) && present(d.description)) out.description = d.description;
    if (m.since === undefined && d.since !== undefined) out.since = d.since;
    if (m.features && d.features) out.features = fillFeatures(m.features, d.features);
    return out;
  });
}

function fillObject(shape: ObjectType, docs: TypeRef | undefined): ObjectType {
  if (docs?.kind !== 'object') return shape;
  return { ...shape, members: fillMembers(shape.members, docs.members) };
}

function fillValues(shape: readonly EnumValue[], docs: readonly EnumValue[]): EnumValue[] {
  const byValue = new Map(docs.map((v) => [v.name, v]));
  return shape.map((v) => {
    const d = byValue.get(v.name);
    if (!d) return v;
    const out: EnumValue = { ...v };
    if (!present(v.description) && present(d.description)) out.description = d.description!;
    if (v.since === undefined && d.since !== undefined) out.since = d.since;
    return out;
  });
}

function fillType(shape: TypeRef, docs: TypeRef | undefined): TypeRef {
  if (!docs) return shape;
  if (shape.kind === 'object') return fillObject(shape, docs);
  if (shape.kind === 'array' && docs.kind === 'array') return { ...shape, items: fillType(shape.items, docs.items) };
  if (shape.kind === 'enum' && docs.kind === 'enum') return { ...shape, values: fillValues(shape.values, docs.values) };
  return shape;
}

function fillFeatures(shape: readonly Feature[], docs: readonly Feature[] | undefined): Feature[] {
  const byFeature = new Map((docs ?? []).map((f) => [f.name, f]));
  return shape.map((f) => {
    const d = byFeature.get(f.name);
    return d && !present(f.description) && present(d.description) ? { ...f, description: d.description! } : f;
  });
}

function fillCommand(shape: Command, docs: Command): Command {
  const out: Command = { ...shape, arguments: fillObject(shape.arguments, docs.arguments) };
  if (shape.returns) out.returns = fillType(shape.returns, docs.returns);
  if (shape.features) out.features = fillFeatures(shape.features, docs.features);
  return out;
}

function fillEvent(shape: Event, docs: Event): Event {
  const out: Event = { ...shape };
  if (shape.data) out.data = fillObject(shape.data, docs.data);
  if (shape.features) out.features = fillFeatures(shape.features, docs.features);
  return out;
}

function fillNamed(shape: NamedType, docs: NamedType): NamedType {
  let out: NamedType = shape;
  if ((shape.kind === 'struct' || shape.kind === 'union') && (docs.kind === 'struct' || docs.kind === 'union')) {
    out = { ...shape, members: fillMembers(shape.members, docs.members) };
  } else if (shape.kind === 'enum' && docs.kind === 'enum') {
    out = { ...shape, values: fillValues(shape.values, docs.values) };
  }
  if (out.features) out = { ...out, features: fillFeatures(out.features, docs.features) };
  return out;
}

// ---- the assembler -----------------------------------------------------------------------

function gather<T extends { name: string }>(parts: readonly ModelPart[], items: (p: ModelPart) => readonly T[]): Map<string, Seen<T>[]> {
  const out = new Map<string, Seen<T>[]>();
  for (const part of parts) {
    for (const item of items(part)) {
      const list = out.get(item.name);
      if (list) list.push({ reader: part.reader, item });
      else out.set(item.name, [{ reader: part.reader, item }]);
    }
  }
  return out;
}

function resolve<T extends { name: string; position?: SourcePosition | undefined; origin: Origin }>(
  all: Map<string, Seen<T>[]>,
  docFields: readonly (keyof T & string)[],
  fillDocs: (shape: T, docs: T) => T,
  lists: (item: T) => MemberLists,
  reporter: Reporter,
): T[] {
  return [...all.values()]
    .map((seen) => (seen.length === 1 ? seen[0]!.item : merge(seen, docFields, fillDocs, lists, reporter)))
    .sort(byName);
}

/** Names of the items that a non-legacy source has and the legacy docs do not (when any were read). */
function undocumented<T extends { name: string }>(all: Map<string, Seen<T>[]>): string[] {
  return [...all.values()].filter((seen) => seen.every((s) => s.reader !== 'legacy')).map((seen) => seen[0]!.item.name).sort();
}

function reportAdded(parts: readonly ModelPart[], groups: { word: string; names: string[] }[], reporter: Reporter): void {
  if (!parts.some((p) => p.reader === 'legacy')) return;
  const other = parts.find((p) => p.reader !== 'legacy');
  if (!other) return;
  const said = groups.filter((g) => g.names.length > 0);
  if (said.length === 0) return;
  const LIMIT = 12;
  const text = said
    .map((g) => `${g.names.length} ${g.word}${g.names.length === 1 ? '' : 's'} (${quoted(g.names.slice(0, LIMIT))}${g.names.length > LIMIT ? `, and ${g.names.length - LIMIT} more` : ''})`)
    .join(', ');
  const file = other.sources[0]?.path;
  reporter.report('docs-added', `the ${SOURCE_WORDS[other.reader]} adds what the legacy docs do not document: ${text}`, file ? { file } : undefined);
}

function mergeRelease(parts: readonly ModelPart[]): ReleaseInfo | undefined {
  const withRelease = parts
    .filter((p) => p.release !== undefined)
    .sort((a, b) => rank(SHAPE_PRECEDENCE, a.reader) - rank(SHAPE_PRECEDENCE, b.reader));
  if (withRelease.length === 0) return undefined;
  const out: ReleaseInfo = {};
  for (const p of withRelease) {
    if (out.qemuVersion === undefined && p.release!.qemuVersion !== undefined) out.qemuVersion = p.release!.qemuVersion;
    if (out.target === undefined && p.release!.target !== undefined) out.target = p.release!.target;
  }
  return out;
}

/** Assemble the readers' parts into the model (see the module comment for the rules). */
export function assemble(parts: readonly ModelPart[], reporter: Reporter): Model {
  const deduped = parts.map(
    (part): ModelPart => ({
      ...part,
      commands: firstOfEach(part.commands, (c, first) =>
        reporter.report(
          'duplicate-command',
          `command "${c.name}" is documented again${where(first.position)}; the first is kept`,
          c.position,
        ),
      ),
      events: firstOfEach(part.events, (e, first) =>
        reporter.report('duplicate-event', `event "${e.name}" is documented again${where(first.position)}; the first is kept`, e.position),
      ),
      types: firstOfEach(part.types, (t, first) =>
        reporter.report('duplicate-type', `type "${t.name}" is defined again${where(first.position)}; the first is kept`, t.position),
      ),
    }),
  );
  const release = mergeRelease(deduped);
  const commands = gather(deduped, (p) => p.commands);
  const events = gather(deduped, (p) => p.events);
  const types = gather(deduped, (p) => p.types);
  const model: Model = {
    modelVersion: MODEL_VERSION,
    ...(release ? { release } : {}),
    sources: deduped.flatMap((p) => p.sources),
    commands: resolve(commands, COMMAND_DOCS, fillCommand, listsOfCommand, reporter),
    events: resolve(events, EVENT_DOCS, fillEvent, listsOfEvent, reporter),
    types: resolve(types, TYPE_DOCS, fillNamed, listsOfType, reporter),
  };
  reportAdded(
    deduped,
    [
      { word: 'command', names: undocumented(commands) },
      { word: 'event', names: undocumented(events) },
      { word: 'type', names: undocumented(types) },
    ],
    reporter,
  );
  return model;
}
