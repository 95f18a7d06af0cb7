/**
 * The history over the real corpus (../shared/qemu-qapi: 38 releases), checked against an
 * independent scan of the releases' files (scan.ts) rather than against our own output.
 * Skips visibly while the QAPI reader is absent (see corpus.ts).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compat } from '../../generator/history/compat.js';
import { releaseChangelog } from '../../generator/history/release.js';
import type { Change, History, ItemCategory } from '../../generator/history/types.js';
import { combinedHistory, corpusHistory, releaseDir, runCorpus } from './corpus.js';
import { type ScannedItem, scanRelease } from './scan.js';
import { REPORT, sinceReport } from './since-report.js';
import { agreement, compareSince, verifiedAgreement } from './since.js';

const LONG = { timeout: 600_000 };

describe.skipIf(!runCorpus)('history over the QAPI corpus', () => {
  it('reads all 38 releases in one run, ordered by version', LONG, async () => {
    const c = await corpusHistory();
    expect(c.history.releases).toHaveLength(38);
    expect(c.history.releases[0]).toBe('1.0');
    expect(c.history.releases.at(-1)).toBe('9.1.0');
    expect(c.history.releases.indexOf('2.10.0')).toBeGreaterThan(c.history.releases.indexOf('2.9.0'));
    expect(c.history.coverage).toEqual({ command: '1.0', event: '2.1.0', type: '1.0' });
    const errors = c.files.flatMap((f) => f.messages.filter((m) => m.fatal === true).map((m) => `${f.path}: ${m.reason}`));
    expect(errors).toEqual([]);
    // items that exist today and items that went away both have ranges
    expect(c.history.commands['query-status']).toMatchObject({ since: '1.0', until: null });
    expect(Object.values(c.history.commands).some((i) => i.until !== null)).toBe(true);
  });
});

describe.skipIf(!runCorpus)('computed since versus the doc comments', () => {
  it('agrees with at least 95% of the Since: notes, and the committed report is current', LONG, async () => {
    const c = await combinedHistory();
    const rows = compareSince(c);
    expect(rows.length).toBeGreaterThan(250);
    expect(agreement(rows)).toBeGreaterThanOrEqual(0.95);
    expect(verifiedAgreement(rows)).toBeGreaterThanOrEqual(0.95);
    expect(await readFile(REPORT, 'utf8'), 'regenerate with: npx tsx test/history/since-report.ts').toBe(sinceReport(rows, c.history.releases));
  });
});

/** FNV-1a, for a sample that is fixed but not chosen by hand. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Facts {
  key: string;
  category: ItemCategory;
  name: string;
  status: 'added' | 'removed' | 'both';
  /** Sorted `kind part` strings of what changed, for items in both releases. */
  changes: string[];
}

const diffSets = (a: Iterable<string>, b: Iterable<string>) => {
  const sb = new Set(b);
  return [...a].filter((x) => !sb.has(x));
};

/** What the two scans say about one item, in our change vocabulary. */
function scanFacts(key: string, a: ScannedItem | undefined, b: ScannedItem | undefined): Facts {
  const [cat, ...rest] = key.split(':');
  const category = cat as ItemCategory;
  const name = rest.join(':');
  if (!a) return { key, category, name, status: 'added', changes: [] };
  if (!b) return { key, category, name, status: 'removed', changes: [] };
  const changes: string[] = [];
  if (a.meta === b.meta && a.meta !== 'union' && a.meta !== 'alternate' && a.members && b.members) {
    for (const m of diffSets(b.members.keys(), a.members.keys())) changes.push(`member-added ${m}`);
    for (const m of diffSets(a.members.keys(), b.members.keys())) changes.push(`member-removed ${m}`);
    for (const [m, opt] of a.members) {
      const now = b.members.get(m);
      if (now === undefined) continue;
      if (opt && !now) changes.push(`became-required ${m}`);
      if (!opt && now) changes.push(`became-optional ${m}`);
    }
  }
  if (a.values && b.values) {
    for (const v of diffSets(b.values, a.values)) changes.push(`value-added ${v}`);
    for (const v of diffSets(a.values, b.values)) changes.push(`value-removed ${v}`);
  }
  if (a.meta === 'union' && b.meta === 'union' && a.variants && b.variants) {
    for (const v of diffSets(b.variants, a.variants)) changes.push(`variant-added ${v}`);
    for (const v of diffSets(a.variants, b.variants)) changes.push(`variant-removed ${v}`);
  }
  return { key, category, name, status: 'both', changes: changes.sort() };
}

/** 20 items: up to 14 that the scan says differ, the rest unchanged ones, each picked by hash. */
function sample(from: string, to: string): { facts: Facts[]; scans: [Map<string, ScannedItem>, Map<string, ScannedItem>] } {
  const a = scanRelease(from);
  const b = scanRelease(to);
  const all = [...new Set([...a.keys(), ...b.keys()])].map((k) => scanFacts(k, a.get(k), b.get(k)));
  // commands and events whose data names a type are compared by presence only
  const byHash = (x: Facts, y: Facts) => hash(x.key) - hash(y.key);
  const differ = all.filter((f) => f.status !== 'both' || f.changes.length > 0).sort(byHash).slice(0, 14);
  const same = all.filter((f) => f.status === 'both' && f.changes.length === 0).sort(byHash).slice(0, 20 - differ.length);
  return { facts: [...differ, ...same], scans: [a, b] };
}

