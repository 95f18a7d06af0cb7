/**
 * The Markdown reference over every version of QEMU's legacy docs: a page for every command
 * and event, every relative link resolving within what the emitters write (pages and JSON
 * Schemas), every page read back by remark-gfm with the structure it was built with, and the
 * index's tables listing exactly the model's commands and events.
 */
import { readFileSync } from 'node:fs';
import type { Heading, Root, Table } from 'mdast';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitMarkdown, siteFor } from '../../generator/emit/markdown/index.js';
import { SECTION_TITLES } from '../../generator/emit/markdown/pages.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import type { EmitContext, OutputFile } from '../../generator/emit/types.js';
import { formatFilesWithPrettier } from '../../generator/format/prettier.js';
import type { Model } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { corpusAvailable, corpusVersions, type CorpusVersion } from '../helpers/corpus.js';
import { brokenLinks, nodesOf, parseMarkdown, plainText } from '../markdown/helpers.js';

function load(v: CorpusVersion): VFile[] {
  const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
  if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
  return files;
}

interface Run {
  model: Model;
  ctx: EmitContext;
  markdown: OutputFile[];
  schemas: OutputFile[];
  trees: Map<string, Root>;
}

function run(v: CorpusVersion): Run {
  const files = load(v);
  const ctx: EmitContext = { reporter: new Reporter(files, new VFile({ path: 'corpus' })), packageName: 'qmp-corpus', generatorVersion: '0.0.0' };
  const model = parseDocs(files, ctx.reporter);
  const markdown = emitMarkdown(model, ctx);
  const schemas = emitSchemas(model, ctx);
  const trees = new Map(markdown.map((f) => [f.path, parseMarkdown(f.contents)]));
  return { model, ctx, markdown, schemas, trees };
}

/** The table that follows the heading titled `title` (depth 2 or 3) in the index. */
function tableAfter(index: Root, title: string): Table | undefined {
  const i = index.children.findIndex((n) => n.type === 'heading' && plainText(n) === title);
  if (i === -1) return undefined;
  return index.children.slice(i + 1).find((n): n is Table => n.type === 'table' || n.type === 'heading') as Table | undefined;
}

/** `[name, link]` of each body row of an index table. */
function rowsOf(table: Table): [string, string][] {
  return table.children.slice(1).map((row) => {
    const [link] = nodesOf(row.children[0]!, 'link');
    return [plainText(row.children[0]!), link?.url ?? ''];
  });
}

const versions = corpusVersions();

