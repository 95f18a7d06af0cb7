/**
 * `npm run fidelity`: how faithfully the generated JSON Schemas describe QMP, scored by
 * qmp-fidelity against each corpus version's QAPI schema, written to test/fidelity.md.
 *
 *   npm run fidelity               regenerate test/fidelity.md
 *   npm run fidelity -- --check    also exit 1 when a bar is not met
 *   npm run fidelity -- --stdout   print the report instead of writing it
 *   npm run fidelity -- --only 2.8.0   one version (not written: the file covers all)
 *
 * Every miss is classed as a doc error or a parser miss (classify.ts). A bar is met when
 * its average reaches it, or when it does once the doc-error misses are excused. Averages
 * are over the versions where the metric judged at least one item (e.g. QAPI has no events
 * before 2.1, so event_member_f1 is averaged over 2.1 onward).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root, RootContent, Table, TableRow, PhrasingContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { schemaLayout } from '../../generator/emit/schema/index.js';
import type { ExampleStats } from '../../generator/validate/index.js';
import { corpusAvailable, corpusVersions, CORPUS_DIR } from '../helpers/corpus.js';
import {
  type ClassifiedMiss,
  DocText,
  METRICS,
  type MetricKey,
  classify,
  entriesOf,
  f1,
  parseMiss,
  runFidelity,
  runTruth,
} from './classify.js';
import { type CorpusRun, runCorpusVersion, writeFiles } from './corpus-run.js';
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { readDispatchTable, type DispatchEntry } from '../../generator/read/legacy/dispatch.js';
import { splitLines } from '../../generator/read/legacy/source.js';

/** One text-vs-table disagreement: a dispatch-* diagnostic of the run. */
export interface Disagreement {
  rule: string;
  location: string;
  /** `command.argument` (or the command) the diagnostic is about. */
  item: string;
  message: string;
}

const DISAGREEMENT_RULES = ['dispatch-argument-missing', 'dispatch-argument-unknown', 'dispatch-argument-renamed', 'dispatch-kind', 'dispatch-optional', 'dispatch-open'];

/** The dispatch table of an .hx, by every name of each entry. */
export function dispatchOf(hx: string): Map<string, DispatchEntry> {
  const file = new VFile({ path: hx });
  const { entries } = readDispatchTable(splitLines(readFileSync(hx, 'utf8')), hx, 'hx', new Reporter([file], file));
  const out = new Map<string, DispatchEntry>();
  for (const e of entries) for (const n of e.names) if (!out.has(n)) out.set(n, e);
  return out;
}

function disagreementsOf(run: CorpusRun, show: (f: string) => string): Disagreement[] {
  const out: Disagreement[] = [];
  for (const m of run.inputs[0]!.messages) {
    if (!m.ruleId || !DISAGREEMENT_RULES.includes(m.ruleId)) continue;
    const who = /^([\w-]+): (?:argument "([^"]+)"|.*?argument "([^":]+)[":])?/.exec(m.reason);
    const item = who ? [who[1], who[2] ?? who[3]].filter(Boolean).join('.') : '';
    out.push({ rule: m.ruleId, location: `${show(m.file ?? run.inputs[0]!.path)}:${m.line ?? 0}`, item, message: m.reason });
  }
  return out;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPORT = path.join(ROOT, 'test/fidelity.md');

export interface MetricScore {
  value: number;
  /** Items judged (commands, pairs, events). */
  n: number;
  /** The value with doc-error misses counted as hits. */
  adjusted: number;
}

export interface VersionScore {
  version: string;
  /** Which commands document was read. */
  input: 'txt' | 'hx';
  /** The text-vs-dispatch-table diagnostics of the run (none for a .txt without a table). */
  disagreements: Disagreement[];
  metrics: Record<MetricKey, MetricScore>;
  misses: ClassifiedMiss[];
  unparsed: string[];
  stats: ExampleStats;
  commands: { documented: number; qapi: number };
  events: { documented: number; qapi: number };
}

