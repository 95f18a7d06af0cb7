/**
 * Whole-process figures for `npm run bench`: the real CLI (compiled, build/cli.js; built first
 * when stale) started cold as a child process for every run, as a user runs it. Each row runs
 * RUNS times; rows take turns round by round, so a change of machine load over the bench
 * affects them alike. Wall time is measured around the child; peak RSS by /usr/bin/time -v's
 * "Maximum resident set size" (n/a without /usr/bin/time).
 *
 * Rows whose prerequisites are missing (QEMU's scripts/qapi-gen.py, the QAPI reader, the
 * corpus) are reported as skipped, with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'build/cli.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
export const RUNS = Math.max(1, Number(process.env.QMP_BENCH_RUNS ?? 5));

export interface Sample {
  wall: number; // seconds
  rss: number; // bytes, NaN when unknown
}

/** Run a command once; wall seconds and peak RSS. Throws when it fails. */
export function measure(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Sample {
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'QMPBENCH %M', cmd, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-500)}`);
  const m = TIME ? /QMPBENCH (\d+)\s*$/.exec(r.stderr ?? '') : null;
  return { wall, rss: m ? Number(m[1]) * 1024 : NaN };
}

export interface ColdRow {
  what: string;
  /** Goal, as shown (`≤ 1.0 s`). */
  goal: string;
  /** Met? undefined when the row has no pass/fail (a baseline) or did not run. */
  met?: boolean;
  /** `median (min–max)` text. */
  value: string;
  rss: string;
  note?: string;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};
const mib = (b: number) => (Number.isNaN(b) ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MiB`);
const secs = (xs: readonly number[]) =>
  `${median(xs).toFixed(2)} s (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

interface Job {
  what: string;
  goalSeconds?: number;
  goalRss?: number;
  cmd: string;
  args: string[];
  cwd: string;
  samples: Sample[];
}

export interface ColdEnv {
  corpus: string;
  qapiCorpus: string;
  qemuScripts: string;
}

/** `node build/cli.js --help` mentions `--qapi`, and the QAPI reader module exists. */
function qapiSupport(): string | undefined {
  if (!existsSync(path.join(ROOT, 'generator/read/qapi/index.ts'))) return 'generator/read/qapi/index.ts (the QAPI reader) is not in this checkout yet';
  const help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  if (!help.includes('--qapi')) return 'the CLI has no --qapi option yet';
  return undefined;
}

export function coldBench(env: ColdEnv): { rows: ColdRow[]; lines: string[] } {
  const v28 = path.join(env.corpus, 'qemu-2.8.0');
  if (!existsSync(path.join(v28, 'qmp-commands.txt'))) throw new Error(`the corpus is needed (${v28})`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-bench-'));
  const lines: string[] = [];
  try {
    const node = process.execPath;
    const inputs = ['--commands', path.join(v28, 'qmp-commands.txt'), '--events', path.join(v28, 'qmp-events.txt')];
    const jobs: Job[] = [
      { what: 'qemu-2.8.0, all outputs (schema, typescript + dist, markdown, model)', goalSeconds: 1.0, goalRss: 200 * 1024 * 1024, cmd: node, args: [CLI, ...inputs, '--out', path.join(tmp, 'all'), '-q'], cwd: tmp, samples: [] },
      { what: 'qemu-2.8.0, --emit schema', goalSeconds: 0.4, cmd: node, args: [CLI, ...inputs, '--emit', 'schema', '--out', path.join(tmp, 'schema'), '-q'], cwd: tmp, samples: [] },
      { what: '--help', goalSeconds: 0.3, cmd: node, args: [CLI, '--help'], cwd: tmp, samples: [] },
      { what: '--version', goalSeconds: 0.3, cmd: node, args: [CLI, '--version'], cwd: tmp, samples: [] },
      { what: '`npm run generate` (docs-input → generated/)', goalSeconds: 0.8, cmd: 'npm', args: ['run', '--silent', 'generate', '--', '-q'], cwd: ROOT, samples: [] },
      { what: 'the same job, bare bin (`node build/cli.js`)', goalSeconds: 0.8, cmd: node, args: [CLI, '-q'], cwd: ROOT, samples: [] },
      { what: 'baseline: `node -e 0` (Node start-up alone)', cmd: node, args: ['-e', '0'], cwd: tmp, samples: [] },
    ];

    // issue 11: the history over every release of the QAPI corpus, one process
    const releases = existsSync(env.qapiCorpus) ? readdirSync(env.qapiCorpus).filter((d) => existsSync(path.join(env.qapiCorpus, d, 'VERSION'))) : [];
    if (releases.length > 0) {
      jobs.push({
        what: `history of the QAPI corpus (${releases.length} releases, --history: changelog, release and item pages, changelog.json)`,
        goalSeconds: 10,
        cmd: node,
        args: [CLI, '--history', '--out', path.join(tmp, 'history'), env.qapiCorpus, '-q'],
        cwd: tmp,
        samples: [],
      });
    }

    // QEMU 7.2's QAPI schema: ours against QEMU's own generator, when both can run
    const schema72 = path.join(env.qapiCorpus, 'qemu-7.2.0/qapi/qapi-schema.json');
    const qapiGen = path.join(env.qemuScripts, 'qapi-gen.py');
    let qapiSkip: string | undefined;
    if (!existsSync(schema72)) qapiSkip = `QAPI corpus not found (${schema72})`;
    else if (!existsSync(qapiGen)) qapiSkip = `QEMU's scripts/qapi-gen.py not found (${qapiGen}; set QMP_QEMU_SCRIPTS)`;
    else qapiSkip = qapiSupport();
    if (!qapiSkip) {
      jobs.push(
        { what: 'QEMU 7.2 QAPI schema, all outputs (qmp-codegen --qapi)', cmd: node, args: [CLI, '--qapi', schema72, '--out', path.join(tmp, 'qapi'), '-q'], cwd: tmp, samples: [] },
        { what: "QEMU 7.2 QAPI schema, QEMU's scripts/qapi-gen.py", cmd: 'python3', args: [qapiGen, '-o', path.join(tmp, 'qapi-gen'), '-b', schema72], cwd: tmp, samples: [] },
      );
    }

    for (const j of jobs) measure(j.cmd, j.args, j.cwd); // one warm-up each (file cache, first output written)
    for (let round = 0; round < RUNS; round++) for (const j of jobs) j.samples.push(measure(j.cmd, j.args, j.cwd));

    const rows: ColdRow[] = jobs.map((j) => {
      const wall = j.samples.map((s) => s.wall);
      const rss = median(j.samples.map((s) => s.rss));
      const goals: string[] = [];
      let met: boolean | undefined;
      if (j.goalSeconds !== undefined) {
        goals.push(`≤ ${j.goalSeconds.toFixed(1)} s`);
        met = median(wall) <= j.goalSeconds;
      }
      if (j.goalRss !== undefined) {
        goals.push(`≤ ${mib(j.goalRss)}`);
        met = (met ?? true) && rss <= j.goalRss;
      }
      return { what: j.what, goal: goals.join(', ') || '(baseline)', ...(met !== undefined ? { met } : {}), value: secs(wall), rss: mib(rss) };
    });
    if (qapiSkip) {
      rows.push({ what: 'QEMU 7.2 QAPI schema: qmp-codegen / qapi-gen.py', goal: '≤ 1.0×', value: 'skipped', rss: '', note: qapiSkip });
    } else {
      const ours = median(jobs.at(-2)!.samples.map((s) => s.wall));
      const theirs = median(jobs.at(-1)!.samples.map((s) => s.wall));
      rows.push({ what: 'QEMU 7.2 QAPI schema: qmp-codegen / qapi-gen.py (ratio of medians)', goal: '≤ 1.0×', met: ours / theirs <= 1, value: `${(ours / theirs).toFixed(2)}×`, rss: '' });
    }

    // linearity 1: all 26 versions in one process, against 26 × the cold 2.8.0 run
    const t28 = median(jobs[0]!.samples.map((s) => s.wall));
    const corpusScript = `
      import { readdirSync, existsSync } from 'node:fs';
      import path from 'node:path';
      const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)});
      const corpus = ${JSON.stringify(env.corpus)};
      const versions = readdirSync(corpus).filter((v) => v.startsWith('qemu-')).sort();
      const io = { cwd: corpus, stdout: () => {}, stderr: () => {} };
      for (const v of versions) {
        const args = ['--commands', path.join(v, 'qmp-commands.txt')];
        if (existsSync(path.join(corpus, v, 'qmp-events.txt'))) args.push('--events', path.join(v, 'qmp-events.txt'));
        const code = await main([...args, '--out', path.join(${JSON.stringify(tmp)}, 'corpus', v), '-q'], io);
        if (code !== 0) { console.error(v, 'exit', code); process.exit(1); }
      }
      console.log(versions.length);
    `;
    const corpusRun = measure(node, ['--input-type=module', '-e', corpusScript], tmp);
    rows.push({
      what: 'whole corpus (26 versions, all outputs) in one process, 1 run',
      goal: `≤ 26 × 2.8.0 cold = ${(26 * t28).toFixed(1)} s`,
      met: corpusRun.wall <= 26 * t28,
      value: `${corpusRun.wall.toFixed(2)} s (${(corpusRun.wall / t28).toFixed(1)} × 2.8.0)`,
      rss: mib(corpusRun.rss),
    });

    // linearity 2: the parser on a synthetic document 10× 2.8.0's (ten copies, built here in
    // a temporary folder, never stored), in a child process each; time of the parse alone
    const doc = readFileSync(path.join(v28, 'qmp-commands.txt'), 'utf8');
    const one = path.join(tmp, 'x1.txt');
    const ten = path.join(tmp, 'x10.txt');
    writeFileSync(one, doc);
    writeFileSync(ten, Array.from({ length: 10 }, () => doc).join('\n'));
    const parseScript = (file: string) => `
      import { readFileSync } from 'node:fs';
      const { VFile } = await import('vfile');
      const { Reporter } = await import(${JSON.stringify(new URL(`file://${path.join(ROOT, 'build/diagnostics/reporter.js')}`).href)});
      const { parseDocs } = await import(${JSON.stringify(new URL(`file://${path.join(ROOT, 'build/read/legacy/index.js')}`).href)});
      const text = readFileSync(${JSON.stringify(file)}, 'utf8');
      const files = [new VFile({ path: 'doc.txt', value: text, data: { declaredRole: 'commands' } })];
      const t0 = performance.now();
      const model = parseDocs(files, new Reporter(files, new VFile({ path: 'x' })));
      const ms = performance.now() - t0;
      console.log(JSON.stringify({ ms, commands: model.commands.length, rss: process.resourceUsage().maxRSS * 1024 }));
    `;
    const parseRuns = (file: string) =>
      Array.from({ length: RUNS }, () => {
        // cwd: the checkout, where the script's bare import of vfile resolves
        const out = execFileSync(node, ['--input-type=module', '-e', parseScript(file)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
        return JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; rss: number };
      });
    let p1: Array<{ ms: number; rss: number }>;
    let p10: Array<{ ms: number; rss: number }>;
    try {
      p1 = parseRuns(one);
      p10 = parseRuns(ten);
    } catch (error) {
      // keep the figures measured so far
      rows.push({ what: 'parser, synthetic doc 10× qemu-2.8.0', goal: '≤ 12×', value: 'failed', rss: '', note: String(error).slice(0, 200) });
      return { rows, lines };
    }
    const m1 = median(p1.map((p) => p.ms));
    const m10 = median(p10.map((p) => p.ms));
    const perByte = (median(p10.map((p) => p.rss)) - median(p1.map((p) => p.rss))) / (9 * Buffer.byteLength(doc));
    rows.push({
      what: `parser, synthetic doc 10× qemu-2.8.0's commands (${(10 * Buffer.byteLength(doc) / 1024).toFixed(0)} KB) vs 1×, parse only, median of ${RUNS}`,
      goal: '≤ 12×',
      met: m10 / m1 <= 12,
      value: `${(m10 / 1000).toFixed(2)} s / ${(m1 / 1000).toFixed(2)} s = ${(m10 / m1).toFixed(1)}×`,
      rss: mib(median(p10.map((p) => p.rss))),
    });
    rows.push({
      what: 'parser memory per input byte (peak RSS, 10× minus 1×, over the 9 added copies)',
      goal: '(reported; 30–65 B before)',
      value: `${perByte.toFixed(0)} B/byte`,
      rss: '',
    });
    lines.push(`cold runs: ${RUNS} per row after one warm-up, rows interleaved round by round; peak RSS ${TIME ? 'from /usr/bin/time' : 'not measured (no /usr/bin/time)'}`);
    return { rows, lines };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
