/**
 * QMP names → file names for the per-message schemas.
 *
 * A valid QMP name (`[A-Za-z0-9_.-]`, as QAPI allows, including downstream `__com.redhat_`
 * prefixes) is the file name as is: tools (and qmp-fidelity) read the command or event name
 * back from the file name. Anything else is percent-encoded byte by byte (UTF-8), which
 * keeps the mapping injective: `%` itself is always encoded, so no encoded name can equal
 * another name kept as is. On top of that:
 * - a leading `.` is encoded (no hidden files, no `.`/`..` path segments);
 * - Windows device names (`CON`, `nul`, `COM1`, ...) get their first character encoded;
 * - the empty name becomes `%` (a lone `%` is never produced by the encoding).
 * - a stem longer than `MAX_STEM_BYTES` (a 300-character name; 30 CJK characters are 270
 *   bytes once encoded) is cut there and ends in `~h` + 10 hex digits of the name's SHA-256, so
 *   that `<stem>.response.json` fits the 255-byte name limit of every common file system and
 *   distinct long names keep distinct stems (`~` is never kept, `~h` never ends a `~2` suffix);
 * Names that differ only in letter case would share a file on case-insensitive file
 * systems; the later one (in sorted order) gets a `~2`, `~3`, ... suffix (`~` is never
 * kept, so the suffix cannot collide) and the caller reports it.
 */

import { createHash } from 'node:crypto';

const KEEP = /^[A-Za-z0-9_.-]$/;
/**
 * Longest stem, in bytes (stems are ASCII): 255 (ext4, XFS, btrfs, APFS, NTFS) minus the longest
 * suffix added to it (`.response.json`, 14) and room for a case-collision `~N`.
 */
export const MAX_STEM_BYTES = 200;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

function encodeChar(ch: string): string {
  return [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A name that is its own stem: every character kept, the first not a `.` (most names). */
const PLAIN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** The file stem for one QMP name (see the module comment). Pure and injective. */
export function safeFileStem(name: string): string {
  if (PLAIN.test(name) && name.length <= MAX_STEM_BYTES && !WINDOWS_DEVICE.test(name)) return name;
  if (name === '') return '%';
  let out = '';
  let i = 0;
  for (const ch of name) {
    const keep = KEEP.test(ch) && !(i === 0 && ch === '.');
    out += keep ? ch : encodeChar(ch);
    i++;
  }
  if (WINDOWS_DEVICE.test(out)) out = encodeChar(out.charAt(0)) + out.slice(1);
  if (out.length > MAX_STEM_BYTES) {
    const hash = `~h${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 10)}`;
    let cut = MAX_STEM_BYTES - hash.length;
    // never cut inside a %XX escape
    const pct = out.lastIndexOf('%', cut - 1);
    if (pct >= 0 && pct > cut - 3) cut = pct;
    out = out.slice(0, cut) + hash;
  }
  return out;
}

export interface StemAssignment {
  /** name → stem, for every name given. */
  stems: Map<string, string>;
  /** Names whose stem got a suffix because another name differs from it only in case. */
  collisions: { name: string; stem: string; clashesWith: string }[];
}

/**
 * Stems for a batch of names that share one folder. `names` are processed in sorted order,
 * so the result does not depend on the order given.
 */
export function assignStems(names: readonly string[]): StemAssignment {
  const stems = new Map<string, string>();
  const collisions: StemAssignment['collisions'] = [];
  const owner = new Map<string, string>();
  for (const name of [...new Set(names)].sort()) {
    const base = safeFileStem(name);
    let stem = base;
    let n = 2;
    while (owner.has(stem.toLowerCase())) stem = `${base}~${n++}`;
    if (stem !== base) collisions.push({ name, stem, clashesWith: owner.get(base.toLowerCase())! });
    owner.set(stem.toLowerCase(), name);
    stems.set(name, stem);
  }
  return { stems, collisions };
}
