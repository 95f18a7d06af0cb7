/**
 * The readers, each imported when a run first needs it. The registry (index.ts) imports every
 * reader; the pipeline's `generate` and the CLI's edge load only the readers the inputs were
 * given to (`--qapi`, `--introspection`, `--commands`/`--events` set `file.data.reader`): a
 * QAPI run never loads the legacy reader (some 80 KB of the bundle) nor the introspection
 * reader, and a run on legacy docs never loads the QAPI one. An input without a chosen reader
 * is sniffed, which may need any of them: then every reader is loaded (the registry).
 *
 * What chooses the reader of a file is here too (index.ts and the pipeline share it), without
 * a reader's code: `chosenReader`, `pickReader`, `readGroups`; `readInputs` reads with them.
 */
import type { VFile } from 'vfile';
import type { Reporter } from '../diagnostics/reporter.js';
import type { ModelPart, ReadOptions, Reader, ReaderId } from './types.js';

/** Each registered reader's module (literal specifiers: the bundler follows them). */
const LOADERS: Readonly<Record<ReaderId, () => Promise<Reader>>> = {
  introspection: async () => (await import('./introspection/index.js')).introspectionReader,
  qapi: async () => (await import('./qapi/index.js')).qapiReader,
  legacy: async () => (await import('./legacy/index.js')).legacyReader,
};

/** The ids of the registered readers (the registry, index.ts, lists the same readers). */
export const READER_IDS: readonly ReaderId[] = Object.keys(LOADERS) as ReaderId[];

/** The registered reader with this id, imported. */
export function loadReader(id: ReaderId): Promise<Reader> {
  return LOADERS[id]();
}

/** The reader the user chose for `file` (`file.data.reader`), when it names one. */
export function chosenReader(file: VFile): ReaderId | undefined {
  const chosen = (file.data as { reader?: unknown }).reader;
  return chosen === 'legacy' || chosen === 'qapi' || chosen === 'introspection' ? chosen : undefined;
}

/**
 * The readers that `files` need, imported: the ones chosen for them when every file has one
 * (so `pickReader` finds each file's reader among them), else every registered reader.
 */
export async function readersFor(files: readonly VFile[]): Promise<readonly Reader[]> {
  const chosen = new Set<ReaderId>();
  for (const file of files) {
    const id = chosenReader(file);
    if (id === undefined) return (await import('./index.js')).READERS;
    chosen.add(id);
  }
  return Promise.all([...chosen].map(loadReader));
}

/**
 * The reader for one file among `readers`: the explicit choice (when it is among them), else
 * the first whose sniff accepts the content; undefined when none does (the registry then
 * falls back to the legacy reader, which diagnoses the file).
 */
export function pickReader(file: VFile, readers: readonly Reader[]): Reader | undefined {
  const chosen = chosenReader(file);
  const explicit = chosen === undefined ? undefined : readers.find((r) => r.id === chosen);
  return explicit ?? readers.find((r) => r.sniff(file));
}

/**
 * Read `files`, each with its reader (`pickReader` among `readersFor(files)`, else the legacy
 * reader, as the registry chooses), loading only the readers they need.
 */
export async function readInputs(files: readonly VFile[], reporter: Reporter, options: ReadOptions): Promise<ModelPart[]> {
  const readers = await readersFor(files);
  const fallback = readers.find((r) => r.id === 'legacy');
  return readGroups(files, reporter, options, (file) => {
    const reader = pickReader(file, readers) ?? fallback;
    if (!reader) throw new Error(`internal: no reader loaded for ${file.path}`);
    return reader;
  });
}

/**
 * Read every file with the reader `readerOf` gives it: one `read` call per reader, with that
 * reader's files in the order given (for QAPI the edge passes the root first). Parts come in
 * the order of each reader's first file.
 */
export function readGroups(files: readonly VFile[], reporter: Reporter, options: ReadOptions, readerOf: (file: VFile) => Reader): ModelPart[] {
  const groups = new Map<Reader, VFile[]>();
  for (const file of files) {
    const reader = readerOf(file);
    const group = groups.get(reader);
    if (group) group.push(file);
    else groups.set(reader, [file]);
  }
  return [...groups].map(([reader, group]) => reader.read(group, reporter, options));
}
