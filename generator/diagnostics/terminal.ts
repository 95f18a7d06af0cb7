/**
 * Text for the terminal: input text reaches diagnostics (a heading, a member name, a file
 * name), and raw control characters there would drive the terminal (ESC sequences set the
 * window title or clear the screen, BEL rings) and bidi controls would reorder what is shown.
 * Every such character is shown as a visible `\u{...}` escape instead.
 */

/** C0 controls (tab and newline included: a diagnostic is one line), DEL, C1 controls, bidi marks/embeddings/overrides/isolates, line/paragraph separators, BOM. */
export const UNSAFE_TERMINAL_CHARS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** `text` with every unsafe character replaced by `\u{hex}`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TERMINAL_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Like `terminalSafe`, but keeps the line breaks of multi-line output (e.g. a whole report). */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
