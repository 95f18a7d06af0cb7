/**
 * mdast → Markdown text. Options match what prettier's Markdown printer produces (`-` bullets,
 * `_` emphasis, `**` strong, backtick fences, padded tables) so that the pipeline's single
 * prettier pass changes as little as possible.
 */
import type { InlineCode, Link, Nodes, Parents, Root, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { type Handle, type Info, type State, toMarkdown, type Unsafe } from 'mdast-util-to-markdown';
import { Slugger } from './slug.js';

/**
 * Give every keyed heading its GitHub anchor (in document order, so repeats number the way
 * GitHub numbers them) and point every anchor link at it. A link to a key with no heading is a
 * bug in this emitter, not in the docs.
 */
export function resolveAnchors(root: Root): void {
  const slugger = new Slugger();
  const anchors = new Map<string, string>();
  const links: Link[] = [];
  // One walk in document order: headings get their slugs, links are collected.
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') {
      const slug = slugger.next(plainText(node));
      const key = node.data?.anchorKey;
      if (key !== undefined) anchors.set(key, slug);
    } else if (node.type === 'link') {
      links.push(node);
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(root);
  for (const link of links) {
    const target = link.data?.anchorTarget;
    if (target === undefined) continue;
    const slug = anchors.get(target);
    if (slug === undefined) throw new Error(`internal: markdown link to missing section ${target}`);
    link.url = `#${slug}`;
  }
}

/** The text of a node as GitHub slugs it: the values of its text and code descendants. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(plainText).join('') : '';
}

/** Made once: to-markdown caches compiled escape patterns on these objects. */
const GFM = gfmToMarkdown({ tablePipeAlign: true });

/**
 * Control characters (C0 but tab and newline, DEL, C1), bidi marks, embeddings, overrides and
 * isolates, line/paragraph separators and BOM: Markdown has no escape for them, and raw they
 * drive a terminal that shows the page (`cat`, `less -r`) or reorder what a reader sees.
 */
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Every unsafe character in text, code and URLs shown as a visible `\u{hex}` escape (before anchors are made). */
export function visibleControls(node: Nodes): void {
  const fix = (v: string) => v.replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
  if ('value' in node && typeof node.value === 'string') node.value = fix(node.value);
  if (node.type === 'link' || node.type === 'image') node.url = fix(node.url);
  if ('children' in node) for (const child of node.children as Nodes[]) visibleControls(child);
}

/**
 * Per set of escape patterns: a class of every character that can ever need escaping in text.
 * A pattern escapes the character it names, where its context says; a space only next to a line
 * ending, which text without line endings can meet only at its start or end.
 */
const triggers = new WeakMap<readonly Unsafe[], RegExp>();
function triggersOf(unsafe: readonly Unsafe[]): RegExp {
  let re = triggers.get(unsafe);
  if (!re) {
    const chars = new Set(['\\', ...unsafe.map((u) => u.character).filter((c) => c !== ' ')]);
    re = new RegExp(`[${[...chars].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'u');
    triggers.set(unsafe, re);
  }
  return re;
}

/**
 * The text handler, as the library's (`state.safe` over the text, with its neighbours as
 * context), in less time: text with no character any escape pattern names (and no space at
 * either end) comes out of `state.safe` unchanged, so it is returned as is; other text is made
 * safe with only the patterns whose character occurs in it or its context. A pattern's
 * expression always contains its character, so the others cannot match: the result is the
 * same. test/markdown/serialize.test.ts holds the two to the same output.
 */
export const textHandler: Handle = (node: Text, parent, state: State, info) => {
  const v = node.value;
  if (!v.startsWith(' ') && !v.endsWith(' ') && !triggersOf(state.unsafe).test(v)) return v;
  const siblings = parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1]!;
  const config = { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] };
  const full = `${config.before ?? ''}${v}${config.after ?? ''}`;
  const all = state.unsafe;
  state.unsafe = all.filter((u) => full.includes(u.character));
  try {
    return state.safe(v, config);
  } finally {
    state.unsafe = all;
  }
};

/** GFM's inline code handler (the library's, with pipes escaped in table cells). */
const gfmInlineCode = (() => {
  const found = GFM.extensions?.find((e) => e.handlers?.inlineCode)?.handlers?.inlineCode;
  if (!found) throw new Error('internal: mdast-util-gfm has no inline code handler');
  return found as Handle;
})();

/**
 * The inline code handler, as GFM's, in less time: code with no grave accent, line ending or
 * pipe, and not both starting and ending with a space, is written between single grave
 * accents, which is what the library writes for it (no longer fence is needed, no padding, no
 * line ending to replace, no pipe to escape); other code goes to the library.
 * test/markdown/serialize.test.ts holds the two to the same output.
 */
export const inlineCodeHandler: Handle = Object.assign(
  (node: InlineCode, parent: Parents | undefined, state: State, info: Info): string => {
    const v = node.value;
    if (!/[`\n\r|]/.test(v) && !(v.startsWith(' ') && v.endsWith(' '))) return `\`${v}\``;
    return gfmInlineCode(node, parent, state, info);
  },
  { peek: () => '`' },
);

/** The handlers that replace the library's (text, inline code), each with the same output. */
export const FAST_HANDLERS = { text: textHandler, inlineCode: inlineCodeHandler } as const;

/** The serialiser's options, but the handlers (exported for the tests that compare the two). */
export const MARKDOWN_OPTIONS = {
  extensions: [GFM],
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  rule: '-',
  resourceLink: true,
} as const satisfies Parameters<typeof toMarkdown>[1];

export function serialize(root: Root): string {
  visibleControls(root);
  resolveAnchors(root);
  return toMarkdown(root, { ...MARKDOWN_OPTIONS, handlers: FAST_HANDLERS });
}
