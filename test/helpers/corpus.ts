import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * QEMU's own docs (GPL text) are read at test time from beside the checkout, never copied
 * into the project. `QMP_CORPUS` may point elsewhere.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = process.env.QMP_CORPUS ?? path.resolve(here, '../../../shared/qemu-docs');

export const corpusAvailable = existsSync(CORPUS_DIR);

if (!corpusAvailable) {
  const why = `QEMU docs corpus not found at ${CORPUS_DIR} (set QMP_CORPUS)`;
  if (process.env.CI === 'true') throw new Error(`${why}: required when CI=true`);
  console.warn(`SKIP corpus tests: ${why}`);
}

export interface CorpusVersion {
  version: string;
  dir: string;
  /** qmp-commands.txt */
  commandsTxt: string;
  /** qmp-commands.hx or qemu-monitor.hx, when present */
  hx?: string;
  events?: string;
  /** qapi-schema.json, when present (1.0 onward) */
  qapiSchema?: string;
}

/** Every version folder of the corpus, oldest first (folder order is version order). */
export function corpusVersions(): CorpusVersion[] {
  if (!corpusAvailable) return [];
  const byVersion = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('qemu-'))
    .map((d) => d.name)
    .sort(byVersion)
    .map((name) => {
      const dir = path.join(CORPUS_DIR, name);
      const opt = (f: string) => (existsSync(path.join(dir, f)) ? path.join(dir, f) : undefined);
      return {
        version: name.slice('qemu-'.length),
        dir,
        commandsTxt: path.join(dir, 'qmp-commands.txt'),
        hx: opt('qmp-commands.hx') ?? opt('qemu-monitor.hx'),
        events: opt('qmp-events.txt'),
        qapiSchema: opt('qapi-schema.json'),
      };
    });
}
