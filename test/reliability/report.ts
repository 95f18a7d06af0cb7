/**
 * `npm run reliability`: runs the reliability and runtime suites with vitest's JSON reporter
 * and writes test/reliability.md from the results (and the measurements the suites record).
 * Nothing in the report is typed by hand except the map from the brief's categories to tests
 * and the list of bugs found (each with its regression test, whose status comes from the run,
 * and its commit, looked up in git).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'test/reliability.md');

interface Assertion {
  title: string;
  fullName: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  duration?: number;
  failureMessages?: string[];
}
interface FileResult {
  name: string;
  assertionResults: Assertion[];
}

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-reliability-'));
const json = path.join(tmp, 'vitest.json');
const statsFile = path.join(tmp, 'stats.jsonl');
const run = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/reliability', 'test/runtime', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, QMP_RELIABILITY_STATS: statsFile } },
);
if (!existsSync(json)) {
  console.error('vitest wrote no JSON results');
  process.exit(1);
}
const results = (JSON.parse(readFileSync(json, 'utf8')) as { testResults: FileResult[] }).testResults;
const stats = existsSync(statsFile)
  ? readFileSync(statsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown> & { name: string })
  : [];
rmSync(tmp, { recursive: true, force: true });

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');
const all = results.flatMap((f) => f.assertionResults.map((a) => ({ ...a, file: rel(f.name) })));
function find(file: string, title: string | RegExp) {
  return all.filter((a) => a.file === file && (typeof title === 'string' ? a.fullName.includes(title) : title.test(a.fullName)));
}
const mark = (s: string | undefined) => (s === 'passed' ? 'pass' : s === undefined ? 'missing' : s === 'skipped' ? 'SKIPPED' : 'FAIL');
const statusOf = (tests: typeof all) => (tests.length === 0 ? 'missing' : tests.every((t) => t.status === 'passed') ? 'pass' : tests.some((t) => t.status === 'failed') ? 'FAIL' : 'SKIPPED');
/** fast-check runs stated in a test title: "(1200 runs)". */
const runsIn = (tests: typeof all) => tests.reduce((n, t) => n + Number(/\((\d+) (?:runs|random interrupts)\)/.exec(t.title)?.[1] ?? 1), 0);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function commitOf(grep: string): string {
  try {
    return execFileSync('git', ['log', '--format=%h', '-F', `--grep=${grep}`, '-1'], { cwd: ROOT, encoding: 'utf8' }).trim() || '(uncommitted)';
  } catch {
    return '(unknown)';
  }
}