function ourFacts(history: History, release: string, f: Facts, b: ScannedItem | undefined, a: ScannedItem | undefined): Facts {
  const log = releaseChangelog(history, release);
  const has = (list: ReadonlyArray<{ category: ItemCategory; name: string }>) => list.some((r) => r.category === f.category && r.name === f.name);
  if (has(log.added)) return { ...f, status: 'added', changes: [] };
  if (has(log.removed)) return { ...f, status: 'removed', changes: [] };
  const item = (f.category === 'command' ? history.commands : f.category === 'event' ? history.events : history.types)[f.name];
  const compared = new Set(['member-added', 'member-removed', 'became-required', 'became-optional', 'value-added', 'value-removed', 'variant-added', 'variant-removed']);
  // only what the scan can see: members for non-unions with inline data in both, variants for unions
  const union = a?.meta === 'union';
  const membersSeen = !union && a?.meta !== 'alternate' && a?.members !== undefined && b?.members !== undefined;
  const changes = (item?.changes ?? [])
    .filter((c: Change) => c.release === release && compared.has(c.kind))
    .filter((c) => (c.kind.startsWith('variant') ? union : c.kind.startsWith('value') ? true : membersSeen && c.member !== undefined))
    .map((c) => `${c.kind} ${c.member ?? c.value ?? c.variant}`)
    .sort();
  return { ...f, status: 'both', changes };
}

describe.skipIf(!runCorpus)('changelog against the releases\u2019 schemas', () => {
  it.each([
    ['8.0.0', '8.1.0'],
    ['2.12.0', '3.0.0'],
  ])('%s → %s: 20 sampled items agree with an independent scan of the two releases', LONG, async (from, to) => {
    const c = await corpusHistory();
    const { facts, scans } = sample(releaseDir(c, from), releaseDir(c, to));
    expect(facts).toHaveLength(20);
    expect(facts.filter((f) => f.status !== 'both' || f.changes.length > 0).length).toBeGreaterThanOrEqual(8);
    if (process.env.QMP_HISTORY_DEBUG) console.log(JSON.stringify(facts));
    const ours = facts.map((f) => ourFacts(c.history, to, f, scans[1].get(f.key), scans[0].get(f.key)));
    expect(ours).toEqual(facts);
  });
});

describe.skipIf(!runCorpus)('compat on two real releases', () => {
  it('2.5 → 2.8: a removed command, a member turned required and a narrowed enum', LONG, async () => {
    const c = await corpusHistory();
    const [a, b] = ['2.5.0', '2.8.0'].map((v) => scanRelease(releaseDir(c, v))) as [Map<string, ScannedItem>, Map<string, ScannedItem>];
    // the facts, from the raw files
    expect(a.has('command:x-input-send-event') && !b.has('command:x-input-send-event')).toBe(true);
    expect(a.get('command:x-blockdev-del')!.members!.get('node-name')).toBe(true);
    expect(b.get('command:x-blockdev-del')!.members!.get('node-name')).toBe(false);
    expect(a.get('type:BlockdevDriver')!.values!.has('tftp') && !b.get('type:BlockdevDriver')!.values!.has('tftp')).toBe(true);
    // what compat makes of the two models
    const model = (v: string) => c.releases.find((r) => r.version === v)!.model;
    const breaks = compat(model('2.5.0'), model('2.8.0'));
    expect(breaks).toContainEqual({ kind: 'command-removed', category: 'command', item: 'x-input-send-event' });
    expect(breaks).toContainEqual({ kind: 'member-turned-required', category: 'command', item: 'x-blockdev-del', member: 'node-name' });
    expect(breaks.find((x) => x.kind === 'enum-narrowed' && x.item === 'BlockdevDriver')?.values).toContain('tftp');
    // and the other way round the same command is simply there
    expect(compat(model('2.8.0'), model('2.5.0')).some((x) => x.item === 'x-input-send-event')).toBe(false);
  });

  it('6.1 → 6.2: former simple unions, now flat unions of the same wire shape, are no break', LONG, async () => {
    const c = await corpusHistory();
    const model = (v: string) => c.releases.find((r) => r.version === v)!.model;
    const unions = (v: string) => new Set(model(v).types.filter((t) => t.kind === 'union').map((t) => t.name));
    // at least one union of 6.1 has no declared discriminator member (simple) and is still a union in 6.2
    const simple = model('6.1.0').types.filter((t) => t.kind === 'union' && !t.members.some((m) => m.name === t.discriminator) && t.base === undefined);
    expect(simple.some((t) => unions('6.2.0').has(t.name))).toBe(true);
    expect(compat(model('6.1.0'), model('6.2.0')).filter((x) => simple.some((t) => t.name === x.item))).toEqual([]);
  });
});
