/**
 * One member line (`- "name": text (json-string, optional)`) and its nested items, read into
 * model Members. Used for `Arguments:`, event `Data:` and returned structures alike.
 *
 * Shapes handled: quoted and unquoted names (`- name: text`), a missing colon after a quoted
 * name, the type group anywhere in the text (`(json-int)` on a continuation line, `(optional)`
 * before the text, `(device tree path, json-string, optional)`, `(NewImageMode, optional,
 * default 'x')`, `(Since 2.8)` after it), a bare type after the colon (`"size": json-int`),
 * `(deprecated, ...)`, inline enumerations, value lines (`"a" - text`), `Possible values:`
 * sub-items, nested members (`it is a json-object containing the following:`), `X array:`
 * sub-headings, and `- device properties` lines (the object accepts more members).
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Member, ObjectType, SourcePosition, TypeRef } from '../../model/types.js';
import { alternativesList, inlineEnum, possibleValues, valueLine, type EnumReading } from './enums.js';
import { itemText, type ListItem, type TextLine } from './members.js';
import type { DocText } from './source.js';
import { enumOf, readElementPhrase, readTypeWord, type TypeRegistry } from './types.js';

export interface MemberContext {
  doc: DocText;
  reporter: Reporter;
  types: TypeRegistry;
  /** `argument`, `member`, `data member`: used in messages. */
  what: string;
  /** Command or event name, for messages. */
  owner: string;
}

export interface MemberReading {
  members: Member[];
  /** Some item said further members are allowed (`- device properties`). */
  open: boolean;
  /** Members whose type the text does not state: the caller may infer them from examples. */
  untyped: Member[];
}

const NAME_QUOTED = /^"([^"]+)"\s*:?\s*(.*)$/;
const NAME_BARE = /^([A-Za-z][\w.-]*)\s*:\s*(.*)$/;
const OPEN_ITEM = /\b(properties|options|parameters)\b/i;

interface Meta {
  type?: TypeRef;
  optional: boolean;
  default?: unknown;
  since?: string;
  deprecated: boolean;
  enumReading?: EnumReading;
  unknownName?: string;
  nonCanonical?: string;
}

function position(ctx: MemberContext, line: TextLine, offset = 0): SourcePosition {
  const l = ctx.doc.lines[line.index]!;
  return { file: ctx.doc.path, line: l.line, column: line.column + offset };
}

/** Parse a default's text as JSON where it reads as JSON, else keep the text. */
function defaultValue(text: string): unknown {
  const t = text.trim().replace(/[.)]+$/, '');
  const q = /^'([^']*)'$/.exec(t);
  if (q) return q[1];
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}

