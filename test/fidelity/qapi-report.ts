/**
 * How faithfully the JSON Schemas generated from QEMU's QAPI schema describe it, scored by
 * qmp-fidelity against the same schema, for every release of ../shared/qemu-qapi; written to
 * test/fidelity-qapi.md (numbers, and the 9.x doc examples that fail with their class).
 *
 *   npx tsx test/fidelity/qapi-report.ts            regenerate test/fidelity-qapi.md
 *   npx tsx test/fidelity/qapi-report.ts --check    also exit 1 when a bar is not met
 *   npx tsx test/fidelity/qapi-report.ts --stdout   print the report instead of writing it
 *   npx tsx test/fidelity/qapi-report.ts --only 7.2.0 --misses   one release, with its misses
 *
 * Bars (issue 8): every metric ≥ 0.995 on average over the releases and ≥ 0.98 for each;
 * command and event name precision and recall 1.0. A metric that judged nothing in a release
 * (events before 2.1) is left out of that release's figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root, Table, TableRow } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { qapiReleases, requireQapiCorpus } from '../read-qapi/helpers.js';
import { runQapi } from '../read-qapi/run.js';
import type { Model } from '../../generator/model/types.js';
import { runFidelity, runTruth } from './classify.js';
import { type ExampleClass, verdictOf } from './qapi-example-verdicts.js';
import { writeFiles } from './corpus-run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPORT = path.join(ROOT, 'test/fidelity-qapi.md');

export const QAPI_METRICS = [
  'command_name_precision',
  'command_name_recall',
  'event_name_precision',
  'event_name_recall',
  'arg_name_f1',
  'arg_kind_accuracy',
  'arg_optional_accuracy',
  'return_kind_accuracy',
  'return_member_f1',
  'event_member_f1',
  'event_kind_accuracy',
] as const;
export type QapiMetric = (typeof QAPI_METRICS)[number];
const NAME_METRICS: readonly QapiMetric[] = ['command_name_precision', 'command_name_recall', 'event_name_precision', 'event_name_recall'];
export const BAR_AVERAGE = 0.995;
export const BAR_EACH = 0.98;

/**
 * Misses that are the scorer's, not the schemas': qmp-fidelity's `kind()` drops a `null`
 * branch from a generated alternate (`anyOf: [string, null]` is `string` to it) while its QAPI
 * side keeps `null|string`; and its QAPI side gives a simple union (no discriminator, until
 * 6.1) no members at all, where the wire has `type` and `data`. Each is checked against the
 * model before it is excused; every other miss counts.
 */
export type Artefact = 'null-branch' | 'simple-union-members';

export function artefactOf(miss: string, model: Model): Artefact | undefined {
  const kindMiss = /^(\S+)\.(\S+): kind (\S+) != QAPI (\S+)$/.exec(miss);
  if (kindMiss) {
    const got = new Set(kindMiss[3]!.split('|'));
    const want = new Set(kindMiss[4]!.split('|'));
    const withoutNull = [...want].filter((k) => k !== 'null');
    if (want.has('null') && withoutNull.length === got.size && withoutNull.every((k) => got.has(k))) return 'null-branch';
    return undefined;
  }
  const retMiss = /^(\S+): return members \[.*\] != QAPI \[\]$/.exec(miss);
  if (retMiss) {
    const cmd = model.commands.find((c) => c.name === retMiss[1]);
    let t = cmd?.returns;
    if (t?.kind === 'array') t = t.items;
    const named = t?.kind === 'ref' ? model.types.find((x) => x.name === t.name) : undefined;
    const simple =
      named?.kind === 'union' &&
      named.base === undefined &&
      named.members.length === 0 &&
      named.variants.every((v) => v.type.kind === 'object' && v.type.members.length === 1 && v.type.members[0]!.name === 'data');
    return simple ? 'simple-union-members' : undefined;
  }
  return undefined;
}

export interface ReleaseScore {
  version: string;
  metrics: Partial<Record<QapiMetric, number>>;
  /** The metrics with the scorer's artefacts (see Artefact) counted as hits. */
  excused: Partial<Record<QapiMetric, number>>;
  artefacts: Record<Artefact, number>;
  commands: number;
  events: number;
  misses: string[];
  examples: { checked: number; valid: number };
  /** Every failing example message, with the verdict that holds for it (qapi-example-verdicts.ts). */
  exampleFailures: ExampleFailure[];
  /** Example messages read with a repair (a quirk of the doc text recovered), by repair tag. */
  repairs: Record<string, number>;
}

