/**
 * Where the Markdown pages live and how they link to each other and to the other outputs.
 *
 * Layout — a page per command, per event and per named type:
 *
 *   docs/index.md              every command (by section), event and type, one row each
 *   docs/commands/<name>.md    one command
 *   docs/events/<NAME>.md      one event
 *   docs/types/<Name>.md       one named type
 *
 * Why pages rather than one page per section: a page per item gives every command a stable
 * deep link (`docs/commands/query-status.md`) that survives unrelated edits (an anchor on a
 * shared page is renumbered by GitHub when a heading with the same text appears above it),
 * keeps the diff of a regeneration as small as the change in the docs, and keeps pages short
 * (QEMU 2.8's commands on one page would be some 6,000 lines / 250 KB). Nested structures
 * stay on their item's page, reached through heading anchors.
 *
 * File names are the schema emitter's stems (generator/layout/filenames.ts, shared by every emitter): a valid QMP
 * name is its own stem, anything else is percent-encoded, and case-only clashes get `~2`. So
 * `docs/commands/X.md` and `schema/commands/X.request.json` always share X, and a name like
 * `../../x` or `__proto__` can neither leave docs/ nor collide.
 */
import path from 'node:path';

export { DOCS_DIR, INDEX_PAGE, type PageKind, pagePath } from '../../layout/pages.js';

/**
 * The links made from the pages of one folder (`folder`, with its trailing slash): pages are
 * made folder by folder, and their links go to a few hundred files, most of them many times.
 */
let linksFrom: { folder: string; links: Map<string, string> } = { folder: '', links: new Map() };

/** A relative URL from the page at `from` to the output file at `to` (both output-relative). */
export function relativeLink(from: string, to: string): string {
  // a link depends on the page's folder only (its name must be plain, as relativePath wants)
  const slash = from.lastIndexOf('/');
  const name = from.slice(slash + 1);
  if (name === '' || name === '.' || name === '..') return computeLink(from, to);
  const folder = from.slice(0, slash + 1);
  if (linksFrom.folder !== folder) linksFrom = { folder, links: new Map() };
  let link = linksFrom.links.get(to);
  if (link === undefined) linksFrom.links.set(to, (link = computeLink(from, to)));
  return link;
}

function computeLink(from: string, to: string): string {
  const rel = relativePath(from, to) ?? path.posix.relative(path.posix.dirname(from), to);
  return /[^\w./~-]/.test(rel) ? rel.split('/').map(encodeURIComponent).join('/') : rel;
}

/** Segments of a plain relative path (none empty, `.` or `..`), or undefined. */
function segments(p: string): string[] | undefined {
  const parts = p.split('/');
  for (const s of parts) if (s === '' || s === '.' || s === '..') return undefined;
  return parts;
}

/**
 * `path.posix.relative(dirname(from), to)` for plain relative paths (what the pages link),
 * without resolving both against the working folder: up out of what the folders do not
 * share, then down. Undefined for other paths.
 */
function relativePath(from: string, to: string): string | undefined {
  const source = segments(from);
  const target = segments(to);
  if (!source || !target) return undefined;
  source.pop(); // the page's folder
  let common = 0;
  while (common < source.length && common < target.length && source[common] === target[common]) common++;
  const up = source.length - common;
  const down = target.slice(common);
  if (up === 0) return down.join('/');
  return `${'../'.repeat(up)}${down.join('/')}`.replace(/\/$/, '');
}
