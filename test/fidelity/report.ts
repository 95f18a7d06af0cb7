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

export async function scoreVersion(v: ReturnType<typeof corpusVersions>[number], docs: DocText): Promise<VersionScore> {
  const run = await runCorpusVersion(v);
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
      const rows = classify(parsed, entries, docs, show);
      misses.push(...rows);
      const d =
        parsed.metric === 'arg_name_f1' || parsed.metric === 'return_member_f1' || parsed.metric === 'event_member_f1'
          ? 1 - f1(parsed.ours, parsed.qapi)
          : 1;
      deficit[parsed.metric].all += d;
      if (rows.length > 0 && rows.every((r) => r.cls === 'doc error')) deficit[parsed.metric].excused += d;
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

function heading(depth: 1 | 2 | 3, value: string): RootContent {
  return { type: 'heading', depth, children: [text(value)] };
}
function para(...children: PhrasingContent[]): RootContent {
  return { type: 'paragraph', children };
}

/** A note like "doc types it `json-int`": backticked tokens become inlineCode. */
function noteCell(note: string): PhrasingContent[] {
  return note.split(/(`[^`]*`)/).filter(Boolean).map((part) => (part.startsWith('`') ? code(part.slice(1, -1)) : text(part)));
}

export function render(scores: readonly VersionScore[]): string {
  const bars = verdicts(scores);
  const totals = scores.reduce(
    (a, s) => ({ checked: a.checked + s.stats.checked, passed: a.passed + s.stats.passed, skipped: a.skipped + s.stats.messages - s.stats.checked }),
    { checked: 0, passed: 0, skipped: 0 },
  );
  const children: RootContent[] = [
    heading(1, 'Schema fidelity against QAPI'),
    para(
      text('Written by '),
      code('npm run fidelity'),
      text(' (test/fidelity/report.ts); do not edit. For every corpus version with a QAPI schema, the generator parses '),
      code('qmp-commands.txt'),
      text(' and '),
      code('qmp-events.txt'),
      text(', emits the JSON Schemas, and '),
      code('qmp-fidelity'),
      text(
        ' scores them against QAPI. Averages are over the versions where a metric judged at least one item. ' +
          'A miss is a doc error when the docs themselves say what the schema says (a name, type or optionality at the quoted line) and QAPI disagrees, ' +
          'or when QAPI has a member the docs never name outside their examples; anything else is a parser miss. ' +
          'A bar is met when its average reaches it, or when it does with the doc-error misses counted as hits.',
      ),
    ),
    heading(2, 'Bars'),
    table(
      ['metric', 'bar', 'average', 'with doc errors excused', 'versions', 'verdict'],
      bars.map((b) => [[code(b.key)], [text(fmt(b.bar))], [text(fmt(b.average))], [text(fmt(b.adjusted))], [text(String(b.versions))], [text(b.verdict)]]),
      [null, 'right', 'right', 'right', 'right', null],
    ),
    heading(2, 'Example validation'),
    para(
      text(
        `Docs examples checked against the generated schemas (elided, unreadable and unknown messages skipped): ` +
          `${totals.passed} of ${totals.checked} valid (${((100 * totals.passed) / Math.max(1, totals.checked)).toFixed(1)}%), ${totals.skipped} skipped, over these versions. ` +
          'Each failure is an example-invalid warning of the generator.',
      ),
    ),
    table(
      ['version', 'messages', 'checked', 'valid', 'failed', 'skipped'],
      scores.map((s) => [[text(s.version)], [text(String(s.stats.messages))], [text(String(s.stats.checked))], [text(String(s.stats.passed))], [text(String(s.stats.failed))], [text(String(s.stats.messages - s.stats.checked))]]),
      [null, 'right', 'right', 'right', 'right', 'right'],
    ),
    heading(2, 'Per version'),
  ];
  for (const s of scores) {
    const docErrors = s.misses.filter((m) => m.cls === 'doc error').length;
    children.push(
      heading(3, s.version),
      para(
        text(
          `Commands documented ${s.commands.documented} (QAPI ${s.commands.qapi}), events documented ${s.events.documented} (QAPI ${s.events.qapi}); ` +
            `${s.misses.length} miss rows: ${docErrors} doc errors, ${s.misses.length - docErrors} parser misses.`,
        ),
      ),
      table(
        ['metric', 'value', 'with doc errors excused', 'judged'],
        METRICS.map(({ key }) => [[code(key)], [text(fmt(s.metrics[key].value))], [text(fmt(s.metrics[key].adjusted))], [text(String(s.metrics[key].n))]]),
        [null, 'right', 'right', 'right'],
      ),
    );
    if (s.misses.length > 0) {
      children.push(
        table(
          ['metric', 'item', 'schema', 'QAPI', 'class', 'where', 'what the doc says'],
          s.misses.map((m) => [[code(m.metric)], [code(m.item)], [text(m.ours)], [text(m.qapi)], [text(m.cls)], m.location ? [code(m.location)] : [], noteCell(m.note)]),
        ),
      );
    }
    if (s.unparsed.length > 0) children.push(para(text(`${s.unparsed.length} scorer lines not understood by the report.`)));
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
  for (const v of corpusVersions()) {
    if (!v.qapiSchema || (only && v.version !== only)) continue;
    process.stderr.write(`fidelity: ${v.version}\n`);
    scores.push(await scoreVersion(v, docs));
  }
  const md = render(scores);
  if (stdout || only) process.stdout.write(md);
  else {
    writeFileSync(REPORT, md);
    process.stderr.write(`fidelity: wrote ${path.relative(process.cwd(), REPORT)}\n`);
  }
  const bars = verdicts(scores);
  for (const b of bars) process.stderr.write(`  ${b.key.padEnd(24)} ${fmt(b.average)} (excused ${fmt(b.adjusted)}) bar ${fmt(b.bar)}: ${b.verdict}\n`);
  if (check && bars.some((b) => b.verdict === 'NOT met')) return 1;
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
