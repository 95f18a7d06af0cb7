#!/usr/bin/env node
/**
 * qmp-codegen command line: the edge where files are read and written. Everything between
 * is generator/pipeline.ts.
 *
 * Runs as compiled JavaScript (build/cli.js, the package's `bin`; `npm run generate` builds it
 * when stale) or from source through tsx (tests). The pipeline, and with it ts-morph,
 * prettier, ajv and remark, is imported only once a run needs it, so `--help`, `--version`
 * and usage errors start in a fraction of the time.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VFile } from 'vfile';
import { Reporter, reporterFor } from './diagnostics/reporter.js';
import { packageNameProblem } from './emit/typescript/package-name.js';
import { RULES } from './diagnostics/rules.js';
import { DEFAULT_PACKAGE_LICENSE, DEFAULT_PACKAGE_NAME, EMIT_KINDS, type EmitKind } from './options.js';
import type { Reader, ReaderId } from './read/types.js';
import type { Prebuilt } from './emit/types.js';
import { progressLine } from './progress.js';
import { diagnosticRows } from './diagnostics/rows.js';
import { terminalSafe, terminalSafeLines } from './diagnostics/terminal.js';

/** Package facts of the default job (docs-input/ → generated/). */
const DOCS_INPUT = {
  license: 'MIT',
  testedWith: [
    'QEMU 7.2 (Debian 12, qemu-system-x86_64 -M none): every documented command and event is checked ' +
      "against the emulator's query-qmp-schema, and the client is exercised against it, by qmp-codegen's tests",
  ],
} as const;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface InputSpec {
  path: string;
  /** What the user said the file is; the parser checks it against the content. */
  declaredRole?: 'commands' | 'events';
  /** The reader the user chose (`--qapi`, `--commands`, ...); absent = detected from the content. */
  reader?: ReaderId;
}

/**
 * Largest input read. QEMU's biggest QMP document is ~200 KB; the parser's time and memory
 * grow steeply past a few MB (50 MB took minutes and ~3 GB), so larger files are refused with
 * a diagnostic instead of exhausting the machine.
 */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Read one input into a vfile, never throwing: problems become diagnostics.
 *
 * The vfile's path (which the model and every output record) is the input's path relative to
 * the output folder `outDir` when given, so the output does not depend on the current folder;
 * `data.shown` is the path as the user sees it from `cwd`, for diagnostics.
 */
export async function readInput(spec: InputSpec, cwd: string, outDir?: string): Promise<VFile> {
  return readInputSync(spec, cwd, outDir);
}

/**
 * `readInput`, synchronously. Inputs are a few small files, read one after another (a QAPI
 * schema's includes are only known once the including file is read and parsed): through the
 * thread pool each cost several round trips (stat, open, fstat, read, close) of waiting with
 * nothing else to do (QEMU 7.2's 40 modules: ~180 ms idle), read here directly.
 */
export function readInputSync(spec: InputSpec, cwd: string, outDir?: string): VFile {
  const abs = path.resolve(cwd, spec.path);
  const shown = path.isAbsolute(spec.path) ? spec.path : path.relative(cwd, abs) || spec.path;
  const recorded =
    outDir === undefined ? shown : path.relative(path.resolve(cwd, outDir), abs).split(path.sep).join('/') || path.basename(abs);
  const file = new VFile({ path: recorded, cwd, data: { declaredRole: spec.declaredRole, shown, ...(spec.reader ? { reader: spec.reader } : {}) } });
  // severities come from the rule catalogue, as for every other diagnostic
  const report = reporterFor(file);
  try {
    const info = statSync(abs);
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > MAX_INPUT_BYTES) {
      file.value = '';
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
      report.report('input-too-large', `Input is ${mb(info.size)}, over the ${mb(MAX_INPUT_BYTES)} limit (QMP docs are well under 1 MiB); not read`);
      return file;
    }
    const bytes = readFileSync(abs);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('utf-8').decode(bytes);
      const at = firstReplacement(text, bytes);
      report.report(
        'input-encoding',
        'Input is not valid UTF-8; invalid bytes were replaced with U+FFFD (the first one here)',
        at && { file: file.path, ...at },
      );
    }
    file.value = text;
    file.data.bytes = bytes;
    lineSeparators(text, report);
  } catch (error) {
    file.value = '';
    const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
    report.report('input-unreadable', `Cannot read input: ${reason}`);
  }
  return file;
}

