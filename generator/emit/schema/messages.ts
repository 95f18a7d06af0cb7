/**
 * QMP messages → schema bodies: the request (`execute`) and success reply (`return`) of each
 * command, each event, and the protocol's fixed messages (greeting, error reply).
 *
 * Direction decides openness. What the client sends is closed: the message envelopes and
 * `arguments` have `additionalProperties: false` (QEMU rejects unknown arguments) unless the
 * model marks an object open. What the server sends (return values, event data) is open
 * below the envelope: the QMP specification lets servers add members to those objects and
 * asks clients to ignore the ones they do not know, so a strict schema would reject real,
 * valid replies. Envelopes themselves are always closed.
 */
import { removedSentence } from '../../model/removed.js';
import type { Command, Event, ObjectType, RemovedItem, TypeRef } from '../../model/types.js';
import { type SchemaObject, type TypeContext, objectSchema, typeSchema } from './types.js';

const REQUEST_ID: SchemaObject = {
  description: 'Any JSON value chosen by the client; the server copies it into the reply to this request.',
};
const REPLY_ID: SchemaObject = {
  description: 'The `id` of the request this replies to, present when the request had one.',
};

const TIMESTAMP: SchemaObject = {
  description: 'When the server emitted the event: seconds and microseconds since the Unix epoch (both -1 if the host clock could not be read).',
  type: 'object',
  properties: { seconds: { type: 'integer' }, microseconds: { type: 'integer' } },
  required: ['seconds', 'microseconds'],
  additionalProperties: false,
};

/** The docs' text for a command or event: description, else the summary. */
function docText(item: Command | Event): string {
  return item.description.trim() || item.summary.trim();
}

function isDeprecated(item: Command | Event): boolean {
  return (item.features ?? []).some((f) => f.name === 'deprecated');
}

function header(title: string, item: Command | Event, removed: readonly RemovedItem[]): SchemaObject {
  const out: SchemaObject = { title };
  const description = docText(item);
  if (description) out.description = description;
  const comments: string[] = [];
  if (item.since) comments.push(`Since ${item.since}.`);
  if (item.heading !== undefined && item.heading !== item.name) {
    comments.push(`Documented under the heading ${JSON.stringify(item.heading)}.`);
  }
  const gone = removedSentence(removed);
  if (gone) comments.push(gone);
  if (comments.length > 0) out.$comment = comments.join(' ');
  if (isDeprecated(item)) out.deprecated = true;
  return out;
}

/** Make every inline object of a server-sent type open (see the module comment). */
export function openInline(t: TypeRef): TypeRef {
  switch (t.kind) {
    case 'object':
      return { ...t, open: true, members: t.members.map((m) => ({ ...m, type: openInline(m.type) })) };
    case 'array':
      return { ...t, items: openInline(t.items) };
    case 'alternate':
      return { ...t, of: t.of.map(openInline) };
    default:
      return t;
  }
}

/** `{ "execute": name, "arguments"?: {...}, "id"?: any }` */
export function requestSchema(cmd: Command, cx: TypeContext): SchemaObject {
  const args = objectSchema(cmd.arguments, cx);
  const hasRequired = cmd.arguments.members.some((m) => !m.optional);
  let note: string;
  if (!cmd.argumentsStated) {
    note = 'The documentation has no Arguments section; the command is taken to have no arguments. The object may be omitted or empty.';
  } else if (cmd.arguments.members.length === 0 && !cmd.arguments.open) {
    note = 'The command takes no arguments; the object may be omitted or empty.';
  } else if (!hasRequired) {
    note = `Arguments of ${cmd.name}; all are optional, so the object may be omitted.`;
  } else {
    note = `Arguments of ${cmd.name}.`;
  }
  return {
    ...header(`${cmd.name} request`, cmd, cx.removed.partsOf('command', cmd.name)),
    type: 'object',
    properties: {
      execute: { const: cmd.name },
      arguments: { description: note, ...args },
      id: REQUEST_ID,
    },
    required: hasRequired ? ['execute', 'arguments'] : ['execute'],
    additionalProperties: false,
  };
}