// ---- categories -------------------------------------------------------------------------
interface Row {
  what: string;
  file: string;
  title: string | RegExp;
}
const CATEGORIES: Array<{ name: string; rows: Row[]; also?: string }> = [
  {
    name: 'Hostile and broken docs: mutated real documents (whole pipeline in process)',
    rows: [
      { what: 'deleted/duplicated/swapped lines, truncation at any byte, random and invalid UTF-8 bytes, CRLF/CR, tabs, deep indents — parse', file: 'test/reliability/mutated-docs.test.ts', title: 'parse: never throws' },
      { what: 'the same, commands + events, through every emitter (schema, typescript, markdown, model)', file: 'test/reliability/mutated-docs.test.ts', title: 'every emitter' },
      { what: 'the same, through the full pipeline including prettier', file: 'test/reliability/mutated-docs.test.ts', title: 'including prettier' },
      { what: 'chunked heading parse = whole-document parse (real docs, 4x repeats, line mutations)', file: 'test/reliability/chunked-headings.test.ts', title: 'chunked heading parse' },
    ],
    also: 'test/parse/robustness.test.ts and test/parse/tolerant-json.test.ts (parser-level properties, run by `npm test`)',
  },
  {
    name: 'Hostile and broken docs: huge inputs (time and memory measured below)',
    rows: [
      { what: '10,000-deep indentation', file: 'test/reliability/huge-inputs.test.ts', title: '10,000-deep' },
      { what: 'a 5 MB line; a 5 MB JSON string in an example', file: 'test/reliability/huge-inputs.test.ts', title: '5 MB line' },
      { what: 'many distinct entries', file: 'test/reliability/huge-inputs.test.ts', title: 'many distinct entries' },
      { what: 'a 50 MB file (CLI)', file: 'test/reliability/huge-inputs.test.ts', title: '50 MB file' },
    ],
  },
  {
    name: 'Injection: hostile names and text end to end (CLI main() into a temp folder)',
    rows: [
      { what: 'no crash, every output kind produced', file: 'test/reliability/hostile-docs.test.ts', title: 'finishes with diagnostics' },
      { what: 'no file outside --out (every file under the temp parent listed)', file: 'test/reliability/hostile-docs.test.ts', title: 'nothing outside --out' },
      { what: 'TypeScript: tsc --strict clean; payload only in comments/strings (token scan)', file: 'test/reliability/hostile-docs.test.ts', title: 'type-checks under --strict' },
      { what: 'JSON Schemas: ajv 2020 strict compiles every file', file: 'test/reliability/hostile-docs.test.ts', title: 'ajv 2020 strict' },
      { what: 'Markdown: remark+gfm parse back: no html, no payload links/headings, tables intact', file: 'test/reliability/hostile-docs.test.ts', title: 'Markdown shows the text literally' },
    ],
    also: 'test/typescript/injection.test.ts (model-level payloads into the package), test/markdown/escaping.test.ts (pages)',
  },
  {
    name: 'Output safety',
    rows: [
      { what: 'an emitter throws: nothing written, previous output byte-identical', file: 'test/reliability/emitter-failure.test.ts', title: 'writes nothing: the previous' },
      { what: 'unchanged output: nothing rewritten (mtimes kept)', file: 'test/reliability/emitter-failure.test.ts', title: 'rewrites nothing' },
      { what: 'SIGINT at random moments of a CLI child process: each file old or new, no temp files', file: 'test/reliability/interrupt.test.ts', title: 'never torn' },
    ],
    also: 'test/write/atomic.test.ts (unsafe paths refused before writing, tampered manifest), test/cli/cli.test.ts',
  },
  {
    name: 'Hostile and failing servers (runtime)',
    rows: [
      { what: 'garbage JSON', file: 'test/runtime/disconnect.test.ts', title: 'fails the connection on garbage' },
      { what: 'truncated / malformed JSON', file: 'test/runtime/disconnect.test.ts', title: 'malformed JSON' },
      { what: 'garbage instead of a greeting', file: 'test/runtime/handshake.test.ts', title: 'garbage instead of a greeting' },
      { what: 'over-size message: clear error, bounded buffering', file: 'test/runtime/disconnect.test.ts', title: 'oversized message' },
      { what: 'over-size message detected before its end (framing)', file: 'test/runtime/framing.test.ts', title: 'over maxMessageBytes as soon as' },
      { what: 'no greeting: timeout', file: 'test/runtime/handshake.test.ts', title: 'no greeting arrives' },
      { what: 'qmp_capabilities refused', file: 'test/runtime/handshake.test.ts', title: 'qmp_capabilities is refused' },
      { what: 'unknown, missing and duplicate ids', file: 'test/runtime/execute.test.ts', title: 'unknown ids' },
      { what: 'a reply before the request was fully written', file: 'test/reliability/hostile-server.test.ts', title: 'before the request was fully written' },
      { what: '100,000-event flood while commands run: every reply matched, memory bounded', file: 'test/runtime/stress.test.ts', title: '100,000-event flood' },
      { what: 'server closes mid-reply: every pending call / waitFor / iterator ends', file: 'test/runtime/disconnect.test.ts', title: 'closes mid-reply' },
      { what: 'connection reset', file: 'test/runtime/disconnect.test.ts', title: 'connection reset' },
      { what: 'real QEMU killed with SIGKILL', file: 'test/runtime/qemu.test.ts', title: 'QEMU is killed' },
      { what: 'socket path removed while connected', file: 'test/reliability/hostile-server.test.ts', title: 'socket path removed' },
      { what: 'close() resolves, rejects pending work, idempotent', file: 'test/runtime/disconnect.test.ts', title: 'resolves once closed' },
      { what: 'nothing leaks (process.getActiveResourcesInfo())', file: 'test/runtime/disconnect.test.ts', title: 'leaves no sockets' },
    ],
  },
];

