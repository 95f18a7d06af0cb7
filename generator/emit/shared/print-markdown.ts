/**
 * mdast → Markdown text as mdast-util-to-markdown writes it with GFM tables and the options of
 * serialize.ts (or of the package README), without its machinery: no handler dispatch, no
 * tracker, no peeks that serialise the next node twice, no pattern compiled per call.
 *
 * The subset is what the emitters build: root; headings (ATX, and setext where the library
 * makes them: depth 1-2 with a line ending); paragraphs; unordered lists and their items (any
 * `spread`); GFM tables; fenced code; and in phrasing text, inline code, links (no title,
 * written as resources) and strong and emphasis that hold no other strong or emphasis, are
 * not beside one of their own marker, and open and close where the library's check finds
 * nothing to fix. Anything else (a node type, a construct the library would write another way,
 * attention it would have to rearrange) declines: the caller gets undefined and the library
 * writes the tree, so the output is the library's byte for byte either way.
 * test/markdown/print-markdown.test.ts holds the two equal on cases at the edges and on
 * generated trees; serialize-corpus.test.ts on every page of five releases, every history
 * page of the QAPI corpus and the package README of each release, none of them declined.
 *
 * Text is escaped as the library escapes it (its `safe`): each escape pattern of the
 * constructs in scope is searched for in the text with the characters before and after it,
 * matches consuming what they match; a found character is escaped, unless it is an intraword
 * underscore run or its escape only guards a neighbour that is escaped anyway; a backslash
 * that would escape what follows is doubled. The patterns are those of mdast-util-to-markdown
 * and mdast-util-gfm (held equal to the library's list by the tests); most text has no
 * character any of them names, which one search per construct stack finds out.
 */
import type { Code, Heading, InlineCode, Link, List, ListItem, Nodes, Parents, PhrasingContent, Root, RootContent, Table } from 'mdast';

/** The writer's options: what differs between the pages and the package README. */
export interface MarkdownStyle {
  /** Preferred emphasis marker (the library's `emphasis` option; default `*`). */
  emphasis: '*' | '_';
  /** Preferred strong marker (the library's `strong` option; default `*`). */
  strong: '*' | '_';
  /** Links always as `[text](url)` (the library's `resourceLink`); without it, a link that could be an autolink declines. */
  resourceLink: boolean;
}

/** An escape pattern, with the meaning of mdast-util-to-markdown's `Unsafe`. */
export interface EscapePattern {
  character: string;
  /** A regular expression the text before the character must end with. */
  before?: string;
  /** A regular expression the text after the character must start with. */
  after?: string;
  /** Only at the start of a line (after a line ending and optional spaces or tabs). */
  atBreak?: boolean;
  /** In scope only inside one of these constructs (absent: everywhere). */
  inConstruct?: string | string[];
  /** Out of scope inside any of these. */
  notInConstruct?: string | string[];
}

/** Constructs in which text cannot hold emphasis, links or images. */
const SPANS = ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'];
/** The fenced code info string constructs. */
const LANG = ['codeFencedLangGraveAccent', 'codeFencedLangTilde'];
const INFO = [...LANG, 'codeFencedMetaGraveAccent', 'codeFencedMetaTilde'];

/**
 * Where Markdown reads a character as syntax, as the library (with GFM) lists it: the base
 * list of mdast-util-to-markdown, then the patterns of the GFM extensions (autolink literals,
 * footnotes, strikethrough, tables). test/markdown/print-markdown.test.ts holds this list equal
 * to the serialiser's own.
 */
