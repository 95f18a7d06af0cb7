/**
 * The reader registry: which reader reads which input.
 *
 * A file is read by the reader the user chose for it (the CLI's `--qapi`, `--introspection`,
 * `--commands`/`--events` set `file.data.reader`), else by the first reader in `READERS` whose
 * `sniff` recognises the content, else by the legacy reader, which reports what it cannot read
 * (`input-unrecognised`) exactly as before there were other readers.
 *
 * Order of `READERS`: the most specific content test first. The legacy sniff is the loosest
 * (a QAPI schema's doc comments carry `"execute":` examples too), so it comes last.
 *
 * The registry imports every reader. A run loads only the readers its inputs were given to
 * (load.ts: the pipeline's `generate` and the CLI's edge), this registry only when an input
 * has to be sniffed.
 */
import type { VFile } from 'vfile';
import type { Reporter } from '../diagnostics/reporter.js';
import { introspectionReader } from './introspection/index.js';
import { legacyReader } from './legacy/index.js';
import { chosenReader, pickReader, readGroups } from './load.js';
import { qapiReader } from './qapi/index.js';
import type { ModelPart, ReadOptions, Reader, ReaderId } from './types.js';

export { chosenReader };

export const READERS: readonly Reader[] = [
  // ---- registered readers, most specific first ------------------------------------------
  introspectionReader,
  qapiReader,
  legacyReader,
];

/** The registered reader with this id, if any. */
export function readerById(id: ReaderId): Reader | undefined {
  return READERS.find((r) => r.id === id);
}

/**
 * The reader for one file: the explicit choice wins (when that reader is registered), else
 * the first whose sniff recognises the content, else the legacy reader (it diagnoses the file).
 */
export function readerFor(file: VFile, readers: readonly Reader[] = READERS): Reader {
  return pickReader(file, readers) ?? legacyReader;
}

/**
 * Read every file with its reader: one `read` call per reader, with that reader's files in the
 * order given (for QAPI the edge passes the root first). Parts come in the order of each
 * reader's first file.
 */
export function readAll(
  files: readonly VFile[],
  reporter: Reporter,
  options: ReadOptions = {},
  readers: readonly Reader[] = READERS,
): ModelPart[] {
  return readGroups(files, reporter, options, (file) => readerFor(file, readers));
}
