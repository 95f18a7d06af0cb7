/**
 * JSDoc for generated declarations, from the model's (untrusted) documentation text.
 * Every piece of text goes through `commentText` (comments.ts) on its way out.
 */
import { evidenceNote } from '../../model/evidence.js';
import type { JSDocStructure, JSDocTagStructure, OptionalKind } from 'ts-morph';
import type { Command, EnumValue, Event, Example, ExampleMessage, Feature, Member, RemovedItem, TypeRef } from '../../model/types.js';
import { removedSentence } from '../../model/removed.js';
import { commentText, fenceFor } from './comments.js';
import { valueText } from './print.js';
import { widthRemark } from '../../model/widths.js';

type Tag = OptionalKind<JSDocTagStructure>;
export type Docs = Array<OptionalKind<JSDocStructure> | string>;

/**
 * Build a JSDoc block; `undefined` pieces are skipped, and an empty block is no block.
 *
 * The block is given to ts-morph as its text, the text ts-morph's JSDoc printer makes of a
 * `{ description, tags }` structure of plain strings (each written into a fresh writer, tags
 * `@name text` on lines of their own), so that the printer uses it as it is instead of
 * making a writer per block and per tag. The text is commentText's: `\n` line breaks only, which a
 * writer at indentation 0 leaves as they are. test/typescript/docs.test.ts holds the two
 * to the same printed declarations.
 */
export function jsdoc(description: string | undefined, tags: Array<Tag | undefined> = []): Docs {
  let block = description ? commentText(description.trim()) : '';
  // the present tags, a line each (never empty: `@name`) after the description
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === undefined) continue;
    const line = t.text === undefined ? `@${t.tagName}` : tagLine(t.tagName, commentText(String(t.text)));
    block = block === '' ? line : `${block}\n${line}`;
  }
  return block === '' ? [] : [block];
}

/** A tag as ts-morph prints `{ tagName, text }`: a space between the two unless the text is empty or starts a new line. */
function tagLine(tagName: string, text: string): string {
  return `@${tagName}${text.length > 0 && !text.startsWith('\n') ? ' ' : ''}${text}`;
}

/** A description followed by what older releases also had (nothing added when nothing was removed). */
export function withRemoved(description: string, removed: readonly RemovedItem[]): string {
  const note = removedSentence(removed);
  if (!note) return description;
  return description.trim() ? `${description.trim()}\n\n${note}` : note;
}

/** Summary and description as one text, without saying the summary twice. */
export function summaryAndDescription(summary: string, description: string): string {
  const s = summary.trim();
  const d = description.trim();
  if (!d) return s;
  if (!s || d.startsWith(s)) return d;
  return `${s}\n\n${d}`;
}

function sinceTag(since: string | undefined): Tag | undefined {
  return since ? { tagName: 'since', text: `QEMU ${since}` } : undefined;
}

function deprecatedTag(deprecated: boolean | undefined, features: Feature[] | undefined): Tag | undefined {
  const feature = features?.find((f) => f.name === 'deprecated');
  if (!deprecated && !feature) return undefined;
  return feature?.description ? { tagName: 'deprecated', text: feature.description } : { tagName: 'deprecated' };
}

function remarksTag(notes: readonly string[]): Tag | undefined {
  const text = notes.map((n) => n.trim()).filter(Boolean).join('\n\n');
  return text ? { tagName: 'remarks', text } : undefined;
}

/** Enumeration values with their descriptions, as a Markdown list (only when some are described). */
function enumValueList(type: TypeRef): string | undefined {
  const values: EnumValue[] | undefined =
    type.kind === 'enum' ? type.values : type.kind === 'array' && type.items.kind === 'enum' ? type.items.values : undefined;
  if (!values || !values.some((v) => v.description)) return undefined;
  return values.map((v) => `- \`${v.name}\`${v.description ? `: ${v.description.trim()}` : ''}`).join('\n');
}

