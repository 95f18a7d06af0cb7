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
  [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/reliability', 'test/runtime', 'test/write', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`],
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
      { what: 'real QEMU killed with SIGKILL mid-flight (SIGSTOPped first, so all 50 calls are in flight: deterministic)', file: 'test/runtime/qemu.test.ts', title: 'QEMU is killed' },
      { what: 'socket path removed while connected', file: 'test/reliability/hostile-server.test.ts', title: 'socket path removed' },
      { what: 'close() resolves, rejects pending work, idempotent', file: 'test/runtime/disconnect.test.ts', title: 'resolves once closed' },
      { what: 'nothing leaks (process.getActiveResourcesInfo())', file: 'test/runtime/disconnect.test.ts', title: 'leaves no sockets' },
    ],
  },
  // ---- second pass (issue 13): each class, its attack and the result -------------------
  {
    name: 'Second pass — output folder: symbolic links below --out (never written or deleted through)',
    rows: [
      { what: 'out/docs -> elsewhere/, then a run writing docs/: refused (error output-symlink), elsewhere/ stays empty, previous output kept', file: 'test/write/safety.test.ts', title: 'refuses to write through a linked folder' },
      { what: 'a symlink in place of an output file, pointing outside: refused, its target untouched', file: 'test/write/safety.test.ts', title: 'refuses a linked file' },
      { what: 'a manifest entry under a linked folder: nothing deleted outside, warning output-manifest-entry', file: 'test/write/safety.test.ts', title: 'never deletes through a linked folder' },
      { what: 'the same through the CLI: exit 1, diagnostic with rule id, one-line reason under -q', file: 'test/reliability/output-folder.test.ts', title: 'a symlink below --out' },
    ],
  },
  {
    name: 'Second pass — output folder: a folder qmp-codegen did not create',
    rows: [
      { what: 'a folder with files and no manifest: refused (output-foreign) unless force; foreign files never deleted', file: 'test/write/safety.test.ts', title: 'is refused when it has files and no manifest' },
      { what: 'CLI: a project (package.json, README.md, src/index.ts) as --out: refused, byte-identical; with --force its own files survive', file: 'test/reliability/output-folder.test.ts', title: 'a project folder with files and no manifest' },
      { what: 'a manifest entry that is a folder: skipped with a warning, not a crash', file: 'test/write/safety.test.ts', title: 'a manifest entry that is a folder' },
    ],
  },
  {
    name: 'Second pass — atomicity: any failure leaves the previous output whole',
    rows: [
      { what: 'ENOSPC / ENAMETOOLONG / EIO injected at the 1st, 2nd and 3rd stage, mkdir, journal, link, rename and remove operation: output byte-identical to before, no staging, lock or .tmp left', file: 'test/write/safety.test.ts', title: / at '?(stage|mkdir|journal|link|rename|remove)'? #\d/ },
      { what: 'a real name over 255 bytes (300 ASCII; 90 CJK characters = 273 bytes): refused before anything changes', file: 'test/write/safety.test.ts', title: 'a real over-long name' },
      { what: 'kill -9 mid-commit (folder frozen between two renames): the next run undoes the partial commit from the journal', file: 'test/write/safety.test.ts', title: 'a crash mid-commit' },
      { what: 'CLI: a 300-character command name and 30 CJK characters: every file written, every name ≤ 255 bytes (cut + short hash)', file: 'test/reliability/output-folder.test.ts', title: 'a 300-character name' },
      { what: 'unchanged output: no file operation at all (mtimes kept)', file: 'test/write/safety.test.ts', title: 'rewrites nothing and stages nothing' },
    ],
    also: 'test/schema/filenames.test.ts (stems of long names fit 255 bytes with every suffix, stay distinct)',
  },
  {
    name: 'Second pass — two runs into one --out',
    rows: [
      { what: 'a lock held by a live process: refused, the message names its pid', file: 'test/write/safety.test.ts', title: 'a live lock is refused' },
      { what: 'a stale lock (its process is gone): taken over', file: 'test/write/safety.test.ts', title: 'a stale lock' },
      { what: 'two writes at once in one process, then the write stage called twice in a row', file: 'test/write/safety.test.ts', title: 'two writes at once in one process' },
      { what: 'two CLI processes at once: the folder is one run\'s whole output; a refused run names the other pid', file: 'test/reliability/output-folder.test.ts', title: 'never mix' },
    ],
  },
  {
    name: 'Second pass — terminal control and bidi characters',
    rows: [
      { what: 'a heading with ESC ]0;…BEL, ESC[2J and U+202E, text with ESC[31m and U+2067: diagnostics (text and JSON) and Markdown pages show \\u{…}, nothing raw', file: 'test/reliability/escaping-names.test.ts', title: 'a heading with ESC/BEL sequences' },
      { what: 'usage errors that quote a typed value (--emit, --format, --package-name)', file: 'test/reliability/escaping-names.test.ts', title: 'usage errors quote what was typed' },
      { what: 'terminalSafe: C0, C1, DEL, bidi, tab/newline; plain text unchanged', file: 'test/reliability/escaping-names.test.ts', title: 'terminalSafe(' },
    ],
  },
  {
    name: 'Second pass — output independent of the current folder',
    rows: [
      { what: 'the same inputs and --out typed from two folders: byte-identical output (inputs recorded relative to --out)', file: 'test/reliability/output-folder.test.ts', title: 'output does not depend on the current folder' },
      { what: 'npm --prefix: INIT_CWD is the folder paths are relative to (only for our own script, in our folder)', file: 'test/reliability/output-folder.test.ts', title: "relative paths are the user's" },
    ],
    also: 'test/generated/drift.test.ts (generated/ regenerated with the new provenance)',
  },
  {
    name: 'Second pass — every failing exit says why',
    rows: [{ what: '--frail -q (nothing written), a missing input under -q, --check on a clean tree: one line each', file: 'test/reliability/output-folder.test.ts', title: 'every failing exit says why' }],
  },
  {
    name: 'Second pass — argument names: Object.prototype members and U+2028',
    rows: [
      { what: 'optional toString/valueOf and required constructor: plain object literals type-check (--strict); __proto__ reported (name-proto-member) with the computed-key workaround', file: 'test/reliability/escaping-names.test.ts', title: 'optional toString/valueOf' },
      { what: 'U+2028 inside an argument name: warning input-line-separator at its line:column', file: 'test/reliability/escaping-names.test.ts', title: 'U+2028 in an argument name' },
    ],
  },
  {
    name: 'Second pass — runtime client',
    rows: [
      { what: 'an error reply without id while a command is in flight (timeout 0 and 30 s): rejected at once with the server error', file: 'test/runtime/second-pass.test.ts', title: 'rejects the command in flight at once' },
      { what: 'id-less error after an aborted command: attributed in order (to the aborted one); the next command unharmed', file: 'test/runtime/second-pass.test.ts', title: 'is attributed in order' },
      { what: 'the burst of id-less errors QEMU sends for the rest of an unparseable request: blames no later command', file: 'test/runtime/second-pass.test.ts', title: 'the burst of id-less errors' },
      { what: 'real QEMU: arguments nested 2000 deep: rejected at once; the next command answered', file: 'test/runtime/qemu.test.ts', title: 'nesting too deep' },
      { what: 'server stops reading, 1 MiB commands time out before being written: their bytes are dropped at once; unwritten bytes bounded (maxUnsentBytes, clear error)', file: 'test/runtime/second-pass.test.ts', title: 'commands that time out before being written' },
      { what: 'a server that accepts but never greets: "the monitor is probably in use by another client"', file: 'test/runtime/second-pass.test.ts', title: 'a busy monitor' },
      { what: 'real QEMU: a second client while one is connected: the same message', file: 'test/runtime/qemu.test.ts', title: 'a second client on the busy monitor' },
      { what: 'hollow greetings ({"QMP": {}}, no version.qemu, string minor, no package, no capabilities): QmpProtocolError', file: 'test/runtime/second-pass.test.ts', title: /greeting .* is refused/ },
      { what: 'quit answered then hang-up, or hang-up before the reply: closed is undefined; a hang-up without quit is still an error', file: 'test/runtime/second-pass.test.ts', title: /closed resolves undefined|hang-up without quit/ },
      { what: "an event literally named '*': '*' listeners fire once", file: 'test/runtime/second-pass.test.ts', title: "literally named '*'" },
      { what: 'endless whitespace (newlines, CRLF, spaces, tabs): QmpProtocolError past maxMessageBytes; whitespace between messages still fine', file: 'test/runtime/second-pass.test.ts', title: 'whitespace' },
      { what: 'a socket that appears later: waitForSocket retries until it does; deadline and abort end the wait', file: 'test/runtime/second-pass.test.ts', title: 'connecting to a socket that does not exist yet' },
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
  // ---- second pass (issue 13) --------------------------------------------------------------
  {
    what: 'a symlink below --out (out/docs -> elsewhere/) made the generator write outside --out, and a manifest entry under it delete outside',
    fix: 'generator/write/atomic.ts: every path segment is lstat-checked; a link is refused (output-symlink), a stale entry through one is skipped with a warning',
    grep: 'staged, journaled, locked output',
    file: 'test/write/safety.test.ts',
    title: 'refuses to write through a linked folder',
  },
  {
    what: 'a project folder as --out (package.json, README.md, src/index.ts) was silently overwritten',
    fix: 'generator/write/atomic.ts: a non-empty folder without our manifest is refused (output-foreign) unless --force',
    grep: 'staged, journaled, locked output',
    file: 'test/reliability/output-folder.test.ts',
    title: 'a project folder with files and no manifest',
  },
  {
    what: 'a 300-character name or 30 CJK characters crashed mid-write with ENAMETOOLONG (torn output, no manifest); ENOSPC left torn output and .tmp files',
    fix: 'generator/emit/schema/filenames.ts: stems cut at 200 bytes + ~h<hash>; generator/write/atomic.ts: whole output staged and fsynced, then renamed under a journal with rollback',
    grep: 'staged, journaled, locked output',
    file: 'test/reliability/output-folder.test.ts',
    title: 'a 300-character name',
  },
  {
    what: 'two runs into one --out mixed their files; the write stage could not run twice concurrently in one process (temp names keyed on the pid)',
    fix: 'generator/write/atomic.ts: lock file naming pid/host/start, stale locks taken over; one staging folder under the lock',
    grep: 'staged, journaled, locked output',
    file: 'test/reliability/output-folder.test.ts',
    title: 'never mix',
  },
  {
    what: 'ESC/BEL sequences and bidi controls from the input reached the terminal through diagnostics, and the Markdown pages raw',
    fix: 'generator/diagnostics/terminal.ts (diagnostics, usage errors, CLI messages); generator/emit/markdown/serialize.ts (every text, code and URL value)',
    grep: 'control/bidi characters escaped',
    file: 'test/reliability/escaping-names.test.ts',
    title: 'a heading with ESC/BEL sequences',
  },
  {
    what: 'output depended on the current folder (provenance and model positions held cwd-relative input paths); npm --prefix resolved inputs against the package folder',
    fix: 'generator/cli.ts: inputs recorded relative to --out, shown relative to the cwd in diagnostics; INIT_CWD honoured for our own npm script',
    grep: 'input paths recorded relative to --out',
    file: 'test/reliability/output-folder.test.ts',
    title: 'output does not depend on the current folder',
  },
  {
    what: '--frail -q exited 1 with no output; --check on a clean tree printed nothing',
    fix: 'generator/cli.ts: every failing exit prints one line (even under -q); --frail writes nothing; --check says "up to date"',
    grep: 'one-line reason for every failing exit',
    file: 'test/reliability/output-folder.test.ts',
    title: 'every failing exit says why',
  },
  {
    what: 'optional members named toString/valueOf/... made {} unassignable; __proto__ was dropped by JSON.stringify; a U+2028 in a member name vanished silently',
    fix: 'generator/model/names.ts (inheritedMember) + emit/typescript/declarations.ts: optional inherited members typed T | Object[name]; warnings name-proto-member and input-line-separator',
    grep: 'optional members named like Object.prototype members',
    file: 'test/reliability/escaping-names.test.ts',
    title: 'optional toString/valueOf',
  },
  {
    what: 'an error without id (QEMU could not parse the request) was dropped: the caller waited its whole timeout, forever with timeout 0',
    fix: 'templates/runtime/client.ts: attributed to the first in-flight command (in-band order); the token-by-token burst that follows blames nobody',
    grep: 'id-less error replies rejected at once',
    file: 'test/runtime/second-pass.test.ts',
    title: 'rejects the command in flight at once',
  },
  {
    what: 'commands that timed out while the server was not reading kept their bytes until close; the unwritten queue was unbounded',
    fix: 'templates/runtime/client.ts: bytes dropped on timeout/abort before writing; maxUnsentBytes bound with a clear error',
    grep: 'id-less error replies rejected at once',
    file: 'test/runtime/second-pass.test.ts',
    title: 'commands that time out before being written',
  },
  {
    what: 'busy monitor: "handshake did not complete" only; hollow greeting accepted; closed reported an error after quit; an event named * fired * listeners twice; endless whitespace never noticed; no connect retry',
    fix: 'templates/runtime/client.ts, framing.ts, types.ts (waitForSocket, retryInterval, maxUnsentBytes)',
    grep: 'id-less error replies rejected at once',
    file: 'test/runtime/second-pass.test.ts',
    title: 'a busy monitor',
  },
  {
    what: 'flaky: "SIGKILL of QEMU mid-flight" failed under load (every reply could arrive before the kill)',
    fix: 'test/runtime/qemu.test.ts: SIGSTOP first and wait for state T in /proc, then the calls, then SIGKILL: all 50 must reject',
    grep: 'SIGSTOP before SIGKILL',
    file: 'test/runtime/qemu.test.ts',
    title: 'QEMU is killed',
  },
];

// ---- write ------------------------------------------------------------------------------
const lines: string[] = [
  '# Reliability and security',
  '',
  'Generated by `npm run reliability` (test/reliability/report.ts) from a vitest run of',
  '`test/reliability`, `test/runtime` and `test/write`; do not edit by hand. `npm run fuzz` runs the same',
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