export const ESCAPE_PATTERNS: readonly EscapePattern[] = [
  // white space at the edges of lines, and line endings where they would end a construct
  { character: '\t', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: '\t', before: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: '\t', inConstruct: LANG },
  { character: '\r', inConstruct: [...INFO, 'destinationLiteral', 'headingAtx'] },
  { character: '\n', inConstruct: [...INFO, 'destinationLiteral', 'headingAtx'] },
  { character: '\r', before: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: '\r', after: '\\r', inConstruct: 'phrasing' },
  { character: '\n', before: '\\n', inConstruct: 'phrasing' },
  { character: '\n', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ' ', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ' ', before: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ' ', inConstruct: LANG },
  // `![` starts an image
  { character: '!', after: '\\[', inConstruct: 'phrasing', notInConstruct: SPANS },
  // quotes end titles
  { character: '"', inConstruct: 'titleQuote' },
  // `#` opens an ATX heading at a line start, and closes one before the line ends
  { atBreak: true, character: '#' },
  { character: '#', inConstruct: 'headingAtx', after: '(?:[\r\n]|$)' },
  // `&` before a name or `#` starts a character reference
  { character: '&', after: '[#A-Za-z]', inConstruct: [...INFO, 'destinationLiteral', 'destinationRaw', 'phrasing', 'titleApostrophe', 'titleQuote'] },
  { character: "'", inConstruct: 'titleApostrophe' },
  // parentheses end a raw destination; `](` makes a link
  { character: '(', inConstruct: 'destinationRaw' },
  { before: '\\]', character: '(', inConstruct: 'phrasing', notInConstruct: SPANS },
  // `1)` and `1.` start ordered list items; `*`, `+`, `-` bullets, breaks, emphasis
  { atBreak: true, before: '\\d+', character: ')' },
  { character: ')', inConstruct: 'destinationRaw' },
  { atBreak: true, character: '*', after: '(?:[ \t\r\n*])' },
  { character: '*', inConstruct: 'phrasing', notInConstruct: SPANS },
  { atBreak: true, character: '+', after: '(?:[ \t\r\n])' },
  { atBreak: true, character: '-', after: '(?:[ \t\r\n-])' },
  { atBreak: true, before: '\\d+', character: '.', after: '(?:[ \t\r\n]|$)' },
  // `<` starts HTML or an autolink; `>` a block quote; `=` a setext underline
  { atBreak: true, character: '<', after: '[!/?A-Za-z]' },
  { character: '<', after: '[!/?A-Za-z]', inConstruct: 'phrasing', notInConstruct: SPANS },
  { character: '<', inConstruct: 'destinationLiteral' },
  { atBreak: true, character: '=' },
  { atBreak: true, character: '>' },
  { character: '>', inConstruct: 'destinationLiteral' },
  // brackets: definitions, links, labels
  { atBreak: true, character: '[' },
  { character: '[', inConstruct: 'phrasing', notInConstruct: SPANS },
  { character: '[', inConstruct: ['label', 'reference'] },
  // a backslash before a line ending is a hard break
  { character: '\\', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ']', inConstruct: ['label', 'reference'] },
  // underscores and grave accents: breaks, emphasis, code
  { atBreak: true, character: '_' },
  { character: '_', inConstruct: 'phrasing', notInConstruct: SPANS },
  { atBreak: true, character: '`' },
  { character: '`', inConstruct: ['codeFencedLangGraveAccent', 'codeFencedMetaGraveAccent'] },
  { character: '`', inConstruct: 'phrasing', notInConstruct: SPANS },
  // `~` fences code
  { atBreak: true, character: '~' },
  // what breaks out of an autolink: brackets, DEL, controls and space
  { character: '<', inConstruct: 'autolink' },
  { character: '>', inConstruct: 'autolink' },
  { character: '\u007F', inConstruct: 'autolink' },
  ...Array.from({ length: 33 }, (_, code): EscapePattern => ({ character: String.fromCharCode(code), inConstruct: 'autolink' })),
  // GFM autolink literals: `a@b`, `www.`, `http://`
  { character: '@', before: '[+\\-.\\w]', after: '[\\-.\\w]', inConstruct: 'phrasing', notInConstruct: ['autolink', 'link', 'image', 'label'] },
  { character: '.', before: '[Ww]', after: '[\\-.\\w]', inConstruct: 'phrasing', notInConstruct: ['autolink', 'link', 'image', 'label'] },
  { character: ':', before: '[ps]', after: '\\/', inConstruct: 'phrasing', notInConstruct: ['autolink', 'link', 'image', 'label'] },
  // GFM footnotes: `[^`
  { character: '[', inConstruct: ['label', 'phrasing', 'reference'] },
  // GFM strikethrough
  { character: '~', inConstruct: 'phrasing', notInConstruct: SPANS },
  // GFM tables: line endings and pipes in cells, and what would start a delimiter row
  { character: '\r', inConstruct: 'tableCell' },
  { character: '\n', inConstruct: 'tableCell' },
  { atBreak: true, character: '|', after: '[\t :-]' },
  { character: '|', inConstruct: 'tableCell' },
  { atBreak: true, character: ':', after: '-' },
  { atBreak: true, character: '-', after: '[:|-]' },
];

/** Thrown to give the tree to the library; never escapes this module. */
class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

// ---------------------------------------------------------------------------------------------
// Characters as CommonMark classifies them around emphasis (the library's `classifyCharacter`
// on a UTF-16 code unit): 1 white space, 2 punctuation or symbol, undefined anything else.

const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}|\p{S}/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

function kind(code: number): 1 | 2 | undefined {
  if (!(code >= 0)) return undefined; // NaN: no character
  if (code === 32) return 1;
  const c = String.fromCharCode(code);
  if (WHITESPACE.test(c)) return 1;
  return PUNCTUATION.test(c) ? 2 : undefined;
}

/** The first code point of `value` ('' when empty). */
function firstChar(value: string): string {
  const code = value.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** The last character of `value`, two code units when the one before the last starts an astral code point. */
function lastChar(value: string): string {
  const code = value.codePointAt(value.length - 2);
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1);
}

const reference = (code: number): string => `&#x${code.toString(16).toUpperCase()};`;

// ---------------------------------------------------------------------------------------------
// Escaping

const listOf = (list: string | string[] | undefined): readonly string[] => (list === undefined ? [] : typeof list === 'string' ? [list] : list);

/** Whether `pattern` applies inside the constructs of `stack`. */
export function patternInScope(stack: readonly string[], pattern: EscapePattern): boolean {
  const inside = listOf(pattern.inConstruct);
  const outside = listOf(pattern.notInConstruct);
  return (inside.length === 0 || inside.some((c) => stack.includes(c))) && !outside.some((c) => stack.includes(c));
}

interface Compiled {
  pattern: EscapePattern;
  /** The pattern as a search that consumes its context (`(before)char(?:after)`), global. */
  search: RegExp;
  hasBefore: boolean;
  hasAfter: boolean;
}

