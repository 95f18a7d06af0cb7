/**
 * Generated TypeScript parsed for the printers that walk it: dist-print.ts (dist/ without the
 * compiler) and format/typescript.ts (prettier's layout) read the same emitter output, so the
 * last tree of each file name is kept and a second parse of the same text is skipped. JSDoc is
 * not parsed: both read comments from the text, never from JSDoc nodes, and both check with
 * `commentsIn` that they printed every comment of a statement.
 */
import type { ts } from 'ts-morph';
import { typescript } from './ts-morph.js';

const last = new Map<string, { text: string; source: ts.SourceFile }>();
const LIMIT = 16;

/** `text` parsed as the TypeScript module `fileName` (parent pointers set). Do not change the tree. */
export function parseTypeScript(fileName: string, text: string): ts.SourceFile {
  const hit = last.get(fileName);
  if (hit && hit.text === text) return hit.source;
  const source = typescript.createSourceFile(
    fileName,
    text,
    { languageVersion: typescript.ScriptTarget.ES2022, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone },
    true,
    typescript.ScriptKind.TS,
  );
  if (last.size >= LIMIT) last.clear();
  last.set(fileName, { text, source });
  return source;
}

/** One scanner for every `commentsIn` call: making one is most of the cost of a short range. */
let shared: ts.Scanner | undefined;

/** The comments in text[pos, end) (the scanner's trivia), to check that each was printed. */
export function commentsIn(text: string, pos: number, end: number): number {
  shared ??= typescript.createScanner(typescript.ScriptTarget.ES2022, false, typescript.LanguageVariant.Standard);
  const scanner = shared;
  if (scanner.getText() !== text) scanner.setText(text);
  scanner.resetTokenState(pos);
  let n = 0;
  for (let t = scanner.scan(); t !== typescript.SyntaxKind.EndOfFileToken && scanner.getTokenStart() < end; t = scanner.scan())
    if (t === typescript.SyntaxKind.SingleLineCommentTrivia || t === typescript.SyntaxKind.MultiLineCommentTrivia) n++;
  return n;
}
