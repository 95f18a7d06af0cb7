/**
 * `npm run bench`: speed and memory of qmp-codegen, measured (never asserted in tests).
 *
 *  1. parse + JSON Schema emit of qemu-2.8.0, in-process, after warm-up   (target ≤ 300 ms)
 *  2. parse + JSON Schema emit of the whole corpus in one process          (target ≤ 5 s)
 *  3. TypeScript emit + prettier of qemu-2.8.0                              (target ≤ 1.5 s)
 *  4. client round trips against a real QEMU: sequential and 32 in flight, beside a minimal
 *     raw-socket loop in the same run                                       (target ≥ 0.9×)
 * Peak RSS is reported after each part. Results go to stdout and to test/bench/results.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { loadTemplates } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import type { EmitContext } from '../../generator/emit/types.js';
import { formatFiles } from '../../generator/format/prettier.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { corpusVersions, type CorpusVersion } from '../helpers/corpus.js';
import { clientBench, type ClientBenchResult } from './client.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function load(v: CorpusVersion): VFile[] {
  const files = [new VFile({ path: v.commandsTxt, value: readFileSync(v.commandsTxt, 'utf8'), data: { declaredRole: 'commands' } })];
  if (v.events) files.push(new VFile({ path: v.events, value: readFileSync(v.events, 'utf8'), data: { declaredRole: 'events' } }));
  return files;
}

function ctxFor(files: VFile[]): EmitContext {
  const general = new VFile({ path: 'bench' });
  return { reporter: new Reporter(files, general), packageName: 'qmp-bench', generatorVersion: '0.0.0' };
}

function parseAndSchema(files: VFile[]): number {
  for (const f of files) f.messages.length = 0;
  const ctx = ctxFor(files);
  const model = parseDocs(files, ctx.reporter);
  return emitSchemas(model, ctx).length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
  const versions = corpusVersions();
  const v28 = versions.find((v) => v.version === '2.8.0');
  if (!v28) throw new Error('bench needs the corpus (../shared/qemu-docs or QMP_CORPUS)');
  const rows: string[][] = [];
  const add = (what: string, value: string, target: string, rss = mib(peakRss())) => {
    rows.push([what, value, target, rss]);
    console.log(`${what.padEnd(52)} ${value.padStart(12)}   target ${target.padEnd(10)} peak RSS ${rss}`);
  };

  // 1. qemu-2.8.0 parse + schema, warm
  const files28 = load(v28);
  for (let i = 0; i < 5; i++) parseAndSchema(files28);
  const times: number[] = [];
  let schemaCount = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    schemaCount = parseAndSchema(files28);
    times.push(performance.now() - t0);
  }
  add(`parse + schema emit, qemu-2.8.0 (${schemaCount} schemas, median of 15)`, `${median(times).toFixed(1)} ms`, '≤ 300 ms');

  // 2. whole corpus, one process (inputs read before the clock starts)
  const all = versions.map(load);
  const t1 = performance.now();
  for (const files of all) parseAndSchema(files);
  add(`parse + schema emit, whole corpus (${versions.length} versions)`, `${((performance.now() - t1) / 1000).toFixed(2)} s`, '≤ 5 s');

  // 3. TS emit + prettier, qemu-2.8.0: one warm-up run, then 3 measured. Every run has its own
  // generator version, so the generated sources (whose headers name it) differ from run to run
  // and no cache keyed by contents can answer for them; the runtime copies are the same each time.
  const templates = await loadTemplates();
  const model = parseDocs(files28, ctxFor(files28).reporter);
  const tsCtx = (i: number): EmitContext => ({ ...ctxFor(files28), generatorVersion: `0.0.${i}`, templates });
  await formatFiles(emitTypescript(model, tsCtx(0)));
  const ts: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const ctx = tsCtx(i);
    const t0 = performance.now();
    await formatFiles(emitTypescript(model, ctx));
    ts.push(performance.now() - t0);
  }
  add('TypeScript emit + prettier, qemu-2.8.0 (median of 3, warm)', `${median(ts).toFixed(0)} ms`, '≤ 1500 ms');

  // 4. client against a real QEMU
  let client: ClientBenchResult | undefined;
  try {
    client = await clientBench();
  } catch (error) {
    console.log(`client round trips: skipped (${error instanceof Error ? error.message : String(error)})`);
  }
  if (client) {
    for (const r of client.rows) add(r.what, r.value, r.target, mib(r.rss));
  }

  const table = [
    '| measurement | result | target | peak RSS |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  writeFileSync(
    path.join(HERE, 'results.md'),
    `# Benchmark results\n\nProduced by \`npm run bench\` (Node ${process.version}, ${process.platform}/${process.arch}). ` +
      `Timings vary by machine; the targets are from the project's issues.\n\n${table}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
