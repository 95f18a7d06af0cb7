/**
 * The serialiser (serialize.ts: the library with its phrasing, text and inline code shortcuts)
 * against mdast-util-to-markdown alone, on every page the Markdown emitter builds from real
 * input: legacy docs of two releases and QAPI schemas of three. Both get the same tree (anchors
 * resolved, controls made visible) and must write the same bytes.
 */
import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { markdownPages } from '../../generator/emit/markdown/index.js';
import { MARKDOWN_OPTIONS, resolveAnchors, serialize, visibleControls } from '../../generator/emit/shared/serialize.js';
import type { EmitContext } from '../../generator/emit/types.js';
import type { Model } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';

const LEGACY = ['1.0', '2.8.0'];
const QAPI = ['2.0.0', '7.2.0', '9.1.0'];

async function context(files: VFile[]): Promise<EmitContext> {
  return { reporter: new Reporter(files, new VFile({ path: 'corpus' })), packageName: 'qmp-corpus', generatorVersion: '0.0.0', templates: await loadTemplates() };
}

/** Each page both ways; the paths of the pages that differ (with the first difference shown). */
function compare(model: Model, ctx: EmitContext): { pages: number; differ: string[] } {
  const differ: string[] = [];
  let pages = 0;
  for (const page of markdownPages(model, ctx)) {
    pages++;
    const reference: Root = structuredClone(page.tree);
    visibleControls(reference);
    resolveAnchors(reference);
    const theirs = toMarkdown(reference, MARKDOWN_OPTIONS);
    const ours = serialize(page.tree);
    if (ours !== theirs) {
      let i = 0;
      while (ours[i] === theirs[i]) i++;
      differ.push(`${page.path} at ${i}: ${JSON.stringify(ours.slice(i, i + 40))} vs ${JSON.stringify(theirs.slice(i, i + 40))}`);
    }
  }
  return { pages, differ };
}

describe.skipIf(!corpusAvailable)('serialiser = library, legacy docs', () => {
  const versions = corpusVersions().filter((v) => LEGACY.includes(v.version));
  it('finds the releases it compares', () => expect(versions.map((v) => v.version)).toEqual(LEGACY));
  it.each(versions.map((v) => [v.version, v] as const))('%s', async (_version, v) => {
    const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
    if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
    const ctx = await context(files);
    const { pages, differ } = compare(parseDocs(files, ctx.reporter), ctx);
    expect(pages).toBeGreaterThan(50);
    expect(differ).toEqual([]);
  });
});

describe.skipIf(!requireQapiCorpus())('serialiser = library, QAPI schemas', () => {
  const releases = qapiReleases().filter((r) => QAPI.includes(r.version));
  it('finds the releases it compares', () => expect(releases.map((r) => r.version)).toEqual(QAPI));
  it.each(releases.map((r) => [r.version, r] as const))('%s', async (_version, r) => {
    const { part, files } = readSchema(r.root);
    const { pages, differ } = compare(partToModel(part), await context(files));
    expect(pages).toBeGreaterThan(100);
    expect(differ).toEqual([]);
  }, 60_000);
});
