/**
 * Members, types and nested structures as mdast: the tables of a page and the sections for
 * its inline objects and documented enumerations, linked by heading anchors.
 */
import { evidenceNote } from '../../model/evidence.js';
import type { BlockContent, PhrasingContent } from 'mdast';
import type { Condition, EnumType, EnumValue, Feature, Member, ObjectType, TypeRef } from '../../model/types.js';
import { conditionPhrasing } from './conditions.js';
import { anchorLink, code, emphasis, heading, inlineText, link, oneLine, paragraph, strong, table, text } from '../shared/mdast.js';
import { relativeLink } from './paths.js';

/** What a page needs to know about the rest of the output. */
export interface SiteLinks {
  /** Output path of the page of a named type, when the model has that type. */
  typePage(name: string): string | undefined;
}

/** One page under construction: nested sections wait in `queue` until their part is drained. */
export class PageState {
  readonly path: string;
  readonly site: SiteLinks;
  #next = 0;
  #queue: (() => BlockContent[])[] = [];
  /** The section key of each enumeration that got a values section. */
  readonly enumSections = new Map<EnumType, string>();

  constructor(path: string, site: SiteLinks) {
    this.path = path;
    this.site = site;
  }

  key(): string {
    return `s${this.#next++}`;
  }

  /** Queue a section; it is rendered (and may queue more) when `drain` runs. */
  defer(render: () => BlockContent[]): void {
    this.#queue.push(render);
  }

  /** Render every queued section, breadth first, including those queued while rendering. */
  drain(): BlockContent[] {
    const out: BlockContent[] = [];
    while (this.#queue.length > 0) out.push(...this.#queue.shift()!());
    return out;
  }
}

const SCALAR_LABEL = { string: 'string', int: 'int', number: 'number', bool: 'bool', null: 'null', any: 'any' } as const;

function hasValueDetails(values: readonly EnumValue[]): boolean {
  return values.some((v) => v.description || v.since || v.if !== undefined || (v.features && v.features.length > 0));
}

/**
 * The Type cell for `type` of the member at `where` (`arguments.device`, `return[].inserted`).
 * Inline objects and documented enumerations get a section of their own, linked from here.
 */
export function typePhrasing(type: TypeRef, where: string, page: PageState): PhrasingContent[] {
  switch (type.kind) {
    case 'string':
    case 'int':
    case 'number':
    case 'bool':
    case 'null':
    case 'any':
      return [code(SCALAR_LABEL[type.kind])];
    case 'enum': {
      if (!hasValueDetails(type.values)) return [text('enum')];
      const key = page.key();
      page.enumSections.set(type, key);
      page.defer(() => enumSection(type, where, key));
      return [anchorLink(key, text('enum'))];
    }
    case 'object': {
      const key = page.key();
      page.defer(() => objectSection(type, where, key, page));
      return [anchorLink(key, text('object'))];
    }
    case 'array':
      return [text('array of '), ...typePhrasing(type.items, `${where}[]`, page)];
    case 'ref': {
      const target = page.site.typePage(type.name);
      return target === undefined ? [code(type.name)] : [link(relativeLink(page.path, target), code(type.name))];
    }
    case 'alternate': {
      const structured = type.of.filter((t) => t.kind === 'object' || t.kind === 'enum').length > 1;
      return type.of.flatMap((branch, i) => [
        ...(i > 0 ? [text(' or ')] : []),
        ...typePhrasing(branch, structured ? `${where} (${i + 1})` : where, page),
      ]);
    }
  }
}

/** The enumeration a member's values column should show: the type itself, or inside arrays/alternates. */
function enumOf(type: TypeRef): EnumType | undefined {
  if (type.kind === 'enum') return type;
  if (type.kind === 'array') return enumOf(type.items);
  if (type.kind === 'alternate') for (const t of type.of) if (enumOf(t)) return enumOf(t);
  return undefined;
}

/**
 * The Values cell: the values themselves, or, when they are described in a section of their
 * own, a link to it (the values would only be said twice).
 */
function valuesPhrasing(type: EnumType, page: PageState): PhrasingContent[] {
  const key = page.enumSections.get(type);
  if (key !== undefined) return [anchorLink(key, text(`${type.values.length} value${type.values.length === 1 ? '' : 's'}`))];
  return type.values.flatMap((v, i) => [...(i > 0 ? [text(', ')] : []), code(oneLine(v.name))]);
}

function featuresPhrasing(features: readonly Feature[] | undefined): PhrasingContent[] {
  if (!features || features.length === 0) return [];
  return [text(' Features: '), ...features.flatMap((f, i) => [...(i > 0 ? [text(', ')] : []), code(oneLine(f.name))]), text('.')];
}

/**
 * A default in code: strings as written (they are enum values and words like `10M` far more
 * often than sentences), other values as JSON.
 */
function defaultPhrasing(value: unknown): PhrasingContent[] {
  if (value === undefined) return [];
  return [code(typeof value === 'string' ? oneLine(value) : JSON.stringify(value))];
}

function descriptionPhrasing(m: {
  description?: string;
  since?: string;
  deprecated?: boolean;
  features?: Feature[];
  evidence?: Member['evidence'];
  if?: Condition;
}): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  if (m.deprecated) out.push(strong(text('Deprecated.')), text(' '));
  out.push(...inlineText(oneLine(m.description ?? '')));
  const note = evidenceNote(m);
  if (note) out.push(...(out.length > 0 ? [text(' ')] : []), emphasis(text(note)));
  if (m.since) out.push(...inlineText(`${out.length > 0 ? ' ' : ''}Since ${oneLine(m.since)}.`));
  if (m.if !== undefined) out.push(...(out.length > 0 ? [text(' ')] : []), ...conditionPhrasing(m.if));
  out.push(...featuresPhrasing(m.features));
  return out;
}