/** `{ "return": ..., "id"?: any }` */
export function responseSchema(cmd: Command, cx: TypeContext): SchemaObject {
  const ret: SchemaObject = cmd.returns
    ? typeSchema(openInline(cmd.returns), cx, cmd.position)
    : {
        description: 'The command returns no data: the server replies with an empty object.',
        type: 'object',
        additionalProperties: false,
      };
  const out: SchemaObject = { title: `${cmd.name} response`, description: `The success reply to ${cmd.name}.` };
  if (isDeprecated(cmd)) out.deprecated = true;
  return {
    ...out,
    type: 'object',
    properties: { return: ret, id: REPLY_ID },
    required: ['return'],
    additionalProperties: false,
  };
}

/** `{ "event": NAME, "data"?: {...}, "timestamp": {seconds, microseconds} }` */
export function eventSchema(ev: Event, cx: TypeContext): SchemaObject {
  const withData = ev.data !== undefined && (ev.data.members.length > 0 || ev.data.open);
  const data: SchemaObject = withData
    ? { description: `Data of ${ev.name}.`, ...objectSchema(openInline(ev.data as ObjectType) as ObjectType, cx) }
    : {
        description: 'The event carries no data: QEMU omits `data` (an empty object is accepted too).',
        type: 'object',
        additionalProperties: false,
      };
  const hasMembers = ev.data !== undefined && ev.data.members.length > 0;
  return {
    ...header(`${ev.name} event`, ev, cx.removed.partsOf('event', ev.name)),
    type: 'object',
    properties: { event: { const: ev.name }, data, timestamp: TIMESTAMP },
    required: hasMembers ? ['event', 'data', 'timestamp'] : ['event', 'timestamp'],
    additionalProperties: false,
  };
}

/** The server's first message: `{"QMP": {"version": {...}, "capabilities": [...]}}`. */
export const GREETING: SchemaObject = {
  title: 'QMP greeting',
  description: 'The first message the server sends on a new connection: its version and the capabilities it offers.',
  type: 'object',
  properties: {
    QMP: {
      type: 'object',
      properties: {
        version: {
          type: 'object',
          properties: {
            qemu: {
              type: 'object',
              properties: { major: { type: 'integer' }, minor: { type: 'integer' }, micro: { type: 'integer' } },
              required: ['major', 'minor', 'micro'],
              additionalProperties: false,
            },
            package: { description: 'Downstream package version; often empty.', type: 'string' },
          },
          required: ['qemu', 'package'],
          additionalProperties: false,
        },
        capabilities: { type: 'array', items: { type: 'string' } },
      },
      required: ['version', 'capabilities'],
      additionalProperties: false,
    },
  },
  required: ['QMP'],
  additionalProperties: false,
};

/** An error reply: `{"error": {"class", "desc", "data"?}, "id"?}` (`data` only in QEMU before 1.2). */
export const ERROR_REPLY: SchemaObject = {
  title: 'QMP error reply',
  description: 'The reply to a command that failed.',
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        class: { description: 'The error class, e.g. GenericError.', type: 'string' },
        desc: { description: 'A human-readable description; not meant to be parsed.', type: 'string' },
        data: { description: 'Error details; sent by QEMU before 1.2 only.', type: 'object' },
      },
      required: ['class', 'desc'],
      additionalProperties: false,
    },
    id: REPLY_ID,
  },
  required: ['error'],
  additionalProperties: false,
};

/** Any success reply, whatever the command (use `response:<name>` to check one command's). */
export const SUCCESS_REPLY: SchemaObject = {
  title: 'QMP success reply',
  description: 'The success reply to any command. A reply does not name its command: to check the returned value, match the reply to its request by `id` and use that command\'s response schema.',
  type: 'object',
  properties: { return: {}, id: REPLY_ID },
  required: ['return'],
  additionalProperties: false,
};
