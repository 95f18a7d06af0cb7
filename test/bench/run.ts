/**
 * `npm run bench`: speed and memory of qmp-codegen, measured (never asserted in tests).
 *
 * First, whole processes, cold (cold.ts): the compiled CLI started as a child process per run,
 * median of QMP_BENCH_RUNS (default 5) with min–max and peak RSS, each row beside its goal from
 * issue 12; QEMU's qapi-gen.py on the same QAPI schema when it and our QAPI reader exist;
 * linearity over the corpus and over a synthetic 10× document.
 * Then, in-process and warm:
 *  1. parse + JSON Schema emit of qemu-2.8.0, after warm-up               (goal ≤ 300 ms)
 *  2. parse + JSON Schema emit of the whole corpus in one process          (goal ≤ 5 s)
 *  3. TypeScript emit + format of qemu-2.8.0                               (goal ≤ 1.5 s)
 *  4. client round trips against a real QEMU: sequential and 32 in flight, beside a minimal
 *     raw-socket loop in the same run                         (goals ≥ 0.95× and ≥ 0.97×)
 *  5. python's qemu.qmp beside them, when it is installed.
 * The machine (CPU, cores, load before and after) is printed with the figures. Results go to
 * stdout and to test/bench/results.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
import { coldBench, type ColdRow } from './cold.js';

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

const loadAvg = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

/**
 * python's qemu.qmp: installed (pip), or the source it is published from, QEMU's
 * python/qemu/qmp, under QMP_QEMU_PYTHON or ../qemu-src/python (Debian's QEMU source package has
 * it: see README). Its PYTHONPATH and a description, or why not.
 */
function pythonQmp(root: string): { ok: true; pythonPath: string; what: string } | { ok: false; why: string } {
  const candidates = [process.env.QMP_QEMU_PYTHON, path.resolve(root, '../qemu-src/python'), ''].filter((p): p is string => p !== undefined);
  for (const pythonPath of candidates) {
    try {
      const where = execFileSync('python3', ['-c', 'import qemu.qmp, os; print(os.path.dirname(qemu.qmp.__file__))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PYTHONPATH: pythonPath },
      }).trim();
      return { ok: true, pythonPath, what: `python qemu.qmp (${pythonPath ? `source of ${path.relative(root, where)}` : 'installed'})` };
    } catch {
      // not there
    }
  }
  return {
    ok: false,
    why:
      'python qemu.qmp was not found: `pip install qemu.qmp`, or unpack python/qemu/qmp of a QEMU source tree (Debian: ' +
      '`apt-get source --download-only qemu`) into ../qemu-src/python or QMP_QEMU_PYTHON, and rerun to get the row',
  };
}

async function main(): Promise<void> {
  const versions = corpusVersions();
  const v28 = versions.find((v) => v.version === '2.8.0');
  if (!v28) throw new Error('bench needs the corpus (../shared/qemu-docs or QMP_CORPUS)');
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform}/${process.arch}, Node ${process.version}`;
  const loadBefore = loadAvg();
  console.log(`machine: ${machine}\nload average (1, 5, 15 min) at start: ${loadBefore}\n`);

  // 0. whole processes, cold, first: the compiled CLI (built here when stale)
  execFileSync(process.execPath, [path.join(HERE, '../../scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const here = path.resolve(HERE, '../..');
  const cold = coldBench({
    corpus: path.dirname(v28.dir),
    qapiCorpus: process.env.QMP_QAPI_CORPUS ?? path.resolve(here, '../shared/qemu-qapi'),
    qemuScripts: process.env.QMP_QEMU_SCRIPTS ?? path.resolve(here, '../qemu-src/scripts'),
  });
  const mark = (r: ColdRow) => (r.met === undefined ? '' : r.met ? 'met' : 'missed');
  const coldTable = [
    '| whole process, cold | median (min–max) | peak RSS | goal | |',
    '| --- | --- | --- | --- | --- |',
    ...cold.rows.map((r) => `| ${r.what}${r.note ? ` (${r.note})` : ''} | ${r.value} | ${r.rss} | ${r.goal} | ${mark(r)} |`),
  ].join('\n');
  console.log(`${coldTable}\n${cold.lines.join('\n')}\nload average after the cold runs: ${loadAvg()}\n`);

  const rows: string[][] = [];
  const add = (what: string, value: string, target: string, rss = mib(peakRss())) => {
    rows.push([what, value, target, rss]);
    console.log(`${what.padEnd(52)} ${value.padStart(12)}   goal ${target.padEnd(10)} peak RSS ${rss}`);
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
  add(`parse + schema emit, qemu-2.8.0 (${schemaCount} schemas, median of 15, warm)`, `${median(times).toFixed(1)} ms`, '≤ 300 ms');

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
  add('TypeScript emit + format, qemu-2.8.0 (median of 3, warm)', `${median(ts).toFixed(0)} ms`, '≤ 1500 ms');

  // 4. client against a real QEMU
  let client: ClientBenchResult | undefined;
  const py = pythonQmp(here);
  try {
    client = await clientBench(py.ok ? { pythonPath: py.pythonPath, what: py.what } : undefined);
  } catch (error) {
    console.log(`client round trips: skipped (${error instanceof Error ? error.message : String(error)})`);
  }
  if (client) {
    for (const r of client.rows) add(r.what, r.value, r.target, mib(r.rss));
  }
  if (!py.ok) console.log(`python qemu.qmp: skipped (${py.why})`);

  const table = [
    '| in process | result | goal | peak RSS |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const loadAfter = loadAvg();
  writeFileSync(
    path.join(HERE, 'results.md'),
    `# Benchmark results\n\nProduced by \`npm run bench\` on ${machine}. Load average (1, 5, 15 min): ${loadBefore} at the start, ` +
      `${loadAfter} at the end. Timings vary by machine and load; the goals are from issue 12.\n\n` +
      `${coldTable}\n\n${cold.lines.join('\n')}\n\n${table}\n` +
      (py.ok ? '' : `\n${py.why}.\n`),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
