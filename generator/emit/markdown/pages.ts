/**
 * The pages: one per command, event and named type, and the index. Each is an mdast `Root`
 * built from the model; nothing here produces Markdown text.
 */
import type { BlockContent, PhrasingContent, Root } from 'mdast';
import type { Command, CommandSection, Condition, Event, Example, ExampleMessage, Feature, Model, NamedType, RemovedItem } from '../../model/types.js';
import { availableText, partName, type RemovedIndex } from '../../model/removed.js';
import {
  bulletList,
  code,
  codeBlock,
  heading,
  inlineText,
  link,
  oneLine,
  paragraph,
  prose,
  strong,
  table,
  text,
} from '../shared/mdast.js';
import { conditionPhrasing } from './conditions.js';
import { INDEX_PAGE, relativeLink } from './paths.js';
import { slug } from '../shared/slug.js';
import { membersBlock, membersTable, PageState, type SiteLinks, typePhrasing, valuesTable } from './structures.js';

/** Where everything is: page paths, schema files, the typed client. */
export interface Site extends SiteLinks {
  commandPage(name: string): string;
  eventPage(name: string): string;
  /** The command's schema files; undefined when this run emits no schemas (no dangling links). */
  commandSchemas(name: string): { request: string; response: string } | undefined;
  /** The event's schema file; undefined when this run emits no schemas. */
  eventSchema(name: string): string | undefined;
  /** The generated method (`Qmp.queryBlock()`) and the source file that declares it, when known. */
  commandMethod(name: string): { method: string; file: string } | undefined;
  /**
   * The TypeScript declarations of an event, when known: the event map (`QmpEvents`), the type
   * of its data when it has any, and the source file that declares them.
   */
  eventType(name: string): { map: string; dataType?: string; file: string } | undefined;
  /** What older releases had and this one lacks (history runs only; empty otherwise). */
  removed: RemovedIndex;
}

export const SECTION_TITLES: Record<CommandSection, string> = {
  regular: 'Regular commands',
  query: 'Query commands',
  other: 'Other commands',
};
/** Headings of the index that other pages link to. */
const EVENTS_TITLE = 'Events';
const TYPES_TITLE = 'Types';

/** A link from `from` to a heading of the index (its headings are unique, so the slug is plain). */
function indexLink(from: string, title: string): PhrasingContent {
  return link(`${relativeLink(from, INDEX_PAGE)}#${slug(title)}`, text(title));
}

const SECTION_ORDER: readonly CommandSection[] = ['regular', 'query', 'other'];

const ROLE_LABEL: Record<ExampleMessage['role'], string> = {
  request: 'Request',
  reply: 'Reply',
  error: 'Error reply',
  event: 'Event',
  greeting: 'Greeting',
  unknown: 'Message',
};

function root(children: BlockContent[]): Root {
  return { type: 'root', children };
}

/** Summary then description, without saying the summary twice when the description opens with it. */
function introduction(summary: string, description: string): BlockContent[] {
  const s = oneLine(summary);
  const d = oneLine(description);
  if (d === '' || d === s) return prose(summary);
  if (s === '' || d.startsWith(s)) return prose(description);
  return [...prose(summary), ...prose(description)];
}

function featureItems(features: readonly Feature[] | undefined): BlockContent[][] {
  return (features ?? []).map((f) => [
    paragraph(
      text('Feature '),
      code(oneLine(f.name)),
      ...(f.description ? [text(': '), ...inlineText(oneLine(f.description))] : []),
      ...(f.if !== undefined ? [text(f.description ? ' ' : ': '), ...conditionPhrasing(f.if)] : []),
    ),
  ]);
}

/** The item's `if` condition as a fact of its page ("Only when QEMU is built with ..."). */
function conditionItem(c: Condition | undefined): BlockContent[][] {
  return c === undefined ? [] : [[paragraph(...conditionPhrasing(c))]];
}

function notesBlock(notes: readonly string[]): BlockContent[] {
  const kept = notes.filter((n) => n.trim() !== '');
  if (kept.length === 0) return [];
  return [heading(2, undefined, text('Notes')), ...(kept.length === 1 ? prose(kept[0]!) : [bulletList(kept.map((n) => prose(n)))])];
}

