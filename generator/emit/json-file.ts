/**
 * JSON output files, and what each was printed from.
 *
 * An emitter that writes a value as JSON makes the file with `jsonFile`: its contents are
 * `JSON.stringify(value, null, 2)` and a newline, and the value is remembered beside the file
 * (not in it: every stage after the emitters still sees plain `{ path, contents }`). The
 * stages after the emitters may then skip work that only rebuilt what is known here:
 * - the format stage (format/prettier.ts) needs to know that a text is JSON.stringify's own
 *   before it lays it out as prettier does (format/json.ts), which it otherwise proves by
 *   parsing the text and printing it again;
 * - the validate stage (validate/) reads the schema files as values, which it otherwise gets
 *   by parsing them.
 * Only the very object `jsonFile` returned, with the very contents it had, is known: a file
 * copied or changed (`{ ...file, contents }`) is a new object, which nothing here answers for.
 * The schema emitter's values are plain JSON data (strings, finite numbers, booleans, null,
 * arrays, plain objects, no `undefined`), so parsing their text gives them back:
 * test/schema/json-file.test.ts holds every schema file of the corpus to that. (The format
 * stage needs no more than where the text came from, whatever the value.)
 */
import type { OutputFile } from './types.js';

const printedFrom = new WeakMap<OutputFile, { contents: string; value: unknown }>();

/** A file holding `value` as JSON (two-space indent, newline at the end), its value remembered. */
export function jsonFile(path: string, value: unknown): OutputFile {
  const file: OutputFile = { path, contents: `${JSON.stringify(value, null, 2)}\n` };
  printedFrom.set(file, { contents: file.contents, value });
  return file;
}

/** What `jsonFile` printed `file` from, when `file` is one of its files, unchanged; else undefined. */
export function printedValue(file: OutputFile): { value: unknown } | undefined {
  const made = printedFrom.get(file);
  return made !== undefined && made.contents === file.contents ? { value: made.value } : undefined;
}
