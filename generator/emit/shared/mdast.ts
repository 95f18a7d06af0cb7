/**
 * Small mdast builders. Doc text only ever enters the tree as `text` and `inlineCode` values
 * (and code block values); mdast-util-to-markdown escapes whatever Markdown syntax they
 * contain, so documentation text can never become HTML, a heading, a list, emphasis or a
 * `[link](...)`.
 *
 * One thing escaping cannot stop: GFM turns bare URLs and e-mail addresses in text into links
 * *after* parsing (cmark-gfm and micromark both work on the decoded text, so `https\://x`
 * still links). Doc text therefore goes through `inlineText`, which sets every such token in
 * code (`https://...`): shown verbatim, never clickable.
 */
import type {
  BlockContent,
  Code,
  Heading,
  InlineCode,
  Link,
  List,
  Paragraph,
  PhrasingContent,
  Strong,
  Emphasis,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';

declare module 'mdast' {
  interface HeadingData {
    /** This emitter's key for a heading that links point at (see serialize.ts `resolveAnchors`). */
    anchorKey?: string;
  }
  interface LinkData {
    /** The `anchorKey` of the heading on the same page this link points at. */
    anchorTarget?: string;
  }
}

export const text = (value: string): Text => ({ type: 'text', value });
export const code = (value: string): InlineCode => ({ type: 'inlineCode', value });
export const strong = (...children: PhrasingContent[]): Strong => ({ type: 'strong', children });
export const emphasis = (...children: PhrasingContent[]): Emphasis => ({ type: 'emphasis', children });
export const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
export const link = (url: string, ...children: PhrasingContent[]): Link => ({ type: 'link', url, children });

/** A heading whose anchor is resolved once the page is complete (see `resolveAnchors`). */
export function heading(depth: 1 | 2 | 3 | 4, key: string | undefined, ...children: PhrasingContent[]): Heading {
  return key === undefined ? { type: 'heading', depth, children } : { type: 'heading', depth, children, data: { anchorKey: key } };
}

/** A link to a heading of the same page by its key; `resolveAnchors` fills in the slug. */
export function anchorLink(key: string, ...children: PhrasingContent[]): Link {
  return { type: 'link', url: '#', children, data: { anchorTarget: key } };
}

/** A bullet list; loose (blank lines between items) as soon as one item has several blocks. */
export function bulletList(items: BlockContent[][]): List {
  const spread = items.some((children) => children.length > 1);
  return {
    type: 'list',
    ordered: false,
    spread,
    children: items.map((children) => ({ type: 'listItem', spread, children })),
  };
}

/** A fenced code block; mdast-util-to-markdown picks a fence longer than any run inside. */
export function codeBlock(value: string, lang: string): Code {
  return { type: 'code', lang, meta: null, value };
}

export function table(header: readonly string[], rows: readonly PhrasingContent[][][]): Table {
  const row = (cells: readonly PhrasingContent[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((children): TableCell => ({ type: 'tableCell', children })),
  });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [row(header.map((h) => [text(h)])), ...rows.map(row)],
  };
}

/** Collapse all whitespace (newlines included) to single spaces: for table cells and titles. */
export function oneLine(value: string): string {
  // most values are one line already: no white space but single spaces between words
  return NOT_ONE_LINE.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
}

/** What `oneLine` changes: white space but a space, two spaces, a space at either end. */
const NOT_ONE_LINE = /[^\S ]| {2}|^ | $/;

/**
 * Tokens GFM would turn into links: `http://`, `https://`, `www.`, `mailto:`, `xmpp:`, and
 * `local@domain.tld`. Deliberately broader than GFM's exact rules (case-insensitive, anywhere
 * in a token): a false positive only costs code formatting.
 */
const LINKISH = /(?:https?:\/\/|www\.|mailto:|xmpp:|[\w.+-]@[\w-]+\.[\w-])/i;

/** Doc text as phrasing content: plain text, with link-like tokens set in code. */
export function inlineText(value: string): PhrasingContent[] {
  // no token is link-like when the whole text has no match (LINKISH never spans white space)
  if (!LINKISH.test(value)) return value === '' ? [] : [text(value)];
  const out: PhrasingContent[] = [];
  let pending = '';
  for (const part of value.split(/(\s+)/)) {
    if (part !== '' && !/^\s+$/.test(part) && LINKISH.test(part)) {
      if (pending) out.push(text(pending));
      pending = '';
      out.push(code(part));
    } else {
      pending += part;
    }
  }
  if (pending) out.push(text(pending));
  return out;
}

/**
 * Doc prose as paragraphs: blank lines separate paragraphs; within one, each line is trimmed,
 * inner runs of spaces are collapsed (Markdown would collapse them anyway, and prettier would
 * rewrite them) and line breaks are kept as soft breaks, so the page's source follows the docs'
 * lines and diffs stay small.
 */
export function prose(value: string): Paragraph[] {
  return value
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.replace(/[ \t\f\v\r\u00a0]+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((block) => block !== '')
    .map((block) => paragraph(...inlineText(block)));
}