/** Denominators of each metric, recomputed as qmp-fidelity counts them. */
function denominators(run: CorpusRun, truth: ReturnType<typeof runTruth>, judgedPairs: number): Record<MetricKey, number> {
  const layout = schemaLayout(run.model);
  const files = new Map(run.files.map((f) => [f.path, f.contents]));
  let argItems = 0;
  let optPairs = 0;
  let retKind = 0;
  let retMembers = 0;
  for (const [name, path] of layout.request) {
    const t = truth.commands[name];
    if (!t) continue;
    if (t.gen && t.args !== null) {
      argItems++;
      const doc = JSON.parse(files.get(path)!) as { properties: { arguments: { properties?: Record<string, unknown> } } };
      const got = Object.keys(doc.properties.arguments.properties ?? {});
      optPairs += got.filter((a) => a in (t.args ?? {})).length;
    }
    const want = t.returns.kind;
    if (want === 'none' || !(want.startsWith('unknown') || want === 'any')) retKind++;
    // python: `want.get('members') or want.get('items')`, counted when not None
    const wm = t.returns.members && Object.keys(t.returns.members).length > 0 ? t.returns.members : t.returns.items;
    if (wm !== undefined && wm !== null) retMembers++;
  }
  const events = [...layout.event.keys()].filter((e) => e in truth.events).length;
  return {
    arg_name_f1: argItems,
    arg_kind_accuracy: judgedPairs,
    arg_optional_accuracy: optPairs,
    return_kind_accuracy: retKind,
    return_member_f1: retMembers,
    event_member_f1: events,
  };
}