const compiled = new WeakMap<EscapePattern, Compiled>();
function compile(pattern: EscapePattern): Compiled {
  let c = compiled.get(pattern);
  if (!c) {
    const before = `${pattern.atBreak ? '[\\r\\n][\\t ]*' : ''}${pattern.before ? `(?:${pattern.before})` : ''}`;
    const char = /[$()*+.?[\\\]^{|}]/.test(pattern.character) ? `\\${pattern.character}` : pattern.character;
    const source = `${before ? `(${before})` : ''}${char}${pattern.after ? `(?:${pattern.after})` : ''}`;
    c = { pattern, search: new RegExp(source, 'g'), hasBefore: before !== '', hasAfter: Boolean(pattern.after) };
    compiled.set(pattern, c);
  }
  return c;
}

/** The patterns that apply at the start of a line, in order (for line endings in inline code). */
const AT_BREAK: readonly Compiled[] = ESCAPE_PATTERNS.filter((p) => p.atBreak).map(compile);

/** The escape patterns of one stack of constructs, and the search that finds text needing none. */
class Scope {
  readonly patterns: readonly Compiled[];
  /**
   * Every pattern as a search for its character with its context as lookbehind and lookahead
   * (without consuming), all in one: a match at an index is a character some pattern may
   * escape; text with no match and no backslash comes out as it is.
   */
  readonly check: RegExp | undefined;
  /** Every character some pattern in scope names, and the backslash (and the space, see `edgeSpaces`). */
  readonly triggers: ReadonlySet<string>;
  /** The characters of `triggers` as a class, but the space when `edgeSpaces`. */
  readonly anyTrigger: RegExp;
  /**
   * Every pattern for the space in scope needs a line ending beside it, and the line endings
   * are triggers: in text with no trigger, only a space at either end can be escaped.
   */
  readonly edgeSpaces: boolean;
  readonly inTableCell: boolean;
  readonly #children = new Map<string, Scope>();

