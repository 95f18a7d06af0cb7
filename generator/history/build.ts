/**
 * Build the multi-version model from one model per release. Pure: models in, History out.
 *
 * A release whose inputs have no item of a category at all (QAPI schemas before 2.1 have no
 * events; legacy text docs have no named types) says nothing about that category: it is
 * skipped for it, rather than counted as "everything removed, then added back".
 */
import type { Model } from '../model/types.js';
import { type ItemSnapshot, type MemberSnapshot, type Snapshot, shapeOf, snapshot } from './snapshot.js';
import type { Change, Gap, History, ItemCategory, ItemHistory, MemberHistory, ProbableRename, Range } from './types.js';
import { compareVersions } from './version.js';

export interface ReleaseModel {
  version: string;
  model: Model;
}

const CATEGORIES: ReadonlyArray<{ category: ItemCategory; key: keyof Snapshot }> = [
  { category: 'command', key: 'commands' },
  { category: 'event', key: 'events' },
  { category: 'type', key: 'types' },
];

/** Releases sorted by version number; of two with the same version the first given is kept. */
export function orderReleases<T extends { version: string }>(releases: readonly T[]): T[] {
  const sorted = [...releases].sort((a, b) => compareVersions(a.version, b.version));
  return sorted.filter((r, i) => i === 0 || compareVersions(sorted[i - 1]!.version, r.version) !== 0);
}

function sortedRecord<V>(map: ReadonlyMap<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}

/**
 * The range of an item (or part) present at the release indices `present`, within `domain`
 * (the indices where its presence is known: releases covering its category, or for a part
 * the releases that have its item). `orEarlier`: `since` cannot be told exactly.
 */
function rangeOf(present: readonly number[], domain: readonly number[], releases: readonly string[], orEarlier: boolean): Range {
  const first = present[0]!;
  const last = present[present.length - 1]!;
  const set = new Set(present);
  const gaps: Gap[] = [];
  let gapStart: number | undefined;
  let until: string | null = null;
  for (const d of domain) {
    if (d <= first) continue;
    if (d > last) {
      until = releases[d]!;
      break;
    }
    if (!set.has(d)) gapStart ??= d;
    else if (gapStart !== undefined) {
      gaps.push({ removedIn: releases[gapStart]!, returnedIn: releases[d]! });
      gapStart = undefined;
    }
  }
  return { since: releases[first]!, ...(orEarlier ? { sinceOrEarlier: true as const } : {}), lastSeen: releases[last]!, until, gaps };
}

class PartTracker {
  readonly present = new Map<string, number[]>();
  add(name: string, index: number): void {
    const list = this.present.get(name);
    if (list) list.push(index);
    else this.present.set(name, [index]);
  }
  ranges(domain: readonly number[], releases: readonly string[], itemFirst: number, itemOrEarlier: boolean): Map<string, Range> {
    const out = new Map<string, Range>();
    for (const [name, present] of this.present) {
      out.set(name, rangeOf(present, domain, releases, itemOrEarlier && present[0] === itemFirst));
    }
    return out;
  }
}

function diffFeatures(prev: readonly string[], cur: readonly string[], base: Omit<Change, 'kind'>, out: Change[]): void {
  for (const f of cur) {
    if (prev.includes(f)) continue;
    if (f === 'deprecated') out.push({ ...base, kind: 'became-deprecated' });
    else if (f === 'unstable') out.push({ ...base, kind: 'became-unstable' });
    else out.push({ ...base, kind: 'feature-added', feature: f });
  }
  for (const f of prev) {
    if (cur.includes(f)) continue;
    if (f === 'deprecated') out.push({ ...base, kind: 'no-longer-deprecated' });
    else if (f === 'unstable') out.push({ ...base, kind: 'no-longer-unstable' });
    else out.push({ ...base, kind: 'feature-removed', feature: f });
  }
}

/**
 * A union branch member whose type differs only because branches came or went (a new branch
 * with its own `data` type) has not changed: compare the branches both releases have.
 */
export function sameInSharedBranches(p: MemberSnapshot, c: MemberSnapshot): boolean {
  if (p.branchTypes === undefined || c.branchTypes === undefined) return false;
  let shared = 0;
  for (const [branch, type] of Object.entries(p.branchTypes)) {
    const now = c.branchTypes[branch];
    if (now === undefined) continue;
    if (now !== type) return false;
    shared++;
  }
  return shared > 0;
}