/**
 * Examples: every message is its own ```json block (the docs' text, arrow removed), preceded
 * by who sends it (trailing blanks of lines dropped). One block per message keeps each block a single JSON value, so GitHub
 * highlights it properly and it can be copied as is; the arrows of the docs' transcripts
 * become the labels.
 */
function examplesBlock(examples: readonly Example[]): BlockContent[] {
  if (examples.length === 0) return [];
  const out: BlockContent[] = [heading(2, undefined, text(examples.length === 1 ? 'Example' : 'Examples'))];
  for (const example of examples) {
    if (example.title) out.push(paragraph(strong(...inlineText(oneLine(example.title)))));
    for (const message of example.messages) {
      const arrow = message.direction === 'client' ? 'client → server' : 'server → client';
      const label: PhrasingContent[] = [text(`${ROLE_LABEL[message.role]} (${arrow})`)];
      if (message.elided) label.push(text(', abridged in the documentation'));
      // The block is the docs' text; say so when that text is not JSON a parser would accept.
      if (message.value === undefined || message.repairs.length > 0) label.push(text(', not valid JSON as written'));
      label.push(text(':'));
      // Trailing blanks are invisible and meaningless in JSON; prettier would strip them anyway.
      // The block starts where the message did (after `-> `), so its continuation lines lose as
      // much indentation as the first line stood in from the margin, where they have it.
      const shift = Math.max(0, message.position.column - 1);
      const raw = message.raw
        .split('\n')
        .map((line, i) => (i === 0 ? line : line.slice(Math.min(shift, line.length - line.trimStart().length))).trimEnd())
        .join('\n')
        .replace(/\n+$/, '');
      out.push(paragraph(...label), codeBlock(raw, 'json'));
    }
  }
  return out;
}

const REMOVED_TITLE = 'Removed in earlier releases';

/** The members and values of this item that older QEMU releases had, as a table (none: nothing). */
function removedPartsBlock(parts: readonly RemovedItem[]): BlockContent[] {
  if (parts.length === 0) return [];
  return [
    heading(2, undefined, text(REMOVED_TITLE)),
    paragraph(text('Older QEMU releases also had these; code written for them must not send or expect them here.')),
    table(
      ['Name', 'Kind', 'Available', 'Removed in'],
      parts.map((r) => [
        [code(oneLine(partName(r)))],
        [text(r.member !== undefined ? 'member' : 'value')],
        [text(availableText(r))],
        [text(r.removedIn)],
      ]),
    ),
  ];
}

function sinceItem(since: string | undefined): BlockContent[][] {
  return since ? [[paragraph(...inlineText(`Since QEMU ${oneLine(since)}.`))]] : [];
}

export function commandPage(command: Command, site: Site): Root {
  const path = site.commandPage(command.name);
  const page = new PageState(path, site);
  const schemas = site.commandSchemas(command.name);
  const method = site.commandMethod(command.name);
  const facts: BlockContent[][] = [
    ...sinceItem(command.since),
    ...conditionItem(command.if),
    [paragraph(text('Listed under '), indexLink(path, SECTION_TITLES[command.section]), text('.'))],
    ...(command.heading !== undefined && command.heading !== command.name
      ? [[paragraph(text('Documented under the heading '), code(oneLine(command.heading)), text('.'))]]
      : []),
    ...featureItems(command.features),
    ...(schemas
      ? [
          [
            paragraph(
              text('JSON Schema: '),
              link(relativeLink(path, schemas.request), text('request')),
              text(', '),
              link(relativeLink(path, schemas.response), text('response')),
              text('.'),
            ),
          ],
        ]
      : []),
    ...(method
      ? [[paragraph(text('TypeScript: '), code(method.method), text(' in '), link(relativeLink(path, method.file), code(method.file)), text('.'))]]
      : []),
  ];

  const args: BlockContent[] = [heading(2, undefined, text('Arguments'))];
  if (!command.argumentsStated && command.arguments.members.length === 0) {
    args.push(paragraph(text('The documentation does not list arguments.')));
  } else {
    args.push(...membersBlock(command.arguments, 'arguments', page, 'None.'));
  }
  args.push(...page.drain());

  const returns: BlockContent[] = [heading(2, undefined, text('Returns'))];
  const ret = command.returns;
  if (ret === undefined) {
    returns.push(paragraph(text('Nothing: the reply’s '), code('return'), text(' is an empty object.')));
  } else if (ret.kind === 'object') {
    returns.push(paragraph(text('An object:')), ...membersBlock(ret, 'return', page, 'An object with no documented members.'));
  } else if (ret.kind === 'array' && ret.items.kind === 'object') {
    returns.push(paragraph(text('An array of objects:')), ...membersBlock(ret.items, 'return[]', page, 'Objects with no documented members.'));
  } else {
    returns.push(paragraph(text('Type: '), ...typePhrasing(ret, 'return', page), text('.')));
  }
  returns.push(...page.drain());

  return root([
    heading(1, undefined, code(oneLine(command.name))),
    ...introduction(command.summary, command.description),
    bulletList(facts),
    ...args,
    ...returns,
    ...removedPartsBlock(site.removed.partsOf('command', command.name)),
    ...notesBlock(command.notes),
    ...examplesBlock(command.examples),
  ]);
}

