/**
 * Return values, as the docs describe them: `Return a json-object with the following
 * information:` + a member list; `... the returned value is a json-array` + `Each json-object
 * contain the following:`; `Return a json-array. Each X is represented by a json-object, which
 * contains:`; `Returns: Nothing on success`; `Return a list of FooInfo ...`; and secondary
 * descriptions of nested objects (`Clients are described by a json-object, each one contain
 * the following:`), attached to the member they describe.
 */
import type { Member, ObjectType, TypeRef } from '../../model/types.js';
import { readMembers, type MemberContext } from './arguments.js';
import type { Region } from './body.js';
import type { FreeBlock } from './entry.js';
import { readTypeWord } from './types.js';

export interface ReturnReading {
  returns?: TypeRef;
  /** The docs say there is no return value (`Returns: Nothing on success`). */
  none: boolean;
  /** Member lists with no return introduction (the caller decides what they are). */
  orphans: Extract<FreeBlock, { kind: 'list' }>[];
  /** Free blocks used as return descriptions (not part of the prose description). */
  used: Set<FreeBlock>;
  /** Members whose type the text leaves out. */
  untyped: Member[];
}

const ARRAY_STATEMENT =
  /\b(return(s|ed)?\b[^.]*\bjson-array|json-array\b[^.]*\breturn|returns? (a )?list\b|return list\b|each array entry|returned value is a json-array)/i;
const OBJECT_STATEMENT = /\b(returns? a json-object|json-object will be returned|main json-object)\b/i;
const RETURN_INTRO = /\b(contains?|following|information|json-object|json-array|entry|represented)\b/i;
const LIST_OF_TYPE = /\blist of ([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)\b/;

function norm(s: string): string {
  return s.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
}

function subjectOf(intro: string): string | undefined {
  const m = /^(?:the |a |an |each )?(.+?)\s+(?:json-object|are described|is described|object)\b/i.exec(intro);
  return m ? norm(m[1]!) : undefined;
}

function findMember(members: readonly Member[], subject: string): Member | undefined {
  const last = subject.split(' ').pop()!;
  const sing = (s: string) => s.replace(/s$/, '');
  for (const m of members) {
    const n = norm(m.name);
    if (n === subject || sing(n) === sing(subject) || sing(n) === sing(last)) return m;
  }
  for (const m of members) if (norm(m.description).includes(subject)) return m;
  for (const m of members) {
    const t = m.type.kind === 'array' ? m.type.items : m.type;
    if (t.kind === 'object') {
      const f = findMember(t.members, subject);
      if (f) return f;
    }
  }
  return undefined;
}

function attach(member: Member, obj: ObjectType): void {
  const t = member.type;
  if (t.kind === 'array') {
    const items = t.items;
    if (items.kind === 'object' && items.members.length > 0) {
      for (const m of obj.members) if (!items.members.some((x) => x.name === m.name)) items.members.push({ ...m, optional: true });
    } else member.type = { ...t, items: obj };
  } else if (t.kind === 'object' && t.members.length > 0) {
    for (const m of obj.members) if (!t.members.some((x) => x.name === m.name)) t.members.push(m);
  } else {
    member.type = obj;
  }
}

export function readReturns(blocks: readonly FreeBlock[], regions: readonly Region[], ctx: MemberContext): ReturnReading {
  const out: ReturnReading = { none: false, orphans: [], used: new Set(), untyped: [] };
  const stated = regions.find((r) => r.kind === 'returns');
  if (stated && /^nothing\b/i.test(stated.inline ?? '')) out.none = true;
  let array = false;
  let object = false;
  let listOf: string | undefined;
  for (const b of blocks) {
    const text = b.kind === 'prose' ? b.text : (b.intro?.text ?? '');
    // The sentence that starts the description decides: `Return a json-object ... Clients are
    // returned as a json-array` is an object.
    if (OBJECT_STATEMENT.test(text) && !(array && !object)) object = true;
    else if (ARRAY_STATEMENT.test(text) && !object) array = true;
    const lt = /\breturns?\b/i.test(text) ? LIST_OF_TYPE.exec(text) : null;
    if (lt) listOf ??= lt[1];
  }
  if (stated?.inline && !out.none) {
    if (ARRAY_STATEMENT.test(`return ${stated.inline}`)) array = true;
  }
  let primary: ObjectType | undefined;
  for (const b of blocks) {
    if (b.kind !== 'list') continue;
    if (!b.intro || !RETURN_INTRO.test(b.intro.text)) {
      out.orphans.push(b);
      continue;
    }
    out.used.add(b);
    const r = readMembers(b.items, { ...ctx, what: 'return member' });
    out.untyped.push(...r.untyped);
    const obj: ObjectType = { kind: 'object', members: r.members, open: r.open };
    if (!primary) {
      primary = obj;
      continue;
    }
    const subject = subjectOf(b.intro.text);
    const target = subject ? findMember(primary.members, subject) : undefined;
    if (target) attach(target, obj);
    else {
      ctx.reporter.report(
        'return-members-unattached',
        `${ctx.owner}: "${b.intro.text}" describes an object that matches no returned member; its members were not used`,
        { file: ctx.doc.path, line: ctx.doc.lines[b.intro.lines[0]!]!.line, column: 1 },
      );
    }
  }
  if (primary) {
    out.returns = array ? { kind: 'array', items: primary } : primary;
  } else if (array) {
    out.returns = { kind: 'array', items: listOf ? { kind: 'object', members: [], open: true, docType: listOf } : { kind: 'any' } };
  } else if (object) {
    out.returns = { kind: 'object', members: [], open: true };
  } else if (stated?.inline && !out.none) {
    // `Return: the text it printed (json-string)`: a scalar return stated in the label line.
    const typed = /\((json-(?:string|int|number|bool))\)\s*\.?$/i.exec(stated.inline);
    const reading = typed ? readTypeWord(typed[1]!) : undefined;
    if (reading) out.returns = reading.type;
  }
  return out;
}
