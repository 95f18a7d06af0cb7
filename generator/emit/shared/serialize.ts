/**
 * mdast → Markdown text. Options match what prettier's Markdown printer produces (`-` bullets,
 * `_` emphasis, `**` strong, backtick fences, padded tables) so that the pipeline's single
 * prettier pass changes as little as possible.
 */
import type { InlineCode, Link, Nodes, Parents, Root, Text } from 'mdast';
import type { gfmToMarkdown } from 'mdast-util-gfm';
import type { Handle, Info, State, toMarkdown, Unsafe } from 'mdast-util-to-markdown';
import { gfmLibrary, toMarkdownLibrary } from './markdown-library.js';
import { type MarkdownStyle, printMarkdown } from './print-markdown.js';
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
  pointLinks(links, anchors);
}

/** The text of a node as GitHub slugs it: the values of its text and code descendants. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (!('children' in node)) return '';
  const children = node.children as Nodes[];
  let out = '';
  for (let i = 0; i < children.length; i++) out += plainText(children[i]!);
  return out;
}

/** Made once (on first use: the library is a fallback): to-markdown caches compiled escape patterns on these objects. */
let gfm: ReturnType<typeof gfmToMarkdown> | undefined;
const pageGfm = () => (gfm ??= gfmLibrary().gfmToMarkdown({ tablePipeAlign: true }));

/**
 * Control characters (C0 but tab and newline, DEL, C1), bidi marks, embeddings, overrides and
 * isolates, line/paragraph separators and BOM: Markdown has no escape for them, and raw they
 * drive a terminal that shows the page (`cat`, `less -r`) or reorder what a reader sees.
 */
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** UNSAFE_CHARS as a test. */
const HAS_UNSAFE_CHAR = new RegExp(UNSAFE_CHARS.source);
const showControls = (v: string): string => (HAS_UNSAFE_CHAR.test(v) ? v.replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`) : v);

/**
 * `visibleControls` then `resolveAnchors`, in one walk: a node's values and URL are fixed
 * before its children are walked, a heading is slugged after its children (so from the fixed
 * text; headings hold no headings, so they are still slugged in document order), and links
 * are pointed at their headings once every heading has its slug.
 * test/markdown/serialize-corpus.test.ts holds it to the two on every page of five releases.
 */
export function prepare(root: Root): void {
  const slugger = new Slugger();
  const anchors = new Map<string, string>();
  const links: Link[] = [];
  const walk = (node: Nodes): void => {
    // the node types the pages are made of by their type (one comparison, where `in` on nodes
    // of a dozen shapes is a slow lookup); any other by what it has
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
        if (typeof node.value === 'string') node.value = showControls(node.value);
        return;
      case 'link':
        node.url = showControls(node.url);
        links.push(node);
        break;
      case 'root':
      case 'paragraph':
      case 'heading':
      case 'strong':
      case 'emphasis':
      case 'list':
      case 'listItem':
      case 'table':
      case 'tableRow':
      case 'tableCell':
        break;
      default:
        if ('value' in node) {
          if (typeof node.value === 'string') node.value = showControls(node.value);
        } else if (node.type === 'image') {
          node.url = showControls(node.url);
        }
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = 0; i < children.length; i++) walk(children[i]!);
    }
    if (node.type === 'heading') {
      const slug = slugger.next(plainText(node));
      const key = node.data?.anchorKey;
      if (key !== undefined) anchors.set(key, slug);
    }
  };
  walk(root);
  pointLinks(links, anchors);
}

/** Every unsafe character in text, code and URLs shown as a visible `\u{hex}` escape (before anchors are made). */
export function visibleControls(node: Nodes): void {
  const fix = (v: string) => v.replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
  if ('value' in node && typeof node.value === 'string') node.value = fix(node.value);
  if (node.type === 'link' || node.type === 'image') node.url = fix(node.url);
  if ('children' in node) for (const child of node.children as Nodes[]) visibleControls(child);
}

/**
 * Per escape pattern, a number; per set of patterns, its numbers joined. Each page is
 * serialised with a new list of the same pattern objects, so what is derived from a set below
 * is kept by this key and made once per run, not once per page.
 */
const patternIds = new WeakMap<Unsafe, number>();
let patternCount = 0;
const setKeys = new WeakMap<readonly Unsafe[], string>();

function setKeyOf(unsafe: readonly Unsafe[]): string {
  let key = setKeys.get(unsafe);
  if (key === undefined) {
    key = unsafe
      .map((u) => {
        let id = patternIds.get(u);
        if (id === undefined) patternIds.set(u, (id = patternCount++));
        return id;
      })
      .join(',');
    setKeys.set(unsafe, key);
  }
  return key;
}

/**
 * Per set of escape patterns: a class of every character that can ever need escaping in text.
 * A pattern escapes the character it names, where its context says; a space only next to a line
 * ending, which text without line endings can meet only at its start or end.
 */
const triggers = new Map<string, RegExp>();
function triggersOf(unsafe: readonly Unsafe[]): RegExp {
  const key = setKeyOf(unsafe);
  let re = triggers.get(key);
  if (!re) {
    const chars = new Set(['\\', ...unsafe.map((u) => u.character).filter((c) => c !== ' ')]);
    re = new RegExp(`[${[...chars].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'u');
    triggers.set(key, re);
  }
  return re;
}