/**
 * Where the lossy decoding of `bytes` into `text` first put a U+FFFD for invalid bytes (a
 * U+FFFD spelled correctly in the input is skipped). Up to that point text and bytes decode
 * one to one, so the UTF-8 length of the text before a replacement is its byte offset.
 */
export function firstReplacement(text: string, bytes: Uint8Array): { line: number; column: number } | undefined {
  let offset = 0;
  let counted = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    offset += Buffer.byteLength(text.slice(counted, i));
    counted = i;
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) continue;
    const before = text.slice(0, i);
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return { line: (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1, column: i - lineStart + 1 };
  }
  return undefined;
}

/** U+2028/U+2029 are line breaks to JavaScript and to parts of the reader: say where they are (first 10). */
function lineSeparators(text: string, report: Reporter): void {
  if (!/[\u2028\u2029]/.test(text)) return; // nearly always: no line to look at
  const file = report.files[0]!.path;
  let count = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length && count < 10; i++) {
    for (const m of lines[i]!.matchAll(/[\u2028\u2029]/g)) {
      if (count++ >= 10) break;
      const which = m[0] === '\u2028' ? 'U+2028 LINE SEPARATOR' : 'U+2029 PARAGRAPH SEPARATOR';
      report.report(
        'input-line-separator',
        `${which} here: it is a line break to JavaScript and to parts of the reader, so the text around it may be read differently (a member name containing it is lost); QMP names never contain it`,
        { file, line: i + 1, column: m.index + 1 },
      );
    }
  }
}

/**
 * Read an input and, transitively, the files it pulls in (QAPI `include`), as its reader's
 * `dependencies` lists them: each path relative to the folder of the file that names it, each
 * file read once (include cycles end there), in the order met (depth first, root first). The
 * reader sees them all in one `read`. Paths are shown relative to `cwd`, like the root's.
 */
export async function readWithDependencies(
  spec: InputSpec,
  cwd: string,
  chosen?: Reader,
  outDir?: string,
): Promise<VFile[]> {
  // only the reader chosen for this input, imported when inputs are actually read
  const reader = chosen ?? (spec.reader ? await (await import('./read/load.js')).loadReader(spec.reader) : undefined);
  const seen = new Set<string>();
  const out: VFile[] = [];
  // synchronous (readInputSync): each include is known only once its includer is parsed
  const visit = (s: InputSpec): void => {
    const abs = path.resolve(cwd, s.path);
    if (seen.has(abs)) return;
    seen.add(abs);
    const file = readInputSync(s, cwd, outDir);
    out.push(file);
    if (!reader?.dependencies || file.messages.some((m) => m.fatal === true)) return;
    for (const dep of reader.dependencies(file, reporterFor(file))) {
      const target = path.resolve(path.dirname(abs), dep);
      visit({ path: path.relative(cwd, target) || target, ...(s.reader ? { reader: s.reader } : {}) });
    }
  };
  visit(spec);
  return out;
}

async function prebuiltOption(): Promise<{ prebuilt?: Prebuilt }> {
  const prebuilt = await loadPrebuilt();
  return prebuilt ? { prebuilt } : {};
}

/**
 * What `npm run build` precomputed from templates/ (build/prebuilt.json: the runtime compiled
 * to dist/, the names it declares), or undefined when there is none. Content-addressed, so a
 * stale file is harmless: its entries are not found and the emitters compute them.
 */
export async function loadPrebuilt(): Promise<Prebuilt | undefined> {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'build', 'prebuilt.json'), 'utf8')) as Prebuilt;
  } catch {
    return undefined;
  }
}

/**
 * Every file under templates/ (runtime sources, package skeleton) as path → contents, for
 * the emitters, which may not read the disk themselves. Sorted, so the result is stable.
 */
export async function loadTemplates(dir: string = path.join(ROOT, 'templates')): Promise<Record<string, string>> {
  // synchronous reads: a dozen small files, one thread-pool round trip each otherwise
  if (dir === path.join(ROOT, 'templates') && !existsSync(dir)) {
    // the published package carries templates/ as build/templates.json (see scripts/build.mjs)
    return JSON.parse(readFileSync(path.join(ROOT, 'build', 'templates.json'), 'utf8')) as Record<string, string>;
  }
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  const out: Record<string, string> = {};
  for (const rel of files) out[rel] = readFileSync(path.join(dir, rel), 'utf8');
  return out;
}