  constructor(readonly stack: readonly string[]) {
    const patterns = ESCAPE_PATTERNS.filter((p) => patternInScope(stack, p));
    this.patterns = patterns.map(compile);
    const alternatives = patterns.map((p) => {
      const before = `${p.atBreak ? '[\\r\\n][\\t ]*' : ''}${p.before ? `(?:${p.before})` : ''}`;
      const char = /[$()*+.?[\\\]^{|}]/.test(p.character) ? `\\${p.character}` : p.character;
      // the character first (a literal the engine can skip to), its context around it
      return `(?:${char}${before ? `(?<=${before}${char})` : ''}${p.after ? `(?=${p.after})` : ''})`;
    });
    this.check = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : undefined;
    const triggers = new Set(['\\', ...patterns.map((p) => p.character)]);
    this.triggers = triggers;
    const spaces = patterns.filter((p) => p.character === ' ');
    this.edgeSpaces =
      triggers.has('\n') &&
      triggers.has('\r') &&
      spaces.every((p) => !p.atBreak && ((p.before === '[\\r\\n]' && p.after === undefined) || (p.after === '[\\r\\n]' && p.before === undefined)));
    const classOf = [...triggers].filter((c) => !(this.edgeSpaces && c === ' '));
    this.anyTrigger = new RegExp(`[${classOf.map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'u');
    this.inTableCell = stack.includes('tableCell');
  }

  enter(name: string): Scope {
    let child = this.#children.get(name);
    if (!child) this.#children.set(name, (child = new Scope([...this.stack, name])));
    return child;
  }
}

/** A backslash before ASCII punctuation escapes it: such backslashes are doubled (`after` follows `value`). */
function escapeBackslashes(value: string, after: string): string {
  if (!value.includes('\\') && !after.includes('\\')) return value;
  const whole = value + after;
  let out = '';
  let from = 0;
  for (let i = whole.indexOf('\\'); i !== -1; i = whole.indexOf('\\', i + 1)) {
    if (i + 1 < whole.length && ASCII_PUNCTUATION.test(whole.charAt(i + 1))) {
      // one in `after` adds its backslash at the end of the value
      const at = Math.min(i, value.length);
      out += `${value.slice(from, at)}\\`;
      from = at;
    }
  }
  return out + value.slice(from);
}

interface Found {
  before: boolean;
  after: boolean;
}

/**
 * `value` made safe between `before` and `after` in `scope`: the library's `safe`. `encode`:
 * characters written as character references rather than backslash escapes.
 */
export function escapeIn(scope: Scope, value: string, before: string, after: string, encode = ''): string {
  if (!scope.anyTrigger.test(value) && !after.includes('\\')) {
    // no character of the value is named by a pattern; a space at either end can still be
    // escaped next to a line ending
    if (!scope.edgeSpaces) return value;
    const head = value.charCodeAt(0);
    const tail = value.charCodeAt(value.length - 1);
    const lastBefore = before.charCodeAt(before.length - 1);
    const firstAfter = after.charCodeAt(0);
    if (!(head === 32 && (lastBefore === 10 || lastBefore === 13)) && !(tail === 32 && (firstAfter === 10 || firstAfter === 13))) return value;
  }
  const whole = before + value + after;
  const start0 = before.length;
  const end = start0 + value.length;
  if (!value.includes('\\') && !after.includes('\\')) {
    const check = scope.check;
    if (check === undefined) return value;
    check.lastIndex = start0;
    const m = check.exec(whole);
    if (m === null || m.index >= end) return value;
  }
  // where each pattern matches (consuming its context, as a global search does), and whether
  // every pattern that matched there needed a character before and after it
  const found = new Map<number, Found>();
  const patterns = scope.patterns;
  for (let p = 0; p < patterns.length; p++) {
    const c = patterns[p]!;
    if (!whole.includes(c.pattern.character)) continue;
    const search = c.search;
    search.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = search.exec(whole)) !== null) {
      const at = m.index + (c.hasBefore ? m[1]!.length : 0);
      const seen = found.get(at);
      if (seen) {
        if (!c.hasBefore) seen.before = false;
        if (!c.hasAfter) seen.after = false;
      } else {
        found.set(at, { before: c.hasBefore, after: c.hasAfter });
      }
    }
  }
  const positions = [...found.keys()].sort((a, b) => a - b);
  let out = '';
  let start = start0;
  for (let index = 0; index < positions.length; index++) {
    const at = positions[index]!;
    if (at < start || at >= end) continue;
    const info = found.get(at)!;
    // an underscore run inside a word cannot open or close emphasis: left alone when every
    // underscore of it was found, and the characters on both sides are letters not escaped
    if (
      whole.charCodeAt(at) === 95 &&
      at > 0 &&
      kind(whole.charCodeAt(at - 1)) === undefined &&
      !found.has(at - 1) &&
      !(at - 1 === start0 && /[*_]/.test(whole.charAt(start0 - 1)))
    ) {
      let runEnd = at + 1;
      while (runEnd < end && whole.charCodeAt(runEnd) === 95) runEnd++;
      const skip = runEnd - at - 1;
      if (
        positions[index + skip] === runEnd - 1 &&
        runEnd < whole.length &&
        kind(whole.charCodeAt(runEnd)) === undefined &&
        !found.has(runEnd) &&
        !(runEnd === end - 1 && /[*_]/.test(whole.charAt(end)))
      ) {
        index += skip;
        continue;
      }
    }
    // found only for what comes after it, and that is escaped without condition (or the
    // same for what comes before): the neighbour's escape is enough
    const next = found.get(at + 1);
    const previous = found.get(at - 1);
    if (
      (at + 1 < end && positions[index + 1] === at + 1 && info.after && !next!.before && !next!.after) ||
      (at - 1 >= start0 && positions[index - 1] === at - 1 && info.before && !previous!.before && !previous!.after)
    ) {
      continue;
    }
    if (start !== at) out += escapeBackslashes(whole.slice(start, at), '\\');
    start = at + 1;
    const char = whole.charAt(at);
    out += ASCII_PUNCTUATION.test(char) && !encode.includes(char) ? `\\${char}` : reference(whole.charCodeAt(at));
  }
  return out + escapeBackslashes(whole.slice(start, end), after);
}

// ---------------------------------------------------------------------------------------------
// The writer

/** Strong or emphasis in a run of phrasing: its sequence and the phrasing inside it. */
interface Attention {
  sequence: string;
  children: string[];
}

type Item = string | Attention;

interface Token {
  value: string;
  attention: boolean;
}

/** Which sides of an attention sequence the library encodes (a character reference) so that it opens or closes. */
function encodeSides(outside: number, inside: number, marker: string): { inside: boolean; outside: boolean } {
  const out = kind(outside);
  const into = kind(inside);
  if (out === undefined) {
    if (into === undefined) return marker === '_' ? { inside: true, outside: true } : { inside: false, outside: false };
    return into === 1 ? { inside: true, outside: true } : { inside: false, outside: true };
  }
  if (out === 1) return into === 1 ? { inside: true, outside: true } : { inside: false, outside: false };
  return { inside: into === 1, outside: false };
}

/** The first character of the token written as a character reference. */
function encodeFirst(token: Token | undefined): void {
  if (!token || token.attention) return;
  const c = firstChar(token.value);
  token.value = reference(c.codePointAt(0)!) + token.value.slice(c.length);
}

/** The last character of the token written as a character reference (a backslash before it kept from escaping the `&`). */
function encodeLast(token: Token | undefined): void {
  if (!token || token.attention) return;
  const c = lastChar(token.value);
  let value = token.value.slice(0, token.value.length - c.length);
  let escapes = 0;
  while (value.charCodeAt(value.length - 1 - escapes) === 92) escapes++;
  if (escapes % 2) value += '\\';
  token.value = value + reference(c.codePointAt(0)!);
}

/**
 * How a sequence of attention flanks: whether it can open and close (CommonMark's rules, with
 * underscores not opening or closing inside words), from the characters around it.
 */
function flanks(before: string, after: string, marker: string): { open: boolean; close: boolean } {
  const previous = kind(before.charCodeAt(before.length - 1));
  const next = kind(after.charCodeAt(0));
  const open = !next || (next === 2 && Boolean(previous));
  const close = !previous || (previous === 2 && Boolean(next));
  if (marker !== '_') return { open, close };
  return { open: open && (Boolean(previous) || !close), close: close && (Boolean(next) || !open) };
}

class Writer {
  /** The constructs the writer is in (a declined tree is dropped, so no exit needs a finally). */
  #scope: Scope;
  #bulletLastUsed: string | undefined;
  #bulletCurrent: string | undefined;

  constructor(
    readonly style: MarkdownStyle,
    root: Scope,
  ) {
    this.#scope = root;
  }

  root(node: Root): string {
    for (const child of node.children) if (isPhrasing(child)) decline();
    // the page's pieces joined once, its final line break among them: one flat text, not a
    // tree of concatenations flattened to read its last character and then copied again
    // with the line break added
    const parts: string[] = [];
    this.#flowInto(parts, node, node.children);
    let k = parts.length - 1;
    while (k >= 0 && parts[k] === '') k--;
    if (k >= 0) {
      const piece = parts[k]!;
      const last = piece.charCodeAt(piece.length - 1);
      if (last !== 10 && last !== 13) parts.push('\n');
    }
    return parts.join('');
  }

  #flow(parent: Root | List | ListItem, children: readonly RootContent[]): string {
    const parts: string[] = [];
    this.#flowInto(parts, parent, children);
    return parts.join('');
  }

  /** The blocks of `children` and what goes between them, appended to `parts`. */
  #flowInto(parts: string[], parent: Root | List | ListItem, children: readonly RootContent[]): void {
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      parts.push(this.#block(child, parent));
      if (child.type !== 'list') this.#bulletLastUsed = undefined;
      if (i < children.length - 1) parts.push(between(child, children[i + 1]!, parent));
    }
  }

  #block(node: RootContent, parent: Root | List | ListItem): string {
    switch (node.type) {
      case 'paragraph': {
        // a task item's paragraph gets its checkbox (GFM)
        if (parent.type === 'listItem' && typeof parent.checked === 'boolean') decline();
        const outer = this.#scope;
        this.#scope = outer.enter('paragraph').enter('phrasing');
        const value = this.#phrasing(node.children, '\n', '\n');
        this.#scope = outer;
        return value;
      }
      case 'heading':
        return this.#heading(node);
      case 'list':
        return this.#list(node, parent);
      case 'listItem':
        return parent.type === 'list' ? this.#listItem(node) : decline();
      case 'table':
        return this.#table(node);
      case 'code':
        return this.#code(node);
      default:
        return decline();
    }
  }

  #heading(node: Heading): string {
    const rank = Math.max(Math.min(6, node.depth || 1), 1);
    const breaks = lineBreaks(node);
    if (breaks & BREAK) decline();
    const outer = this.#scope;
    if (rank < 3 && breaks & LINE_ENDING && plainValue(node) !== '') {
      // setext: the text, then a line of `=` (depth 1) or `-` as long as its last line
      this.#scope = outer.enter('headingSetext').enter('phrasing');
      const value = this.#phrasing(node.children, '\n', '\n');
      this.#scope = outer;
      const lastLine = value.length - (Math.max(value.lastIndexOf('\r'), value.lastIndexOf('\n')) + 1);
      return `${value}\n${(rank === 1 ? '=' : '-').repeat(lastLine)}`;
    }
    const sequence = '#'.repeat(rank);
    this.#scope = outer.enter('headingAtx').enter('phrasing');
    let value = this.#phrasing(node.children, '# ', '\n');
    this.#scope = outer;
    const head = value.charCodeAt(0);
    if (head === 9 || head === 32) value = reference(head) + value.slice(1);
    return value ? `${sequence} ${value}` : sequence;
  }

  #list(node: List, parent: Parents): string {
    if (node.ordered) decline();
    const first = node.children[0];
    // an empty first item, or a thematic break in an item, changes the bullet
    if (first && (!first.children || first.children.length === 0)) decline();
    const saved = this.#bulletCurrent;
    const bullet = parent && this.#bulletLastUsed === '-' ? '*' : '-';
    this.#bulletCurrent = bullet;
    const outer = this.#scope;
    this.#scope = outer.enter('list');
    const value = this.#flow(node, node.children);
    this.#scope = outer;
    this.#bulletLastUsed = bullet;
    this.#bulletCurrent = saved;
    return value;
  }

  #listItem(node: ListItem): string {
    const bullet = this.#bulletCurrent ?? '-';
    const outer = this.#scope;
    this.#scope = outer.enter('listItem');
    const inner = this.#flow(node, node.children);
    this.#scope = outer;
    // every line indented by the bullet's width (blank lines stay empty); the first carries the bullet
    if (inner !== '' && !inner.includes('\r') && inner.charCodeAt(0) !== 10) return `${bullet} ${inner.replace(/\n(?=[^\n])/g, '\n  ')}`;
    return indentLines(inner, (line, index) => (index === 0 ? (line ? `${bullet} ${line}` : bullet) : line ? `  ${line}` : ''));
  }

  #table(node: Table): string {
    const outer = this.#scope;
    const inTable = outer.enter('table');
    const inRow = inTable.enter('tableRow');
    const inCell = inRow.enter('tableCell').enter('phrasing');
    const matrix: string[][] = [];
    // indexed loops: no iterator result per step in this code, which runs unoptimised
    const rows = node.children;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.type !== 'tableRow') decline();
      const cells: string[] = [];
      const children = row.children;
      for (let c = 0; c < children.length; c++) {
        const cell = children[c]!;
        if (cell.type !== 'tableCell') decline();
        this.#scope = inCell;
        cells.push(this.#phrasing(cell.children, '|', '|'));
      }
      matrix.push(cells);
    }
    this.#scope = outer;
    const head = matrix[0];
    if (!head) return decline(); // no rows: the library writes a lone delimiter row
    let columns = node.align ? node.align.length : 0;
    if (!columns) for (const row of matrix) columns = Math.max(columns, row.length);
    while (head.length < columns) head.push('');
    return alignedTable(matrix, node.align ?? []);
  }

  #code(node: Code): string {
    const raw = node.value || '';
    const sequence = '`'.repeat(Math.max(longestGraveRun(raw) + 1, 3));
    const fenced = this.#scope.enter('codeFenced');
    let value = sequence;
    if (node.lang) {
      value += escapeIn(fenced.enter('codeFencedLangGraveAccent'), node.lang, value, ' ', '`');
      if (node.meta) {
        value += ' ';
        value += escapeIn(fenced.enter('codeFencedMetaGraveAccent'), node.meta, value, '\n', '`');
      }
    }
    value += '\n';
    if (raw) value += `${raw}\n`;
    return value + sequence;
  }

  /** A run of phrasing between `before` and `after` (the library's containerPhrasing). */
  #phrasing(children: readonly PhrasingContent[], before: string, after: string): string {
    if (children.length === 1) {
      // one child: its own text, unless it is attention
      const only = children[0]!;
      if (only.type !== 'strong' && only.type !== 'emphasis') return this.#inline(only, before, after);
    }
    const items = this.#items(children, before, after);
    let attention = false;
    for (const item of items) if (typeof item !== 'string') attention = true;
    return attention ? this.#attentionRun(items, before, after) : (items as string[]).join('');
  }