/**
 * The text handler, as the library's (`state.safe` over the text, with its neighbours as
 * context), with a shortcut: text with no character any escape pattern names (and no space at
 * either end) comes out of `state.safe` unchanged, so it is returned as is.
 * test/markdown/serialize.test.ts holds the two to the same output.
 */
function fastText(node: Text, parent: Parents | undefined, state: State, info: Info): string {
  const v = node.value;
  if (!v.startsWith(' ') && !v.endsWith(' ') && !triggersOf(state.unsafe).test(v)) return v;
  const siblings = parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1]!;
  return state.safe(v, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
}

/**
 * What the library wants of the text after a node: only its first character. The library has no
 * peek for text and makes the whole text safe to learn it; text whose first character no escape
 * pattern names (nor a space) starts its safe form with that very character (escapes are only
 * ever put where a pattern's character is, and a backslash names one), so the text itself is
 * as good an answer. Other text goes the whole way.
 */
function textPeek(node: Text, parent: Parents | undefined, state: State, info: Info): string {
  const first = node.value.charAt(0);
  if (first !== '' && first !== ' ' && !triggersOf(state.unsafe).test(first)) return node.value;
  return fastText(node, parent, state, info);
}

export const textHandler: Handle = Object.assign(fastText, { peek: textPeek });

/** Whether `pattern` applies inside the constructs of `stack` (as the library decides it). */
function inScope(stack: readonly string[], pattern: Unsafe): boolean {
  const any = (list: Unsafe['inConstruct'], none: boolean): boolean => {
    const items = typeof list === 'string' ? [list] : (list ?? []);
    return items.length === 0 ? none : items.some((c) => stack.includes(c));
  };
  return any(pattern.inConstruct, true) && !any(pattern.notInConstruct, false);
}

/** Per set of patterns and stack of constructs: the searches of `safeWith` (one per regular-expression flavour). */
const checks = new Map<string, Map<string, readonly RegExp[]>>();

function checksFor(state: State): readonly RegExp[] {
  const setKey = setKeyOf(state.unsafe);
  let byStack = checks.get(setKey);
  if (!byStack) checks.set(setKey, (byStack = new Map()));
  const stackKey = state.stack.join(',');
  let found = byStack.get(stackKey);
  if (!found) {
    // every pattern in scope, matching where the library would put its escape: what it wants
    // before and after the character as lookbehind and lookahead (so that a match at an index
    // is an escape at that index). A pattern that also looks at the nodes around the text
    // stands for its character, anywhere.
    const plain: string[] = [];
    const unicode: string[] = [];
    for (const u of state.unsafe) {
      if (!inScope(state.stack, u)) continue;
      const char = `\\u{${u.character.codePointAt(0)!.toString(16)}}`;
      if (u.beforeNode || u.afterNode) {
        unicode.push(char);
        continue;
      }
      const before = `${u.atBreak ? '[\\r\\n][\\t ]*' : ''}${u.before ? `(?:${u.before})` : ''}`;
      const escaped = /[$()*+.?[\\\]^{|}]/.test(u.character) ? `\\${u.character}` : u.character;
      // the character first (a literal, which lets the engine skip to where it occurs), then
      // what must come before it, the character included, as a lookbehind
      const c = u.unicode ? char : escaped;
      (u.unicode ? unicode : plain).push(`${c}${before ? `(?<=${before}${c})` : ''}${u.after ? `(?=${u.after})` : ''}`);
    }
    const either = (alts: string[], flags: string): RegExp[] => (alts.length > 0 ? [new RegExp(alts.map((a) => `(?:${a})`).join('|'), flags)] : []);
    found = [...either(plain, 'g'), ...either(unicode, 'gu')];
    byStack.set(stackKey, found);
  }
  return found;
}