function parseEmitList(value: string): EmitKind[] {
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) {
    if (!(EMIT_KINDS as readonly string[]).includes(k)) {
      throw new InvalidArgumentError(`unknown output kind "${k}" (choose from ${EMIT_KINDS.join(', ')})`);
    }
  }
  if (kinds.length === 0) throw new InvalidArgumentError('empty list');
  return kinds as EmitKind[];
}

async function generatorVersion(): Promise<string> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: show progress there (see progress.ts). Absent = no progress. */
  stderrIsTTY?: boolean;
  /** Terminal width for the progress line. */
  columns?: number;
}

/** Run the CLI; resolves to the exit code (0 ok, 1 errors, 2 usage). Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const version = await generatorVersion();
  // history over several releases, and the compatibility check: generator/history/cli.ts
  if (argv[0] === 'compat' || argv.includes('--history')) {
    const { historyMain } = await import('./history/cli.js');
    return historyMain(argv, io, { readInput, loadTemplates, generatorVersion: version, license: DEFAULT_PACKAGE_LICENSE });
  }
  if (argv[0] === 'init') {
    const { runInit } = await import('./init.js');
    return runInit(argv.slice(1), io, version);
  }
  const program = new Command()
    .name('qmp-codegen')
    .description(
      'Read QEMU QMP documentation (qmp-commands.txt / .hx, qmp-events.txt) and generate JSON Schemas,\n' +
        'a typed TypeScript client package, Markdown reference pages and the intermediate model.\n' +
        'With no inputs, reads docs-input/ and writes generated/.',
    )
    .version(version)
    .argument('[files...]', 'more input documents; commands or events is detected from the content')
    .option('-c, --commands <file>', 'commands document: qmp-commands.txt, qmp-commands.hx or qemu-monitor.hx')
    .option('-e, --events <file>', 'events document: qmp-events.txt')
    .option('--qapi <file>', "QAPI schema root (a QEMU tree's qapi/qapi-schema.json); its includes are read too")
    .option('--introspection <file>', "saved query-qmp-schema reply of a running QEMU (JSON)")
    .addOption(
      new Option('--target <name>', 'keep only what a QEMU build for this target has (e.g. x86_64)').argParser((value: string) => {
        if (!/^[a-z0-9_]+$/.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a QEMU target name (lower case letters, digits, _)`);
        return value;
      }),
    )
    .option('--qmp <address>', 'introspect a running QEMU: unix:PATH or HOST:PORT (query-qmp-schema)')
    .option('--qemu <binary>', 'start this QEMU binary with no guest, introspect it and stop it; QEMU arguments may follow "--"')
    .option('-o, --out <dir>', 'output folder (required when inputs are given)')
    .addOption(
      new Option('--emit <list>', `comma-separated outputs: ${EMIT_KINDS.join(', ')}`)
        .default([...EMIT_KINDS], EMIT_KINDS.join(','))
        .argParser(parseEmitList),
    )
    .addOption(
      new Option('--package-name <name>', 'npm name of the generated package')
        .default(DEFAULT_PACKAGE_NAME)
        .argParser((value: string) => {
          const problem = packageNameProblem(value);
          if (problem) throw new InvalidArgumentError(problem);
          return value;
        }),
    )
    .option('--license <spdx>', 'license of the generated package (default: MIT for docs-input, else MIT AND GPL-2.0-or-later, as QEMU\'s docs are GPL)')
    .option(
      '--tested-with <text>',
      'what the generated package was checked against, for its README (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text'))
    .option('--frail', 'treat warnings as errors (exit 1, nothing written)')
    .option('-q, --quiet', 'report errors only')
    .option('--check', 'write nothing; exit 1 if the output folder differs from what would be generated')
    .option('--force', 'write into an output folder that has files but no manifest of qmp-codegen (files it does not generate are still never deleted)')
    .option('--list-rules', 'print every diagnostic rule id with its severity and meaning, then exit')
    .addHelpText(
      'after',
      '\nScaffold a project that generates and publishes a client for your QEMU: qmp-codegen init <dir>\n' +
        '(see qmp-codegen init --help).\n' +
        'Across releases: qmp-codegen --history --out <dir> <release folder>... (changelog, since/removed),\n' +
        'and qmp-codegen compat --from <version> --to <version> <release folder>... (what breaks; exit 1).\n' +
        '\nExit codes: 0 success, 1 errors (or warnings with --frail, or drift with --check), 2 usage.\n' +
        'Diagnostics are file:line:column, severity, message and rule id; see --list-rules.',
    )
    .exitOverride()
    // usage errors quote what the user typed: shown with control characters escaped
    .configureOutput({ writeOut: io.stdout, writeErr: (t) => io.stderr(terminalSafeLines(t)) });

  // with --qemu, what follows `--` is QEMU's command line, not input files
  const dashes = argv.indexOf('--');
  const qemuGiven = argv.slice(0, dashes < 0 ? argv.length : dashes).some((a) => a === '--qemu' || a.startsWith('--qemu='));
  const qemuArgs = qemuGiven && dashes >= 0 ? argv.slice(dashes + 1) : [];
  try {
    program.parse((qemuGiven && dashes >= 0 ? argv.slice(0, dashes) : argv) as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  const opts = program.opts<{
    commands?: string;
    events?: string;
    qapi?: string;
    introspection?: string;
    target?: string;
    qmp?: string;
    qemu?: string;
    out?: string;
    emit: EmitKind[];
    packageName: string;
    license?: string;
    testedWith?: string[];
    format: 'text' | 'json';
    frail?: boolean;
    quiet?: boolean;
    check?: boolean;
    force?: boolean;
    listRules?: boolean;
  }>();

  if (opts.listRules) {
    for (const [id, rule] of Object.entries(RULES)) io.stdout(`${id.padEnd(28)} ${rule.severity.padEnd(8)} ${rule.summary}\n`);
    return 0;
  }

  const specs: InputSpec[] = [];
  const { READER_IDS } = await import('./read/load.js');
  for (const [flag, reader, file] of [
    ['--qapi', 'qapi', opts.qapi],
    ['--introspection', 'introspection', opts.introspection],
  ] as const) {
    if (file === undefined) continue;
    if (!READER_IDS.includes(reader)) {
      io.stderr(`qmp-codegen: ${flag} needs the ${reader} reader, which this build of qmp-codegen does not have\n`);
      return 2;
    }
    specs.push({ path: file, reader });
  }
  if (opts.commands) specs.push({ path: opts.commands, declaredRole: 'commands', reader: 'legacy' });
  if (opts.events) specs.push({ path: opts.events, declaredRole: 'events', reader: 'legacy' });
  for (const f of program.args) specs.push({ path: f });
  let outDir = opts.out;
  let license = opts.license ?? DEFAULT_PACKAGE_LICENSE;
  let testedWith = opts.testedWith ?? [];
  const live = opts.qmp !== undefined || opts.qemu !== undefined;
  if (opts.qmp !== undefined && opts.qemu !== undefined) {
    io.stderr('qmp-codegen: give --qmp (a running QEMU) or --qemu (one to start), not both\n');
    return 2;
  }
  if (specs.length === 0 && !live && !existsSync(path.join(ROOT, 'docs-input'))) {
    // an installed qmp-codegen has no docs-input/: the default job exists only in its repository
    io.stderr('qmp-codegen: no input documents given (--commands, --events or files; see --help)\n');
    return 2;
  }
  if (specs.length === 0 && !live) {
    // the default job: the project's own docs (MIT), checked against a live QEMU by the tests
    license = opts.license ?? DOCS_INPUT.license;
    if (!opts.testedWith) testedWith = [...DOCS_INPUT.testedWith];
    specs.push(
      { path: path.relative(io.cwd, path.join(ROOT, 'docs-input/qmp-commands.txt')), declaredRole: 'commands' },
      { path: path.relative(io.cwd, path.join(ROOT, 'docs-input/qmp-events.txt')), declaredRole: 'events' },
    );
    outDir ??= path.relative(io.cwd, path.join(ROOT, 'generated')) || '.';
  }
  if (!outDir) {
    io.stderr('qmp-codegen: --out <dir> is required when input files are given (see --help)\n');
    return 2;
  }

  const progress = progressLine(io.stderr, io.stderrIsTTY === true && !opts.quiet, io.columns);
  progress.step(`reading ${specs.length} input(s)`);
  // the pipeline (ts-morph, prettier, ajv, remark) loads while the inputs are read
  const stages = Promise.all([import('./pipeline.js'), import('./write/atomic.js'), import('./write/check.js')]);
  stages.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  const files = (await Promise.all(specs.map((s) => readWithDependencies(s, io.cwd, undefined, outDir)))).flat();
  const [{ generate }, { WriteError, writeOutput }, { diffOutput }] = await stages;
  const general = new VFile({ path: 'qmp-codegen', cwd: io.cwd });
  if (live) {
    // a live QEMU: its query-qmp-schema reply becomes one more input (generator/sources/live.ts)
    // loaded only here: child_process, net and os come with it
    const { fetchIntrospection } = await import('./sources/live.js');
    const result = await fetchIntrospection(
      { ...(opts.qmp !== undefined ? { qmp: opts.qmp } : {}), ...(opts.qemu !== undefined ? { qemu: { binary: opts.qemu, args: qemuArgs } } : {}) },
      { handleSignals: true, onStarted: (pid) => void (opts.quiet || io.stderr(`qmp-codegen: started QEMU (pid ${pid}) to introspect it\n`)) },
    );
    if (result.ok) files.push(result.file);
    else {
      new Reporter([], general).report('live-qemu', `${result.message}; nothing was generated`);
      if (result.interrupted) {
        io.stderr(`qmp-codegen: interrupted (${result.interrupted}); QEMU was stopped\n`);
        return 130;
      }
    }
  }
  const reporter = new Reporter(files, general);
  const readable = !files.some((f) => f.messages.some((m) => m.fatal === true)) && !general.messages.some((m) => m.fatal === true);

  let exit = 0;
  if (readable) {
    progress.step(`generating ${opts.emit.join(', ')} from ${files.map((f) => path.basename(f.path)).join(', ')}`);
    const { files: output } = await generate(files, reporter, {
      emit: opts.emit,
      packageName: opts.packageName,
      generatorVersion: version,
      license,
      testedWith,
      ...(opts.target ? { target: opts.target } : {}),
      // only the TypeScript package (and the Markdown pages' links into it) read templates/
      ...(opts.emit.includes('typescript') || opts.emit.includes('markdown') ? { templates: await loadTemplates(), ...(await prebuiltOption()) } : {}),
    });
    const failed = reporter.files.some((f) => f.messages.some((m) => m.fatal === true));
    const frailStop = opts.frail && reporter.files.some((f) => f.messages.some((m) => m.fatal === false));
    const shownOut = terminalSafe(outDir);
    if (failed || frailStop) {
      exit = 1;
    } else if (opts.check) {
      progress.step(`comparing ${output.length} file(s) with ${outDir}`);
      const diff = await diffOutput(path.resolve(io.cwd, outDir), output);
      progress.done();
      if (diff.length > 0) {
        io.stderr(terminalSafeLines(`qmp-codegen: ${outDir} is out of date (${diff.length} file(s) differ):\n${diff.map((d) => `  ${d}\n`).join('')}`));
        exit = 1;
      } else if (!opts.quiet) {
        io.stderr(`qmp-codegen: ${shownOut} is up to date (${output.length} file(s) checked)\n`);
      }
    } else {
      progress.step(`writing ${output.length} file(s) to ${outDir}`);
      try {
        const result = await writeOutput(path.resolve(io.cwd, outDir), output, { force: Boolean(opts.force) });
        progress.done();
        for (const w of result.warnings) reporter.report(w.ruleId, w.message);
        if (!opts.quiet) {
          io.stderr(
            `qmp-codegen: ${output.length} file(s) in ${shownOut}: ${result.written.length} written, ` +
              `${result.unchanged.length} unchanged, ${result.removed.length} removed\n`,
          );
        }
      } catch (error) {
        progress.done();
        if (!(error instanceof WriteError)) throw error;
        reporter.report(error.ruleId, error.message);
        exit = 1;
      }
    }
  } else {
    exit = 1;
  }
  // diagnostics name the inputs as the user sees them from the current folder: vfile-reporter
  // prints a file's first path (`history[0]`), so the history is replaced, not appended to
  for (const f of files) if (typeof f.data.shown === 'string' && f.path !== f.data.shown) f.history = [f.data.shown];

  progress.done();
  const all = reporter.files.filter((f) => f.messages.length > 0);
  if (opts.format === 'json') {
    const rows = diagnosticRows(all, terminalSafe);
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (all.length > 0 && !(opts.quiet && !all.some((f) => f.messages.some((m) => m.fatal === true)))) {
    // (-q shows errors only: with none the report is empty, and is not laid out; held to
    // vfile-reporter by test/diagnostics/text.test.ts)
    const { textReport } = await import('./diagnostics/text.js');
    for (const f of all) for (const m of f.messages) m.reason = terminalSafe(m.reason);
    const text = await textReport(all, { silent: Boolean(opts.quiet) });
    if (text) io.stderr(`${terminalSafeLines(text)}\n`);
  }
  const count = (fatal: boolean) => all.reduce((n, f) => n + f.messages.filter((m) => m.fatal === fatal).length, 0);
  const errors = count(true);
  const warnings = count(false);
  if (exit === 0 && opts.frail && warnings > 0) exit = 1;
  // every failing exit says why in one line, even under -q
  if (exit !== 0 && !(opts.check && errors === 0 && !(opts.frail && warnings > 0))) {
    const why =
      errors > 0
        ? `${errors} error(s)`
        : `--frail: ${warnings} warning(s) treated as errors${opts.quiet ? ' (run without -q to see them)' : ''}`;
    io.stderr(`qmp-codegen: ${why}; nothing was ${opts.check ? 'checked' : 'written'}\n`);
  }
  return exit;
}

/**
 * The folder the user typed paths relative to. `npm --prefix DIR run generate` (and `npm run`
 * from a subfolder) runs this script in the package folder; npm passes the user's folder as
 * INIT_CWD. Only trusted when we run as this package's own script, in its own folder: under
 * some other tool's script the current folder is what counts.
 */