export interface ExampleFailure {
  /** `file:line` relative to the schema's folder. */
  where: string;
  owner: string;
  /** `request for "x"`, `reply to "x"`, `event "X"`. */
  what: string;
  problems: string[];
  class?: ExampleClass;
  note?: string;
}

/** The releases whose example failures are listed one by one (issue 8: 9.x, at least 98% valid). */
export const EXAMPLES_LISTED = /^9\./;
export const EXAMPLES_BAR = 0.98;

export async function scoreRelease(version: string, root: string): Promise<ReleaseScore> {
  const run = await runQapi(root, { packageName: `qemu-${version}` });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qapi-fidelity-'));
  try {
    await writeFiles(dir, run.files);
    const out = runFidelity(path.join(dir, 'schema'), root) as unknown as Record<string, unknown> & { misses: string[] };
    const metrics: Partial<Record<QapiMetric, number>> = {};
    for (const m of QAPI_METRICS) {
      const v = out[m];
      if (typeof v === 'number') metrics[m] = v;
    }
    const artefacts: Record<Artefact, number> = { 'null-branch': 0, 'simple-union-members': 0 };
    for (const miss of out.misses) {
      const a = artefactOf(miss, run.model);
      if (a) artefacts[a]++;
    }
    const excused = { ...metrics };
    const pairs = Number(out.arg_pairs_judged);
    if (artefacts['null-branch'] && metrics.arg_kind_accuracy !== undefined && pairs > 0) {
      excused.arg_kind_accuracy = Math.min(1, metrics.arg_kind_accuracy + artefacts['null-branch'] / pairs);
    }
    if (artefacts['simple-union-members'] && metrics.return_member_f1 !== undefined) {
      // each such command scored 0 in a mean over the commands with member-list returns
      const truth = runTruth(root);
      const ours = new Set(run.model.commands.map((c) => c.name));
      let n = 0;
      for (const [name, t] of Object.entries(truth.commands)) {
        if (!ours.has(name)) continue;
        const wm = t.returns.members && Object.keys(t.returns.members).length > 0 ? t.returns.members : t.returns.items;
        if (wm !== undefined && wm !== null) n++;
      }
      if (n > 0) excused.return_member_f1 = Math.min(1, metrics.return_member_f1 + artefacts['simple-union-members'] / n);
    }
    return {
      version,
      metrics,
      excused,
      artefacts,
      commands: Number(out.commands_documented),
      events: Number(out.events_documented),
      misses: out.misses,
      examples: { checked: run.stats.checked, valid: run.stats.passed },
      exampleFailures: run.outcomes
        .filter((o) => o.status === 'failed')
        .map((o) => {
          const verdict = verdictOf(o);
          const p = o.message.position;
          return {
            where: `${path.relative(path.dirname(root), p.file).split(path.sep).join('/')}:${p.line}`,
            owner: o.owner.name,
            what: o.what ?? 'message',
            problems: o.explained ?? o.problems ?? [],
            ...(verdict ? { class: verdict.class, note: verdict.note } : {}),
          };
        }),
      repairs: countRepairs(run.model),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countRepairs(model: Model): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of [...model.commands, ...model.events]) {
    for (const e of item.examples) for (const m of e.messages) for (const r of m.repairs) if (r !== 'placeholder') counts[r] = (counts[r] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The section on the listed releases' example failures: ratio against the bar, each failure and its class. */
function exampleSection(scores: readonly ReleaseScore[]): Root['children'] {
  const listed = scores.filter((s) => EXAMPLES_LISTED.test(s.version));
  if (listed.length === 0) return [];
  const ratio = (s: ReleaseScore) => (s.examples.checked ? s.examples.valid / s.examples.checked : 1);
  const CLASS: Record<ExampleClass, string> = { a: 'a: misread', b: 'b: schema wrong', c: 'c: QEMU doc error' };
  const rows = listed.flatMap((s) =>
    s.exampleFailures.map((f) => [
      s.version,
      f.where,
      f.what,
      f.problems.slice(0, 3).join('; ') + (f.problems.length > 3 ? ` (and ${f.problems.length - 3} more)` : ''),
      f.class ? CLASS[f.class] : 'UNCLASSIFIED',
      f.note ?? '',
    ]),
  );
  const unclassified = rows.filter((r) => r[4] === 'UNCLASSIFIED').length;
  const text = (value: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] });
  return [
    { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Doc examples of 9.x that fail' }] },
    text(
      `Bar (issue 8): at least ${100 * EXAMPLES_BAR}% of the examples of each 9.x release valid against the generated schemas, each failure an example-invalid diagnostic. ` +
        listed.map((s) => `${s.version}: ${s.examples.valid}/${s.examples.checked} (${(100 * ratio(s)).toFixed(1)}%, ${ratio(s) >= EXAMPLES_BAR ? 'met' : 'NOT met'})`).join('; ') +
        '. Each failure was checked against the QAPI source and the schema of its release and classified: (a) the reader misread the example, (b) the generated schema is too strict or too loose for QAPI, (c) the example is wrong for its release. ' +
        'The quirks of class a found in 9.x (a brace closing a request before its arguments, a member name without its opening quote, the prose of annotated examples) are recovered, each with a diagnostic; no schema was found wrong (b); what is left is class c, listed here with the problems as the diagnostic reports them. ' +
        'A verdict holds only while every problem of the message matches it (test/fidelity/qapi-example-verdicts.ts); ' +
        (unclassified ? `${unclassified} failure(s) are UNCLASSIFIED.` : 'none is unclassified.'),
    ),
    table(['release', 'where', 'message', 'what is wrong', 'class', 'note'], rows, ['left', 'left', 'left', 'left', 'left', 'left']),
    text(
      'Example messages read with a repair of the doc text (example-json-repaired), by repair: ' +
        listed.map((s) => `${s.version}: ${Object.entries(s.repairs).map(([tag, n]) => `${tag} ${n}`).join(', ') || 'none'}`).join('; ') +
        '.',
    ),
  ];
}

export interface Stat {
  average: number;
  min: number;
  minVersion: string;
}

export interface Summary {
  metric: QapiMetric;
  raw: Stat;
  excused: Stat;
  releases: number;
  /** 'met' as scored; 'met-excused' once the scorer's artefacts are counted as hits. */
  verdict: 'met' | 'met-excused' | 'not-met';
}

function stat(scores: readonly ReleaseScore[], metric: QapiMetric, key: 'metrics' | 'excused'): Stat {
  const values = scores.map((s) => s[key][metric]!);
  const average = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 1;
  let min = 1;
  let minVersion = '';
  for (const s of scores) if (s[key][metric]! < min || minVersion === '') [min, minVersion] = [s[key][metric]!, s.version];
  return { average, min, minVersion };
}

export function summarise(scores: readonly ReleaseScore[]): Summary[] {
  return QAPI_METRICS.map((metric) => {
    const judged = scores.filter((s) => s.metrics[metric] !== undefined);
    const raw = stat(judged, metric, 'metrics');
    const excused = stat(judged, metric, 'excused');
    const meets = (x: Stat) => (NAME_METRICS.includes(metric) ? x.min === 1 : x.average >= BAR_AVERAGE && x.min >= BAR_EACH);
    return { metric, raw, excused, releases: judged.length, verdict: meets(raw) ? 'met' : meets(excused) ? 'met-excused' : 'not-met' };
  });
}

const fmt = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(3));

function table(header: string[], rows: string[][], align: ('left' | 'right')[]): Table {
  const row = (cells: string[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c) => ({ type: 'tableCell', children: [{ type: 'text', value: c }] })),
  });
  return { type: 'table', align, children: [row(header), ...rows.map(row)] };
}