/** Read the parenthesised groups of a member's text; returns the text without consumed groups. */
function readGroups(text: string, meta: Meta, ctx: MemberContext, pos: SourcePosition): string {
  const groups = [...text.matchAll(/\(([^()]*)\)/g)];
  let typeGroup = -1;
  const tokensOf = (g: string) => g.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  groups.forEach((g, k) => {
    if (tokensOf(g[1]!).some((t) => isTypeToken(t))) typeGroup = k;
  });
  const consumed = new Set<number>();
  groups.forEach((g, k) => {
    const tokens = tokensOf(g[1]!);
    let meaningful = k === typeGroup;
    for (const tok of tokens) {
      const low = tok.toLowerCase();
      if (low === 'optional') {
        meta.optional = true;
        meaningful = true;
      } else if (/^default\b/.test(low)) {
        meta.default = defaultValue(tok.replace(/^default\s*:?\s*/i, ''));
        meaningful = true;
      } else if (/^since\s+\d/.test(low)) {
        meta.since = /(\d+(?:\.\d+)*)/.exec(tok)![1];
        meaningful = true;
      } else if (/^deprecated\b/.test(low)) {
        meta.deprecated = true;
        meaningful = true;
      }
    }
    if (k === typeGroup) {
      for (const tok of tokens) {
        if (!isTypeToken(tok) || meta.type) continue;
        const r = readTypeWord(tok.replace(/^an?\s+/i, ''));
        if (!r) continue;
        if (r.type.kind === 'ref') ctx.types.use(r.type.name, pos);
        meta.type = r.type;
        if (r.unknownName) meta.unknownName = r.unknownName;
        if (r.nonCanonical) meta.nonCanonical = tok;
      }
      const rest = tokens.filter((t) => !isTypeToken(t) && !/^(optional|fixed|default\b|since\b|deprecated\b)/i.test(t));
      const alt = rest.map((t) => alternativesList(t)).find(Boolean) ?? alternativesList(rest.join(', '));
      if (alt) meta.enumReading = alt;
    }
    if (meaningful && (k === typeGroup || tokens.some((t) => /^deprecated\b/i.test(t)) || tokens.every((t) => /^(optional|fixed|default\b|since\b|deprecated\b)/i.test(t) || isTypeToken(t)))) {
      consumed.add(k);
    }
  });
  let out = text;
  for (let k = groups.length - 1; k >= 0; k--) {
    if (!consumed.has(k)) continue;
    const g = groups[k]!;
    out = out.slice(0, g.index) + out.slice(g.index! + g[0].length);
  }
  return out.replace(/\s+([.,;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

function isTypeToken(tok: string): boolean {
  const t = tok.trim().replace(/^an?\s+/i, '');
  if (/^json[-_]|^josn-/i.test(t)) return true;
  if (/^(int|string|str|bool|boolean|number|integer|double)$/i.test(t)) return true;
  return /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(t) && !/^(Since|Default|Optional|Deprecated)$/.test(t);
}

/** Phrases in a description that make a member optional. */
const OPTIONAL_PHRASE =
  /^\(?optional\)?\b|\bonly present\b|\bnot present\b|\bmust (?:not )?be present\b|\bit'?s optional\b|\bis optional\b|\ban optional\b|^optional\b|^if (?:not )?specified\b|\bif omitted\b/i;
const DEFAULT_PHRASE = /\bdefaults? (?:to|is) ("[^"]*"|'[^']*'|[\w.+-]+)/i;

/** Type stated in prose: `it is a json-object`, `a json-array of X`, `FooInfo type`. */
function proseType(text: string, ctx: MemberContext, pos: SourcePosition): TypeRef | undefined {
  const arr = /\b(?:json-array|list)\s+of\s+([\w-]+(?:\s+[\w-]+)?)/i.exec(text);
  if (arr) {
    const name = /^[A-Z]\w+$/.test(arr[1]!.split(/\s/)[0]!) ? arr[1]!.split(/\s/)[0]! : undefined;
    if (name && ctx.types.use(name, pos)) return { kind: 'array', items: { kind: 'ref', name }, docType: arr[0] };
    return { kind: 'array', items: readElementPhrase(arr[1]!) ?? { kind: 'any' }, docType: arr[0] };
  }
  if (/\bjson-array\b/i.test(text)) return { kind: 'array', items: { kind: 'any' }, docType: 'json-array' };
  if (/\bjson-object\b|\bdictionary\b/i.test(text)) return { kind: 'object', members: [], open: true, docType: 'json-object' };
  const named = /\b([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*) type\b/.exec(text);
  if (named && ctx.types.use(named[1]!, pos)) return { kind: 'ref', name: named[1]!, docType: named[1] };
  const bare = /\b(json-(?:string|int|bool|number|object|array|value))\)?\.?$/i.exec(text);
  if (bare) return readTypeWord(bare[1]!)?.type;
  return undefined;
}

/** Deepest member nesting read (real docs nest 3 levels); deeper items become an open object. */
export const MAX_MEMBER_DEPTH = 16;

/** Read a list of items into members. */
export function readMembers(items: readonly ListItem[], ctx: MemberContext, depth = 0): MemberReading {
  const out: MemberReading = { members: [], open: false, untyped: [] };
  const seen = new Set<string>();
  if (depth >= MAX_MEMBER_DEPTH && items.length > 0) {
    const item = items[0]!;
    ctx.reporter.report(
      'member-too-deep',
      `${ctx.owner}: members nested more than ${MAX_MEMBER_DEPTH} levels deep; read as an object with any members`,
      { file: ctx.doc.path, line: ctx.doc.lines[item.index]!.line, column: item.column },
    );
    out.open = true;
    return out;
  }
  for (const item of items) {
    if (item.arrayHeading !== undefined) {
      const inner = readMembers(item.children, ctx, depth + 1);
      out.untyped.push(...inner.untyped);
      const pos: SourcePosition = { file: ctx.doc.path, line: ctx.doc.lines[item.index]!.line, column: item.column };
      const elem: ObjectType = { kind: 'object', members: inner.members, open: inner.open };
      push(out, seen, { name: item.arrayHeading, type: { kind: 'array', items: elem }, optional: false, description: '', position: pos }, ctx);
      continue;
    }
    const first = item.lines[0]!;
    const q = NAME_QUOTED.exec(first.text);
    const b = q ? undefined : NAME_BARE.exec(first.text);
    const m = q ?? b;
    if (!m) {
      if (OPEN_ITEM.test(first.text) && !/"/.test(first.text)) {
        out.open = true;
        continue;
      }
      const variants = variantMembers(item, ctx);
      if (variants.length > 0) {
        ctx.reporter.report(
          'members-variant',
          `${ctx.owner}: "${clip(itemText(item.lines.slice(0, 1)))}" lists members that depend on the machine (${variants.map((v) => v.name).join(', ')}); read as optional members`,
          position(ctx, first),
        );
        for (const v of variants) push(out, seen, v, ctx);
        continue;
      }
      ctx.reporter.report(
        'argument-unparsed',
        `${ctx.owner}: list item "${clip(itemText(item.lines))}" names no ${ctx.what}; ignored`,
        position(ctx, first),
      );
      continue;
    }
    const name = m[1]!;
    const pos = position(ctx, first);
    const member = readOne(item, name, m[2]!, ctx, pos, out, depth);
    if (member) push(out, seen, member, ctx);
  }
  return out;
}

/** `"pc": i386 (json-int)` / `"pc" and "npc": sparc (json-int)` lines under a nameless item. */
function variantMembers(item: ListItem, ctx: MemberContext): Member[] {
  const out: Member[] = [];
  for (const line of item.lines.slice(1)) {
    const m = /^((?:"[^"]+"(?:\s*(?:,|and|or)\s*)?)+)\s*:\s*(.*)$/.exec(line.text);
    if (!m) continue;
    const meta: Meta = { optional: true, deprecated: false };
    const description = readGroups(m[2]!, meta, ctx, position(ctx, line));
    for (const q of m[1]!.matchAll(/"([^"]+)"/g)) {
      if (out.some((o) => o.name === q[1])) continue;
      out.push({ name: q[1]!, type: meta.type ?? { kind: 'any' }, optional: true, description, position: position(ctx, line) });
    }
  }
  return out;
}

function push(out: MemberReading, seen: Set<string>, member: Member, ctx: MemberContext): void {
  if (seen.has(member.name)) {
    ctx.reporter.report(
      'member-duplicate',
      `${ctx.owner}: ${ctx.what} "${member.name}" is listed twice; the first one is kept`,
      member.position,
    );
    return;
  }
  seen.add(member.name);
  out.members.push(member);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function readOne(item: ListItem, name: string, firstRest: string, ctx: MemberContext, pos: SourcePosition, out: MemberReading, depth: number): Member | undefined {
  const meta: Meta = { optional: false, deprecated: false };
  // Split the item's own lines into text and value lines (`"a" - text`).
  const textParts: string[] = [firstRest];
  const values: { name: string; description: string }[] = [];
  for (const line of item.lines.slice(1)) {
    const v = valueLine(line.text);
    const last = values[values.length - 1];
    if (v) values.push(v);
    // Plain text after a value line continues that value's description; a type group or a
    // quoted list (`"a", "b", or "c"`) belongs to the member's own text.
    else if (last && !/\(json-|\(int\b/.test(line.text) && !/^"/.test(line.text)) last.description = `${last.description} ${line.text.trim()}`.trim();
    else textParts.push(line.text);
  }
  let text = textParts.map((t) => t.trim()).filter(Boolean).join(' ');
  // Annotation sub-items: `- Possible values: ...`, `- deprecated, ...`, plain prose.
  const memberChildren: ListItem[] = [];
  const notes: string[] = [];
  for (const child of item.children) {
    const ct = itemText(child.lines);
    if (child.arrayHeading === undefined && !NAME_QUOTED.test(child.lines[0]?.text ?? '') && !NAME_BARE.test(child.lines[0]?.text ?? '')) {
      const pv = possibleValues(ct);
      if (pv) meta.enumReading = pv;
      else if (/^deprecated\b/i.test(ct)) meta.deprecated = true;
      if (!pv) notes.push(ct);
      if (child.children.length) memberChildren.push(...child.children);
      continue;
    }
    memberChildren.push(child);
  }
  let description = readGroups(text, meta, ctx, pos);
  if (!meta.type) {
    const bare = readTypeWord(description);
    if (bare && !bare.unknownName) {
      meta.type = bare.type;
      description = '';
    }
  }
  if (OPTIONAL_PHRASE.test(description)) meta.optional = true;
  if (meta.default === undefined) {
    const d = DEFAULT_PHRASE.exec(description);
    if (d) meta.default = defaultValue(d[1]!.replace(/^"|"$/g, ''));
  }
  description = description.replace(/^\(optional\)\s*/i, '');
  if (notes.length) description = [description, ...notes].filter(Boolean).join(' ');
  text = description;

  let type: TypeRef | undefined = meta.type;
  if (!type) type = proseType(text, ctx, pos);
  // Nested members.
  if (memberChildren.length > 0) {
    const inner = readMembers(memberChildren, ctx, depth + 1);
    out.untyped.push(...inner.untyped);
    const obj: ObjectType = { kind: 'object', members: inner.members, open: inner.open };
    if (type?.kind === 'array') {
      type = { ...type, items: obj };
    } else if (!type || type.kind === 'object' || type.kind === 'any') {
      if (type?.docType) obj.docType = type.docType;
      type = obj;
    } else {
      // A scalar with sub-items that look like members: the docs describe variants.
      ctx.reporter.report(
        'member-nested-ignored',
        `${ctx.owner}: ${ctx.what} "${name}" is ${type.kind} but has nested items; they were ignored`,
        pos,
      );
    }
  }
  // Enumerations.
  const en: EnumReading | undefined = meta.enumReading ?? inlineEnum(text) ?? (values.length >= 2 ? { values } : undefined);
  if (en && (!type || type.kind === 'string' || type.kind === 'any')) {
    type = enumOf(en.values, type?.docType);
    if (en.default !== undefined && meta.default === undefined) meta.default = en.default;
  } else if (en && type?.kind === 'array' && (type.items.kind === 'string' || type.items.kind === 'any')) {
    // `(json-array of json-string)` with `Possible values:`: the values are the elements'.
    type = { ...type, items: enumOf(en.values, type.items.docType) };
  }
  if (meta.nonCanonical) {
    ctx.reporter.report(
      'type-spelling',
      `${ctx.owner}: type "${meta.nonCanonical}" of ${ctx.what} "${name}" is not a json-* type name; read as ${type?.kind}`,
      pos,
    );
  }
  if (meta.unknownName) {
    ctx.reporter.report(
      'type-unknown',
      `${ctx.owner}: ${ctx.what} "${name}" has type "${meta.unknownName}", a QAPI type not known to qmp-codegen; any JSON value is accepted`,
      pos,
    );
  }
  if (meta.default !== undefined) meta.optional = true;
  const member: Member = {
    name,
    type: type ?? { kind: 'any' },
    optional: meta.optional,
    description: text,
    position: pos,
  };
  if (meta.default !== undefined) member.default = meta.default;
  if (meta.since) member.since = meta.since;
  if (meta.deprecated) member.deprecated = true;
  if (!type) out.untyped.push(member);
  return member;
}
