/**
 * The edge of `--history` and `compat`: release folders on disk → one model per release.
 * This is I/O (like generator/cli.ts, whose input reader it is handed); everything after it
 * is the pure history stages.
 *
 * A release folder holds a QAPI schema (`qapi-schema.json` or `qapi/qapi-schema.json`, with
 * the modules it includes) and/or legacy text docs (`qmp-commands.txt` or `.hx` /
 * `qemu-monitor.hx`, `qmp-events.txt`). When it has a schema and the QAPI reader is present,
 * the schema is the release's model, plus the commands and events that only the text docs
 * have (before 2.9 many commands were defined in the .hx alone, and events before 2.1 were
 * not in the schema); without the reader, the text docs are the model.
 * Its version: the `VERSION` file, else the folder name (`qemu-2.12.0` → `2.12.0`), else
 * `--history-version`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { Reporter } from '../diagnostics/reporter.js';
import type { Command, Event, Model, NamedType } from '../model/types.js';
import { MODEL_VERSION } from '../model/types.js';
import { parseDocs } from '../read/legacy/index.js';
import type { ModelPart, Reader } from '../read/types.js';
import { isVersion } from './version.js';

export type ReadInput = (spec: { path: string; declaredRole?: 'commands' | 'events' }, cwd: string) => Promise<VFile>;

export interface LoadedRelease {
  version: string;
  dir: string;
  model: Model;
  /** Which reader made the model. */
  reader: 'qapi' | 'legacy';
}

const QAPI_ROOTS = ['qapi-schema.json', path.join('qapi', 'qapi-schema.json')];
const LEGACY_COMMANDS = ['qmp-commands.txt', 'qmp-commands.hx', 'qemu-monitor.hx'];
const LEGACY_EVENTS = ['qmp-events.txt'];

let qapiReaderPromise: Promise<Reader | undefined> | undefined;

/** The QAPI reader (generator/read/qapi/index.ts), imported when a history first needs it. */
export function loadQapiReader(): Promise<Reader | undefined> {
  // a literal specifier: the bundler (scripts/build.mjs) follows it, wherever the code lands
  qapiReaderPromise ??= import('../read/qapi/index.js').then((mod: { qapiReader?: Reader }) => mod.qapiReader);
  return qapiReaderPromise;
}