function diffMember(name: string, p: MemberSnapshot, c: MemberSnapshot, base: Omit<Change, 'kind'>, out: Change[]): void {
  const at = { ...base, member: name };
  if (p.type !== c.type && !sameInSharedBranches(p, c)) out.push({ ...at, kind: 'type-changed', from: p.type, to: c.type });
  if (p.optional && !c.optional) out.push({ ...at, kind: 'became-required' });
  if (!p.optional && c.optional) out.push({ ...at, kind: 'became-optional' });
  if (p.branches === undefined && c.branches !== undefined) out.push({ ...at, kind: 'moved-into-branch', to: c.branches.join(', ') });
  if (p.branches !== undefined && c.branches === undefined) out.push({ ...at, kind: 'moved-out-of-branch', from: p.branches.join(', ') });
  diffFeatures(p.features, c.features, at, out);
}

/** The changes from `p` (release `previous`) to `c` (release `release`) of one item. */
export function diffItems(p: ItemSnapshot, c: ItemSnapshot, previous: string, release: string): Change[] {
  const base = { release, previous };
  const out: Change[] = [];
  if (p.kind !== c.kind) out.push({ ...base, kind: 'kind-changed', from: p.kind, to: c.kind });
  if (p.returns !== c.returns) {
    out.push({ ...base, kind: 'returns-changed', ...(p.returns ? { from: p.returns } : {}), ...(c.returns ? { to: c.returns } : {}) });
  }
  diffFeatures(p.features, c.features, base, out);
  for (const [name, m] of p.members) {
    const now = c.members.get(name);
    if (now === undefined) out.push({ ...base, kind: 'member-removed', member: name, from: m.type });
    else diffMember(name, m, now, base, out);
  }
  for (const [name, m] of c.members) {
    if (!p.members.has(name)) out.push({ ...base, kind: 'member-added', member: name, to: `${m.optional ? 'optional' : 'required'} ${m.type}` });
  }
  const pv = p.values ?? new Map<string, string[]>();
  const cv = c.values ?? new Map<string, string[]>();
  for (const [v, features] of pv) {
    const now = cv.get(v);
    if (now === undefined) out.push({ ...base, kind: 'value-removed', value: v });
    else diffFeatures(features, now, { ...base, value: v }, out);
  }
  for (const v of cv.keys()) if (!pv.has(v)) out.push({ ...base, kind: 'value-added', value: v });
  const pb = p.variants ?? new Map<string, string>();
  const cb = c.variants ?? new Map<string, string>();
  for (const [v, type] of pb) {
    const now = cb.get(v);
    if (now === undefined) out.push({ ...base, kind: 'variant-removed', variant: v, from: type });
    else if (now !== type) out.push({ ...base, kind: 'variant-type-changed', variant: v, from: type, to: now });
  }
  for (const [v, type] of cb) if (!pb.has(v)) out.push({ ...base, kind: 'variant-added', variant: v, to: type });
  return out;
}

function itemHistory(
  name: string,
  category: ItemCategory,
  snaps: ReadonlyArray<ItemSnapshot | undefined>,
  domain: readonly number[],
  releases: readonly string[],
  orEarlier: (first: number) => boolean,
): ItemHistory {
  const present: number[] = [];
  const members = new PartTracker();
  const memberTypes = new Map<string, MemberHistory['types']>();
  const memberFeatures = new Map<string, PartTracker>();
  const values = new PartTracker();
  const valueFeatures = new Map<string, PartTracker>();
  const variants = new PartTracker();
  const features = new PartTracker();
  const changes: Change[] = [];
  let previous: number | undefined;
  let docSince: string | undefined;
  let last: ItemSnapshot | undefined;
  for (const i of domain) {
    const snap = snaps[i];
    if (snap === undefined) continue;
    present.push(i);
    if (previous !== undefined) changes.push(...diffItems(snaps[previous]!, snap, releases[previous]!, releases[i]!));
    previous = i;
    last = snap;
    if (snap.docSince !== undefined) docSince = snap.docSince;
    for (const f of snap.features) features.add(f, i);
    for (const [m, ms] of snap.members) {
      members.add(m, i);
      const runs = memberTypes.get(m) ?? [];
      const top = runs[runs.length - 1];
      if (!top || top.type !== ms.type || top.optional !== ms.optional) runs.push({ since: releases[i]!, type: ms.type, optional: ms.optional });
      memberTypes.set(m, runs);
      let ft = memberFeatures.get(m);
      if (!ft) memberFeatures.set(m, (ft = new PartTracker()));
      for (const f of ms.features) ft.add(f, i);
    }
    for (const [v, vf] of snap.values ?? []) {
      values.add(v, i);
      let ft = valueFeatures.get(v);
      if (!ft) valueFeatures.set(v, (ft = new PartTracker()));
      for (const f of vf) ft.add(f, i);
    }
    for (const v of snap.variants?.keys() ?? []) variants.add(v, i);
  }
  const first = present[0]!;
  const early = orEarlier(first);
  const range = rangeOf(present, domain, releases, early);
  const memberRanges = members.ranges(present, releases, first, early);
  const memberOut = new Map<string, MemberHistory>();
  for (const [m, r] of memberRanges) {
    memberOut.set(m, {
      ...r,
      types: memberTypes.get(m)!,
      features: sortedRecord(memberFeatures.get(m)!.ranges(present, releases, first, early)),
    });
  }
  const out: ItemHistory = {
    name,
    category,
    kind: last!.kind,
    ...range,
    members: sortedRecord(memberOut),
    features: sortedRecord(features.ranges(present, releases, first, early)),
    changes,
    ...(docSince !== undefined ? { docSince } : {}),
  };
  if (values.present.size > 0) {
    const vr = values.ranges(present, releases, first, early);
    const withFeatures = new Map<string, Range & { features: Record<string, Range> }>();
    for (const [v, r] of vr) withFeatures.set(v, { ...r, features: sortedRecord(valueFeatures.get(v)!.ranges(present, releases, first, early)) });
    out.values = sortedRecord(withFeatures);
  }
  if (variants.present.size > 0) out.variants = sortedRecord(variants.ranges(present, releases, first, early));
  return out;
}