export function eventPage(event: Event, site: Site): Root {
  const path = site.eventPage(event.name);
  const page = new PageState(path, site);
  const type = site.eventType(event.name);
  const schema = site.eventSchema(event.name);
  const facts: BlockContent[][] = [
    ...sinceItem(event.since),
    ...conditionItem(event.if),
    [paragraph(text('Listed under '), indexLink(path, EVENTS_TITLE), text('.'))],
    ...(event.heading !== undefined && event.heading !== event.name
      ? [[paragraph(text('Documented under the heading '), code(oneLine(event.heading)), text('.'))]]
      : []),
    ...featureItems(event.features),
    ...(schema ? [[paragraph(text('JSON Schema: '), link(relativeLink(path, schema), text('event message')), text('.'))]] : []),
    ...(type
      ? [
          [
            paragraph(
              ...(type.dataType === undefined
                ? [text('TypeScript: '), code(type.map), text(' in ')]
                : [text('TypeScript: data type '), code(type.dataType), text(' in ')]),
              link(relativeLink(path, type.file), code(type.file)),
              text(type.dataType === undefined ? ' (no data).' : '.'),
            ),
          ],
        ]
      : []),
  ];
  const data: BlockContent[] = [heading(2, undefined, text('Data'))];
  if (event.data === undefined) data.push(paragraph(text('None: the event has no '), code('data'), text('.')));
  else data.push(...membersBlock(event.data, 'data', page, 'An object with no documented members.'));
  data.push(...page.drain());
  return root([
    heading(1, undefined, code(oneLine(event.name))),
    ...introduction(event.summary, event.description),
    bulletList(facts),
    ...data,
    ...removedPartsBlock(site.removed.partsOf('event', event.name)),
    ...notesBlock(event.notes),
    ...examplesBlock(event.examples),
  ]);
}

export function typePage(type: NamedType, site: Site): Root {
  const path = site.typePage(type.name)!;
  const page = new PageState(path, site);
  const facts: BlockContent[][] = [
    ...sinceItem(type.since),
    ...conditionItem(type.if),
    [paragraph(text('Listed under '), indexLink(path, TYPES_TITLE), text('.'))],
    ...featureItems(type.features),
  ];
  const ref = (name: string): PhrasingContent => {
    const target = site.typePage(name);
    return target === undefined ? code(name) : link(relativeLink(path, target), code(name));
  };
  const body: BlockContent[] = [];
  switch (type.kind) {
    case 'struct':
      body.push(heading(2, undefined, text('Members')));
      if (type.base) body.push(paragraph(text('Also has every member of '), ref(type.base), text('.')));
      body.push(...membersBlock({ kind: 'object', members: type.members, open: type.open ?? false }, type.name, page, 'None.'));
      break;
    case 'enum':
      body.push(heading(2, undefined, text('Values')), valuesTable(type.values));
      break;
    case 'union':
      body.push(heading(2, undefined, text('Members')));
      if (type.base) body.push(paragraph(text('Also has every member of '), ref(type.base), text('.')));
      if (type.members.length > 0) body.push(membersTable(type.members, type.name, page));
      body.push(heading(2, undefined, text('Variants')));
      if (type.discriminator) body.push(paragraph(text('Chosen by the member '), code(oneLine(type.discriminator)), text('.')));
      body.push(
        table(
          ['Value', 'Type', ...(type.variants.some((v) => v.if !== undefined) ? ['Condition'] : [])],
          type.variants.map((v) => [
            [code(oneLine(v.value))],
            typePhrasing(v.type, `${type.name}(${oneLine(v.value)})`, page),
            ...(type.variants.some((x) => x.if !== undefined) ? [conditionPhrasing(v.if)] : []),
          ]),
        ),
      );
      break;
    case 'alternate':
      body.push(
        heading(2, undefined, text('Alternatives')),
        paragraph(text('Any one of: '), ...type.of.flatMap((t, i) => [...(i > 0 ? [text(', ')] : []), ...typePhrasing(t, `${type.name} (${i + 1})`, page)]), text('.')),
      );
      break;
  }
  body.push(...page.drain());
  return root([
    heading(1, undefined, code(oneLine(type.name))),
    ...prose(type.description),
    bulletList(facts),
    ...body,
    ...removedPartsBlock(site.removed.partsOf('type', type.name)),
  ]);
}

