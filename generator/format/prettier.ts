import type { Options } from 'prettier';
import type { OutputFile } from '../emit/types.js';
import { printedValue } from '../emit/json-file.js';
import { printJsonLikePrettier, printStringifiedLikePrettier } from './json.js';

/**
 * `babel-ts` rather than `typescript` for TypeScript: the same output on everything we emit
 * (checked over the corpus and generated/), in about 60% of the time on large files.
 */
const PARSERS: Record<string, string> = {
  '.ts': 'babel-ts',
  '.mts': 'babel-ts',
  '.js': 'babel',
  '.mjs': 'babel',
  '.json': 'json',
  '.md': 'markdown',
};

const OPTIONS: Options = { printWidth: 100, singleQuote: true, trailingComma: 'all', proseWrap: 'preserve' };

/**
 * Per-parser overrides. Markdown: code blocks hold the docs' example messages verbatim
 * (documentation, not code we own), so prettier must not reformat them as JSON.
 */
const PARSER_OPTIONS: Record<string, Options> = {
  markdown: { embeddedLanguageFormatting: 'off' },
};

/** The prettier parser for a path, or undefined when the file is not formatted. */
export function parserFor(filePath: string): string | undefined {
  if (filePath.endsWith('.d.ts') || filePath.startsWith('dist/')) return undefined;
  return PARSERS[filePath.slice(filePath.lastIndexOf('.'))];
}

/**
 * Format `contents` as prettier would format a file at `filePath` (unchanged when not
 * formatted). `stringified`: the contents are known to be `JSON.stringify(value, null, 2)` and
 * a newline (generator/emit/json-file.ts), which then need not be proven again.
 */
export async function formatText(filePath: string, contents: string, stringified = false): Promise<string> {
  const parser = parserFor(filePath);
  if (!parser) return contents;
  // JSON as JSON.stringify wrote it: printed in prettier's layout directly (format/json.ts,
  // proven equal by test/format/json.test.ts); prettier itself is loaded only when needed
  const direct = parser === 'json' ? (stringified ? printStringifiedLikePrettier(contents) : printJsonLikePrettier(contents)) : undefined;
  if (direct !== undefined) return direct;
  const prettier = await import('prettier');
  return prettier.format(contents, { ...OPTIONS, ...PARSER_OPTIONS[parser], parser });
}

/**
 * The format stage: each file once, chosen by extension. Passed through unchanged: files
 * marked `preformatted` (verbatim template copies, proven prettier-clean by
 * test/typescript/format.test.ts) and Markdown, which every emitter prints with
 * mdast-util-to-markdown in prettier's style already (prettier changed nothing on any corpus
 * version; it cost over a second per run): test/corpus/markdown-corpus.test.ts and
 * test/markdown/escaping.test.ts hold the emitted Markdown to `formatFilesWithPrettier`.
 * JSON is printed directly in prettier's layout where exact (format/json.ts), and so is the
 * generated TypeScript (format/typescript.ts: a statement outside its subset goes to prettier;
 * test/format/typescript.test.ts). Output files carry only path and contents.
 */
export async function formatFiles(files: readonly OutputFile[]): Promise<OutputFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = parserFor(file.path);
      const contents =
        file.preformatted || parser === 'markdown'
          ? file.contents
          : parser === 'babel-ts'
            ? // loaded here, for runs that emit TypeScript (it reads the files with emit/typescript/syntax.ts)
              await (await import('./typescript.js')).formatTypeScriptLikePrettier(file.path, file.contents, (text) => formatText(file.path, text))
            : await formatText(file.path, file.contents, printedValue(file) !== undefined);
      return { path: file.path, contents };
    }),
  );
}

/** Every file through prettier (`formatText`), nothing passed through: the reference the tests hold `formatFiles` to. */
export async function formatFilesWithPrettier(files: readonly OutputFile[]): Promise<OutputFile[]> {
  return Promise.all(files.map(async (file) => ({ path: file.path, contents: await formatText(file.path, file.contents) })));
}
