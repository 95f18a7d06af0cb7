/**
 * The serialiser (serialize.ts: print-markdown.ts, else the library with its shortcuts) against
 * mdast-util-to-markdown alone, on every page the Markdown emitter builds from real input:
 * legacy docs of two releases and QAPI schemas of three. Both get the same tree (anchors
 * resolved, controls made visible: serialize's one walk must leave its tree as visibleControls
 * and resolveAnchors leave the reference) and must write the same bytes; and print-markdown.ts must
 * have written every one of them itself (no page declined). The same for every page of the
 * history of the QAPI corpus and for the package README of each release, whose writers call
 * print-markdown.ts: written once with it and once with it switched off (the library).
 */
import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { VFile } from 'vfile';
import { describe, expect, it, vi } from 'vitest';
import { loadPrebuilt, loadTemplates } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitHistory } from '../../generator/emit/history/index.js';
import { markdownPages } from '../../generator/emit/markdown/index.js';
import { MARKDOWN_OPTIONS, resolveAnchors, serialize, visibleControls } from '../../generator/emit/shared/serialize.js';
import { readme } from '../../generator/emit/typescript/package.js';
import type { EmitContext } from '../../generator/emit/types.js';
import { runtimeNames, runtimeSources } from '../../generator/layout/runtime.js';
import { planNames } from '../../generator/layout/typescript.js';
import type { Model } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { corpusHistory, runCorpus } from '../history/corpus.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from '../read-qapi/helpers.js';

/** print-markdown.ts with a switch (off: it declines everything) and a count of what it declined. */
const writer = vi.hoisted(() => ({ on: true, declined: 0 }));
vi.mock('../../generator/emit/shared/print-markdown.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../generator/emit/shared/print-markdown.js')>();
  return {
    ...original,
    printMarkdown: (...args: Parameters<typeof original.printMarkdown>) => {
      if (!writer.on) return undefined;
      const out = original.printMarkdown(...args);
      if (out === undefined) writer.declined++;
      return out;
    },
  };
});

/** `f` with print-markdown.ts switched off: the library writes everything. */
function withLibrary<T>(f: () => T): T {
  writer.on = false;
  try {
    return f();
  } finally {
    writer.on = true;
  }
}

const LEGACY = ['1.0', '2.8.0'];
const QAPI = ['2.0.0', '7.2.0', '9.1.0'];

async function context(files: VFile[]): Promise<EmitContext> {
  const prebuilt = await loadPrebuilt();
  return {
    reporter: new Reporter(files, new VFile({ path: 'corpus' })),
    packageName: 'qmp-corpus',
    generatorVersion: '0.0.0',
    templates: await loadTemplates(),
    ...(prebuilt ? { prebuilt } : {}),
  };
}

/** The first difference of two texts, shown. */
function difference(ours: string, theirs: string): string {
  let i = 0;
  while (ours[i] === theirs[i]) i++;
  return `at ${i}: ${JSON.stringify(ours.slice(i, i + 40))} vs ${JSON.stringify(theirs.slice(i, i + 40))}`;
}

/** Each page both ways; the paths of the pages that differ (with the first difference shown). */
function compare(model: Model, ctx: EmitContext): { pages: number; differ: string[]; declined: number } {
  const differ: string[] = [];
  let pages = 0;
  writer.declined = 0;
  for (const page of markdownPages(model, ctx)) {
    pages++;
    const reference: Root = structuredClone(page.tree);
    visibleControls(reference);
    resolveAnchors(reference);
    const theirs = toMarkdown(reference, MARKDOWN_OPTIONS);
    const ours = serialize(page.tree);
    if (ours !== theirs) differ.push(`${page.path} ${difference(ours, theirs)}`);
    // serialize's one walk (prepare) left the tree as the two walks leave it
    if (JSON.stringify(page.tree) !== JSON.stringify(reference)) differ.push(`${page.path}: prepared tree`);
  }
  return { pages, differ, declined: writer.declined };
}

/** The package README of `model` both ways: the first difference, or undefined. */
function compareReadme(model: Model, ctx: EmitContext): string | undefined {
  const templates = ctx.templates!;
  const plan = planNames(model, new Reporter([], new VFile({ path: 'quiet' })), runtimeNames(runtimeSources(templates), ctx.prebuilt));
  const write = () => readme(templates['package/README.md']!, model, plan, { packageName: 'qmp-corpus', license: 'GPL-2.0-or-later', testedWith: ['QEMU x'] }, ctx.prebuilt);
  writer.declined = 0;
  const ours = write();
  expect(writer.declined).toBe(0);
  const theirs = withLibrary(write);
  expect(ours.length).toBeGreaterThan(1000);
  return ours === theirs ? undefined : difference(ours, theirs);
}

describe.skipIf(!corpusAvailable)('serialiser = library, legacy docs', () => {
  const versions = corpusVersions().filter((v) => LEGACY.includes(v.version));
  it('finds the releases it compares', () => expect(versions.map((v) => v.version)).toEqual(LEGACY));
  it.each(versions.map((v) => [v.version, v] as const))('%s', async (_version, v) => {
    const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
    if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
    const ctx = await context(files);
    const model = parseDocs(files, ctx.reporter);
    const { pages, differ, declined } = compare(model, ctx);
    expect(pages).toBeGreaterThan(50);
    expect(differ).toEqual([]);
    expect(declined).toBe(0);
    expect(compareReadme(model, ctx)).toBeUndefined();
  });
});

describe.skipIf(!requireQapiCorpus())('serialiser = library, QAPI schemas', () => {
  const releases = qapiReleases().filter((r) => QAPI.includes(r.version));
  it('finds the releases it compares', () => expect(releases.map((r) => r.version)).toEqual(QAPI));
  it.each(releases.map((r) => [r.version, r] as const))('%s', async (_version, r) => {
    const { part, files } = readSchema(r.root);
    const model = partToModel(part);
    const ctx = await context(files);
    const { pages, differ, declined } = compare(model, ctx);
    expect(pages).toBeGreaterThan(100);
    expect(differ).toEqual([]);
    expect(declined).toBe(0);
    expect(compareReadme(model, ctx)).toBeUndefined();
  }, 60_000);
});

describe.skipIf(!runCorpus)('serialiser = library, the history of the QAPI corpus', () => {
  it('writes every history page as the library does, none declined', async () => {
    const { history } = await corpusHistory();
    writer.declined = 0;
    const ours = emitHistory(history).filter((f) => f.path.endsWith('.md'));
    expect(writer.declined).toBe(0);
    const theirs = withLibrary(() => emitHistory(history)).filter((f) => f.path.endsWith('.md'));
    expect(ours.length).toBeGreaterThan(1000);
    expect(ours.map((f) => f.path)).toEqual(theirs.map((f) => f.path));
    const differ = ours.flatMap((f, i) => (f.contents === theirs[i]!.contents ? [] : [`${f.path} ${difference(f.contents, theirs[i]!.contents)}`]));
    expect(differ).toEqual([]);
  }, 600_000);
});