  /** The run's children, each written with the characters around it; strong and emphasis as items. */
  #items(children: readonly PhrasingContent[], before: string, after: string): Item[] {
    const items: Item[] = [];
    let previous = before;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      const next = i + 1 < children.length ? this.#peek(children[i + 1]!) : after;
      if (child.type === 'strong' || child.type === 'emphasis') {
        const markers = child.type === 'strong' ? this.style.strong : this.style.emphasis;
        const sequence = child.type === 'strong' ? markers + markers : markers;
        const outer = this.#scope;
        this.#scope = outer.enter(child.type);
        const inner = this.#items(child.children, sequence, sequence);
        this.#scope = outer;
        if (inner.length === 0) continue; // empty attention is not written
        const strings: string[] = [];
        for (const x of inner) strings.push(typeof x === 'string' ? x : decline());
        items.push({ sequence, children: strings });
        previous = lastChar(sequence);
      } else {
        const value = this.#inline(child, previous, next);
        if (!value) continue;
        items.push(value);
        previous = lastChar(value);
      }
    }
    return items;
  }

  /** The first character the library sees of a node when it writes what comes before it. */
  #peek(node: PhrasingContent): string {
    switch (node.type) {
      case 'text': {
        // a first character that no pattern names (nor a space or backslash) is not escaped
        const first = firstChar(node.value);
        return first === '' || !this.#scope.triggers.has(first) ? first : firstChar(escapeIn(this.#scope, node.value, '', ''));
      }
      case 'inlineCode':
        return '`';
      case 'link':
        return '[';
      case 'strong':
        return this.style.strong;
      case 'emphasis':
        return this.style.emphasis;
      default:
        return decline();
    }
  }

  #inline(node: PhrasingContent, before: string, after: string): string {
    switch (node.type) {
      case 'text':
        return escapeIn(this.#scope, node.value, before, after);
      case 'inlineCode':
        return this.#inlineCode(node);
      case 'link':
        return this.#link(node, before);
      default:
        return decline();
    }
  }

  #inlineCode(node: InlineCode): string {
    let value = node.value || '';
    const fence = value.includes('`') ? '`'.repeat(shortestAbsentRun(value)) : '`';
    if (/^[\n\r `]|[\n\r `]$/.test(value) && /[^\n\r ]/.test(value) && ((/^[\n\r ]/.test(value) && /[\n\r ]$/.test(value)) || /^`|`$/.test(value))) {
      value = ` ${value} `;
    }
    // a line ending before what would start a construct on the next line becomes a space
    // (pattern by pattern, in the library's order, each search going on where it stopped)
    if (value.includes('\n') || value.includes('\r')) {
      for (const c of AT_BREAK) {
        const search = c.search;
        search.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = search.exec(value)) !== null) {
          let at = m.index;
          if (value.charCodeAt(at) === 10 && value.charCodeAt(at - 1) === 13) at--;
          value = `${value.slice(0, at)} ${value.slice(m.index + 1)}`;
        }
      }
    }
    const written = fence + value + fence;
    if (!this.#scope.inTableCell || !written.includes('|')) return written;
    // in a table cell every pipe gets a backslash, unless an odd number of them already precede it
    return written.replace(/(\\*)\|/g, (m, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : m));
  }

  #link(node: Link, before: string): string {
    if (node.title) decline();
    if (!this.style.resourceLink && couldBeAutolink(node)) decline();
    const outer = this.#scope;
    const inLink = outer.enter('link');
    this.#scope = inLink.enter('label');
    const label = this.#phrasing(node.children, '[', '](');
    this.#scope = outer;
    const prefix = `[${label}](`;
    const enclose = /[\0- \u007F]/.test(node.url);
    const last = before.charAt(before.length - 1);
    if (!enclose && (last === '\n' || last === '\r')) {
      // text that reads as a definition's label gets an empty title in the library
      let i = 0;
      while (i < label.length && label.charCodeAt(i) !== 93) i += label.charCodeAt(i) === 92 ? 2 : 1;
      if (label.charCodeAt(i + 1) === 58) decline();
    }
    if (enclose) return `${prefix}<${escapeIn(inLink.enter('destinationLiteral'), node.url, `${prefix}<`, '>')}>)`;
    return `${prefix}${escapeIn(inLink.enter('destinationRaw'), node.url, prefix, ')')})`;
  }

  /**
   * Strong and emphasis among the run's items, written with their preferred sequences and the
   * character references the library puts beside them, when that is what the library ends
   * with: no attention holds another (checked by #items) or has one of its marker beside it,
   * each preferred sequence is the one the library guesses, and each opening sequence can
   * open and each closing one close (so they pair with each other and the library has nothing
   * to fix). Else: decline.
   */
  #attentionRun(items: readonly Item[], before: string, after: string): string {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (typeof item === 'string') continue;
      const marker = item.sequence.charAt(0);
      const left = i === 0 ? before : items[i - 1]!;
      const previous = typeof left === 'string' ? (i === 0 ? left : '') : left.sequence;
      const next = i === items.length - 1 ? after : '';
      // the library's guess: another sequence when the preferred one has the marker of what
      // is beside it (also attention of the same marker beside it, which would merge)
      const guessed = (marker !== previous.charAt(0) && marker !== next.charAt(0)) || (items.length === 1 && item.sequence.length > before.length);
      if (!guessed) decline();
      const right = items[i + 1];
      if (right !== undefined && typeof right !== 'string' && right.sequence.charAt(0) === marker) decline();
    }
    // the tokens, with the character references that make each sequence open and close
    const tokens: Token[] = [];
    let encodeAfter: string | undefined;
    let previous = lastChar(before);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (typeof item === 'string') {
        const token = { value: item, attention: false };
        if (encodeAfter && encodeAfter === firstChar(item)) encodeFirst(token);
        encodeAfter = undefined;
        tokens.push(token);
        if (token.value) previous = lastChar(token.value);
        continue;
      }
      const { sequence } = item;
      const marker = sequence.charAt(0);
      const following = items[i + 1];
      const outsideBefore = previous;
      const outsideAfter = firstChar(following === undefined ? after : typeof following === 'string' ? following : following.sequence);
      const inside: Token[] = item.children.map((value) => ({ value, attention: false }));
      const open = encodeSides(outsideBefore.charCodeAt(outsideBefore.length - 1), inside[0]!.value.charCodeAt(0), marker);
      if (open.inside) encodeFirst(inside[0]);
      const tail = lastChar(inside[inside.length - 1]!.value);
      const close = encodeSides(outsideAfter.charCodeAt(0), tail.charCodeAt(tail.length - 1), marker);
      if (close.inside) encodeLast(inside[inside.length - 1]);
      if (open.outside && outsideBefore !== '\n' && outsideBefore !== '\r') encodeLast(tokens[tokens.length - 1]);
      if (close.outside) encodeAfter = outsideAfter;
      const mark = { value: sequence, attention: true };
      tokens.push(mark, ...inside, mark);
      previous = sequence.charAt(sequence.length - 1);
    }
    // each opening sequence can open and each closing one close: then, attention by attention
    // (none nested, none beside one of its marker: each sequence is a run of its own, and no
    // other opener of its marker is pending), each closer pairs with its own opener (equal
    // sizes of 1 or 2 are never split by the rule of 3)
    for (let i = 0; i < tokens.length; i++) {
      if (!tokens[i]!.attention) continue;
      const marker = tokens[i]!.value.charAt(0);
      const opening = flanks(i > 0 ? tokens[i - 1]!.value : before, tokens[i + 1]!.value, marker);
      let j = i + 1;
      while (!tokens[j]!.attention) j++;
      const closing = flanks(tokens[j - 1]!.value, j + 1 < tokens.length ? tokens[j + 1]!.value : after, marker);
      if (!opening.open || !closing.close) decline();
      i = j;
    }
    let out = '';
    for (const t of tokens) out += t.value;
    return out;
  }
}

