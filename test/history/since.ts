/**
 * Computed `since` versus the `Since:` notes of QEMU's doc comments, for every command and
 * event that has one. Each disagreement is classed with evidence from the raw schema text
 * (scan.ts), not from qmp-codegen's reader:
 *   - doc error: the release the note names does not define the item while the computed
 *     first release does (or the item is defined before the release the note names);
 *   - our error: the raw text contradicts the computed range (the reader missed a definition).
 * Notes naming a release that is not in the corpus, or older than the releases that
 * describe items of that kind, cannot be contradicted and count as agreeing.
 */
import type { ItemHistory } from '../../generator/history/types.js';
import { compareVersions, shortVersion, versionInNote } from '../../generator/history/version.js';
import { type CorpusHistory, releaseDir } from './corpus.js';
import { definedInText, documentedInText } from './scan.js';

/** The raw text of the release (schema or legacy docs) defines or documents the item. */
function inRelease(c: CorpusHistory, version: string, category: 'command' | 'event', name: string): boolean {
  const dir = releaseDir(c, version);
  return definedInText(dir, category, name) || documentedInText(dir, category, name);
}

/** A development snapshot `x.y.50-...` is on its way to release x.(y+1): notes name that release. */
export function releaseLedTo(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || Number(m[3]) < 50) return version;
  return `${m[1]}.${Number(m[2]) + 1}`;
}

export type SinceClass = 'agree' | 'unverifiable' | 'doc error' | 'our error';

export interface SinceRow {
  category: 'command' | 'event';
  name: string;
  doc: string;
  computed: string;
  cls: SinceClass;
  /** Why, in our words: which release was checked. */
  evidence: string;
}

export function compareSince(c: CorpusHistory): SinceRow[] {
  const { history } = c;
  const rows: SinceRow[] = [];
  const groups: Array<['command' | 'event', Record<string, ItemHistory>]> = [
    ['command', history.commands],
    ['event', history.events],
  ];
  for (const [category, items] of groups) {
    for (const item of Object.values(items)) {
      if (item.docSince === undefined) continue;
      const doc = versionInNote(item.docSince);
      const computed = item.since;
      const row = (cls: SinceClass, evidence: string, docText = doc ?? '(no version)') =>
        rows.push({ category, name: item.name, doc: shortVersion(docText), computed: `${item.sinceOrEarlier ? '≤ ' : ''}${shortVersion(computed)}`, cls, evidence });
      if (doc === undefined) {
        row('doc error', 'the note names no release');
        continue;
      }
      const cmp = compareVersions(doc, releaseLedTo(computed));
      const index = history.releases.indexOf(computed);
      const previous = index > 0 ? history.releases[index - 1] : undefined;
      if (cmp === 0) row('agree', '');
      else if (cmp < 0 && item.sinceOrEarlier) {
        row('unverifiable', `the releases before ${shortVersion(computed)} in the corpus do not describe ${category}s`);
      } else if (cmp < 0 && previous !== undefined && compareVersions(doc, previous) > 0) {
        row('unverifiable', `${shortVersion(doc)} is not in the corpus (it lies between ${shortVersion(previous)} and ${shortVersion(computed)})`);
      } else if (cmp < 0) {
        // the first corpus release at or after the note's: does its raw text define the item?
        const checked = history.releases.find((r) => compareVersions(r, doc) >= 0)!;
        if (inRelease(c, checked, category, item.name)) {
          row('our error', `${shortVersion(checked)} has it in its schema or docs text, the history starts at ${shortVersion(computed)}`);
        } else {
          row('doc error', `${shortVersion(checked)} has it neither in its schema nor in its docs; ${shortVersion(computed)} is the first release that has it`);
        }
      } else if (inRelease(c, computed, category, item.name)) {
        row('doc error', `${shortVersion(computed)} already has it in its schema or docs text`);
      } else {
        row('our error', `${shortVersion(computed)} has it neither in its schema nor in its docs text`);
      }
    }
  }
  return rows;
}

/** Share of rows that agree or cannot be contradicted. */
/** Share of the rows the corpus can check (not `unverifiable`) that agree. */
export function verifiedAgreement(rows: readonly SinceRow[]): number {
  const checked = rows.filter((r) => r.cls !== 'unverifiable');
  return checked.filter((r) => r.cls === 'agree').length / checked.length;
}

export function agreement(rows: readonly SinceRow[]): number {
  return rows.filter((r) => r.cls === 'agree' || r.cls === 'unverifiable').length / rows.length;
}
