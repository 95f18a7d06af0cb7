/**
 * The history emitter: the multi-version model (generator/history) as
 *
 *   changelog.md                        every release, newest first, with its counts
 *   releases/<version>.md               one release: added, removed, returned, deprecated, changed
 *   index.md                            every item with its availability range
 *   items/{commands,events,types}/<name>.md   one item: range, members, values, changes
 *   changelog.json                      the same as data (format: generator/history/FORMAT.md)
 *
 * Pure: History in, files out. Markdown is built as mdast and serialised by the shared
 * serialiser; names from the input only ever enter the tree as text or inline code.
 */
import path from 'node:path';
import type { BlockContent, PhrasingContent, Root, RootContent } from 'mdast';
import type { OutputFile } from '../types.js';
import { assignStems } from '../../layout/filenames.js';
import { bulletList, code, heading, link, paragraph, table, text } from '../shared/mdast.js';
import { serialize } from '../shared/serialize.js';
import { type ItemRef, releaseChangelog } from '../../history/release.js';
import type { Change, History, ItemCategory, ItemHistory, Range } from '../../history/types.js';
import { compareVersions } from '../../history/version.js';
import { changelogJson } from '../../history/changelog-json.js';

const FOLDER: Record<ItemCategory, string> = { command: 'commands', event: 'events', type: 'types' };

interface Paths {
  item(category: ItemCategory, name: string): string;
  release(version: string): string;
}

function makePaths(history: History): Paths {
  const stems: Record<ItemCategory, Map<string, string>> = {
    command: assignStems(Object.keys(history.commands)).stems,
    event: assignStems(Object.keys(history.events)).stems,
    type: assignStems(Object.keys(history.types)).stems,
  };
  const releaseStems = assignStems(history.releases).stems;
  return {
    item: (category, name) => `items/${FOLDER[category]}/${stems[category].get(name)!}.md`,
    release: (version) => `releases/${releaseStems.get(version)!}.md`,
  };
}

function rel(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to).split('/').map(encodeURIComponent).join('/');
}

function rangeText(r: Range): string {
  const since = `${r.sinceOrEarlier ? '≤ ' : ''}${r.since}`;
  const gaps = r.gaps.map((g) => `absent ${g.removedIn}–${g.returnedIn}`).join(', ');
  return `${since} – ${r.until === null ? 'present' : `last ${r.lastSeen}, removed in ${r.until}`}${gaps ? ` (${gaps})` : ''}`;
}

function itemLink(from: string, paths: Paths, ref: { category: ItemCategory; name: string }): PhrasingContent {
  return link(rel(from, paths.item(ref.category, ref.name)), code(ref.name));
}

const CHANGE_TEXT: Record<Change['kind'], string> = {
  'kind-changed': 'kind changed',
  'returns-changed': 'return type changed',
  'member-added': 'member added',
  'member-removed': 'member removed',
  'type-changed': 'type changed',
  'became-required': 'became required',
  'became-optional': 'became optional',
  'became-deprecated': 'became deprecated',
  'no-longer-deprecated': 'no longer deprecated',
  'became-unstable': 'became unstable',
  'no-longer-unstable': 'no longer unstable',
  'moved-into-branch': 'moved into union branch',
  'moved-out-of-branch': 'moved out of union branches',
  'value-added': 'enum value added',
  'value-removed': 'enum value removed',
  'variant-added': 'variant added',
  'variant-removed': 'variant removed',
  'variant-type-changed': 'variant type changed',
  'feature-added': 'feature added',
  'feature-removed': 'feature removed',
};

function changePhrasing(c: Change): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const part = c.member ?? c.value ?? c.variant;
  if (part !== undefined) out.push(code(part), text(': '));
  out.push(text(CHANGE_TEXT[c.kind]));
  if (c.feature !== undefined) out.push(text(' '), code(c.feature));
  if (c.from !== undefined && c.to !== undefined) out.push(text(', '), code(c.from), text(' → '), code(c.to));
  else if (c.to !== undefined) out.push(text(', '), code(c.to));
  else if (c.from !== undefined) out.push(text(', was '), code(c.from));
  return out;
}

function refList(from: string, paths: Paths, refs: readonly ItemRef[]): BlockContent[] {
  if (refs.length === 0) return [paragraph(text('None.'))];
  return [bulletList(refs.map((r) => [paragraph(itemLink(from, paths, r), text(` (${r.kind})`))]))];
}

function releasePage(history: History, version: string, paths: Paths): OutputFile {
  const at = paths.release(version);
  const log = releaseChangelog(history, version);
  const children: RootContent[] = [heading(1, undefined, text(`QEMU ${version}`))];
  if (log.previous === undefined) {
    children.push(paragraph(text('The first release of this history: it is the baseline, so nothing is listed as added.')));
  } else {
    children.push(paragraph(text(`Compared with QEMU ${log.previous}. `), link(rel(at, 'changelog.md'), text('All releases'))));
    const section = (title: string, blocks: BlockContent[]) => children.push(heading(2, undefined, text(title)), ...blocks);
    section(`Added (${log.added.length})`, refList(at, paths, log.added));
    section(`Removed (${log.removed.length})`, refList(at, paths, log.removed));
    if (log.returned.length > 0) section(`Back after a gap (${log.returned.length})`, refList(at, paths, log.returned));
    section(
      `Deprecated (${log.deprecated.length})`,
      log.deprecated.length === 0
        ? [paragraph(text('None.'))]
        : [bulletList(log.deprecated.map((d) => [paragraph(itemLink(at, paths, d), text(' — '), ...changePhrasing(d.change))]))],
    );
    section(
      `Changed (${log.changed.length})`,
      log.changed.length === 0
        ? [paragraph(text('None.'))]
        : [bulletList(log.changed.map((c) => [paragraph(itemLink(at, paths, c)), bulletList(c.changes.map((ch) => [paragraph(...changePhrasing(ch))]))]))],
    );
    if (log.renames.length > 0) {
      section(
        'Probable renames',
        [
          paragraph(text('A removal and an addition with the same shape; listed, never merged.')),
          bulletList(log.renames.map((r) => [paragraph(itemLink(at, paths, { category: r.category, name: r.from }), text(' → '), itemLink(at, paths, { category: r.category, name: r.to }))])),
        ],
      );
    }
  }
  return { path: at, contents: serialize({ type: 'root', children }) };
}

