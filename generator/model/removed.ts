/**
 * What older releases had that the latest lacks (`model.history.removed`, filled by
 * generator/history/annotate.ts), looked up and worded the same way by every emitter: whole
 * commands, events and types for lists of their own, and the members and enum values of items
 * that are still present for those items' docs ("removed in X").
 */
import type { Model, RemovedItem } from './types.js';

export type ItemCategory = RemovedItem['category'];

export interface RemovedIndex {
  /** Whole commands, events and types the latest release lacks, by category then name. */
  whole: readonly RemovedItem[];
  /** Removed members and enum values of a present item, members first, each sorted by name. */
  partsOf(category: ItemCategory, name: string): readonly RemovedItem[];
}

const NONE: RemovedIndex = { whole: [], partsOf: () => [] };
const ORDER: Record<ItemCategory, number> = { command: 0, event: 1, type: 2 };

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function removedIndex(model: Model): RemovedIndex {
  const removed = model.history?.removed;
  if (!removed || removed.length === 0) return NONE;
  const whole = removed
    .filter((r) => r.member === undefined && r.value === undefined)
    .sort((a, b) => ORDER[a.category] - ORDER[b.category] || byName(a.name, b.name));
  const parts = new Map<string, RemovedItem[]>();
  for (const r of removed) {
    if (r.member === undefined && r.value === undefined) continue;
    const key = `${r.category}\0${r.name}`;
    parts.set(key, [...(parts.get(key) ?? []), r]);
  }
  for (const list of parts.values()) {
    list.sort(
      (a, b) =>
        Number(a.member === undefined) - Number(b.member === undefined) ||
        byName(partName(a), partName(b)),
    );
  }
  return {
    whole,
    partsOf: (category, name) => parts.get(`${category}\0${name}`) ?? [],
  };
}

/** The member or value name of a removed part (the item's name for a whole item). */
export function partName(r: RemovedItem): string {
  return r.member ?? r.value ?? r.name;
}

/** The releases that had it: `2.10 – 4.1`, or `3.0` when only one did. */
export function availableText(r: RemovedItem): string {
  return r.since === r.lastSeen ? r.since : `${r.since} – ${r.lastSeen}`;
}

/** `2.10 – 4.1, removed in 4.2`. */
export function removedRange(r: RemovedItem): string {
  return `${availableText(r)}, removed in ${r.removedIn}`;
}

/**
 * One sentence for doc comments: "Older QEMU releases also had the member `a` (2.10 – 4.1,
 * removed in 4.2) and the value `b` (…)." Empty when nothing was removed. Names are wire
 * names, in backquotes; the caller escapes the text for where it goes.
 */
export function removedSentence(parts: readonly RemovedItem[]): string {
  if (parts.length === 0) return '';
  const phrases = parts.map(
    (r) =>
      `the ${r.member !== undefined ? 'member' : 'value'} \`${partName(r)}\` (${removedRange(r)})`,
  );
  const list =
    phrases.length === 1
      ? phrases[0]!
      : `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]!}`;
  return `Older QEMU releases also had ${list}.`;
}
