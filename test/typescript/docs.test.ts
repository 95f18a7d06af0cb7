/**
 * `jsdoc` hands ts-morph each JSDoc block as its text, the text ts-morph's JSDoc printer makes
 * of the `{ description, tags }` structure (generator/emit/typescript/docs.ts). Held here to
 * the printer itself: the same declarations printed with the structure and with the text are
 * equal, on edge cases and on random descriptions and tags.
 */
import fc from 'fast-check';
import { type JSDocStructure, type OptionalKind, Project, StructureKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { commentText } from '../../generator/emit/typescript/comments.js';
import { jsdoc } from '../../generator/emit/typescript/docs.js';

type Tags = NonNullable<Parameters<typeof jsdoc>[1]>;

/** The reference: the block as the `{ description, tags }` structure the emitter gave ts-morph before. */
function jsdocStructure(description: string | undefined, tags: Tags = []): Array<OptionalKind<JSDocStructure>> {
  const text = description ? commentText(description.trim()) : '';
  const present = tags
    .filter((t) => t !== undefined)
    .map((t) => (t.text === undefined ? t : { tagName: t.tagName, text: commentText(String(t.text)) }));
  if (!text && present.length === 0) return [];
  return [{ description: text, tags: present }];
}

const project = new Project({ useInMemoryFileSystem: true });
let n = 0;
/** An interface with a documented member, printed by ts-morph's structure printer. */
function printed(docs: ReturnType<typeof jsdoc>): string {
  return project
    .createSourceFile(`f${n++}.ts`, {
      statements: [
        {
          kind: StructureKind.Interface,
          name: 'I',
          isExported: true,
          docs,
          properties: [{ name: 'p', type: 'string', docs }],
        },
      ],
    })
    .getFullText();
}
function same(description: string | undefined, tags: Tags = []): void {
  const structure = jsdocStructure(description, tags);
  const text = jsdoc(description, tags);
  expect(text.length).toBe(structure.length);
  if (structure.length > 0) expect(typeof text[0]).toBe('string');
  expect(printed(text)).toBe(printed(structure));
}

describe('jsdoc text equals the printed structure', () => {
  it.each<[string, string | undefined, Tags]>([
    ['nothing', undefined, []],
    ['empty description, no tags', '', []],
    ['one line', 'Returns the status.', []],
    ['several lines and a blank line', 'First.\n\nSecond line\nthird line.', []],
    ['trailing spaces and CRLF', 'a  \r\nb\t\r\n\r\nc ', []],
    ['comment closers and stars', 'a */ b\n * c\n*/', []],
    ['tags only', undefined, [{ tagName: 'since', text: 'QEMU 2.8' }, { tagName: 'deprecated' }]],
    ['description and tags', 'Text.', [{ tagName: 'since', text: 'QEMU 1.0' }, undefined, { tagName: 'remarks', text: 'two\nlines' }]],
    ['a tag text that starts a new line', 'Text.', [{ tagName: 'example', text: '\n```json\n{}\n```' }]],
    ['a tag with empty text', 'Text.', [{ tagName: 'remarks', text: '' }]],
    ['a tag of a blank text', undefined, [{ tagName: 'remarks', text: '   ' }]],
    ['a description that is only spaces', '   ', [{ tagName: 'since', text: '9.1' }]],
  ])('%s', (_, description, tags) => same(description, tags));

  it('on random descriptions and tags (300 runs)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r\n', '*', '/', '@', '`', '{', '}', '\\', '"', "'", 'é'), maxLength: 40 });
    fc.assert(
      fc.property(
        fc.option(text, { nil: undefined }),
        fc.array(fc.option(fc.record({ tagName: fc.constantFrom('since', 'deprecated', 'remarks', 'example'), text: fc.option(text, { nil: undefined }) }), { nil: undefined }), { maxLength: 4 }),
        (description, tags) => same(description, tags.map((t) => (t && t.text === undefined ? { tagName: t.tagName } : t)) as Tags),
      ),
      { numRuns: 300 },
    );
  });
});
