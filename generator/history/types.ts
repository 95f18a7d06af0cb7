/**
 * The multi-version model: what existed in which QEMU release, and what changed between
 * consecutive releases. Plain, JSON-serialisable data (records sorted by key), built by
 * `buildHistory` (build.ts) from one `Model` per release; changelog.json is this shape
 * (see generator/history/FORMAT.md).
 *
 * Ranges are over the releases given, not over every QEMU ever tagged: `since` is the first
 * given release that has the item, `until` the first given release after its last
 * appearance that no longer has it (null while the latest release has it).
 */

/** Where an item existed, over the ordered list of releases the history was built from. */
export interface Range {
  /** First release that has it. */
  since: string;
  /**
   * True when `since` is the first release whose inputs describe this kind of item at all
   * (e.g. events before QEMU 2.1's schema had any): it may be older than that.
   */
  sinceOrEarlier?: true;
  /** Last release that has it. */
  lastSeen: string;
  /** First release after `lastSeen` that lacks it; null while the latest release has it. */
  until: string | null;
  /** Absences between `since` and `lastSeen`: gone in `removedIn`, back in `returnedIn`. */
  gaps: Gap[];
}

export interface Gap {
  removedIn: string;
  returnedIn: string;
}

export type ItemCategory = 'command' | 'event' | 'type';
export type ItemKind = 'command' | 'event' | 'struct' | 'enum' | 'union' | 'alternate';

/**
 * One change between an item's previous release and `release` (both having the item).
 * `member`, `value`, `variant` and `feature` name the part that changed; `from`/`to` are
 * type signatures (see snapshot.ts `typeSignature`), optionality or branch lists.
 */
export interface Change {
  release: string;
  /** The release compared against: the previous one that had the item. */
  previous: string;
  kind: ChangeKind;
  member?: string;
  value?: string;
  variant?: string;
  feature?: string;
  from?: string;
  to?: string;
}

export type ChangeKind =
  | 'kind-changed'
  | 'returns-changed'
  | 'member-added'
  | 'member-removed'
  | 'type-changed'
  | 'became-required'
  | 'became-optional'
  | 'became-deprecated'
  | 'no-longer-deprecated'
  | 'became-unstable'
  | 'no-longer-unstable'
  | 'moved-into-branch'
  | 'moved-out-of-branch'
  | 'value-added'
  | 'value-removed'
  | 'variant-added'
  | 'variant-removed'
  | 'variant-type-changed'
  | 'feature-added'
  | 'feature-removed';

export interface MemberHistory extends Range {
  /** Type signature per run of releases, oldest first (one entry when it never changed). */
  types: Array<{ since: string; type: string; optional: boolean }>;
  features: Record<string, Range>;
}

export interface ItemHistory extends Range {
  name: string;
  category: ItemCategory;
  /** Kind in the latest release that had it. */
  kind: ItemKind;
  /** Arguments (command), data (event), members (struct, union: common and branch members). */
  members: Record<string, MemberHistory>;
  /** Enum values. */
  values?: Record<string, Range & { features: Record<string, Range> }>;
  /** Union variants (discriminator value) and alternate branches (by type signature). */
  variants?: Record<string, Range>;
  features: Record<string, Range>;
  /** Every change, oldest release first. */
  changes: Change[];
  /** `Since:` of the item's doc comment, as the latest release that had one wrote it. */
  docSince?: string;
}

/** A removal and an addition in the same release with the same shape: probably one rename. */
export interface ProbableRename {
  category: ItemCategory;
  from: string;
  to: string;
  release: string;
  /** Always 'probable': the history never merges the two items. */
  confidence: 'probable';
}

export interface History {
  /** The releases, oldest first (ordered by version number). */
  releases: string[];
  /** Per category, the first release whose inputs had any item of it. */
  coverage: Partial<Record<ItemCategory, string>>;
  commands: Record<string, ItemHistory>;
  events: Record<string, ItemHistory>;
  types: Record<string, ItemHistory>;
  renames: ProbableRename[];
}
