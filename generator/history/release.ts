/**
 * One release's entry of the changelog, derived from the history: what was added, removed,
 * brought back, deprecated and changed in `release` compared with the release before it.
 */
import type { Change, History, ItemCategory, ItemHistory, ProbableRename } from './types.js';

export interface ItemRef {
  category: ItemCategory;
  name: string;
  kind: ItemHistory['kind'];
}

export interface ReleaseChangelog {
  release: string;
  /** The release it is compared with; absent for the first release of the history. */
  previous?: string;
  added: ItemRef[];
  removed: ItemRef[];
  /** Back after a gap. */
  returned: ItemRef[];
  /** Items or parts that became deprecated in this release (item-level and part-level). */
  deprecated: Array<ItemRef & { change: Change }>;
  /** Items present before and after, with their changes in this release. */
  changed: Array<ItemRef & { changes: Change[] }>;
  renames: ProbableRename[];
}

export function historyItems(history: History): ItemHistory[] {
  return [...Object.values(history.commands), ...Object.values(history.events), ...Object.values(history.types)];
}

export function releaseChangelog(history: History, release: string): ReleaseChangelog {
  const index = history.releases.indexOf(release);
  const previous = index > 0 ? history.releases[index - 1] : undefined;
  const out: ReleaseChangelog = {
    release,
    ...(previous !== undefined ? { previous } : {}),
    added: [],
    removed: [],
    returned: [],
    deprecated: [],
    changed: [],
    renames: history.renames.filter((r) => r.release === release),
  };
  if (previous === undefined) return out;
  for (const item of historyItems(history)) {
    const ref: ItemRef = { category: item.category, name: item.name, kind: item.kind };
    if (item.since === release && !item.sinceOrEarlier) out.added.push(ref);
    if (item.until === release || item.gaps.some((g) => g.removedIn === release)) out.removed.push(ref);
    if (item.gaps.some((g) => g.returnedIn === release)) out.returned.push(ref);
    const changes = item.changes.filter((c) => c.release === release);
    for (const change of changes) if (change.kind === 'became-deprecated') out.deprecated.push({ ...ref, change });
    if (changes.length > 0) out.changed.push({ ...ref, changes });
  }
  return out;
}
