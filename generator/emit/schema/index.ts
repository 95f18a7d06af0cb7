/**
 * JSON Schema (draft 2020-12) emitter: one schema per command request, command response and
 * event, plus a bundle of them all (layout and ids: layout.ts; message shapes: messages.ts;
 * types: types.ts).
 *
 * The docs' examples are not checked here, and this emitter does not know the validate stage:
 * generator/validate/ checks them against the emitted files, reports failures, and adds the ones that pass to the
 * per-message schemas as `examples` (`addExamples` below); the bundle gets none (it is for
 * validators, and stays lean). Output is `JSON.stringify(schema, null, 2)` plus a newline,
 * keys in a fixed order, properties in the docs' order, files sorted by the pipeline.
 */
import { type RemovedIndex, removedIndex, removedRange } from '../../model/removed.js';
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Command, Event, Model, NamedType, SourcePosition } from '../../model/types.js';
import type { EmitContext, Emitter, OutputFile } from '../types.js';
import { jsonFile } from '../json-file.js';
import { BUNDLE_KEYS, BUNDLE_PATH, SCHEMA_DIALECT, type SchemaLayout, schemaId, schemaLayout } from '../../layout/schema.js';
import { ERROR_REPLY, GREETING, SUCCESS_REPLY, eventSchema, requestSchema, responseSchema } from './messages.js';
import { type BuiltDef, type SchemaObject, type TypeContext, collectDefs, defineKey, defsPointer } from './types.js';

export { BUNDLE_PATH, SCHEMA_DIALECT, schemaId, schemaLayout } from '../../layout/schema.js';

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Items sorted by name, the first of each name kept; later duplicates are reported. */
function unique<T extends { name: string; position: SourcePosition }>(
  items: readonly T[],
  what: string,
  reporter: Reporter,
): T[] {
  const seen = new Map<string, T>();
  for (const item of [...items].sort(byName)) {
    const first = seen.get(item.name);
    if (first) {
      reporter.report(
        'name-collision',
        `${what} ${JSON.stringify(item.name)} is documented twice (first at line ${first.position.line}); the first is used for the schemas`,
        item.position,
      );
    } else seen.set(item.name, item);
  }
  return [...seen.values()];
}

/** A type context whose unresolved references are reported once per name and position. */
function contextFactory(types: ReadonlyMap<string, NamedType>, reporter: Reporter, removed: RemovedIndex): () => TypeContext {
  const reported = new Set<string>();
  const defs = new Map<string, BuiltDef>();
  return () => ({
    types,
    removed,
    defs,
    used: new Set<string>(),
    unresolved: (name, position) => {
      const key = `${name}\0${position ? `${position.file}:${position.line}:${position.column}` : ''}`;
      if (reported.has(key)) return;
      reported.add(key);
      reporter.report(
        'schema-unresolved-type',
        `Type ${JSON.stringify(name)} is not defined; the schema accepts any value here`,
        position,
      );
    },
  });
}

export interface BuiltSchemas {
  layout: SchemaLayout;
  /** Per-message schema bodies (no `$schema`/`$id`/`$defs`), by path. */
  bodies: Map<string, { body: SchemaObject; defs: SchemaObject | undefined }>;
  bundle: SchemaObject;
}

/** Wrap a body into a standalone schema document. */
function document(path: string, packageName: string, body: SchemaObject, defs: SchemaObject | undefined): SchemaObject {
  const out: SchemaObject = { $schema: SCHEMA_DIALECT, $id: schemaId(packageName, path), ...body };
  if (defs) out.$defs = defs;
  return out;
}

/** `schema` with `examples` set (before `$defs`, so the file reads top-down), or as is when none. */
export function addExamples(schema: SchemaObject, examples: readonly unknown[] | undefined): SchemaObject {
  if (!examples || examples.length === 0) return schema;
  const { $defs, examples: _old, ...rest } = schema;
  const out: SchemaObject = { ...rest, examples: [...examples] };
  if ($defs !== undefined) out.$defs = $defs;
  return out;
}