/**
 * `state.safe` (escape what would be read as Markdown), as the library's, with a shortcut. The
 * library escapes a character of the value where an escape pattern in scope matches, with the
 * context before and after the value, and a backslash where one in the value or the context
 * after it would escape what follows. When there is no such backslash and no pattern matches
 * at a character of the value, it returns the value as it is; so does this, after one search
 * per set of patterns instead of one per pattern. Anything else goes to the library.
 * test/markdown/serialize.test.ts and serialize-corpus.test.ts hold the two to the same output.
 */
export function safeWith(library: State['safe']): State['safe'] {
  return function safe(this: State, input, config) {
    const value = input ?? '';
    const before = config.before ?? '';
    const after = config.after ?? '';
    if (value.includes('\\') || after.includes('\\')) return library.call(this, input, config);
    const whole = `${before}${value}${after}`;
    const end = before.length + value.length;
    for (const check of checksFor(this)) {
      check.lastIndex = before.length;
      const match = check.exec(whole);
      if (match !== null && match.index < end) return library.call(this, input, config);
    }
    return value;
  };
}

/** The root handler: the library's, on a state whose `safe` is `safeWith` the library's. */
const rootHandler: Handle = (node: Root, parent, state: State, info) => {
  state.safe = safeWith(state.safe);
  return toMarkdownLibrary().defaultHandlers.root(node, parent, state, info);
};

/** GFM's inline code handler (the library's, with pipes escaped in table cells), found on first use. */
let gfmInlineCodeFound: Handle | undefined;
const gfmInlineCode: Handle = (...args) => {
  if (!gfmInlineCodeFound) {
    const found = pageGfm().extensions?.find((e) => e.handlers?.inlineCode)?.handlers?.inlineCode;
    if (!found) throw new Error('internal: mdast-util-gfm has no inline code handler');
    gfmInlineCodeFound = found as Handle;
  }
  return gfmInlineCodeFound(...args);
};

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

/** The handlers that replace the library's (root, text, inline code), each with the same output. */
export const FAST_HANDLERS = { root: rootHandler, text: textHandler, inlineCode: inlineCodeHandler } as const;

/** The serialiser's options, but the handlers (exported for the tests that compare the two). */
export const MARKDOWN_OPTIONS = {
  get extensions() {
    return [pageGfm()];
  },
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  rule: '-',
  resourceLink: true,
} as const satisfies Parameters<typeof toMarkdown>[1];

/** MARKDOWN_OPTIONS as print-markdown.ts takes them (the rest of them are its fixed style). */
export const PAGE_STYLE: MarkdownStyle = { emphasis: '_', strong: '*', resourceLink: true };

/**
 * A page's tree (controls made visible, anchors resolved) as Markdown: by print-markdown.ts,
 * or, when the tree is outside its subset, by the library (with the shortcuts above); the
 * same bytes either way.
 */
export function serialize(root: Root): string {
  prepare(root);
  return printMarkdown(root, PAGE_STYLE) ?? toMarkdownLibrary().toMarkdown(root, { ...MARKDOWN_OPTIONS, handlers: FAST_HANDLERS });
}

/** Points each link at its heading's slug (links without a target are left as they are). */
function pointLinks(links: readonly Link[], anchors: ReadonlyMap<string, string>): void {
  for (const link of links) {
    const target = link.data?.anchorTarget;
    if (target === undefined) continue;
    const slug = anchors.get(target);
    if (slug === undefined) throw new Error(`internal: markdown link to missing section ${target}`);
    link.url = `#${slug}`;
  }
}
