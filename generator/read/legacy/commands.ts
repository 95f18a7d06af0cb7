/**
 * One command entry (heading + body) into a model Command, reconciling the prose with the
 * examples: the wire name (prose headings, `dump` → `dump-guest-memory`), argument types the
 * text leaves out, and return values the text leaves vague.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Command, Example, Member, ObjectType, SourcePosition, TypeRef } from '../../model/types.js';
import { readMembers, type MemberContext } from './arguments.js';
import { splitBody, type Region } from './body.js';
import { firstSentence, freeBlocks, readExamples, readNotes, type FreeBlock } from './entry.js';
import type { EntryHeading } from './headings.js';
import { argumentSamples, executedNames, memberSamples, replySamples, typeOfSamples, type Sample } from './infer.js';
import { parseList } from './members.js';
import { readReturns } from './returns.js';
import { lineSpan, type DocText } from './source.js';
import type { TypeRegistry } from './types.js';

export interface ParseContext {
  doc: DocText;
  reporter: Reporter;
  types: TypeRegistry;
  /** Every name-like heading of the document, to tell a rename from a cross-reference. */
  headingNames: ReadonlySet<string>;
}

/**
 * A type in words, for messages. Objects name their members, so that two shapes that differ
 * only inside never read the same ("array of object" against "array of object").
 */
export function describe(t: TypeRef): string {
  if (t.kind === 'array') return `array of ${describe(t.items)}`;
  if (t.kind === 'ref') return t.name;
  if (t.kind === 'object' && t.members.length > 0) {
    const names = t.members.slice(0, 4).map((m) => `"${m.name}"`);
    return `object with ${names.join(', ')}${t.members.length > 4 ? `, ... (${t.members.length} members)` : ''}`;
  }
  return t.kind;
}

/** The two types in words, with more depth when the short forms would read the same. */
export function describeBoth(a: TypeRef, b: TypeRef): [string, string] {
  const x = describe(a);
  const y = describe(b);
  if (x !== y) return [x, y];
  return [JSON.stringify(shape(a)), JSON.stringify(shape(b))];
}

function shape(t: TypeRef): unknown {
  if (t.kind === 'array') return [shape(t.items)];
  if (t.kind === 'object') return Object.fromEntries(t.members.map((m) => [m.name, shape(m.type)]));
  if (t.kind === 'ref') return t.name;
  return t.kind;
}

/**
 * Enumerations the docs give are often partial or mix in placeholders (`[ now | +secs ]`):
 * where an example shows a value the enum does not list, the member becomes a plain string.
 */
export function checkEnums(members: readonly Member[], samples: readonly Sample[], owner: string, what: string, reporter: Reporter): void {
  for (const m of members) {
    const values = memberSamples(samples, m.name);
    if (m.type.kind === 'enum') {
      const listed = new Set(m.type.values.map((v) => v.name));
      const odd = values.find((s) => typeof s.value === 'string' && !listed.has(s.value));
      if (odd) {
        reporter.report(
          'enum-value-unlisted',
          `${owner}: the example gives ${what} "${m.name}" the value ${JSON.stringify(odd.value)}, which its documented values (${[...listed].join(', ')}) do not list; read as any string`,
          m.position,
        );
        m.type = { kind: 'string', ...(m.type.docType ? { docType: m.type.docType } : {}) };
      }
    } else if (m.type.kind === 'object') {
      checkEnums(m.type.members, values, owner, what, reporter);
    } else if (m.type.kind === 'array' && m.type.items.kind === 'object') {
      const items = values.flatMap((s) => (Array.isArray(s.value) ? s.value.map((v) => ({ value: v, position: s.position })) : []));
      checkEnums(m.type.items.members, items, owner, what, reporter);
    }
  }
}