export async function scoreVersion(v: ReturnType<typeof corpusVersions>[number], docs: DocText, input: 'txt' | 'hx' = 'txt'): Promise<VersionScore> {
  const run = await runCorpusVersion(v, input);
  const table = input === 'hx' && v.hx ? dispatchOf(v.hx) : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qmp-fidelity-'));
  try {
    await writeFiles(dir, run.files);
    const out = runFidelity(path.join(dir, 'schema'), v.qapiSchema!);
    const truth = runTruth(v.qapiSchema!);
    const n = denominators(run, truth, out.arg_pairs_judged);
    const entries = entriesOf(run.model, docs);
    const show = (f: string) => path.relative(CORPUS_DIR, f);
    const misses: ClassifiedMiss[] = [];
    const unparsed: string[] = [];
    const deficit = Object.fromEntries(METRICS.map((m) => [m.key, { all: 0, excused: 0 }])) as Record<MetricKey, { all: number; excused: number }>;
    for (const line of out.misses) {
      const parsed = parseMiss(line);
      if (!parsed) {
        unparsed.push(line);
        continue;
      }
      const rows = classify(parsed, entries, docs, show, table);
      misses.push(...rows);
      const d =
        parsed.metric === 'arg_name_f1' || parsed.metric === 'return_member_f1' || parsed.metric === 'event_member_f1'
          ? 1 - f1(parsed.ours, parsed.qapi)
          : 1;
      deficit[parsed.metric].all += d;
      if (rows.length > 0 && rows.every((r) => r.cls !== 'parser miss')) deficit[parsed.metric].excused += d;
    }
    const metrics = {} as Record<MetricKey, MetricScore>;
    for (const { key } of METRICS) {
      const value = typeof out[key] === 'number' ? (out[key] as number) : 1;
      const count = n[key];
      const adjusted = count > 0 ? Math.min(1, value + deficit[key].excused / count) : value;
      // the scorer's own value must be what our counts say, or the adjustment means nothing
      if (count > 0 && Math.abs(1 - deficit[key].all / count - value) > 1e-6) {
        throw new Error(`${v.version} ${key}: scorer says ${value}, misses imply ${1 - deficit[key].all / count} over ${count}`);
      }
      metrics[key] = { value, n: count, adjusted };
    }
    return {
      version: v.version,
      input: run.inputs[0]!.path === v.hx ? 'hx' : 'txt',
      disagreements: disagreementsOf(run, show),
      metrics,
      misses,
      unparsed,
      stats: run.stats,
      commands: { documented: out.commands_documented as number, qapi: out.commands_in_qapi as number },
      events: { documented: out.events_documented as number, qapi: out.events_in_qapi as number },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BarVerdict {
  key: MetricKey;
  bar: number;
  average: number;
  adjusted: number;
  versions: number;
  verdict: 'met' | 'met (doc errors)' | 'NOT met';
}

export function verdicts(scores: readonly VersionScore[]): BarVerdict[] {
  return METRICS.map(({ key, bar }) => {
    const judged = scores.filter((s) => s.metrics[key].n > 0);
    const mean = (f: (m: MetricScore) => number) => (judged.length ? judged.reduce((a, s) => a + f(s.metrics[key]), 0) / judged.length : 1);
    const average = mean((m) => m.value);
    const adjusted = mean((m) => m.adjusted);
    const verdict = average >= bar ? 'met' : adjusted >= bar ? 'met (doc errors)' : 'NOT met';
    return { key, bar, average, adjusted, versions: judged.length, verdict };
  });
}

// ---------------------------------------------------------------------------------------
// Rendering (mdast → Markdown: doc tokens go into inlineCode nodes, never into raw text)

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const fmt = (x: number) => x.toFixed(3);

function table(header: string[], rows: PhrasingContent[][][], align?: Table['align']): Table {
  const row = (cells: PhrasingContent[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c) => ({ type: 'tableCell', children: c })),
  });
  return { type: 'table', align: align ?? header.map(() => null), children: [row(header.map((h) => [text(h)])), ...rows.map(row)] };
}

function heading(depth: 1 | 2 | 3 | 4, value: string): RootContent {
  return { type: 'heading', depth, children: [text(value)] };
}
function para(...children: PhrasingContent[]): RootContent {
  return { type: 'paragraph', children };
}

/** A note like "doc types it `json-int`": backticked tokens become inlineCode. */
function noteCell(note: string): PhrasingContent[] {
  return note.split(/(`[^`]*`)/).filter(Boolean).map((part) => (part.startsWith('`') ? code(part.slice(1, -1)) : text(part)));
}

/** The round-two goal for the argument metrics with the .hx as input (raw, no excuse). */
export const HX_GOAL: Partial<Record<MetricKey, number>> = { arg_name_f1: 0.99, arg_kind_accuracy: 0.99, arg_optional_accuracy: 0.99 };

function exampleTotals(scores: readonly VersionScore[]) {
  return scores.reduce(
    (a, s) => ({ checked: a.checked + s.stats.checked, passed: a.passed + s.stats.passed, skipped: a.skipped + s.stats.messages - s.stats.checked }),
    { checked: 0, passed: 0, skipped: 0 },
  );
}
const pct = (t: { checked: number; passed: number }) => ((100 * t.passed) / Math.max(1, t.checked)).toFixed(1);

function metricsTable(s: VersionScore): Table {
  return table(
    ['metric', 'value', 'with doc/table errors excused', 'judged'],
    METRICS.map(({ key }) => [[code(key)], [text(fmt(s.metrics[key].value))], [text(fmt(s.metrics[key].adjusted))], [text(String(s.metrics[key].n))]]),
    [null, 'right', 'right', 'right'],
  );
}

function missTable(s: VersionScore): Table {
  return table(
    ['metric', 'item', 'schema', 'QAPI', 'class', 'where', 'what the doc says'],
    s.misses.map((m) => [[code(m.metric)], [code(m.item)], [text(m.ours)], [text(m.qapi)], [text(m.cls)], m.location ? [code(m.location)] : [], noteCell(m.note)]),
  );
}

function classCounts(s: VersionScore): string {
  const n = (c: string) => s.misses.filter((m) => m.cls === c).length;
  return `${s.misses.length} miss rows: ${n('doc error')} doc errors, ${n('table error')} table errors, ${n('parser miss')} parser misses`;
}

/** `dispatch-optional` → `optional` for column headings. */
const ruleShort = (r: string) => r.replace(/^dispatch-/, '');

export function render(scores: readonly VersionScore[], hxScores: readonly VersionScore[] = []): string {
  const bars = verdicts(scores);
  const totals = exampleTotals(scores);
  const children: RootContent[] = [
    heading(1, 'Schema fidelity against QAPI'),
    para(
      text('Written by '),
      code('npm run fidelity'),
      text(' (test/fidelity/report.ts); do not edit. For every corpus version with a QAPI schema, the generator parses '),
      code('qmp-commands.txt'),
      text(' and '),
      code('qmp-events.txt'),
      text(' (and, for the second table, the version’s '),
      code('.hx'),
      text(' with its C dispatch table instead of the '),
      code('.txt'),
      text(', where it has one), emits the JSON Schemas, and '),
      code('qmp-fidelity'),
      text(
        ' scores them against QAPI. Averages are over the versions where a metric judged at least one item. ' +
          'A miss is a doc error when the docs themselves say what the schema says (a name, type or optionality at the quoted line) and QAPI disagrees, ' +
          'or when QAPI has a member the docs never name outside their examples; a table error when the dispatch table (what that QEMU’s monitor checked) says what the schema says; anything else is a parser miss. ' +
          'A bar is met when its average reaches it, or when it does with the doc-error misses counted as hits.',
      ),
    ),
    heading(2, 'Bars: text alone (qmp-commands.txt)'),
    table(
      ['metric', 'bar', 'average', 'with doc errors excused', 'versions', 'verdict'],
      bars.map((b) => [[code(b.key)], [text(fmt(b.bar))], [text(fmt(b.average))], [text(fmt(b.adjusted))], [text(String(b.versions))], [text(b.verdict)]]),
      [null, 'right', 'right', 'right', 'right', null],
    ),
  ];
  if (hxScores.length > 0) {
    const hxBars = verdicts(hxScores);
    const withHx = hxScores.filter((s) => s.input === 'hx').map((s) => s.version);
    children.push(
      heading(2, 'Bars: the .hx with its dispatch table, where the version has one'),
      para(
        text(
          `The same metrics with the .hx as the commands input for the ${withHx.length} versions that have one (${withHx[0]} to ${withHx[withHx.length - 1]}), qmp-commands.txt for the others. ` +
            'The goal for the argument metrics is the raw average, with no excuse.',
        ),
      ),
      table(
        ['metric', 'bar', 'goal (raw)', 'average', 'with doc/table errors excused', 'versions', 'verdict'],
        hxBars.map((b) => {
          const goal = HX_GOAL[b.key];
          const verdict = goal === undefined ? b.verdict : b.average >= goal ? 'met' : 'NOT met';
          return [[code(b.key)], [text(fmt(b.bar))], [text(goal === undefined ? '' : fmt(goal))], [text(fmt(b.average))], [text(fmt(b.adjusted))], [text(String(b.versions))], [text(verdict)]];
        }),
        [null, 'right', 'right', 'right', 'right', 'right', null],
      ),
    );
  }
  const hxTotals = exampleTotals(hxScores);
  children.push(
    heading(2, 'Example validation'),
    para(
      text(
        `Docs examples checked against the generated schemas (elided, unreadable and unknown messages skipped): ` +
          `from the text, ${totals.passed} of ${totals.checked} valid (${pct(totals)}%), ${totals.skipped} skipped` +
          (hxScores.length > 0 ? `; with the .hx, ${hxTotals.passed} of ${hxTotals.checked} valid (${pct(hxTotals)}%)` : '') +
          ', over these versions. Each failure is an example-invalid warning of the generator.',
      ),
    ),
    table(
      ['version', 'messages', 'checked', 'valid', 'failed', 'skipped', 'valid with .hx', 'failed with .hx'],
      scores.map((s) => {
        const h = hxScores.find((x) => x.version === s.version && x.input === 'hx');
        return [
          [text(s.version)],
          [text(String(s.stats.messages))],
          [text(String(s.stats.checked))],
          [text(String(s.stats.passed))],
          [text(String(s.stats.failed))],
          [text(String(s.stats.messages - s.stats.checked))],
          [text(h ? `${h.stats.passed} of ${h.stats.checked}` : '')],
          [text(h ? String(h.stats.failed) : '')],
        ];
      }),
      [null, 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  const withTable = hxScores.filter((s) => s.input === 'hx');
  if (withTable.length > 0) {
    const rules = DISAGREEMENT_RULES;
    children.push(
      heading(2, 'Text vs dispatch table'),
      para(
        text(
          'Every place where the text of an .hx disagrees with its own C dispatch table (each one a dispatch-* warning at the text’s line that names the table’s line, and listed under its version below), counted per version. ' +
            'The table was followed each time.',
        ),
      ),
      table(
        ['version', ...rules.map(ruleShort), 'total'],
        withTable.map((s) => [
          [text(s.version)],
          ...rules.map((r) => [text(String(s.disagreements.filter((d) => d.rule === r).length))]),
          [text(String(s.disagreements.length))],
        ]),
        [null, ...rules.map(() => 'right' as const), 'right'],
      ),
    );
  }
  children.push(heading(2, 'Per version'));
  for (const s of scores) {
    children.push(
      heading(3, s.version),
      para(
        text(
          `From qmp-commands.txt: commands documented ${s.commands.documented} (QAPI ${s.commands.qapi}), events documented ${s.events.documented} (QAPI ${s.events.qapi}); ` +
            `${classCounts(s)}.`,
        ),
      ),
      metricsTable(s),
    );
    if (s.misses.length > 0) children.push(missTable(s));
    if (s.unparsed.length > 0) children.push(para(text(`${s.unparsed.length} scorer lines not understood by the report.`)));
    const h = hxScores.find((x) => x.version === s.version && x.input === 'hx');
    if (!h) continue;
    children.push(
      heading(4, `${s.version} with the .hx`),
      para(text(`Commands documented ${h.commands.documented}; ${classCounts(h)}; ${h.disagreements.length} text-vs-table disagreements.`)),
      metricsTable(h),
    );
    if (h.misses.length > 0) children.push(missTable(h));
    if (h.disagreements.length > 0) {
      children.push(
        table(
          ['rule', 'item', 'where', 'what was decided'],
          h.disagreements.map((d) => [[code(d.rule)], d.item ? [code(d.item)] : [], [code(d.location)], [text(d.message)]]),
        ),
      );
    }
  }
  const tree: Root = { type: 'root', children };
  return toMarkdown(tree, { extensions: [gfmToMarkdown()] });
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const stdout = argv.includes('--stdout');
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  if (!corpusAvailable) {
    process.stderr.write(`fidelity: QEMU docs corpus not found at ${CORPUS_DIR} (set QMP_CORPUS)\n`);
    return process.env.CI === 'true' ? 1 : 0;
  }
  const docs = new DocText();
  const scores: VersionScore[] = [];
  const hxScores: VersionScore[] = [];
  for (const v of corpusVersions()) {
    if (!v.qapiSchema || (only && v.version !== only)) continue;
    process.stderr.write(`fidelity: ${v.version}\n`);
    const txt = await scoreVersion(v, docs);
    scores.push(txt);
    hxScores.push(v.hx ? await scoreVersion(v, docs, 'hx') : txt);
  }
  const md = render(scores, hxScores);
  if (stdout || only) process.stdout.write(md);
  else {
    writeFileSync(REPORT, md);
    process.stderr.write(`fidelity: wrote ${path.relative(process.cwd(), REPORT)}\n`);
  }
  const bars = verdicts(scores);
  for (const b of bars) process.stderr.write(`  ${b.key.padEnd(24)} ${fmt(b.average)} (excused ${fmt(b.adjusted)}) bar ${fmt(b.bar)}: ${b.verdict}\n`);
  const hxBars = verdicts(hxScores);
  const goalsMissed = hxBars.filter((b) => HX_GOAL[b.key] !== undefined && b.average < HX_GOAL[b.key]!);
  for (const b of hxBars) process.stderr.write(`  .hx ${b.key.padEnd(20)} ${fmt(b.average)} (excused ${fmt(b.adjusted)}) goal ${HX_GOAL[b.key] !== undefined ? fmt(HX_GOAL[b.key]!) : fmt(b.bar)}\n`);
  if (check && (bars.some((b) => b.verdict === 'NOT met') || hxBars.some((b) => b.verdict === 'NOT met') || goalsMissed.length > 0)) return 1;
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`fidelity: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
