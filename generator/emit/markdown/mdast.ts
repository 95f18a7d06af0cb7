/** The mdast builders are shared with the history emitter: see generator/emit/shared/mdast.ts. */
export * from '../shared/mdast.js';
