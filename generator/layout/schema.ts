/**
 * Where each schema goes, and what it is called. Shared by the emitter and by the example
 * validation stage (which finds the emitted files again from the model).
 *
 * Paths, relative to the output folder:
 *   schema/commands/<name>.request.json    the `execute` message of one command
 *   schema/commands/<name>.response.json   its success reply
 *   schema/events/<NAME>.json              one event message
 *   schema/qmp.schema.json                 the bundle: every message, for validators
 * `<name>` is the wire name when it is a valid QMP name, else percent-encoded
 * (see filenames.ts).
 *
 * `$id`s: `https://qmp-codegen.invalid/<package name, URI-encoded>/<path>`. The `.invalid`
 * TLD (RFC 2606) can never resolve, so nothing is ever fetched; the package name keeps the
 * ids of two generated packages (e.g. for two QEMU versions) apart when both are loaded into
 * one validator. Every schema is self-contained: named types are copied into its own
 * `$defs`, and no `$ref` leaves the file.
 */
import type { Model } from '../model/types.js';
import { assignStems } from './filenames.js';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const SCHEMA_DIR = 'schema';
export const BUNDLE_PATH = `${SCHEMA_DIR}/qmp.schema.json`;

export function schemaId(packageName: string, path: string): string {
  return `https://qmp-codegen.invalid/${encodeURIComponent(packageName)}/${path}`;
}

export interface SchemaLayout {
  request: Map<string, string>;
  response: Map<string, string>;
  event: Map<string, string>;
  /** Names whose file name got a `~N` suffix (case-insensitive clash), for reporting. */
  collisions: { kind: 'command' | 'event'; name: string; stem: string; clashesWith: string }[];
}

/** Paths for every command and event of the model (duplicate names share one entry). */
export function schemaLayout(model: Pick<Model, 'commands' | 'events'>): SchemaLayout {
  const commands = assignStems(model.commands.map((c) => c.name));
  const events = assignStems(model.events.map((e) => e.name));
  const layout: SchemaLayout = { request: new Map(), response: new Map(), event: new Map(), collisions: [] };
  for (const [name, stem] of commands.stems) {
    layout.request.set(name, `${SCHEMA_DIR}/commands/${stem}.request.json`);
    layout.response.set(name, `${SCHEMA_DIR}/commands/${stem}.response.json`);
  }
  for (const [name, stem] of events.stems) layout.event.set(name, `${SCHEMA_DIR}/events/${stem}.json`);
  layout.collisions.push(
    ...commands.collisions.map((c) => ({ kind: 'command' as const, ...c })),
    ...events.collisions.map((c) => ({ kind: 'event' as const, ...c })),
  );
  return layout;
}

/** `$defs` keys of the bundle for each message (named types use their own name as key). */
export const BUNDLE_KEYS = {
  request: (name: string) => `request:${name}`,
  response: (name: string) => `response:${name}`,
  event: (name: string) => `event:${name}`,
  anyRequest: 'qmp:request',
  anySuccess: 'qmp:success',
  anyEvent: 'qmp:event',
  error: 'qmp:error',
  greeting: 'qmp:greeting',
} as const;
