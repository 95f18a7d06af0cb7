/**
 * The Markdown libraries, loaded on first use. Our own writer (print-markdown.ts) writes every
 * tree the emitters make of the corpus, and the package README template's tree comes parsed in
 * build/prebuilt.json, so a run normally needs neither mdast-util-to-markdown with
 * mdast-util-gfm (the writer's fallback, serialize.ts and package.ts) nor remark-parse with
 * remark-gfm and unified (the README template's parser, package.ts, when build/prebuilt.json
 * lacks its tree): they are only the fallback whenever our code declines. Imported, they were
 * some 450 KB of the bundle every run compiled (micromark with its character references,
 * mdast-util-to-markdown, the GFM extensions).
 *
 * Loaded synchronously (the emitters are synchronous) by `require`: Node ≥ 20.19 requires ES
 * modules. scripts/build.mjs bundles only what is imported, so they stay in node_modules and
 * load from there, each at most once per process, the first time a fallback is taken.
 * test/cli/lazy.test.ts checks that a run does not load them, and that a run taking a
 * fallback does and writes what the library writes.
 */
import { createRequire } from 'node:module';
import type * as Gfm from 'mdast-util-gfm';
import type * as ToMarkdown from 'mdast-util-to-markdown';
import type * as RemarkGfm from 'remark-gfm';
import type * as RemarkParse from 'remark-parse';
import type * as Unified from 'unified';

const load = createRequire(import.meta.url);

let toMarkdown: typeof ToMarkdown | undefined;
let gfm: typeof Gfm | undefined;
let remark: { unified: typeof Unified.unified; remarkParse: typeof RemarkParse.default; remarkGfm: typeof RemarkGfm.default } | undefined;

/** mdast-util-to-markdown (`toMarkdown`, `defaultHandlers`). */
export function toMarkdownLibrary(): typeof ToMarkdown {
  return (toMarkdown ??= load('mdast-util-to-markdown') as typeof ToMarkdown);
}

/** mdast-util-gfm (`gfmToMarkdown`). */
export function gfmLibrary(): typeof Gfm {
  return (gfm ??= load('mdast-util-gfm') as typeof Gfm);
}

/** unified with remark-parse and remark-gfm: a Markdown parser. */
export function remarkLibrary(): NonNullable<typeof remark> {
  return (remark ??= {
    unified: (load('unified') as typeof Unified).unified,
    remarkParse: (load('remark-parse') as typeof RemarkParse).default,
    remarkGfm: (load('remark-gfm') as typeof RemarkGfm).default,
  });
}
