import path from 'node:path';
import type { Link, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { annotateLatest } from '../../generator/history/annotate.js';
import { buildHistory } from '../../generator/history/build.js';
import { releaseChangelog } from '../../generator/history/release.js';
import { emitHistory } from '../../generator/emit/history/index.js';
import { cmd, enumT, evt, m, model, struct } from './models.js';

const v1 = model({
  commands: [cmd('query-a'), cmd('x-thing', [m('id')]), cmd('old', [m('id'), m('*legacy')])],
  events: [evt('STARTED')],
  types: [enumT('Kind', ['one', 'two']), struct('Opt', [m('name'), m('*colour')])],
});
const v2 = model({
  commands: [cmd('query-a', [], { since: '0.9' }), cmd('thing', [m('id')]), cmd('old', [m('id'), m('legacy!')]), cmd('new-[link](x)*', [m('v')])],
  events: [evt('STARTED'), evt('STOPPED', [m('why')])],
  types: [enumT('Kind', ['one', 'three']), struct('Opt', [m('name')])],
});
const history = buildHistory([{ version: '7.1.0', model: v2 }, { version: '7.0.0', model: v1 }]);

describe('release changelog', () => {
  it('lists added, removed, deprecated, changed and renames of a release', () => {
    const log = releaseChangelog(history, '7.1.0');
    expect(log.previous).toBe('7.0.0');
    expect(log.added.map((r) => r.name).sort()).toEqual(['STOPPED', 'new-[link](x)*', 'thing']);
    expect(log.removed.map((r) => r.name)).toEqual(['x-thing']);
    expect(log.deprecated.map((d) => `${d.name}.${d.change.member}`)).toEqual(['old.legacy']);
    expect(log.changed.map((c) => c.name).sort()).toEqual(['Kind', 'Opt', 'old']);
    expect(log.renames).toEqual([{ category: 'command', from: 'x-thing', to: 'thing', release: '7.1.0', confidence: 'probable' }]);
    expect(releaseChangelog(history, '7.0.0').added).toEqual([]);
  });
});

const parse = (md: string): Root => unified().use(remarkParse).use(remarkGfm).parse(md);

describe('emitHistory', () => {
  const files = emitHistory(history);
  const byPath = new Map(files.map((f) => [f.path, f.contents]));

  it('writes the changelog, release pages, index, item pages and changelog.json', () => {
    expect([...byPath.keys()].filter((p) => !p.startsWith('items/'))).toEqual([
      'changelog.json',
      'changelog.md',
      'index.md',
      'releases/7.0.0.md',
      'releases/7.1.0.md',
    ]);
    expect(byPath.has('items/commands/x-thing.md')).toBe(true);
    expect(byPath.has('items/types/Kind.md')).toBe(true);
    const json = JSON.parse(byPath.get('changelog.json')!);
    expect(json).toMatchObject({ format: 'qmp-codegen-changelog', formatVersion: 1, releases: ['7.0.0', '7.1.0'] });
    expect(json.commands['x-thing']).toMatchObject({ since: '7.0.0', until: '7.1.0' });
    expect(json.commands['old'].members.legacy.types).toEqual([
      { since: '7.0.0', type: 'string', optional: true },
      { since: '7.1.0', type: 'string', optional: false },
    ]);
  });

  it('links only to pages that exist', () => {
    let checked = 0;
    for (const f of files.filter((x) => x.path.endsWith('.md'))) {
      const links: string[] = [];
      visit(parse(f.contents), 'link', (l: Link) => void links.push(l.url));
      checked += links.length;
      for (const url of links) {
        const target = path.posix.join(path.posix.dirname(f.path), decodeURIComponent(url));
        expect(byPath.has(target), `${f.path} → ${url}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('sets names from the input in code, never as Markdown', () => {
    const page = byPath.get('releases/7.1.0.md')!;
    expect(page).toContain('`new-[link](x)*`');
    const urls: string[] = [];
    visit(parse(page), 'link', (l: Link) => void urls.push(l.url));
    expect(urls).not.toContain('x');
    expect(page).toMatch(/`x-thing`\]\([^)]*\) → \[`thing`\]/);
  });

  it('is deterministic', () => {
    expect(emitHistory(buildHistory([{ version: '7.0.0', model: v1 }, { version: '7.1.0', model: v2 }]))).toEqual(files);
  });
});

describe('annotateLatest', () => {
  const latest = annotateLatest(v2, history);
  it('sets the computed since on items, members and enum values', () => {
    const q = latest.commands.find((c) => c.name === 'query-a')!;
    expect(q.since).toBe('7.0 or earlier');
    expect(latest.commands.find((c) => c.name === 'thing')!.since).toBe('7.1');
    const kind = latest.types.find((t) => t.name === 'Kind');
    expect(kind?.kind === 'enum' && kind.values.map((v) => `${v.name}@${v.since}`)).toEqual(['one@7.0 or earlier', 'three@7.1']);
    expect(latest.events.find((e) => e.name === 'STOPPED')!.data!.members[0]!.since).toBe('7.1');
    // the input model is not modified
    expect(v2.commands.find((c) => c.name === 'query-a')!.since).toBe('0.9');
  });
  it('lists what older releases had and what is deprecated', () => {
    expect(latest.history!.releases).toEqual(['7.0.0', '7.1.0']);
    expect(latest.history!.removed).toEqual([
      { category: 'command', name: 'x-thing', since: '7.0', lastSeen: '7.0', removedIn: '7.1' },
      { category: 'type', name: 'Kind', value: 'two', since: '7.0', lastSeen: '7.0', removedIn: '7.1' },
      { category: 'type', name: 'Opt', member: 'colour', since: '7.0', lastSeen: '7.0', removedIn: '7.1' },
    ]);
    expect(latest.history!.deprecated).toEqual([{ category: 'command', name: 'old', member: 'legacy', since: '7.1' }]);
  });
});
