import * as prettier from 'prettier';
import type { OutputFile } from '../emit/types.js';

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

const OPTIONS: prettier.Options = { printWidth: 100, singleQuote: true, trailingComma: 'all', proseWrap: 'preserve' };

/**
 * Per-parser overrides. Markdown: code blocks hold the docs' example messages verbatim
 * (documentation, not code we own), so prettier must not reformat them as JSON.
 */
const PARSER_OPTIONS: Record<string, prettier.Options> = {
  markdown: { embeddedLanguageFormatting: 'off' },
};

/** Format each file once with prettier, chosen by extension; other files pass through. */
export async function formatFiles(files: readonly OutputFile[]): Promise<OutputFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const ext = file.path.slice(file.path.lastIndexOf('.'));
      const parser = PARSERS[ext];
      if (!parser || file.path.endsWith('.d.ts') || file.path.startsWith('dist/')) return file;
      return { path: file.path, contents: await prettier.format(file.contents, { ...OPTIONS, ...PARSER_OPTIONS[parser], parser }) };
    }),
  );
}