export function renderReport(scores: readonly ReleaseScore[]): string {
  const summary = summarise(scores);
  const checked = scores.reduce((a, s) => a + s.examples.checked, 0);
  const valid = scores.reduce((a, s) => a + s.examples.valid, 0);
  const root: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Schema fidelity of the QAPI reader' }] },
      {
        type: 'paragraph',
        children: [
          {
            type: 'text',
            value:
              'Written by test/fidelity/qapi-report.ts; do not edit. For every release of the QAPI corpus, the QAPI reader reads the schema ' +
              '(root and includes), the schema emitter writes the JSON Schemas, and qmp-fidelity scores them against the same QAPI schema. ' +
              `Bars: every metric at least ${BAR_AVERAGE} on average and ${BAR_EACH} in each release; command and event name precision and recall 1.0. ` +
              'A metric that judged nothing in a release (no events before 2.1) is left out there.',
          },
        ],
      },
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Bars' }] },
      table(
        ['metric', 'average', 'minimum', 'release of the minimum', 'average, artefacts excused', 'minimum, artefacts excused', 'releases', 'verdict'],
        summary.map((s) => [
          s.metric,
          fmt(s.raw.average),
          fmt(s.raw.min),
          s.raw.minVersion,
          fmt(s.excused.average),
          fmt(s.excused.min),
          String(s.releases),
          s.verdict === 'met' ? 'met' : s.verdict === 'met-excused' ? 'met with the artefacts excused' : 'NOT met',
        ]),
        ['left', 'right', 'right', 'left', 'right', 'right', 'right', 'left'],
      ),
      {
        type: 'paragraph',
        children: [
          {
            type: 'text',
            value:
              `Scorer artefacts over all releases: ${scores.reduce((a, s) => a + s.artefacts['null-branch'], 0)} null-branch misses ` +
              "(qmp-fidelity's kind() drops the null branch of a generated alternate, while its QAPI side keeps it: an argument of an alternate of str and null is scored string against null|string), " +
              `${scores.reduce((a, s) => a + s.artefacts['simple-union-members'], 0)} simple-union-members misses ` +
              "(its QAPI side gives a simple union, before 6.2, no members, where the wire has type and data). Each is checked against the model (test/fidelity/qapi-report.ts, artefactOf) before it is excused; every other miss counts.",
          },
        ],
      },
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Examples' }] },
      {
        type: 'paragraph',
        children: [
          {
            type: 'text',
            value: `Doc comment examples checked against the generated schemas: ${valid} of ${checked} valid (${checked ? ((100 * valid) / checked).toFixed(1) : '100.0'}%).`,
          },
        ],
      },
      ...exampleSection(scores),
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Per release' }] },
      table(
        ['release', 'commands', 'events', ...QAPI_METRICS.filter((m) => !NAME_METRICS.includes(m)), 'misses', 'of them artefacts', 'examples valid'],
        scores.map((s) => [
          s.version,
          String(s.commands),
          String(s.events),
          ...QAPI_METRICS.filter((m) => !NAME_METRICS.includes(m)).map((m) => fmt(s.metrics[m])),
          String(s.misses.length),
          String(s.artefacts['null-branch'] + s.artefacts['simple-union-members']),
          `${s.examples.valid}/${s.examples.checked}`,
        ]),
        ['left', 'right', 'right', ...QAPI_METRICS.filter((m) => !NAME_METRICS.includes(m)).map(() => 'right' as const), 'right', 'right', 'right'],
      ),
    ],
  };
  return toMarkdown(root, { extensions: [gfmToMarkdown()] });
}

