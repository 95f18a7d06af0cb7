/** Heading slugs are shared with the history emitter: see generator/emit/shared/slug.ts. */
export * from '../shared/slug.js';
