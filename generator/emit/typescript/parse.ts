/**
 * Generated TypeScript parsed for the printers that walk it: dist-print.ts (dist/ without the
 * compiler) and format/typescript.ts (prettier's layout) read the same emitter output, so the
 * last tree of each file name is kept and a second parse of the same text is skipped. The
 * parser is ours (syntax.ts: the language the emitter writes, no TypeScript compiler loaded);
 * a text outside it has no tree (undefined, remembered too), and the printers then fall back to
 * the library for the whole file. Both printers read comments from the text (`commentRanges`)
 * and check with `commentsIn` that they printed every comment of a statement.
 */
import { countComments, parseSource, type SourceFile } from './syntax.js';

export { commentRanges, type CommentRange, type SourceFile } from './syntax.js';

const last = new Map<string, { text: string; source: SourceFile | undefined }>();
const LIMIT = 16;

/** `text` parsed as the TypeScript module `fileName`, or undefined outside the language. Do not change the tree. */
export function parseTypeScript(fileName: string, text: string): SourceFile | undefined {
  const hit = last.get(fileName);
  if (hit && hit.text === text) return hit.source;
  const source = parseSource(text);
  if (last.size >= LIMIT) last.clear();
  last.set(fileName, { text, source });
  return source;
}

/** How many comments start in [pos, end) of `source` (a comment marker inside a string is none), to check that each was printed. */
export function commentsIn(source: SourceFile, pos: number, end: number): number {
  return countComments(source, pos, end);
}