function changelogPage(history: History, paths: Paths): OutputFile {
  const at = 'changelog.md';
  const rows = [...history.releases].reverse().map((v) => {
    const log = releaseChangelog(history, v);
    const n = (x: number) => [text(String(x))];
    return [[link(rel(at, paths.release(v)), text(v))], n(log.added.length), n(log.removed.length), n(log.deprecated.length), n(log.changed.length)];
  });
  const children: RootContent[] = [
    heading(1, undefined, text('QMP changelog')),
    paragraph(
      text(`${history.releases.length} releases, ${history.releases[0]} to ${history.releases[history.releases.length - 1]}. `),
      link(rel(at, 'index.md'), text('Every item with its availability')),
      text('.'),
    ),
    table(['Release', 'Added', 'Removed', 'Deprecated', 'Changed'], rows),
  ];
  if (history.renames.length > 0) {
    children.push(
      heading(2, undefined, text('Probable renames')),
      bulletList(
        history.renames.map((r) => [
          paragraph(itemLink(at, paths, { category: r.category, name: r.from }), text(' → '), itemLink(at, paths, { category: r.category, name: r.to }), text(` in ${r.release}`)),
        ]),
      ),
    );
  }
  return { path: at, contents: serialize({ type: 'root', children }) };
}

function indexPage(history: History, paths: Paths): OutputFile {
  const at = 'index.md';
  const children: RootContent[] = [heading(1, undefined, text('Every QMP item by availability'))];
  const groups: Array<[string, Record<string, ItemHistory>]> = [
    ['Commands', history.commands],
    ['Events', history.events],
    ['Types', history.types],
  ];
  for (const [title, items] of groups) {
    const list = Object.values(items);
    children.push(heading(2, undefined, text(`${title} (${list.length})`)));
    children.push(table(['Name', 'Kind', 'Available'], list.map((i) => [[itemLink(at, paths, i)], [text(i.kind)], [text(rangeText(i))]])));
  }
  return { path: at, contents: serialize({ type: 'root', children }) };
}

function itemPage(history: History, item: ItemHistory, paths: Paths): OutputFile {
  const at = paths.item(item.category, item.name);
  const children: RootContent[] = [
    heading(1, undefined, code(item.name)),
    paragraph(text(`${item.kind}, available ${rangeText(item)}.`)),
  ];
  if (item.docSince !== undefined) children.push(paragraph(text('The doc comment says since: '), code(item.docSince)));
  const members = Object.entries(item.members);
  if (members.length > 0) {
    children.push(heading(2, undefined, text('Members')));
    children.push(
      table(
        ['Member', 'Available', 'Type'],
        members.map(([name, m]) => [
          [code(name)],
          [text(rangeText(m))],
          m.types.flatMap((t, i): PhrasingContent[] => [...(i > 0 ? [text('; ')] : []), text(`${t.since}: ${t.optional ? 'optional ' : ''}`), code(t.type)]),
        ]),
      ),
    );
  }
  const parts: Array<[string, Record<string, Range> | undefined]> = [
    ['Enum values', item.values],
    ['Variants', item.variants],
    ['Features', item.features],
  ];
  for (const [title, record] of parts) {
    const entries = Object.entries(record ?? {});
    if (entries.length === 0) continue;
    children.push(heading(2, undefined, text(title)), table(['Name', 'Available'], entries.map(([n, r]) => [[code(n)], [text(rangeText(r))]])));
  }
  children.push(heading(2, undefined, text('Changes')));
  if (item.changes.length === 0) children.push(paragraph(text('None between the releases it exists in.')));
  else {
    const byRelease = new Map<string, Change[]>();
    for (const c of item.changes) byRelease.set(c.release, [...(byRelease.get(c.release) ?? []), c]);
    children.push(
      bulletList(
        [...byRelease].map(([release, changes]) => [
          paragraph(link(rel(at, paths.release(release)), text(release))),
          bulletList(changes.map((c) => [paragraph(...changePhrasing(c))])),
        ]),
      ),
    );
  }
  const renames = history.renames.filter((r) => r.category === item.category && (r.from === item.name || r.to === item.name));
  for (const r of renames) {
    const other = r.from === item.name ? r.to : r.from;
    children.push(
      paragraph(text(r.from === item.name ? `Probably renamed in ${r.release} to ` : `Probably renamed in ${r.release} from `), itemLink(at, paths, { category: r.category, name: other })),
    );
  }
  return { path: at, contents: serialize({ type: 'root', children } satisfies Root) };
}

/** Every history output, sorted by path. */
export function emitHistory(history: History): OutputFile[] {
  const paths = makePaths(history);
  const files: OutputFile[] = [
    changelogPage(history, paths),
    indexPage(history, paths),
    { path: 'changelog.json', contents: `${JSON.stringify(changelogJson(history), null, 2)}\n` },
    ...history.releases.map((v) => releasePage(history, v, paths)),
  ];
  for (const items of [history.commands, history.events, history.types]) {
    for (const item of Object.values(items)) files.push(itemPage(history, item, paths));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || compareVersions(a.path, b.path));
}
