/**
 * Helpers for the QAPI reader's tests and the fidelity report: load a schema with its includes
 * (the edge's job, done here with plain fs), read it, and turn the part into a Model (sorted by
 * name, the first of each name kept) until the assembler takes that over.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { MODEL_VERSION, type Model } from '../../generator/model/types.js';
import { qapiReader } from '../../generator/read/qapi/index.js';
import type { ModelPart, ReadOptions } from '../../generator/read/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const QAPI_CORPUS_DIR = process.env.QMP_QAPI_CORPUS ?? path.resolve(here, '../../../shared/qemu-qapi');
export const qapiCorpusAvailable = existsSync(QAPI_CORPUS_DIR);

/** Say once, visibly, that corpus tests are skipped; throw under CI=true. */
export function requireQapiCorpus(): boolean {
  if (qapiCorpusAvailable) return true;
  const why = `QAPI schema corpus not found at ${QAPI_CORPUS_DIR} (set QMP_QAPI_CORPUS)`;
  if (process.env.CI === 'true') throw new Error(`${why}: required when CI=true`);
  console.warn(`SKIP QAPI corpus tests: ${why}`);
  return false;
}

export interface QapiRelease {
  version: string;
  dir: string;
  /** qapi-schema.json (1.0–2.x) or qapi/qapi-schema.json (3.0 on). */
  root: string;
  /** qga/qapi-schema.json, when the release has one. */
  qga?: string;
}

export function qapiReleases(): QapiRelease[] {
  if (!qapiCorpusAvailable) return [];
  return readdirSync(QAPI_CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('qemu-'))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .flatMap((name) => {
      const dir = path.join(QAPI_CORPUS_DIR, name);
      const root = [path.join(dir, 'qapi/qapi-schema.json'), path.join(dir, 'qapi-schema.json')].find((p) => existsSync(p));
      if (!root) return [];
      const qga = path.join(dir, 'qga/qapi-schema.json');
      return [{ version: name.slice('qemu-'.length), dir, root, ...(existsSync(qga) ? { qga } : {}) }];
    });
}

/** Load `root` and everything it includes (root first, each file once, as the CLI edge does) and read it. */
export function readSchema(root: string, options: ReadOptions = {}): { part: ModelPart; files: VFile[]; diags: Diag[] } {
  const files: VFile[] = [];
  const seen = new Set<string>();
  const queue = [path.relative(process.cwd(), root) || root];
  const fallback = new VFile({ path: '<qmp-codegen>' });
  while (queue.length) {
    const p = path.normalize(queue.shift()!);
    if (seen.has(p)) continue;
    seen.add(p);
    if (!existsSync(p)) continue;
    const file = new VFile({ path: p, value: readFileSync(p, 'utf8') });
    files.push(file);
    const rep = new Reporter([file], fallback);
    for (const inc of qapiReader.dependencies!(file, rep)) queue.push(path.join(path.dirname(p), inc));
  }
  const reporter = new Reporter(files, fallback);
  // dependencies parsed with per-file reporters; read again with the shared one (messages land in the same vfiles)
  for (const f of files) f.messages.length = 0;
  const part = qapiReader.read(files, reporter, options);
  const diags: Diag[] = [];
  for (const f of [...files, fallback]) {
    for (const m of f.messages) {
      diags.push({ file: f.path, line: m.line ?? 0, column: m.column ?? 0, severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info', rule: String(m.ruleId), message: m.reason });
    }
  }
  return { part, files, diags };
}

export interface Diag {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  rule: string;
  message: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A part as a Model: items sorted by name, the first of each name kept. */
export function partToModel(part: ModelPart): Model {
  const uniq = <T extends { name: string }>(xs: readonly T[]): T[] => {
    const seen = new Set<string>();
    return [...xs].filter((x) => (seen.has(x.name) ? false : (seen.add(x.name), true))).sort(byName);
  };
  return {
    modelVersion: MODEL_VERSION,
    ...(part.release ? { release: part.release } : {}),
    sources: part.sources,
    commands: uniq(part.commands),
    events: uniq(part.events),
    types: uniq(part.types),
  };
}