function isPhrasing(node: RootContent): boolean {
  switch (node.type) {
    case 'break':
    case 'delete':
    case 'emphasis':
    case 'footnoteReference':
    case 'html':
    case 'image':
    case 'imageReference':
    case 'inlineCode':
    case 'link':
    case 'linkReference':
    case 'strong':
    case 'text':
      return true;
    default:
      return false;
  }
}

const LINE_ENDING = 1;
const BREAK = 2;

/** Whether a node or a descendant holds a line ending (LINE_ENDING) or is a hard break (BREAK). */
function lineBreaks(node: Nodes): number {
  if (node.type === 'break') return BREAK;
  if ('value' in node) return typeof node.value === 'string' && (node.value.includes('\n') || node.value.includes('\r')) ? LINE_ENDING : 0;
  let found = 0;
  if ('children' in node) {
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) found |= lineBreaks(children[i]!);
  }
  return found;
}

/** The values of a node's descendants, concatenated (mdast-util-to-string, no images here). */
function plainValue(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (!('children' in node)) return '';
  const children = node.children as Nodes[];
  let out = '';
  for (let i = 0; i < children.length; i++) out += plainValue(children[i]!);
  return out;
}

/** A link the library would write as `<url>` without `resourceLink`. */
function couldBeAutolink(node: Link): boolean {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (!node.url || !only || only.type !== 'text') return false;
  return (only.value === node.url || `mailto:${only.value}` === node.url) && /^[a-z][+\-.a-z]+:/i.test(node.url) && !/[\0- <>\u007F]/.test(node.url);
}

