/**
 * The latest release's model, annotated from the history: `since` on every command, event,
 * type, member and enum value is the first release that had it (computed, replacing the doc
 * comment's note), and `model.history` lists what older releases had that this one lacks
 * ("removed in X") and what is deprecated since when. Pure: returns a new model.
 */
import type { EnumValue, Member, Model, ModelHistory, NamedType, RemovedItem, TypeRef } from '../model/types.js';
import type { History, ItemHistory, Range } from './types.js';
import { compareVersions, shortVersion } from './version.js';

/** A removed item with its releases as QEMU's notes write them (`2.10`, not `2.10.0`). */
function removedItem(r: RemovedItem): RemovedItem {
  return { ...r, since: shortVersion(r.since), lastSeen: shortVersion(r.lastSeen), removedIn: shortVersion(r.removedIn) };
}

/** As QEMU's notes write it (`2.12`, `6.2`), with "or earlier" when the first release cannot tell. */
function sinceText(r: Range): string {
  const v = shortVersion(r.since);
  return r.sinceOrEarlier ? `${v} or earlier` : v;
}

function withMemberSince(members: readonly Member[], item: ItemHistory | undefined): Member[] {
  return members.map((m) => {
    const h = item?.members[m.name];
    return h ? { ...m, since: sinceText(h), type: m.type } : m;
  });
}

function withValueSince(values: readonly EnumValue[], item: ItemHistory | undefined): EnumValue[] {
  return values.map((v) => {
    const h = item?.values?.[v.name];
    return h ? { ...v, since: sinceText(h) } : v;
  });
}

function annotateType(t: NamedType, h: ItemHistory | undefined): NamedType {
  const since = h ? { since: sinceText(h) } : {};
  switch (t.kind) {
    case 'struct':
    case 'union':
      return { ...t, ...since, members: withMemberSince(t.members, h) };
    case 'enum':
      return { ...t, ...since, values: withValueSince(t.values, h) };
    case 'alternate':
      return { ...t, ...since };
  }
}

function objectWithSince(t: TypeRef, h: ItemHistory | undefined): TypeRef {
  return t.kind === 'object' ? { ...t, members: withMemberSince(t.members, h) } : t;
}

/** `since` of the first change that turned `deprecated` on for the part, or of the item. */
function deprecatedSince(item: ItemHistory, part: { member?: string; value?: string }): string {
  let since = item.since;
  for (const c of item.changes) {
    if (c.kind === 'became-deprecated' && c.member === part.member && c.value === part.value) since = c.release;
    if (c.kind === 'no-longer-deprecated' && c.member === part.member && c.value === part.value) since = item.since;
  }
  const features = part.member ? item.members[part.member]?.features : part.value ? item.values?.[part.value]?.features : item.features;
  const dep = features?.['deprecated'];
  return dep && compareVersions(dep.since, since) > 0 ? dep.since : since;
}

function modelHistory(history: History, latest: string): ModelHistory {
  const removed: RemovedItem[] = [];
  const deprecated: ModelHistory['deprecated'] = [];
  const groups = [
    ['command', history.commands],
    ['event', history.events],
    ['type', history.types],
  ] as const;
  for (const [category, items] of groups) {
    for (const item of Object.values(items)) {
      if (item.until !== null) {
        removed.push({ category, name: item.name, since: item.since, lastSeen: item.lastSeen, removedIn: item.until });
        continue;
      }
      if (item.lastSeen !== latest) continue;
      if (item.features['deprecated']?.until === null) deprecated.push({ category, name: item.name, since: deprecatedSince(item, {}) });
      for (const [member, m] of Object.entries(item.members)) {
        if (m.until !== null) removed.push({ category, name: item.name, member, since: m.since, lastSeen: m.lastSeen, removedIn: m.until });
        else if (m.features['deprecated']?.until === null) deprecated.push({ category, name: item.name, member, since: deprecatedSince(item, { member }) });
      }
      for (const [value, v] of Object.entries(item.values ?? {})) {
        if (v.until !== null) removed.push({ category, name: item.name, value, since: v.since, lastSeen: v.lastSeen, removedIn: v.until });
        else if (v.features['deprecated']?.until === null) deprecated.push({ category, name: item.name, value, since: deprecatedSince(item, { value }) });
      }
    }
  }
  return {
    releases: [...history.releases],
    removed: removed.map(removedItem),
    deprecated: deprecated.map((d) => ({ ...d, since: shortVersion(d.since) })),
  };
}

/** `model` must be the latest release of `history` (the one its `releases` ends with). */
export function annotateLatest(model: Model, history: History): Model {
  const latest = history.releases[history.releases.length - 1]!;
  return {
    ...model,
    commands: model.commands.map((c) => {
      const h = history.commands[c.name];
      return h ? { ...c, since: sinceText(h), arguments: { ...c.arguments, members: withMemberSince(c.arguments.members, h) } } : c;
    }),
    events: model.events.map((e) => {
      const h = history.events[e.name];
      if (!h) return e;
      return { ...e, since: sinceText(h), ...(e.data ? { data: objectWithSince(e.data, h) as typeof e.data } : {}) };
    }),
    types: model.types.map((t) => annotateType(t, history.types[t.name])),
    history: modelHistory(history, latest),
  };
}