/** Dice coefficient of the names' character bigrams: 1 for equal names, 0 for nothing shared. */
export function nameSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    const t = s.toLowerCase();
    for (let i = 0; i + 1 < t.length; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Names at least this similar may be one item renamed (`x-blockdev-del` → `blockdev-del`: 0.92). */
const RENAME_SIMILARITY = 0.5;

function findRenames(
  category: ItemCategory,
  maps: ReadonlyArray<ReadonlyMap<string, ItemSnapshot>>,
  domain: readonly number[],
  releases: readonly string[],
): ProbableRename[] {
  const out: ProbableRename[] = [];
  for (let k = 1; k < domain.length; k++) {
    const prev = maps[domain[k - 1]!]!;
    const cur = maps[domain[k]!]!;
    const removed = new Map<string, string[]>();
    const added = new Map<string, string[]>();
    for (const [name, s] of prev) {
      if (cur.has(name)) continue;
      const shape = shapeOf(s);
      if (shape) removed.set(shape, [...(removed.get(shape) ?? []), name]);
    }
    for (const [name, s] of cur) {
      if (prev.has(name)) continue;
      const shape = shapeOf(s);
      if (shape) added.set(shape, [...(added.get(shape) ?? []), name]);
    }
    for (const [shape, from] of removed) {
      const to = added.get(shape);
      if (from.length === 1 && to?.length === 1 && nameSimilarity(from[0]!, to[0]!) >= RENAME_SIMILARITY) {
        out.push({ category, from: from[0]!, to: to[0]!, release: releases[domain[k]!]!, confidence: 'probable' });
      }
    }
  }
  return out.sort((a, b) => compareVersions(a.release, b.release) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The history of every command, event and type over the given releases (any order). */
export function buildHistory(input: readonly ReleaseModel[]): History {
  const ordered = orderReleases(input);
  const releases = ordered.map((r) => r.version);
  const snaps = ordered.map((r) => snapshot(r.model));
  const history: History = { releases, coverage: {}, commands: {}, events: {}, types: {}, renames: [] };
  for (const { category, key } of CATEGORIES) {
    const maps = snaps.map((s) => s[key]);
    const domain = maps.flatMap((m, i) => (m.size > 0 ? [i] : []));
    if (domain.length === 0) continue;
    history.coverage[category] = releases[domain[0]!]!;
    const covered = new Set(domain);
    // `since` is exact only when the release just before it describes this category too
    const orEarlier = (first: number) => first === 0 || !covered.has(first - 1);
    const names = new Set<string>();
    for (const m of maps) for (const n of m.keys()) names.add(n);
    const items: Record<string, ItemHistory> = {};
    for (const name of [...names].sort()) {
      items[name] = itemHistory(name, category, maps.map((m) => m.get(name)), domain, releases, orEarlier);
    }
    history[key] = items;
    history.renames.push(...findRenames(category, maps, domain, releases));
  }
  return history;
}