/** Items of one reader's part as a model: sorted by name, the first of duplicates kept. */
export function partToModel(part: ModelPart, qemuVersion: string): Model {
  const unique = <T extends { name: string }>(items: readonly T[]): T[] => {
    const seen = new Map<string, T>();
    for (const item of items) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  return {
    modelVersion: MODEL_VERSION,
    release: { ...part.release, qemuVersion },
    sources: part.sources,
    commands: unique<Command>(part.commands),
    events: unique<Event>(part.events),
    types: unique<NamedType>(part.types),
  };
}

/** `schema` plus the commands and events only `docs` has (sorted by name, as in every model). */
export function withDocsOnlyItems(schema: Model, docs: Model): Model {
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const commandNames = new Set(schema.commands.map((c) => c.name));
  const eventNames = new Set(schema.events.map((e) => e.name));
  return {
    ...schema,
    sources: [...schema.sources, ...docs.sources],
    commands: [...schema.commands, ...docs.commands.filter((c) => !commandNames.has(c.name))].sort(byName),
    events: [...schema.events, ...docs.events.filter((e) => !eventNames.has(e.name))].sort(byName),
  };
}

function versionFromName(dir: string): string | undefined {
  const base = path.basename(path.resolve(dir)).replace(/^qemu-?/i, '');
  return isVersion(base) ? base : undefined;
}

/** A release folder's version: `given`, else its VERSION file, else its name; undefined when none says. */
export async function releaseVersion(dir: string, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return isVersion(given) ? given : undefined;
  const file = path.join(dir, 'VERSION');
  if (existsSync(file)) {
    const text = (await readFile(file, 'utf8')).trim();
    if (isVersion(text)) return text;
  }
  return versionFromName(dir);
}

async function firstExisting(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names) {
    const p = path.join(dir, n);
    try {
      if ((await stat(p)).isFile()) return p;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Does the folder hold a release (schema or docs)? */
export async function isReleaseFolder(dir: string): Promise<boolean> {
  return (await firstExisting(dir, [...QAPI_ROOTS, ...LEGACY_COMMANDS, ...LEGACY_EVENTS])) !== undefined;
}

/**
 * SOURCE arguments → release folders: a release folder as is; a folder that is not one but
 * holds release folders (like ../shared/qemu-qapi) stands for all of them.
 */
export async function expandSources(sources: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const s of sources) {
    const abs = path.resolve(cwd, s);
    if (await isReleaseFolder(abs)) {
      out.push(s);
      continue;
    }
    let children: string[] = [];
    try {
      children = (await readdir(abs, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch {
      // reported below as an empty source
    }
    const releases: string[] = [];
    for (const c of children) if (await isReleaseFolder(path.join(abs, c))) releases.push(path.join(s, c));
    out.push(...(releases.length > 0 ? releases : [s]));
  }
  return out;
}

export interface LoadResult {
  releases: LoadedRelease[];
  /** Every input file read, for printing diagnostics. */
  files: VFile[];
}

/**
 * Read every release folder. Problems are diagnostics on `general` (folder-level) or on the
 * files read; a folder that cannot be read as a release is skipped.
 */
export async function loadReleases(
  dirs: readonly string[],
  versions: readonly (string | undefined)[],
  cwd: string,
  readInput: ReadInput,
  general: VFile,
): Promise<LoadResult> {
  const folder = new Reporter([], general);
  const qapi = await loadQapiReader();
  const files: VFile[] = [];
  const releases: LoadedRelease[] = [];
  for (const [i, dir] of dirs.entries()) {
    const abs = path.resolve(cwd, dir);
    const version = await releaseVersion(abs, versions[i]);
    if (version === undefined) {
      folder.report('history-version-unknown', `Cannot tell the QEMU version of ${dir} (no VERSION file, no version in the folder name; give --history-version); skipped`);
      continue;
    }
    const root = await firstExisting(abs, QAPI_ROOTS);
    const commands = await firstExisting(abs, LEGACY_COMMANDS);
    const events = await firstExisting(abs, LEGACY_EVENTS);
    const rel = (p: string) => path.relative(cwd, p) || p;
    const legacySpecs = [
      ...(commands ? [{ path: rel(commands), declaredRole: 'commands' as const }] : []),
      ...(events ? [{ path: rel(events), declaredRole: 'events' as const }] : []),
    ];
    if (root !== undefined && qapi !== undefined) {
      const loaded = await loadQapiFiles(qapi, rel(root), cwd, readInput);
      files.push(...loaded);
      const reporter = new Reporter(loaded, general);
      const part = qapi.read(loaded, reporter, {});
      let model = partToModel(part, version);
      if (legacySpecs.length > 0) {
        // before 2.9 many commands lived only in the .hx (and events before 2.1 only in the
        // text docs): the docs add what the schema lacks, the schema wins where both have it
        const docs = await Promise.all(legacySpecs.map((s) => readInput(s, cwd)));
        files.push(...docs);
        model = withDocsOnlyItems(model, parseDocs(docs, new Reporter(docs, general)));
      }
      releases.push({ version, dir, model, reader: 'qapi' });
    } else if (legacySpecs.length > 0) {
      const loaded = await Promise.all(legacySpecs.map((s) => readInput(s, cwd)));
      files.push(...loaded);
      const model = parseDocs(loaded, new Reporter(loaded, general));
      releases.push({ version, dir, model: { ...model, release: { ...model.release, qemuVersion: version } }, reader: 'legacy' });
    } else if (root !== undefined) {
      folder.report('history-reader-missing', `${dir} has only a QAPI schema, and this build of qmp-codegen has no QAPI reader; skipped`);
    } else {
      folder.report('history-source-empty', `${dir} has no qapi-schema.json, qapi/qapi-schema.json, qmp-commands.txt or qmp-events.txt; skipped`);
    }
  }
  return { releases, files };
}

/** The schema root and every module it includes (transitively), root first, each once. */
async function loadQapiFiles(reader: Reader, root: string, cwd: string, readInput: ReadInput): Promise<VFile[]> {
  const out: VFile[] = [];
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.shift()!;
    const abs = path.resolve(cwd, next);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const file = await readInput({ path: next }, cwd);
    out.push(file);
    if (!reader.dependencies) continue;
    const deps = reader.dependencies(file, new Reporter([file], file));
    for (const d of deps) queue.push(path.relative(cwd, path.resolve(path.dirname(abs), d)) || d);
  }
  return out;
}