describe.skipIf(!corpusAvailable)('markdown over the corpus', () => {
  describe.each(versions.map((v) => [v.version, v] as const))('%s', (_version, v) => {
    let r: Run;
    let site: ReturnType<typeof siteFor>;
    let commands: string[];
    let events: string[];
    beforeAll(() => {
      r = run(v);
      site = siteFor(r.model, r.ctx);
      commands = [...new Set(r.model.commands.map((c) => c.name))];
      events = [...new Set(r.model.events.map((e) => e.name))];
    });

    it('the docs yield commands and events to document', () => {
      expect(commands.length).toBeGreaterThan(10);
      if (v.events) expect(events.length).toBeGreaterThan(5);
    });

    it('has a page for every command and event, titled with its name', () => {
      const pages = new Set(r.markdown.map((f) => f.path));
      for (const [names, pageOf] of [[commands, site.commandPage], [events, site.eventPage]] as const) {
        for (const name of names) {
          const p = pageOf(name);
          expect(pages.has(p), p).toBe(true);
          const title = r.trees.get(p)!.children[0] as Heading;
          expect([title.type, title.depth, plainText(title)]).toEqual(['heading', 1, name]);
        }
      }
      expect(r.markdown.length).toBe(1 + commands.length + events.length + r.model.types.length);
    });

    it('resolves every relative link within the emitted pages and schemas', () => {
      expect(brokenLinks([...r.markdown, ...r.schemas], r.trees)).toEqual([]);
    });

    it('reads every page back without HTML and with its headings in order', () => {
      for (const [p, tree] of r.trees) {
        expect(nodesOf(tree, 'html'), p).toEqual([]);
        const depths = nodesOf(tree, 'heading').map((h) => h.depth);
        expect(depths[0], p).toBe(1);
        expect(depths.filter((d) => d === 1), p).toHaveLength(1);
        depths.forEach((d, i) => i > 0 && expect(d, p).toBeLessThanOrEqual(depths[i - 1]! + 1));
      }
    });

    it('lists every command by section and every event in GFM tables of the index', () => {
      const index = r.trees.get('docs/index.md')!;
      for (const section of ['regular', 'query', 'other'] as const) {
        const expected = r.model.commands.filter((c) => c.section === section).map((c) => c.name);
        const table = tableAfter(index, SECTION_TITLES[section]);
        if (expected.length === 0) {
          expect(table, section).toBeUndefined();
          continue;
        }
        expect(table?.type, section).toBe('table');
        expect(rowsOf(table!)).toEqual(expected.map((name) => [name, site.commandPage(name).replace(/^docs\//, '')]));
      }
      if (events.length > 0) {
        const table = tableAfter(index, 'Events');
        expect(table?.type).toBe('table');
        expect(rowsOf(table!)).toEqual(r.model.events.map((e) => [e.name, site.eventPage(e.name).replace(/^docs\//, '')]));
      }
    });
  });

  /** The oldest and the newest release: what is checked once per version is enough elsewhere. */
  const ends = versions.filter((v) => ['0.13.0', '2.8.0'].includes(v.version)).map((v) => [v.version, v] as const);

  it.each(ends)('%s: the same docs give byte-identical pages', (_version, v) => {
    expect(run(v).markdown).toEqual(run(v).markdown);
  });

  it.each(ends)('%s: with the typed package too, every link resolves and every named method exists', async (_version, v) => {
    const files = load(v);
    const ctx: EmitContext = {
      reporter: new Reporter(files, new VFile({ path: 'corpus' })),
      packageName: 'qmp-corpus',
      generatorVersion: '0.0.0',
      templates: await loadTemplates(),
    };
    const model = parseDocs(files, ctx.reporter);
    const markdown = emitMarkdown(model, ctx);
    const typescript = emitTypescript(model, ctx);
    expect(brokenLinks([...markdown, ...emitSchemas(model, ctx), ...typescript])).toEqual([]);
    const client = typescript.find((f) => f.path === 'src/client.ts')!.contents;
    const methods = markdown.flatMap((f) => [...f.contents.matchAll(/TypeScript: `Qmp\.(\w+)\(\)`/g)].map((x) => x[1]!));
    expect(methods).toHaveLength(new Set(model.commands.map((c) => c.name)).size);
    for (const method of methods) expect(client, method).toMatch(new RegExp(`\\n\\s+${method}\\(`));
  });

  /**
   * The format stage passes Markdown through without prettier (generator/format/prettier.ts)
   * because of this: checked on a spread of versions (every fourth, and both ends), with the
   * generated package's README.md (the typescript emitter's Markdown) too.
   */
  const spread = versions.filter((v, i) => i % 4 === 0 || ['0.13.0', '2.8.0'].includes(v.version)).map((v) => [v.version, v] as const);
  it.each(spread)('%s: prettier changes no Markdown file (the serialiser already writes its style)', async (_version, v) => {
    const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
    if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
    const ctx = { reporter: new Reporter(files, new VFile({ path: 'corpus' })), packageName: 'qmp-corpus', generatorVersion: '0.0.0', templates: await loadTemplates() };
    const model = parseDocs(files, ctx.reporter);
    const raw = [...emitMarkdown(model, ctx), ...emitTypescript(model, ctx).filter((f) => f.path.endsWith('.md'))];
    expect(raw.length).toBeGreaterThan(10);
    expect(await formatFilesWithPrettier(raw)).toEqual(raw.map((f) => ({ path: f.path, contents: f.contents })));
  }, 300_000);
});
