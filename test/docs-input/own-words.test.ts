/**
 * docs-input/ is qmp-codegen's own text: no line of it may be copied from QEMU's docs.
 * The logic is unit-tested on invented text; the real check reads the corpus and skips
 * visibly when it is absent (fails when CI=true, via test/helpers/corpus.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusAvailable } from '../helpers/corpus.js';
import { copiedLines, corpusTextFiles, isSignificant, loadCorpusLines, normaliseLine, significantLines } from './own-words.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS_INPUT = ['docs-input/qmp-commands.txt', 'docs-input/qmp-events.txt'];

describe('own-words logic', () => {
  const source = [
    'The frob-widget command spins the widget until it is dizzy.',
    '    - "rpm":   revolutions   per minute of the spinning widget (json-int)',
    'Short line that is ignored.',
    '{ "execute": "frob-widget", "arguments": { "x": 1, "y": 2, "z": 3 } }',
  ].join('\n');
  const corpus = significantLines([source]);

  it.each([
    ['collapses inner whitespace and trims', '  a \t b  ', 'a b'],
    ['leaves single spaces alone', 'a b c', 'a b c'],
  ])('normaliseLine %s', (_t, input, expected) => {
    expect(normaliseLine(input)).toBe(expected);
  });

  it.each([
    ['prose of 40+ characters', 'The frob-widget command spins the widget until it is dizzy.', true],
    ['too short', 'Short line that is ignored.', false],
    ['long, but too few letters', '{ "x": 1, "y": 2, "z": 3, "w": 4, "v": 5, "u": 6 }', false],
  ])('isSignificant: %s', (_t, line, expected) => {
    expect(isSignificant(normaliseLine(line))).toBe(expected);
  });

  it('finds copies whatever their indentation and spacing, and nothing else', () => {
    const ours = [
      'Our own sentence about widgets, written from scratch here.',
      '- "rpm": revolutions per minute of the spinning widget (json-int)',
      '      The frob-widget command spins   the widget until it is dizzy.',
      'Short line that is ignored.',
    ].join('\n');
    expect(copiedLines(ours, corpus)).toEqual([
      { line: 2, text: '- "rpm": revolutions per minute of the spinning widget (json-int)' },
      { line: 3, text: 'The frob-widget command spins the widget until it is dizzy.' },
    ]);
  });

  it('does not match a line that only contains a corpus line', () => {
    const ours = 'Note: The frob-widget command spins the widget until it is dizzy.';
    expect(copiedLines(ours, corpus)).toEqual([]);
  });
});

describe.skipIf(!corpusAvailable)(`docs-input is in the project's own words (corpus: ${CORPUS_DIR})`, () => {
  const corpus = corpusAvailable ? loadCorpusLines(CORPUS_DIR) : new Set<string>();

  it('reads a corpus of real size', () => {
    // Guards against a check that passes because it read nothing.
    expect(corpusTextFiles(CORPUS_DIR).length).toBeGreaterThanOrEqual(26);
    expect(corpus.size).toBeGreaterThan(1000);
  });

  it.each(DOCS_INPUT)('%s copies no line from QEMU’s docs', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const hits = copiedLines(text, corpus).map((h) => `${file}:${h.line}: ${h.text}`);
    expect(hits, `lines copied verbatim from the corpus:\n${hits.join('\n')}`).toEqual([]);
  });
});