/**
 * The members table (Name, Type, Required, [Default], [Values], Description) of the structure
 * at `where`. Default and Values columns appear only when some member needs them.
 */
export function membersTable(members: readonly Member[], where: string, page: PageState): BlockContent {
  const withDefault = members.some((m) => m.default !== undefined);
  const withValues = members.some((m) => enumOf(m.type) !== undefined);
  const header = ['Name', 'Type', 'Required', ...(withDefault ? ['Default'] : []), ...(withValues ? ['Values'] : []), 'Description'];
  const rows = members.map((m) => {
    const path = `${where}.${oneLine(m.name)}`;
    const values = enumOf(m.type);
    const type = typePhrasing(m.type, path, page);
    return [
      [code(oneLine(m.name))],
      type,
      [text(m.optional ? 'optional' : 'required')],
      ...(withDefault ? [defaultPhrasing(m.default)] : []),
      ...(withValues ? [values ? valuesPhrasing(values, page) : []] : []),
      descriptionPhrasing(m),
    ];
  });
  return table(header, rows);
}

/** The members of a structure, or a sentence saying there are none. */
export function membersBlock(object: ObjectType, where: string, page: PageState, none: string): BlockContent[] {
  const out: BlockContent[] = [];
  if (object.members.length === 0) out.push(paragraph(text(none)));
  else out.push(membersTable(object.members, where, page));
  if (object.open) out.push(paragraph(text('Further members not listed here may be present.')));
  return out;
}

function objectSection(type: ObjectType, where: string, key: string, page: PageState): BlockContent[] {
  return [
    heading(3, key, code(where)),
    ...membersBlock(type, where, page, 'An object with no documented members.'),
  ];
}

export function valuesTable(values: readonly EnumValue[]): BlockContent {
  return table(
    ['Value', 'Description'],
    values.map((v) => [[code(oneLine(v.name))], descriptionPhrasing(v)]),
  );
}

function enumSection(type: EnumType, where: string, key: string): BlockContent[] {
  return [heading(3, key, code(where), text(' values')), valuesTable(type.values)];
}
