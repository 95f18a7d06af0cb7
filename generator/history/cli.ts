/**
 * The `--history` and `compat` entry points of the CLI (generator/cli.ts hands them argv):
 *
 *   qmp-codegen --history --out DIR [--history-version V]... [--emit KINDS] SOURCE...
 *   qmp-codegen compat --from 6.2 --to 9.1 SOURCE...
 *
 * SOURCE is a release folder, or a folder of release folders (see sources.ts). Part of the
 * CLI edge: it reads folders and writes the output; the stages in between are pure.
 */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { VFile } from 'vfile';
import { reporter as vfileReporter } from 'vfile-reporter';
import { Reporter } from '../diagnostics/reporter.js';
import { diagnosticRows } from '../diagnostics/rows.js';
import { terminalSafe, terminalSafeLines } from '../diagnostics/terminal.js';
import { fastTextReport } from '../diagnostics/text.js';
import { emitHistory } from '../emit/history/index.js';
import type { OutputFile } from '../emit/types.js';
import { formatFiles } from '../format/prettier.js';
import { EMIT_KINDS, type EmitKind, emit } from '../pipeline.js';
import { writeOutput } from '../write/atomic.js';
import { annotateLatest } from './annotate.js';
import { buildHistory, orderReleases } from './build.js';
import { compat, formatBreaks } from './compat.js';
import { expandSources, loadReleases, type ReadInput, releaseVersion } from './sources.js';
import { compareVersions, versionMatches } from './version.js';

export interface HistoryCliDeps {
  readInput: ReadInput;
  loadTemplates: () => Promise<Record<string, string>>;
  generatorVersion: string;
  license: string;
}

interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** True when argv asks for history or compat (the CLI then hands over to `historyMain`). */
export function wantsHistory(argv: readonly string[]): boolean {
  return argv[0] === 'compat' || argv.includes('--history');
}

