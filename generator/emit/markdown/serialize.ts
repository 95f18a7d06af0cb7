/** The serialiser is shared with the history emitter: see generator/emit/shared/serialize.ts. */
export * from '../shared/serialize.js';
