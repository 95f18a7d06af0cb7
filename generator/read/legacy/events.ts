/**
 * One event entry into model Events: `Data:` member lists, `Data: None.`, `Data: None.`
 * followed by members anyway (the members win, with a warning), a `- data: FooInfo type ...`
 * line (the data is that QAPI struct), and `A, B` headings (one event each).
 */
import type { Event, Member, ObjectType } from '../../model/types.js';
import { readMembers, type MemberContext } from './arguments.js';
import { splitBody } from './body.js';
import type { ParseContext } from './commands.js';
import { checkEnums, inferMembers, reconcileMembers } from './commands.js';
import { firstSentence, freeBlocks, readExamples, readNotes, type FreeBlock } from './entry.js';
import type { EntryHeading } from './headings.js';
import { eventSamples } from './infer.js';
import { parseList } from './members.js';
import { lineSpan } from './source.js';

export function readEvents(h: EntryHeading, ctx: ParseContext): Event[] {
  const { doc, reporter } = ctx;
  const position = lineSpan(doc.path, doc.lines[h.line]!);
  if (h.names.length === 0) {
    reporter.report('heading-unresolved', `heading "${h.text}" is not an event name; no event was made from it`, position);
    return [];
  }
  const owner = h.names.join(', ');
  const mctx: MemberContext = { doc, reporter, types: ctx.types, what: 'data member', owner };
  const regions = splitBody(doc, h.bodyStart, h.bodyEnd);
  const examples = readExamples(doc, regions, reporter);
  const blocks = freeBlocks(doc, regions);
  const used = new Set<FreeBlock>();

  let data: ObjectType | undefined;
  const untyped: Member[] = [];
  for (const r of regions.filter((x) => x.kind === 'data')) {
    const read = readMembers(parseList(doc, r.lines).items, mctx);
    const none = /^none\b/i.test(r.inline ?? '');
    if (none && read.members.length > 0) {
      reporter.report(
        'data-none-with-members',
        `${owner}: "Data: None." is followed by data members (${read.members.map((m) => m.name).join(', ')}); the members were used`,
        { file: doc.path, line: doc.lines[r.label!]!.line, column: r.inlineColumn ?? 1 },
      );
    }
    if (read.members.length > 0 || read.open) {
      data ??= { kind: 'object', members: [], open: false };
      data.members.push(...read.members.filter((m) => !data!.members.some((x) => x.name === m.name)));
      data.open ||= read.open;
      untyped.push(...read.untyped);
    }
  }
  for (const b of blocks) {
    if (b.kind !== 'list') continue;
    const read = readMembers(b.items, mctx);
    used.add(b);
    const first = doc.lines[b.lines[0]!]!;
    const only = read.members.length === 1 ? read.members[0]! : undefined;
    if (only && only.name === 'data' && only.type.kind === 'ref') {
      // The text names the type but not its members: record the type, accept any members
      // (the model's `types` holds the known definition for reference).
      reporter.report(
        'event-data-type',
        `${owner}: the data is documented only as QAPI type ${only.type.name}, not member by member; any data members are accepted`,
        only.position,
      );
      data = { kind: 'object', members: [], open: true, docType: only.type.name };
      continue;
    }
    reporter.report(
      'members-unlabelled',
      `${owner}: a member list with no "Data:" label; read as the event data (${read.members.map((m) => m.name).join(', ')})`,
      lineSpan(doc.path, first),
    );
    data ??= { kind: 'object', members: [], open: false };
    data.members.push(...read.members.filter((m) => !data!.members.some((x) => x.name === m.name)));
    data.open ||= read.open;
    untyped.push(...read.untyped);
  }

  const prose = blocks.filter((b): b is Extract<FreeBlock, { kind: 'prose' }> => b.kind === 'prose' && !used.has(b));
  const description = prose.map((b) => b.text).join('\n\n');
  const summary = prose.length > 0 ? firstSentence(prose[0]!.text) : '';
  const notes = readNotes(doc, regions);
  const since = regions.find((r) => r.kind === 'since')?.inline;

  return h.names.map((name) => {
    if (untyped.length > 0) inferMembers(untyped, eventSamples(examples, name), name, 'data member', reporter);
    const ev: Event = { name, summary, description, notes, examples, origin: 'docs', position };
    if (h.names.length > 1) ev.heading = h.text;
    if (data) {
      ev.data = structuredClone(data);
      reconcileMembers(ev.data.members, eventSamples(examples, name), name, 'data member', reporter);
      checkEnums(ev.data.members, eventSamples(examples, name), name, 'data member', reporter);
    }
    if (since) ev.since = since;
    return ev;
  });
}
