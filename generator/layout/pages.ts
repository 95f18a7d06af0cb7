/**
 * Where the Markdown pages are (the rationale for a page per item: emit/markdown/paths.ts).
 * Here, in the shared layout, so that any output may link to a page without importing the
 * Markdown emitter. `stem` is the item's file stem (filenames.ts), the same as its schema's.
 */
export const DOCS_DIR = 'docs';
export const INDEX_PAGE = `${DOCS_DIR}/index.md`;

export type PageKind = 'commands' | 'events' | 'types';

export function pagePath(kind: PageKind, stem: string): string {
  return `${DOCS_DIR}/${kind}/${stem}.md`;
}