/**
 * What goes between two flow siblings (the library's join rules, with GFM's for tables, for
 * the nodes this writer takes): a blank line, or one line ending inside tight lists and items.
 */
function between(left: RootContent, right: RootContent, parent: Root | List | ListItem): string {
  const spread = 'spread' in parent ? parent.spread : undefined;
  // a table in a tight item is followed by a blank line before a paragraph or another table
  if (left.type === 'table' && parent.type === 'listItem' && spread === false && (right.type === 'paragraph' || right.type === 'table' || isSetext(right))) return '\n\n';
  if (typeof spread !== 'boolean') return '\n\n';
  if (spread) return '\n\n';
  let tail: RootContent = left;
  while ((tail.type === 'list' || tail.type === 'listItem') && tail.children.length > 0) tail = tail.children[tail.children.length - 1]!;
  if (tail.type !== 'paragraph') return '\n';
  // a paragraph or setext heading after a paragraph (or after a container ending in one) would join it
  return right.type === 'paragraph' || isSetext(right) ? '\n\n' : '\n';
}

/** Whether the library writes a heading as setext: depth 1 or 2 with text holding a line ending (or a break). */
function isSetext(node: RootContent): boolean {
  return node.type === 'heading' && (!node.depth || node.depth < 3) && lineBreaks(node) !== 0 && plainValue(node) !== '';
}

