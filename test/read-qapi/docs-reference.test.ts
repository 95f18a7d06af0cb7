/**
 * The QAPI doc comment reader (generator/read/qapi/docs.ts), made faster (each tag pattern
 * tried only on lines that start with its first character, section text assembled without
 * intermediate arrays), held to the previous one (docs-reference.ts): the same ItemDoc and
 * the same diagnostics, on every doc comment of the 38 releases and on random blocks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { readDoc } from '../../generator/read/qapi/docs.js';
import { type DocBlock, parseSchemaText } from '../../generator/read/qapi/parser.js';
import { readDoc as referenceReadDoc } from './docs-reference.js';
import { qapiReleases, requireQapiCorpus } from './helpers.js';

function same(block: DocBlock): void {
  const run = (read: typeof readDoc) => {
    const file = new VFile({ path: 's.json' });
    const doc = read(block, 's.json', reporterFor(file));
    return { doc, diags: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`) };
  };
  const expected = run(referenceReadDoc as unknown as typeof readDoc);
  const got = run(readDoc);
  expect(got.diags).toEqual(expected.diags);
  expect(got.doc).toEqual(expected.doc);
}

const lineText = fc.oneof(
  fc.constantFrom('', ' ', '  \u00a0', '@name:', '@x: text', '@y:', ' @z: indented', 'Returns: a thing', 'Returns:', 'Errors:', '- If it fails, GenericError', 'Since: 2.0', 'Since: 1.1.', 'Note: careful', 'Notes:', 'Example:', 'Examples:', 'TODO: later', 'Features:', '@deprecated: old', '.. qmp-example::', '   :title: A title', '   :annotated:', '.. note:: see', '.. admonition:: Hmm', '.. code-block:: json', '-> { "execute": "x" }', '<- { "return": {} }', '   -> { "execute": "y", "arguments": { "a": 1 } }', 'Rest of text.', 'ReturnsX: no', 'Sincere', 'Elsewhere', 'TODOs'),
  fc.string({ maxLength: 30 }),
);

describe('readDoc = the previous one', () => {
  it('on random blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(lineText, fc.integer({ min: 0, max: 4 })), { maxLength: 25 }), (lines) => {
        same({ lines: lines.map(([text, indent], i) => ({ text: ' '.repeat(indent) + text, line: i + 2, column: 3 })), pos: { line: 1, column: 1 } });
      }),
      { numRuns: 1000 },
    );
  });
});

describe.skipIf(!requireQapiCorpus())('on every doc comment of the corpus', () => {
  it.each(qapiReleases().map((r) => [r.version, r] as const))('%s', (_v, r) => {
    const files = readdirSync(r.dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => path.join(e.parentPath, e.name));
    let blocks = 0;
    for (const f of files) {
      const parsed = parseSchemaText(readFileSync(f, 'utf8'), 's.json', reporterFor(new VFile({ path: 's.json' })));
      for (const block of [...parsed.exprs.flatMap((x) => (x.doc ? [x.doc] : [])), ...parsed.freeDocs]) {
        same(block);
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(0);
  });
});
