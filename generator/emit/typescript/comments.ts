/**
 * Doc text → comment text. Documentation is untrusted input: whatever it contains must stay
 * inside the comment it is put in and must not change how tools read that comment.
 *
 * `commentText` returns text that is safe as the body of a block (JSDoc) comment line by
 * line, and `lineCommentText` text that is safe after `//`. Both:
 * - turn every line terminator (CR, CRLF, NEL, U+2028, U+2029) into `\n` (for block
 *   comments) — a raw U+2028 would end a `//` comment and shift JSDoc line structure;
 * - replace control characters and the Unicode bidirectional overrides/isolates (the
 *   "Trojan Source" characters, which could make code look like comment and vice versa)
 *   with U+FFFD;
 * - break `*\/` and `/*` with a backslash (`*\/`, `/\*`); Markdown renderers (editor hovers)
 *   show them as `*\/` and `/*` again;
 * - escape `@` where TypeScript's JSDoc parser would start a tag (start of line or after
 *   whitespace, e.g. QMP's `@device` member references) as `\@`, which renders as `@`.
 *
 * Backticks and `${` are left alone: inside a comment they are inert, and they are the
 * Markdown the docs (and hovers) use. Tests check by tokenising generated files that no
 * input reaches code.
 */

/** Line terminators as ECMAScript defines them, plus NEL which editors also break on. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** C0/C1 controls except tab and newline, DEL, bidi embeddings/overrides/isolates, BOM. */
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u0084\u0086-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

function neutralise(text: string): string {
  return text
    .replace(UNSAFE_CHARS, '\uFFFD')
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .replace(/(^|\s)@/gm, '$1\\@');
}

/**
 * Anything commentText would change: a line terminator but `\n`, an unsafe character, a
 * comment opener or closer, an `@` at a line start or after white space, a space or tab at a
 * line's end. Most doc texts have none (QAPI's member references are `@name`, though).
 */
const CHANGED =
  /[\r\u0085\u2028\u2029\u0000-\u0008\u000B-\u001F\u007F-\u0084\u0086-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]|\*\/|\/\*|(?:^|\s)@|[ \t](?:\n|$)/;

/** Text for a block comment: lines split on `\n`, trailing spaces trimmed, safe as above. */
export function commentText(text: string): string {
  // nothing to change: the text as it is (test/typescript/comments.test.ts holds this to the rest)
  if (!CHANGED.test(text)) return text;
  return neutralise(text.replace(LINE_BREAKS, '\n'))
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n');
}

/** Text for one `//` line comment: line breaks become spaces. */
export function lineCommentText(text: string): string {
  return neutralise(text.replace(LINE_BREAKS, ' ')).replace(/[ \t]+$/, '');
}

/**
 * A Markdown code fence that no backtick run inside `code` can close (CommonMark: a fence
 * is closed only by a run at least as long as the opening one).
 */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