/** Each line of `value` through `map` (with its index), line endings kept. */
function indentLines(value: string, map: (line: string, index: number) => string): string {
  let out = '';
  let start = 0;
  let line = 0;
  const eol = /\r?\n|\r/g;
  let m: RegExpExecArray | null;
  while ((m = eol.exec(value)) !== null) {
    out += map(value.slice(start, m.index), line++) + m[0];
    start = m.index + m[0].length;
  }
  return out + map(value.slice(start), line);
}

/** The longest run of grave accents in `value`. */
function longestGraveRun(value: string): number {
  if (!value.includes('`')) return 0;
  let longest = 0;
  for (const run of value.match(/`+/g)!) if (run.length > longest) longest = run.length;
  return longest;
}

/** The shortest run of grave accents that does not occur as a whole run in `value`. */
function shortestAbsentRun(value: string): number {
  if (!value.includes('`')) return 1;
  const runs = new Set<number>();
  let run = 0;
  for (let i = 0; i <= value.length; i++) {
    if (value[i] === '`') run++;
    else if (run > 0) {
      runs.add(run);
      run = 0;
    }
  }
  let n = 1;
  while (runs.has(n)) n++;
  return n;
}

/**
 * A GFM table with every column padded to its widest cell (UTF-16 length), the delimiter row
 * after the head, and rows with their own number of cells (no filling): what the library
 * writes with `tablePipeAlign`.
 */
function alignedTable(matrix: readonly string[][], align: readonly (string | null | undefined)[]): string {
  const widths: number[] = [];
  let most = 0;
  for (const row of matrix) {
    if (row.length > most) most = row.length;
    for (let c = 0; c < row.length; c++) {
      const size = row[c]!.length;
      if (widths[c] === undefined || size > widths[c]!) widths[c] = size;
    }
  }
  const alignments: string[] = [];
  for (let c = 0; c < most; c++) {
    const a = align[c];
    const first = typeof a === 'string' ? a.charAt(0) : '';
    alignments[c] = first === 'c' || first === 'C' ? 'c' : first === 'l' || first === 'L' ? 'l' : first === 'r' || first === 'R' ? 'r' : '';
  }
  const delimiter: string[] = [];
  for (let c = 0; c < most; c++) {
    const left = alignments[c] === 'c' || alignments[c] === 'l' ? ':' : '';
    const right = alignments[c] === 'c' || alignments[c] === 'r' ? ':' : '';
    const cell = left + '-'.repeat(Math.max(1, (widths[c] ?? 0) - left.length - right.length)) + right;
    if (widths[c] === undefined || cell.length > widths[c]!) widths[c] = cell.length;
    delimiter[c] = cell;
  }
  // the table's pieces (cells and their padding, shared runs of spaces) joined once: no padded
  // copy of each cell, no concatenation per cell
  const parts: string[] = [];
  const rowCount = matrix.length === 0 ? 2 : matrix.length + 1;
  for (let r = 0; r < rowCount; r++) {
    const row = r === 0 ? (matrix[0] ?? []) : r === 1 ? delimiter : matrix[r - 1]!;
    const cells = Math.max(1, (r === 1 ? (matrix[0] ?? []) : row).length);
    parts.push(r === 0 ? '|' : '\n|');
    for (let c = 0; c < cells; c++) {
      const cell = row[c] ?? '';
      const pad = (widths[c] ?? 0) - cell.length;
      const a = alignments[c];
      if (pad <= 0) parts.push(' ', cell, ' |');
      else if (a === 'r') parts.push(' ', blanks(pad), cell, ' |');
      else if (a === 'c') parts.push(' ', blanks(Math.ceil(pad / 2)), cell, blanks(Math.floor(pad / 2)), ' |');
      else parts.push(' ', cell, blanks(pad), ' |');
    }
  }
  return parts.join('');
}

const blankRuns: string[] = [''];
/** `n` spaces (made once per length). */
function blanks(n: number): string {
  return (blankRuns[n] ??= ' '.repeat(n));
}

const ROOT_SCOPE = new Scope([]);

/**
 * `root` as mdast-util-to-markdown (+ GFM tables) writes it in `style`, or undefined when the
 * tree is outside this writer's subset (the caller then runs the library).
 */
export function printMarkdown(root: Root, style: MarkdownStyle): string | undefined {
  try {
    return new Writer(style, ROOT_SCOPE).root(root);
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/** The scope of a stack of constructs (for the tests of `escapeIn`). */
export function scopeOf(stack: readonly string[]): Scope {
  let scope = ROOT_SCOPE;
  for (const name of stack) scope = scope.enter(name);
  return scope;
}
export type { Scope };