/** Bugs the reliability tests found; each keeps the regression test named here. */
const BUGS: Array<{ what: string; fix: string; grep: string; file: string; title: string }> = [
  {
    what: '10,000-deep nested member items overflowed the stack (RangeError) in the member reader',
    fix: 'generator/read/legacy/arguments.ts: nesting capped at 16 levels; deeper items read as an open object, warning member-too-deep',
    grep: 'fix stack overflow on deeply nested members',
    file: 'test/reliability/huge-inputs.test.ts',
    title: '10,000-deep',
  },
  {
    what: 'a 50 MB input parsed for ~9 minutes in ~3.3 GB RSS (measured before the chunked heading parse; memory ~65 bytes per input byte)',
    fix: 'generator/cli.ts: inputs over 8 MiB are refused with error input-too-large before reading (real docs are ≤ 0.2 MB)',
    grep: 'CLI refuses inputs over 8 MiB',
    file: 'test/reliability/huge-inputs.test.ts',
    title: '50 MB file',
  },
  {
    what: 'parse time quadratic in the number of entries: micromark re-edits the whole event list per setext heading (2,000 entries: 11.4 s; 500: 2.4 s)',
    fix: 'generator/read/legacy/markdown.ts: the heading skeleton is parsed in chunks cut where no block continues (2,000 entries: 0.8 s); headings identical on all 78 corpus/docs-input files',
    grep: 'remark over the heading skeleton in chunks',
    file: 'test/reliability/chunked-headings.test.ts',
    title: 'finds the same headings',
  },
  {
    what: 'package README: a URL in a summary became a clickable GFM autolink (escaping cannot stop autolink literals)',
    fix: 'generator/emit/typescript/package.ts: summaries go through the Markdown emitter\'s inlineText (URLs set in code), made by the TypeScript emitter owner in the same window',
    grep: 'inlineText',
    file: 'test/reliability/hostile-docs.test.ts',
    title: 'Markdown shows the text literally',
  },
];

// ---- write ------------------------------------------------------------------------------
const lines: string[] = [
  '# Reliability and security',
  '',
  'Generated by `npm run reliability` (test/reliability/report.ts) from a vitest run of',
  '`test/reliability` and `test/runtime`; do not edit by hand. `npm run fuzz` runs the same',
  'suites with `QMP_FUZZ_RUNS=200000` (more fast-check runs per property).',
  '',
  `Run: ${all.length} tests, ${all.filter((a) => a.status === 'passed').length} passed, ${all.filter((a) => a.status === 'failed').length} failed, ${all.filter((a) => a.status === 'skipped').length} skipped; vitest exit ${run.status}.`,
  '',
];
for (const cat of CATEGORIES) {
  lines.push(`## ${cat.name}`, '', '| Case | Test | Cases tried | Status |', '| --- | --- | ---: | --- |');
  for (const row of cat.rows) {
    const tests = find(row.file, row.title);
    lines.push(`| ${cell(row.what)} | \`${row.file}\` | ${tests.length ? runsIn(tests) : 0} | ${statusOf(tests)} |`);
  }
  if (cat.also) lines.push('', `Also covered elsewhere: ${cat.also}.`);
  lines.push('');
}

const measured = stats.filter((s) => s.name.startsWith('huge/') || s.name.startsWith('mutated-docs/') || s.name === 'interrupt');
if (measured.length) {
  lines.push('## Measurements (this run; not asserted)', '', '| Case | Measured |', '| --- | --- |');
  for (const s of measured) {
    const { name, ...rest } = s;
    lines.push(`| ${cell(name)} | ${cell(Object.entries(rest).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; '))} |`);
  }
  lines.push('');
}

lines.push('## Bugs found and fixed', '', '| Bug | Fix | Commit | Regression test | Status |', '| --- | --- | --- | --- | --- |');
for (const b of BUGS) {
  const tests = find(b.file, b.title);
  lines.push(`| ${cell(b.what)} | ${cell(b.fix)} | ${commitOf(b.grep)} | \`${b.file}\` › ${cell(b.title)} | ${mark(tests[0]?.status)} |`);
}
lines.push('');

const failed = all.filter((a) => a.status === 'failed');
lines.push('## Failures in this run', '');
if (failed.length === 0) lines.push('None: no crash, hang, write outside --out or lost reply was observed.');
for (const f of failed) lines.push(`- \`${f.file}\` › ${cell(f.fullName)}: ${cell((f.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 200))}`);
lines.push('');

writeFileSync(OUT, lines.join('\n'));
console.log(`wrote ${rel(OUT)} (${all.length} tests, ${failed.length} failed)`);
process.exitCode = run.status ?? 1;
