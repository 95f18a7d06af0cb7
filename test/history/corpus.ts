/**
 * The QAPI corpus (../shared/qemu-qapi, or QMP_QAPI_CORPUS) for the history tests, and the
 * history over all of it, computed once per test file. The tests skip, with a visible
 * warning, while the QAPI reader (generator/read/qapi/index.ts) is absent; with the reader
 * present, a missing corpus fails them under CI=true.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { readInput } from '../../generator/cli.js';
import { buildHistory, orderReleases } from '../../generator/history/build.js';
import { expandSources, type LoadedRelease, loadReleases } from '../../generator/history/sources.js';
import type { History } from '../../generator/history/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const QAPI_CORPUS = process.env.QMP_QAPI_CORPUS ?? path.resolve(ROOT, '../shared/qemu-qapi');
export const DOCS_CORPUS = process.env.QMP_CORPUS ?? path.resolve(ROOT, '../shared/qemu-docs');
export const readerPresent = existsSync(path.join(ROOT, 'generator/read/qapi/index.ts'));
const corpusPresent = existsSync(QAPI_CORPUS);

if (!readerPresent) {
  console.warn('SKIP history corpus tests: generator/read/qapi/index.ts (the QAPI reader) is not in this build');
} else if (!corpusPresent) {
  const why = `QAPI corpus not found at ${QAPI_CORPUS} (set QMP_QAPI_CORPUS)`;
  if (process.env.CI === 'true') throw new Error(`${why}: required when CI=true`);
  console.warn(`SKIP history corpus tests: ${why}`);
}

export const runCorpus = readerPresent && corpusPresent;

export interface CorpusHistory {
  releases: LoadedRelease[];
  history: History;
  files: VFile[];
}

const cached = new Map<string, Promise<CorpusHistory>>();

async function historyOf(sources: readonly string[], keep: (dir: string) => boolean = () => true): Promise<CorpusHistory> {
  const dirs = (await expandSources(sources, ROOT)).filter(keep);
  const general = new VFile({ path: 'qmp-codegen' });
  const loaded = await loadReleases(dirs, [], ROOT, readInput, general);
  // of two folders with one version, the first given is kept (as by the CLI)
  const releases = orderReleases(loaded.releases);
  return { releases, history: buildHistory(releases), files: [...loaded.files, general] };
}

/** Every release of the QAPI corpus through the QAPI reader, and their history. */
export function corpusHistory(): Promise<CorpusHistory> {
  if (!cached.has('qapi')) cached.set('qapi', historyOf([QAPI_CORPUS]));
  return cached.get('qapi')!;
}

/**
 * The schema releases with the legacy docs of the same commit where the legacy corpus has
 * them (1.0–2.8.50: its folders with a qapi-schema.json), then the QAPI corpus for the rest:
 * before 2.9 the schema alone misses the commands defined only in the .hx, and before 2.1
 * every event. The legacy-only releases 0.13–0.15 are left out: this history is the one of
 * the schema whose doc comments are compared (see test/history-since.md).
 */
export function combinedHistory(): Promise<CorpusHistory> {
  if (!cached.has('combined')) {
    const sources = existsSync(DOCS_CORPUS) ? [DOCS_CORPUS, QAPI_CORPUS] : [QAPI_CORPUS];
    const withSchema = (dir: string) => !path.resolve(ROOT, dir).startsWith(DOCS_CORPUS) || existsSync(path.resolve(ROOT, dir, 'qapi-schema.json'));
    cached.set('combined', historyOf(sources, withSchema));
  }
  return cached.get('combined')!;
}

/** The folder of a release of the corpus, by its version. */
export function releaseDir(c: CorpusHistory, version: string): string {
  const r = c.releases.find((x) => x.version === version);
  if (!r) throw new Error(`no release ${version} in the corpus`);
  return path.resolve(ROOT, r.dir);
}
