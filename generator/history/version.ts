/**
 * QEMU version strings compared numerically: `2.10.0` is after `2.9.0`, `1.0` equals
 * `1.0.0`, and a development snapshot `2.8.50-eaea2bf7` sorts after `2.8.0` by its numbers
 * (the suffix only breaks ties, by plain string order).
 */

export interface ParsedVersion {
  numbers: number[];
  suffix: string;
}

const VERSION = /^v?(\d+(?:\.\d+)*)(.*)$/;

/** `undefined` when the text does not start with a dotted number. */
export function parseVersion(text: string): ParsedVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { numbers: m[1]!.split('.').map(Number), suffix: m[2] ?? '' };
}

export function isVersion(text: string): boolean {
  return parseVersion(text) !== undefined;
}

/** Negative, zero or positive, as `Array.prototype.sort` wants; unparsable text sorts last. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  const n = Math.max(pa.numbers.length, pb.numbers.length);
  for (let i = 0; i < n; i++) {
    const d = (pa.numbers[i] ?? 0) - (pb.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  return pa.suffix < pb.suffix ? -1 : pa.suffix > pb.suffix ? 1 : 0;
}

/** True when `query` names `version`: `6.2` matches `6.2.0`, `9` matches `9.0.0`. */
export function versionMatches(version: string, query: string): boolean {
  return compareVersions(version, query) === 0;
}

/** `major.minor` of a version, as QEMU's `Since:` notes write it (`2.12.0` → `2.12`). */
export function shortVersion(version: string): string {
  const p = parseVersion(version);
  if (!p) return version;
  const nums = [...p.numbers];
  while (nums.length > 2 && nums[nums.length - 1] === 0) nums.pop();
  if (nums.length === 1) nums.push(0);
  return nums.join('.') + p.suffix;
}

/**
 * The release a `Since:` note names, read from its text: the first dotted number (`2.12`,
 * `6.2.0`, `1.3.0 (QEMU 1.3)`), or `undefined` when there is none.
 */
export function versionInNote(note: string): string | undefined {
  const m = /\b(\d+\.\d+(?:\.\d+)?)\b/.exec(note);
  return m ? m[1] : undefined;
}