export function userCwd(env: NodeJS.ProcessEnv, cwd: string): string {
  const init = env.INIT_CWD;
  if (init && env.npm_lifecycle_event && path.resolve(cwd) === ROOT && path.isAbsolute(init)) return init;
  return cwd;
}

/**
 * Whether this module is the program (not imported by tests or the API). Through a symlink
 * (`node_modules/.bin/qmp-codegen`, `npm link`) argv[1] is the link while import.meta.url is
 * the real file, so both sides are compared as real paths.
 */
function isMainModule(): boolean {
  const argv1 = process.argv[1];
  if (argv1 === undefined) return false;
  try {
    return realpathSync(path.resolve(argv1)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** A node (V8) flag that chooses the tiers itself. */
export const TIER_FLAG = /^--(?:no-)?(?:max[-_]opt|opt|turbofan|maglev)(?:=|$)/;

/**
 * A run is one short, cold process: V8's optimising compiler (TurboFan) spends more on
 * compiling the hot functions of the reader, the emitters and the printers (and on deoptimising
 * and compiling them again) than the optimised code saves before the process exits. Stopping at
 * the baseline tier (Sparkplug) cut QEMU 7.2's run from ~1.8 to ~1.2 s of CPU (2-core VM, see
 * the commit). The output is the same: a tier never changes what the code computes. A `--max-opt`,
 * `--opt`/`--turbofan` or `--maglev` flag given to node itself (arguments or NODE_OPTIONS) is left in force.
 */
export function baselineTierOnly(execArgv: readonly string[], nodeOptions = ''): boolean {
  // NODE_OPTIONS reaches node without appearing in execArgv: its words count as well
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  if (given.some((a) => TIER_FLAG.test(a))) return false;
  setFlagsFromString('--max-opt=1');
  return true;
}

if (isMainModule()) {
  baselineTierOnly(process.execArgv, process.env['NODE_OPTIONS']);
  // `qmp-codegen --help | head`: a reader that goes away is not a crash. Its EPIPE is dropped
  // (the run goes on and writes its files; what it would have printed has nobody to read it);
  // any other failure to print makes the run fail
  let printFailed = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') printFailed = true;
    });
  }
  main(process.argv.slice(2), {
    cwd: userCwd(process.env, process.cwd()),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns,
  }).then(
    (code) => {
      process.exitCode = printFailed ? Math.max(code, 1) : code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`qmp-codegen: internal error: ${terminalSafe(message)}\n`);
      if (process.env.QMP_CODEGEN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.stderr.write('This is a bug in qmp-codegen; please report it with the input that caused it.\n');
      process.exitCode = 1;
    },
  );
}