async function main(argv: string[]): Promise<number> {
  if (!requireQapiCorpus()) return 0;
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const scores: ReleaseScore[] = [];
  for (const r of qapiReleases()) {
    if (only && r.version !== only) continue;
    const s = await scoreRelease(r.version, r.root);
    scores.push(s);
    process.stderr.write(`${r.version}: ${QAPI_METRICS.map((m) => `${m}=${fmt(s.metrics[m])}`).join(' ')}\n`);
    if (argv.includes('--misses')) for (const m of s.misses) process.stderr.write(`  miss: ${m}\n`);
  }
  const report = renderReport(scores);
  if (argv.includes('--stdout') || only) process.stdout.write(report);
  else writeFileSync(REPORT, report);
  const failed = summarise(scores).filter((s) => s.verdict === 'not-met');
  for (const s of scores.filter((x) => EXAMPLES_LISTED.test(x.version) && x.examples.valid < EXAMPLES_BAR * x.examples.checked)) {
    process.stderr.write(`examples bar not met: ${s.version} ${s.examples.valid}/${s.examples.checked} valid (the failures and their classes are in the report)\n`);
  }
  for (const f of failed) process.stderr.write(`bar not met: ${f.metric} average ${fmt(f.excused.average)}, minimum ${fmt(f.excused.min)} (${f.excused.minVersion}), artefacts excused\n`);
  return argv.includes('--check') && failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