function summaryCell(summary: string): PhrasingContent[] {
  return inlineText(oneLine(summary));
}

export interface IndexInfo {
  generatorVersion: string;
}

export function indexPage(model: Model, site: Site, info: IndexInfo): Root {
  const from = INDEX_PAGE;
  const out: BlockContent[] = [
    heading(1, undefined, text('QMP reference')),
    paragraph(
      text(
        `${model.commands.length} command${model.commands.length === 1 ? '' : 's'} and ${model.events.length} ` +
          `event${model.events.length === 1 ? '' : 's'} of the QEMU Machine Protocol, generated by qmp-codegen ` +
          `${info.generatorVersion} from QMP documentation in QEMU’s format. Do not edit these pages: regenerate them.`,
      ),
    ),
  ];
  if (model.sources.length > 0) {
    out.push(
      table(
        ['Source', 'Documents', 'SHA-256'],
        model.sources.map((s) => [[code(oneLine(s.path.split(/[\\/]/).pop() ?? s.path))], [text(s.role)], [code(s.sha256)]]),
      ),
    );
  }
  out.push(heading(2, undefined, text('Commands')));
  if (model.commands.length === 0) out.push(paragraph(text('None.')));
  for (const section of SECTION_ORDER) {
    const commands = model.commands.filter((c) => c.section === section);
    if (commands.length === 0) continue;
    out.push(
      heading(3, undefined, text(SECTION_TITLES[section])),
      table(
        ['Command', 'Summary'],
        commands.map((c) => [[link(relativeLink(from, site.commandPage(c.name)), code(oneLine(c.name)))], summaryCell(c.summary)]),
      ),
    );
  }
  out.push(heading(2, undefined, text(EVENTS_TITLE)));
  if (model.events.length === 0) out.push(paragraph(text('None.')));
  else
    out.push(
      table(
        ['Event', 'Summary'],
        model.events.map((e) => [[link(relativeLink(from, site.eventPage(e.name)), code(oneLine(e.name)))], summaryCell(e.summary)]),
      ),
    );
  if (model.types.length > 0) {
    out.push(
      heading(2, undefined, text(TYPES_TITLE)),
      table(
        ['Type', 'Kind', 'Summary'],
        model.types.map((t) => [
          [link(relativeLink(from, site.typePage(t.name)!), code(oneLine(t.name)))],
          [text(t.kind)],
          summaryCell(t.description.split(/\n[ \t]*\n/)[0] ?? ''),
        ]),
      ),
    );
  }
  const gone = site.removed.whole;
  if (gone.length > 0) {
    const releases = model.history?.releases ?? [];
    out.push(
      heading(2, undefined, text(REMOVED_TITLE)),
      paragraph(
        text(
          `Commands, events and types that older QEMU releases had and this one lacks` +
            (releases.length > 1 ? `, over the ${releases.length} releases from ${releases[0]} to ${releases[releases.length - 1]}.` : '.'),
        ),
      ),
      table(
        ['Name', 'Kind', 'Available', 'Removed in'],
        gone.map((r) => [[code(oneLine(r.name))], [text(r.category)], [text(availableText(r))], [text(r.removedIn)]]),
      ),
    );
  }
  return root(out);
}