/** Build every schema as objects (no examples yet). */
export function buildSchemas(model: Model, ctx: EmitContext): BuiltSchemas & { commands: Command[]; events: Event[] } {
  const commands = unique(model.commands, 'Command', ctx.reporter);
  const events = unique(model.events, 'Event', ctx.reporter);
  const types = new Map<string, NamedType>();
  for (const t of [...model.types].sort(byName)) if (!types.has(t.name)) types.set(t.name, t);
  const removed = removedIndex(model);
  const newContext = contextFactory(types, ctx.reporter, removed);

  const layout = schemaLayout({ commands, events });
  for (const c of layout.collisions) {
    const item = (c.kind === 'command' ? commands : events).find((i) => i.name === c.name);
    ctx.reporter.report(
      'name-collision',
      `${c.kind} ${JSON.stringify(c.name)} differs from ${JSON.stringify(c.clashesWith)} only in letter case; its schema file is named ${JSON.stringify(c.stem)}`,
      item?.position,
    );
  }

  const bodies: BuiltSchemas['bodies'] = new Map();
  const perFile = (path: string, build: (cx: TypeContext) => SchemaObject) => {
    const cx = newContext();
    const body = build(cx);
    bodies.set(path, { body, defs: collectDefs(cx) });
    return body;
  };

  const bundleDefs: SchemaObject = {};
  const requestNames: string[] = [];
  for (const cmd of commands) {
    const req = perFile(layout.request.get(cmd.name)!, (cx) => requestSchema(cmd, cx));
    const res = perFile(layout.response.get(cmd.name)!, (cx) => responseSchema(cmd, cx));
    defineKey(bundleDefs, BUNDLE_KEYS.request(cmd.name), req);
    defineKey(bundleDefs, BUNDLE_KEYS.response(cmd.name), res);
    requestNames.push(cmd.name);
  }
  const eventNames: string[] = [];
  for (const ev of events) {
    defineKey(bundleDefs, BUNDLE_KEYS.event(ev.name), perFile(layout.event.get(ev.name)!, (cx) => eventSchema(ev, cx)));
    eventNames.push(ev.name);
  }

  const dispatch = (key: 'execute' | 'event', names: string[], defKey: (n: string) => string): SchemaObject => {
    const out: SchemaObject = {
      type: 'object',
      properties: Object.fromEntries([[key, names.length > 0 ? { enum: names } : { not: {} }]]),
      required: [key],
    };
    if (names.length > 0) {
      out.allOf = names.map((n) => ({
        if: { properties: Object.fromEntries([[key, { const: n }]]) },
        then: { $ref: defsPointer(defKey(n)) },
      }));
    }
    return out;
  };
  defineKey(bundleDefs, BUNDLE_KEYS.anyRequest, {
    title: 'Any QMP request',
    description: 'A command request: the schema of the command named by `execute` applies.',
    ...dispatch('execute', requestNames, BUNDLE_KEYS.request),
  });
  defineKey(bundleDefs, BUNDLE_KEYS.anySuccess, SUCCESS_REPLY);
  defineKey(bundleDefs, BUNDLE_KEYS.error, ERROR_REPLY);
  defineKey(bundleDefs, BUNDLE_KEYS.anyEvent, {
    title: 'Any QMP event',
    description: 'An event: the schema of the event named by `event` applies.',
    ...dispatch('event', eventNames, BUNDLE_KEYS.event),
  });
  defineKey(bundleDefs, BUNDLE_KEYS.greeting, GREETING);
  // named types: all of them, shared by every message above (same `#/$defs/<Name>` pointers)
  const cx = newContext();
  for (const name of types.keys()) cx.used.add(name);
  for (const [name, schema] of Object.entries(collectDefs(cx) ?? {})) defineKey(bundleDefs, name, schema);

  const kinds: [string, string][] = [
    ['QMP', BUNDLE_KEYS.greeting],
    ['execute', BUNDLE_KEYS.anyRequest],
    ['return', BUNDLE_KEYS.anySuccess],
    ['error', BUNDLE_KEYS.error],
    ['event', BUNDLE_KEYS.anyEvent],
  ];
  const sources = model.sources.map((s) => `${s.path.split(/[\\/]/).pop()} (sha256 ${s.sha256})`);
  const bundle: SchemaObject = {
    $schema: SCHEMA_DIALECT,
    $id: schemaId(ctx.packageName, BUNDLE_PATH),
    title: 'QMP messages',
    description:
      'Any message of the QEMU Machine Protocol as documented: the greeting, a command request, a success or error reply, or an event. ' +
      'The member that identifies the kind of message (QMP, execute, return, error, event) selects the schema that applies. ' +
      'A success reply does not name its command; to check its value, use `#/$defs/response:<command>`.',
    $comment: [
      `Generated by qmp-codegen ${ctx.generatorVersion}${sources.length > 0 ? ` from ${sources.join(', ')}` : ''}.`,
      ...removedMessages(removed),
    ].join(' '),
    type: 'object',
    oneOf: kinds.map(([member]) => ({ properties: Object.fromEntries([[member, true]]), required: [member] })),
    allOf: kinds.map(([member, def]) => ({
      if: { properties: Object.fromEntries([[member, true]]), required: [member] },
      then: { $ref: defsPointer(def) },
    })),
    $defs: bundleDefs,
  };
  return { layout, bodies, bundle, commands, events };
}

/** History runs: the commands and events of older releases this bundle rejects, with their releases. */
function removedMessages({ whole }: RemovedIndex): string[] {
  return (['command', 'event'] as const).flatMap((category) => {
    const gone = whole.filter((r) => r.category === category);
    if (gone.length === 0) return [];
    return [`Older QEMU releases also had the ${category}${gone.length === 1 ? '' : 's'} ${gone.map((r) => `${r.name} (${removedRange(r)})`).join(', ')}.`];
  });
}

export function toFile(path: string, schema: SchemaObject): OutputFile {
  return jsonFile(path, schema);
}

export const emitSchemas: Emitter = (model, ctx) => {
  const built = buildSchemas(model, ctx);
  const files: OutputFile[] = [];
  for (const [path, { body, defs }] of built.bodies) files.push(toFile(path, document(path, ctx.packageName, body, defs)));
  files.push(toFile(BUNDLE_PATH, built.bundle));
  return files;
};