/** Elements of the array samples, as samples. */
function elements(samples: readonly Sample[]): Sample[] {
  return samples.flatMap((s) => (Array.isArray(s.value) ? s.value.map((v) => ({ value: v, position: s.position })) : []));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reconcile documented members with the values the examples show, at every depth:
 * - a member documented as required that a complete example object leaves out is optional;
 * - a member whose documented shape the example contradicts (an array of strings documented
 *   as an array of objects, an object whose members share no name with the example's) takes
 *   the example's shape.
 */
export function reconcileMembers(members: Member[], samples: readonly Sample[], owner: string, what: string, reporter: Reporter): void {
  const objects = samples.filter((s) => isRecord(s.value));
  for (const m of members) {
    if (!m.optional && objects.length > 0) {
      const without = objects.find((s) => !Object.hasOwn(s.value as object, m.name));
      if (without) {
        m.optional = true;
        reporter.report(
          'argument-optional-from-example',
          `${owner}: ${what} "${m.name}" is documented as required but the example at line ${without.position.line} leaves it out; read as optional`,
          m.position,
        );
      }
    }
    const values = memberSamples(objects, m.name);
    if (values.length === 0) continue;
    const t = m.type;
    const shown = typeOfSamples(values);
    if ((t.kind === 'object' || t.kind === 'array') && shown && shown.kind !== t.kind && shown.kind !== 'null' && shown.kind !== 'any') {
      conflict(m, shown, owner, what, reporter);
    } else if (t.kind === 'object' && t.members.length > 0) {
      if (shown?.kind === 'object' && shown.members.length > 0 && !shown.members.some((x) => t.members.some((y) => y.name === x.name))) {
        conflict(m, shown, owner, what, reporter);
      } else reconcileMembers(t.members, values, owner, what, reporter);
    } else if (t.kind === 'array' && t.items.kind === 'object' && t.items.members.length > 0) {
      const items = elements(values);
      const shownItems = typeOfSamples(items);
      const docItems = t.items;
      if (shownItems && shownItems.kind !== 'object' && shownItems.kind !== 'any' && shownItems.kind !== 'null') {
        conflict(m, { kind: 'array', items: shownItems }, owner, what, reporter);
      } else if (shownItems?.kind === 'object' && shownItems.members.length > 0 && !shownItems.members.some((x) => docItems.members.some((y) => y.name === x.name))) {
        conflict(m, { kind: 'array', items: shownItems }, owner, what, reporter);
      } else reconcileMembers(docItems.members, items, owner, what, reporter);
    }
  }
}

/**
 * Arguments that name the same thing two ways (QEMU's block commands take a block device by
 * its `device` name or by its `node-name` in the block graph): when the text lists both as
 * required and an example leaves one out (so it is already optional), the other cannot be
 * required either; both are read as optional (`arguments-alternatives`).
 */
const ALTERNATIVE_NAMES: readonly (readonly [string, string])[] = [['device', 'node-name']];

function alternativeNames(members: Member[], documentedRequired: ReadonlySet<string>, owner: string, reporter: Reporter): void {
  for (const pair of ALTERNATIVE_NAMES) {
    const [a, b] = pair.map((n) => members.find((m) => m.name === n));
    if (!a || !b || !documentedRequired.has(a.name) || !documentedRequired.has(b.name) || a.optional === b.optional) continue;
    const left = a.optional ? a : b;
    const other = a.optional ? b : a;
    other.optional = true;
    reporter.report(
      'arguments-alternatives',
      `${owner}: arguments "${a.name}" and "${b.name}" are both documented as required, but they name the same block device two ways and the example leaves "${left.name}" out; "${other.name}" was read as optional too (give one of them)`,
      other.position,
    );
  }
}

function conflict(m: Member, shown: TypeRef, owner: string, what: string, reporter: Reporter): void {
  const [documented, example] = describeBoth(m.type, shown);
  reporter.report(
    'member-type-from-example',
    `${owner}: ${what} "${m.name}" is documented as ${documented} but the example shows ${example}; the example's shape was used`,
    m.position,
  );
  m.type = open(shown);
}

/** `The "force" argument defaults to false.` / `All boolean arguments default to false` in a note. */
function defaultsFromNotes(notes: readonly string[], args: ObjectType): void {
  for (const n of notes) {
    const all = /\ball boolean arguments default to (true|false)\b/i.exec(n);
    if (all) {
      for (const arg of args.members) {
        if (arg.type.kind !== 'bool' || arg.default !== undefined) continue;
        arg.default = all[1]!.toLowerCase() === 'true';
        arg.optional = true;
      }
    }
    for (const m of n.matchAll(/"([\w-]+)" argument defaults to ([\w.-]+)/g)) {
      const arg = args.members.find((a) => a.name === m[1]);
      if (!arg || arg.default !== undefined) continue;
      arg.optional = true;
      const text = m[2]!.replace(/\.+$/, '');
      try {
        arg.default = JSON.parse(text);
      } catch {
        arg.default = text;
      }
    }
  }
}

/** Infer the types of untyped members from sample objects holding them. */
export function inferMembers(untyped: readonly Member[], samples: readonly Sample[], owner: string, what: string, reporter: Reporter): void {
  for (const m of untyped) {
    const t = typeOfSamples(memberSamples(samples, m.name));
    if (t && t.kind !== 'null') {
      m.type = open(t);
      reporter.report('argument-type-inferred', `${owner}: ${what} "${m.name}" states no type; the example shows ${describe(t)}, used as its type`, m.position);
    } else {
      reporter.report('argument-type-missing', `${owner}: ${what} "${m.name}" states no type and no example shows it; any JSON value is accepted`, m.position);
    }
  }
}

function inferNested(untyped: readonly Member[], root: readonly Member[], samples: readonly Sample[], owner: string, what: string, reporter: Reporter): void {
  for (const m of untyped) {
    const holder = findHolder(samples, root, m);
    inferMembers([m], holder ?? [], owner, what, reporter);
  }
}

function findHolder(samples: readonly Sample[], members: readonly Member[], target: Member): Sample[] | undefined {
  if (members.includes(target)) return [...samples];
  for (const m of members) {
    const t = m.type.kind === 'array' ? m.type.items : m.type;
    if (t.kind !== 'object') continue;
    let inner = memberSamples(samples, m.name);
    if (m.type.kind === 'array') inner = inner.flatMap((s) => (Array.isArray(s.value) ? s.value.map((v) => ({ value: v, position: s.position })) : []));
    const found = findHolder(inner, t.members, target);
    if (found) return found;
  }
  return undefined;
}

/** Resolve the wire name of the entry from its heading and examples. */
function resolveName(h: EntryHeading, examples: readonly Example[], ctx: ParseContext): { name?: string; heading?: string } {
  const line = ctx.doc.lines[h.line]!;
  const executed = executedNames(examples);
  const distinct = [...new Set(executed)];
  if (h.names.length === 0) {
    const pick = distinct.length === 1 ? distinct[0] : distinct.find((n) => !ctx.headingNames.has(n));
    if (pick) {
      ctx.reporter.report(
        'heading-from-example',
        `heading "${h.text}" is prose, not a command name; the example executes "${pick}", used as the command name`,
        lineSpan(ctx.doc.path, line),
      );
      return { name: pick, heading: h.text };
    }
    ctx.reporter.report(
      'heading-unresolved',
      `heading "${h.text}" is prose and no example executes a command; no command was made from it`,
      lineSpan(ctx.doc.path, line),
    );
    return {};
  }
  const name = h.names[0]!;
  if (distinct.length > 0 && !distinct.includes(name)) {
    const others = distinct.filter((n) => !ctx.headingNames.has(n));
    if (others.length === 1) {
      ctx.reporter.report(
        'heading-from-example',
        `heading "${h.text}" is not what the example executes ("${others[0]}"); the command is "${others[0]}", documented under heading "${h.text}"`,
        lineSpan(ctx.doc.path, line),
      );
      return { name: others[0]!, heading: h.text };
    }
  }
  return h.text === name ? { name } : { name, heading: h.text };
}

const ORPHAN_NOTE = 'a member list with no "Arguments:" label or return introduction';

export function readCommand(h: EntryHeading, ctx: ParseContext): Command | undefined {
  const { doc, reporter } = ctx;
  const regions = splitBody(doc, h.bodyStart, h.bodyEnd);
  const examples = readExamples(doc, regions, reporter);
  const { name, heading } = resolveName(h, examples, ctx);
  if (!name) return undefined;
  const mctx: MemberContext = { doc, reporter, types: ctx.types, what: 'argument', owner: name };
  const position: SourcePosition = lineSpan(doc.path, doc.lines[h.line]!);

  // Arguments.
  const argRegions = regions.filter((r) => r.kind === 'arguments');
  let argumentsStated = argRegions.length > 0;
  const args: ObjectType = { kind: 'object', members: [], open: false };
  const untypedArgs: Member[] = [];
  for (const r of argRegions) {
    const list = parseList(doc, r.lines);
    const read = readMembers(list.items, mctx);
    for (const m of read.members) if (!args.members.some((x) => x.name === m.name)) args.members.push(m);
    args.open ||= read.open;
    untypedArgs.push(...read.untyped);
    if (r.inline && !/^none\b/i.test(r.inline)) {
      reporter.report('argument-unparsed', `${name}: text after "Arguments:" ("${r.inline}") is not a member list; ignored`, {
        file: doc.path,
        line: doc.lines[r.label!]!.line,
        column: r.inlineColumn ?? 1,
      });
    }
  }

  // Free text: prose, return descriptions, unlabelled member lists.
  const blocks = freeBlocks(doc, regions);
  const ret = readReturns(blocks, regions, { ...mctx, what: 'return member' });
  let returns = ret.returns;
  const untypedReturns = [...ret.untyped];
  const isQuery = name.startsWith('query-');
  let fromOrphan = false;
  for (const orphan of ret.orphans) {
    const intoArgs = !isQuery && args.members.length === 0 && !returns;
    const read = readMembers(orphan.items, { ...mctx, what: intoArgs ? 'argument' : 'return member' });
    const first = doc.lines[orphan.lines[0]!]!;
    reporter.report(
      'members-unlabelled',
      `${name}: ${ORPHAN_NOTE}; read as the ${intoArgs ? 'arguments' : 'return value'} (${read.members.map((m) => m.name).join(', ')})`,
      lineSpan(doc.path, first),
    );
    ret.used.add(orphan);
    if (intoArgs) {
      fromOrphan = true;
      args.members.push(...read.members);
      args.open ||= read.open;
      untypedArgs.push(...read.untyped);
      argumentsStated = true;
    } else if (!returns) {
      returns = { kind: 'object', members: read.members, open: read.open };
      untypedReturns.push(...read.untyped);
    }
  }

  // Reconcile with the examples.
  const argSamples = argumentSamples(examples, name);
  const shownArgs = typeOfSamples(argSamples);
  const discarded = new Set<Member>();
  if (shownArgs?.kind === 'object' && shownArgs.members.length > 0) {
    const documented = new Set(args.members.map((m) => m.name));
    const disjoint = !shownArgs.members.some((m) => documented.has(m.name));
    // `for all options (or for the given option)`: the argument may be left out.
    const optionalInProse = blocks.some((b) => b.kind === 'prose' && /\ball\b[^.]*\bor\b[^.]*\bgiven\b/i.test(b.text));
    if (args.members.length === 0 && !args.open && !argumentsStated) {
      reporter.report(
        'arguments-inferred',
        `${name}: no arguments are documented but the example passes ${shownArgs.members.map((m) => `"${m.name}"`).join(', ')}; they were taken as optional arguments of the type shown${optionalInProse ? ' (the text says "for all ... or for the given ...")' : ''}, and further arguments are accepted`,
        argSamples[0]!.position,
      );
      args.members = shownArgs.members.map(inferredMember);
      args.open = true;
    } else if (args.members.length > 0 && disjoint && fromOrphan) {
      reporter.report(
        'arguments-inferred',
        `${name}: the unlabelled list (${[...documented].join(', ')}) shares no name with the arguments the example passes (${shownArgs.members.map((m) => m.name).join(', ')}); the example's arguments were used, as optional, and further arguments are accepted`,
        argSamples[0]!.position,
      );
      for (const m of args.members) discarded.add(m);
      args.members = shownArgs.members.map(inferredMember);
      args.open = true;
    }
  }
  inferNested(untypedArgs.filter((m) => !discarded.has(m)), args.members, argSamples, name, 'argument', reporter);
  const documentedRequired = new Set(args.members.filter((m) => !m.optional).map((m) => m.name));
  reconcileMembers(args.members, argSamples, name, 'argument', reporter);
  alternativeNames(args.members, documentedRequired, name, reporter);
  checkEnums(args.members, argSamples, name, 'argument', reporter);
  const replies = replySamples(examples, name);
  returns = reconcileReturns(name, returns, ret.none, replies, untypedReturns, reporter);
  // A `{}` reply (nothing to report yet) shows that every member may be absent.
  if (returns?.kind === 'object') reconcileMembers(returns.members, replies, name, 'return member', reporter);
  if (returns?.kind === 'array' && returns.items.kind === 'object') reconcileMembers(returns.items.members, elements(replies), name, 'return member', reporter);
  if (returns?.kind === 'object') checkEnums(returns.members, replies, name, 'return member', reporter);
  if (returns?.kind === 'array' && returns.items.kind === 'object') {
    const items = replies.flatMap((s) => (Array.isArray(s.value) ? s.value.map((v) => ({ value: v, position: s.position })) : []));
    checkEnums(returns.items.members, items, name, 'return member', reporter);
  }

  // Prose.
  const prose = blocks.filter((b): b is Extract<FreeBlock, { kind: 'prose' }> => b.kind === 'prose' && !ret.used.has(b));
  const description = prose.map((b) => b.text).join('\n\n');
  // Without prose, a prose heading or the sentence introducing the return value says what it does.
  const introduced = blocks.find((b): b is Extract<FreeBlock, { kind: 'list' }> => b.kind === 'list' && b.intro !== undefined);
  const intro = introduced?.intro?.text.replace(/:\s*$/, '.');
  const summary = prose.length > 0 ? firstSentence(prose[0]!.text) : heading && h.names.length === 0 ? heading : (intro ?? '');
  const since = regions.find((r: Region) => r.kind === 'since')?.inline;

  const cmd: Command = {
    name,
    section: h.section,
    summary,
    description,
    arguments: args,
    argumentsStated,
    notes: readNotes(doc, regions),
    examples,
    origin: 'docs',
    position,
  };
  defaultsFromNotes(cmd.notes, args);
  if (heading !== undefined) cmd.heading = heading;
  if (returns) cmd.returns = returns;
  if (since) cmd.since = since;
  return cmd;
}

function emptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

function reconcileReturns(
  name: string,
  documented: TypeRef | undefined,
  statedNone: boolean,
  replies: readonly Sample[],
  untyped: readonly Member[],
  reporter: Reporter,
): TypeRef | undefined {
  const informative = replies.filter((r) => !emptyObject(r.value));
  // `{}` replies count as objects with nothing in them once another reply shows an object.
  const objectReplies = informative.some((r) => isRecord(r.value));
  const shown = typeOfSamples(objectReplies ? replies : informative);
  if (!documented) {
    if (statedNone || !shown || informative.length === 0) return undefined;
    reporter.report(
      'returns-inferred',
      `${name}: the text does not describe the return value; the example reply shows ${describe(shown)}, used as the return type`,
      informative[0]!.position,
    );
    return open(shown);
  }
  // Documented members: infer their missing types from the replies.
  const root = documented.kind === 'array' ? documented.items : documented;
  if (root.kind === 'object' && untyped.length > 0) {
    const holders = documented.kind === 'array' ? informative.flatMap((s) => (Array.isArray(s.value) ? s.value.map((v) => ({ value: v, position: s.position })) : [])) : informative;
    inferNested(untyped, root.members, holders, name, 'return member', reporter);
  }
  if (!shown) return documented;
  // Documented members that share no name with what the example returns: the example wins.
  const docObj = documented.kind === 'array' ? documented.items : documented;
  const shownObj = shown.kind === 'array' ? shown.items : shown;
  if (docObj.kind === 'object' && docObj.members.length > 0 && shownObj.kind === 'object' && shownObj.members.length > 0) {
    const names = new Set(docObj.members.map((m) => m.name));
    if (!shownObj.members.some((m) => names.has(m.name))) {
      reporter.report(
        'returns-conflict',
        `${name}: the documented return members (${[...names].join(', ')}) share no name with the example reply (${shownObj.members.map((m) => m.name).join(', ')}); the example's shape was used`,
        informative[0]!.position,
      );
      return open(shown);
    }
  }
  if (documented.kind === 'object' && shown.kind === 'array' && (shown.items.kind === 'object' || shown.items.kind === 'any')) {
    reporter.report(
      'returns-array-from-example',
      `${name}: the text describes one json-object but the example reply is an array of them; the return type is an array of that object`,
      informative[0]!.position,
    );
    if (documented.members.length === 0 && shown.items.kind === 'object') return open(shown);
    return { kind: 'array', items: documented };
  }
  if (documented.kind === 'array' && documented.items.kind === 'any' && shown.kind === 'array') return open(shown);
  if (documented.kind === 'array' && documented.items.kind === 'object' && documented.items.members.length === 0 && shown.kind === 'array' && shown.items.kind === 'object') {
    return { kind: 'array', items: { ...open(shown.items), docType: documented.items.docType } as TypeRef };
  }
  if (documented.kind === 'object' && documented.members.length === 0 && shown.kind === 'object') return open(shown);
  const scalar = (k: string) => k === 'string' || k === 'int' || k === 'number' || k === 'bool';
  if ((documented.kind === 'object' || documented.kind === 'array') && scalar(shown.kind)) {
    reporter.report(
      'returns-conflict',
      `${name}: the text describes ${documented.kind === 'object' ? 'an object' : 'an array'} but the example reply is ${describe(shown)}; the example's kind was used`,
      informative[0]!.position,
    );
    return shown;
  }
  return documented;
}

/**
 * A shape known only from examples: its objects accept more members than the examples show,
 * and none of the members they show is required (an example shows one call, not the rule).
 */
export function open(t: TypeRef): TypeRef {
  if (t.kind === 'object') return { ...t, open: true, members: t.members.map(inferredMember) };
  if (t.kind === 'array') return { ...t, items: open(t.items) };
  return t;
}

/** A member seen only in an example: optional, marked as such, its own shape open. */
export function inferredMember(m: Member): Member {
  return { ...m, optional: true, evidence: m.evidence ?? 'example', type: open(m.type) };
}
