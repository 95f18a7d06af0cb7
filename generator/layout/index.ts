/**
 * The shared map of where every output puts every item, computed from the model (and, for the
 * TypeScript names, the runtime's own exported names, read from templates/runtime):
 *
 *   filenames.ts   QMP name → file stem (safe, injective, case clashes suffixed), for every folder
 *   schema.ts      schema/commands/<stem>.{request,response}.json, schema/events/<stem>.json,
 *                  the bundle and its $defs keys, $ids
 *   pages.ts       docs/index.md, docs/{commands,events,types}/<stem>.md
 *   typescript.ts  the TypeScript naming plan: client method per command, type name per
 *                  arguments/result/event data/named type, the class and map names
 *   runtime.ts     what the shipped runtime declares (names the plan must not take)
 *
 * Emitters import this (and emit/types.ts, emit/mdast.ts), never each other; validate/
 * imports it to find the emitted schemas again.
 */
export * from './filenames.js';
export * from './pages.js';
export * from './runtime.js';
export * from './schema.js';
export * from './typescript.js';