function defaultText(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** JSDoc for an interface member. */
export function memberDocs(member: Member): Docs {
  const width = member.type.kind === 'int' ? member.type.width : undefined;
  const parts = [member.description.trim(), enumValueList(member.type), width ? widthRemark(width) : '', evidenceNote(member)].filter(Boolean);
  return jsdoc(parts.join('\n\n'), [
    member.default !== undefined ? { tagName: 'default', text: defaultText(member.default) } : undefined,
    sinceTag(member.since),
    deprecatedTag(member.deprecated, member.features),
  ]);
}

/** A JSON value as a TypeScript literal, on one line when short. */
function literal(value: unknown): string {
  return valueText(value, 80);
}

function fenced(lang: string, code: string): string {
  const fence = fenceFor(code);
  return `\n${fence}${lang}\n${code}\n${fence}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first request of the first example that has one, with the server message after it. */
function firstExchange(examples: readonly Example[]): { request: ExampleMessage; reply?: ExampleMessage } | undefined {
  for (const ex of examples) {
    const i = ex.messages.findIndex((m) => m.direction === 'client' && m.role === 'request');
    if (i < 0) continue;
    const reply = ex.messages.slice(i + 1).find((m) => m.direction === 'server' && (m.role === 'reply' || m.role === 'error'));
    return reply ? { request: ex.messages[i]!, reply } : { request: ex.messages[i]! };
  }
  return undefined;
}

/**
 * `@example` for a command: the documented exchange as a call of the generated method when
 * the request could be read, else the transcript as written.
 */
export function commandExample(command: Command, method: string, takesArgs: boolean): Tag | undefined {
  const exchange = firstExchange(command.examples);
  if (!exchange) return undefined;
  const { request, reply } = exchange;
  const value = request.value;
  const readable =
    !request.elided &&
    isPlainObject(value) &&
    value.execute === command.name &&
    (value.arguments === undefined || isPlainObject(value.arguments)) &&
    (reply === undefined || (!reply.elided && isPlainObject(reply.value)));
  if (readable) {
    const args = value.arguments as Record<string, unknown> | undefined;
    const hasArgs = args !== undefined && Object.keys(args).length > 0;
    const call = `await qmp.${method}(${hasArgs || (takesArgs && args) ? literal(args) : ''})`;
    const lines = [];
    const ret = reply && isPlainObject(reply.value) ? reply.value : undefined;
    if (ret && 'return' in ret && !(isPlainObject(ret.return) && Object.keys(ret.return).length === 0)) {
      lines.push(`const result = ${call};`, ...`// result: ${literal(ret.return)}`.split('\n').map((l, i) => (i ? `// ${l}` : l)));
    } else if (ret && isPlainObject(ret.error)) {
      lines.push(`${call}; // rejects with QmpError (${String(ret.error.class)})`);
    } else {
      lines.push(`${call};`);
    }
    return { tagName: 'example', text: fenced('ts', lines.join('\n')) };
  }
  const transcript = [`-> ${request.raw.trim()}`, ...(reply ? [`<- ${reply.raw.trim()}`] : [])].join('\n');
  return { tagName: 'example', text: fenced('text', transcript) };
}

/** `@example` for an event: the first documented event message. */
export function eventExample(event: Event): Tag | undefined {
  for (const ex of event.examples) {
    const m = ex.messages.find((msg) => msg.role === 'event');
    if (!m) continue;
    const text = !m.elided && m.value !== undefined ? JSON.stringify(m.value, null, 2) : m.raw.trim();
    return { tagName: 'example', text: fenced('json', text) };
  }
  return undefined;
}

/** JSDoc of a client method. `argsType`: the arguments interface, when the method takes one. */
export function commandDocs(command: Command, method: string, argsType?: string, removed: readonly RemovedItem[] = []): Docs {
  return jsdoc(withRemoved(summaryAndDescription(command.summary, command.description), removed), [
    argsType ? { tagName: 'param', text: `args - The arguments of \`${command.name}\` ({@link ${argsType}}).` } : undefined,
    { tagName: 'param', text: 'options - Per-call `timeout` (ms) and abort `signal`.' },
    remarksTag(command.notes),
    sinceTag(command.since),
    deprecatedTag(undefined, command.features),
    commandExample(command, method, argsType !== undefined),
  ]);
}

export function eventDocs(event: Event, removed: readonly RemovedItem[] = []): Docs {
  return jsdoc(withRemoved(summaryAndDescription(event.summary, event.description), removed), [
    remarksTag(event.notes),
    sinceTag(event.since),
    deprecatedTag(undefined, event.features),
    eventExample(event),
  ]);
}

/** Short docs for a map entry: the summary and the QMP name. */
export function summaryDocs(summary: string, since?: string, features?: Feature[]): Docs {
  return jsdoc(summary, [sinceTag(since), deprecatedTag(undefined, features)]);
}
