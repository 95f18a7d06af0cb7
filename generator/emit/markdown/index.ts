/**
 * The Markdown reference: `docs/index.md` and a page per command, event and named type
 * (layout and file names: paths.ts). Pages are built as mdast (pages.ts) and serialised with
 * mdast-util-to-markdown + mdast-util-gfm (serialize.ts); no doc text is ever concatenated
 * into Markdown.
 */
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { Reporter } from '../../diagnostics/reporter.js';
import type { Model, SourcePosition } from '../../model/types.js';
import { assignStems } from '../../layout/filenames.js';
import { schemaLayout } from '../../layout/schema.js';
import type { EmitContext, Emitter } from '../types.js';
import { CLIENT_CLASS, EVENT_MAP, planNames } from '../../layout/typescript.js';
import { runtimeNames, runtimeSources } from '../../layout/runtime.js';
import { commandPage, eventPage, indexPage, type Site, typePage } from './pages.js';
import { INDEX_PAGE, type PageKind, pagePath } from './paths.js';
import { serialize } from '../shared/serialize.js';
import { removedIndex } from '../../model/removed.js';

/** File stems per folder, with case-only clashes reported once here. */
function stemsFor(
  kind: PageKind,
  items: readonly { name: string; position?: SourcePosition }[],
  ctx: EmitContext,
): Map<string, string> {
  const { stems, collisions } = assignStems(items.map((i) => i.name));
  for (const c of collisions) {
    const position = items.find((i) => i.name === c.name)?.position;
    ctx.reporter.report(
      'name-collision',
      `${kind.replace(/s$/, '')} ${JSON.stringify(c.name)} differs from ${JSON.stringify(c.clashesWith)} only in letter case; ` +
        `its Markdown page is ${pagePath(kind, c.stem)}`,
      position,
    );
  }
  return stems;
}

/** Where the typed client declares things (the typescript emitter's package layout). */
const CLIENT_SOURCE = 'src/client.ts';
const TYPES_SOURCE = 'src/types.ts';

/**
 * The typed client's names, exactly as the typescript emitter assigns them (the naming plan of
 * the shared layout, which needs the runtime sources from ctx.templates). Without templates there is no package
 * to link to. Naming diagnostics are the typescript emitter's to report, so they are dropped here.
 */
function typescriptNames(model: Model, ctx: EmitContext): Pick<Site, 'commandMethod' | 'eventType'> {
  if (!ctx.templates || (ctx.emitted && !ctx.emitted.includes('typescript'))) {
    return { commandMethod: () => undefined, eventType: () => undefined };
  }
  const quiet = new VFile({ path: 'markdown' });
  const plan = planNames(model, new Reporter([], quiet), runtimeNames(runtimeSources(ctx.templates), ctx.prebuilt));
  const methods = new Map(plan.commands.map((c) => [c.command.name, `${CLIENT_CLASS}.${c.method}()`]));
  const events = new Map(plan.events.map((e) => [e.event.name, e.data?.name]));
  return {
    commandMethod: (name) => {
      const method = methods.get(name);
      return method === undefined ? undefined : { method, file: CLIENT_SOURCE };
    },
    eventType: (name) => {
      if (!events.has(name)) return undefined;
      const dataType = events.get(name);
      return dataType === undefined ? { map: EVENT_MAP, file: TYPES_SOURCE } : { map: EVENT_MAP, dataType, file: TYPES_SOURCE };
    },
  };
}

/** Build the link map of the whole site from the model. */
export function siteFor(model: Model, ctx: EmitContext): Site {
  const commands = stemsFor('commands', model.commands, ctx);
  const events = stemsFor('events', model.events, ctx);
  const types = stemsFor('types', model.types, ctx);
  const schemas = schemaLayout(model);
  const withSchemas = !ctx.emitted || ctx.emitted.includes('schema');
  const found = (map: Map<string, string>, name: string): string => {
    const p = map.get(name);
    if (p === undefined) throw new Error(`internal: no schema file for ${JSON.stringify(name)}`);
    return p;
  };
  // each page's path made once, not at every link to it
  const pages = (kind: PageKind, stems: Map<string, string>): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [name, s] of stems) out.set(name, pagePath(kind, s));
    return out;
  };
  const commandPages = pages('commands', commands);
  const eventPages = pages('events', events);
  const typePages = pages('types', types);
  const page = (map: Map<string, string>, name: string): string => {
    const p = map.get(name);
    if (p === undefined) throw new Error(`internal: no file name for ${JSON.stringify(name)}`);
    return p;
  };
  return {
    removed: removedIndex(model),
    commandPage: (name) => page(commandPages, name),
    eventPage: (name) => page(eventPages, name),
    typePage: (name) => typePages.get(name),
    commandSchemas: (name) =>
      withSchemas ? { request: found(schemas.request, name), response: found(schemas.response, name) } : undefined,
    eventSchema: (name) => (withSchemas ? found(schemas.event, name) : undefined),
    ...typescriptNames(model, ctx),
  };
}

/**
 * The first item of each name: the parser already drops (and reports) later duplicates. The
 * array itself when it has none (the usual case).
 */
function firstOfEach<T extends { name: string }>(items: readonly T[]): readonly T[] {
  const first = new Map<string, T>();
  for (const item of items) if (!first.has(item.name)) first.set(item.name, item);
  return first.size === items.length ? items : [...first.values()];
}

/** A page of the reference: where it goes and its tree, before serialisation. */
export interface MarkdownPage {
  path: string;
  tree: Root;
}

/**
 * Every page of the reference as mdast, one at a time (each is serialised before the next is
 * built, so only one page's tree is alive at once). The tests serialise these both ways and compare.
 */
export function* markdownPages(input: Model, ctx: EmitContext): Generator<MarkdownPage> {
  const commands = firstOfEach(input.commands);
  const events = firstOfEach(input.events);
  const types = firstOfEach(input.types);
  // the model itself when nothing was dropped: what is computed from it once per run
  // (the naming plan the TypeScript emitter made) is found again for it
  const model: Model =
    commands === input.commands && events === input.events && types === input.types
      ? input
      : { ...input, commands: [...commands], events: [...events], types: [...types] };
  const site = siteFor(model, ctx);
  yield { path: INDEX_PAGE, tree: indexPage(model, site, { generatorVersion: ctx.generatorVersion }) };
  for (const c of model.commands) yield { path: site.commandPage(c.name), tree: commandPage(c, site) };
  for (const e of model.events) yield { path: site.eventPage(e.name), tree: eventPage(e, site) };
  for (const t of model.types) yield { path: site.typePage(t.name)!, tree: typePage(t, site) };
}

export const emitMarkdown: Emitter = (input, ctx) => Array.from(markdownPages(input, ctx), (page) => ({ path: page.path, contents: serialize(page.tree) }));