function printDiagnostics(files: readonly VFile[], io: Io, format: string, quiet: boolean): boolean {
  const all = files.filter((f) => f.messages.length > 0);
  if (format === 'json') {
    const rows = diagnosticRows(all, terminalSafe);
    io.stderr(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (all.length > 0) {
    for (const f of all) for (const m of f.messages) m.reason = terminalSafe(m.reason);
    const text = fastTextReport(all, { silent: quiet }) ?? vfileReporter(all, { quiet: true, silent: quiet, verbose: false });
    if (text) io.stderr(`${terminalSafeLines(text)}\n`);
  }
  return all.some((f) => f.messages.some((m) => m.fatal === true));
}

function program(name: string, io: Io): Command {
  return new Command()
    .name(name)
    .argument('<sources...>', 'release folders (a QAPI schema and/or legacy QMP docs each), or folders of them')
    .addOption(new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'report errors only')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

function parse(cmd: Command, argv: readonly string[]): number | undefined {
  try {
    cmd.parse(argv as string[], { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}

/** Run `--history` or `compat`; resolves to the exit code (0 ok, 1 errors or breaks, 2 usage). */
export async function historyMain(argv: readonly string[], io: Io, deps: HistoryCliDeps): Promise<number> {
  return argv[0] === 'compat' ? compatMain(argv.slice(1), io, deps) : historyRun(argv, io, deps);
}

async function compatMain(argv: readonly string[], io: Io, deps: HistoryCliDeps): Promise<number> {
  const cmd = program('qmp-codegen compat', io)
    .description('Print what code written for one QEMU release would break on another; exit 1 if anything breaks.')
    .requiredOption('--from <version>', 'the release the code was written for (6.2 = 6.2.0)')
    .requiredOption('--to <version>', 'the release it would run against');
  const usage = parse(cmd, argv);
  if (usage !== undefined) return usage;
  const opts = cmd.opts<{ from: string; to: string; format: string; quiet?: boolean }>();
  const dirs = await expandSources(cmd.args, io.cwd);
  const versions = await Promise.all(dirs.map((d) => releaseVersion(path.resolve(io.cwd, d), undefined)));
  const pick = (query: string) => dirs.findIndex((_, i) => versions[i] !== undefined && versionMatches(versions[i]!, query));
  const fromIndex = pick(opts.from);
  const toIndex = pick(opts.to);
  const known = [...new Set(versions.filter((v): v is string => v !== undefined))].sort(compareVersions);
  for (const [flag, i, q] of [['--from', fromIndex, opts.from], ['--to', toIndex, opts.to]] as const) {
    if (i < 0) {
      io.stderr(`qmp-codegen compat: no release ${JSON.stringify(q)} among the sources given (${flag}); have: ${known.join(', ') || 'none'}\n`);
      return 2;
    }
  }
  const general = new VFile({ path: 'qmp-codegen', cwd: io.cwd });
  const loaded = await loadReleases([dirs[fromIndex]!, dirs[toIndex]!], [versions[fromIndex], versions[toIndex]], io.cwd, deps.readInput, general);
  const failed = printDiagnostics([...loaded.files, general], io, opts.format, true);
  if (failed || loaded.releases.length < 2) return 1;
  const [from, to] = loaded.releases as [(typeof loaded.releases)[0], (typeof loaded.releases)[0]];
  const breaks = compat(from.model, to.model);
  io.stdout(formatBreaks(breaks, from.version, to.version));
  return breaks.length > 0 ? 1 : 0;
}

function parseEmit(value: string): EmitKind[] {
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) if (!(EMIT_KINDS as readonly string[]).includes(k)) throw new Error(`unknown output kind "${k}"`);
  return kinds as EmitKind[];
}

async function historyRun(argv: readonly string[], io: Io, deps: HistoryCliDeps): Promise<number> {
  const cmd = program('qmp-codegen --history', io)
    .description('Build the history of QMP over several QEMU releases: changelog.md, releases/*.md, index.md, items/**, changelog.json.')
    .requiredOption('--history', 'multi-release mode')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--history-version <version>', 'version of the N-th SOURCE (repeatable, in SOURCE order)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--emit <list>', `also write the latest release's outputs, annotated from the history, under latest/ (${EMIT_KINDS.join(', ')})`)
    .option('--package-name <name>', 'npm name of the latest release package', 'qmp-client')
    .option('--frail', 'treat warnings as errors (exit 1)');
  const usage = parse(cmd, argv);
  if (usage !== undefined) return usage;
  const opts = cmd.opts<{ out: string; historyVersion?: string[]; emit?: string; packageName: string; format: string; quiet?: boolean; frail?: boolean }>();
  let kinds: EmitKind[] = [];
  try {
    kinds = opts.emit ? parseEmit(opts.emit) : [];
  } catch (error) {
    io.stderr(`qmp-codegen: --emit: ${(error as Error).message} (choose from ${EMIT_KINDS.join(', ')})\n`);
    return 2;
  }
  const given = opts.historyVersion ?? [];
  const dirs = given.length > 0 ? [...cmd.args] : await expandSources(cmd.args, io.cwd);
  if (given.length > dirs.length) {
    io.stderr(`qmp-codegen: ${given.length} --history-version values for ${dirs.length} source(s)\n`);
    return 2;
  }
  const general = new VFile({ path: 'qmp-codegen', cwd: io.cwd });
  const loaded = await loadReleases(dirs, given, io.cwd, deps.readInput, general);
  const folder = new Reporter([], general);
  const ordered = orderReleases(loaded.releases);
  for (const r of loaded.releases) {
    if (!ordered.includes(r)) {
      const kept = ordered.find((o) => compareVersions(o.version, r.version) === 0)!;
      folder.report('history-version-duplicate', `${r.dir} and ${kept.dir} are both QEMU ${r.version}; ${kept.dir} was used`);
    }
  }
  let exit = 0;
  const errors = [...loaded.files, general].some((f) => f.messages.some((m) => m.fatal === true));
  if (ordered.length === 0 || errors) {
    // nothing is written when an input could not be read: no history with a hole in it
    if (ordered.length === 0) io.stderr('qmp-codegen: no release could be read\n');
    exit = 1;
  } else {
    const history = buildHistory(ordered);
    const out: OutputFile[] = emitHistory(history);
    if (kinds.length > 0) {
      const latest = annotateLatest(ordered[ordered.length - 1]!.model, history);
      const files = await emit(latest, kinds, {
        reporter: new Reporter(loaded.files, general),
        packageName: opts.packageName,
        generatorVersion: deps.generatorVersion,
        emitted: kinds,
        license: deps.license,
        templates: await deps.loadTemplates(),
      });
      for (const f of await formatFiles(files)) out.push({ ...f, path: `latest/${f.path}` });
    }
    const result = await writeOutput(path.resolve(io.cwd, opts.out), out);
    if (!opts.quiet) {
      io.stderr(
        `qmp-codegen: history of ${ordered.length} release(s) (${ordered[0]!.version} to ${ordered[ordered.length - 1]!.version}): ` +
          `${out.length} file(s) in ${opts.out}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed\n`,
      );
    }
  }
  const failed = printDiagnostics([...loaded.files, general], io, opts.format, Boolean(opts.quiet));
  if (failed) exit = 1;
  const warned = [...loaded.files, general].some((f) => f.messages.some((m) => m.fatal === false));
  if (exit === 0 && opts.frail && warned) exit = 1;
  return exit;
}
