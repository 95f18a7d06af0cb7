/**
 * Scoring glue for the fidelity report: run qmp-fidelity and qapi_truth on one version's
 * emitted schemas, parse the misses, and class each one as a **doc error** (the docs
 * themselves say what the generated schema says, and QAPI disagrees) or a **parser miss**
 * (the docs say something else, or nothing the parser could have read).
 *
 * The doc text is read here to decide, but only locations (`file:line`) and short tokens
 * (names, type spellings) ever leave this module: never doc sentences.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command, Event, Member, Model, TypeRef } from '../../generator/model/types.js';
import type { DispatchEntry } from '../../generator/read/legacy/dispatch.js';

export const TOOLS = process.env.QMP_TOOLS ?? '/work/shared/tools';

export const METRICS = [
  { key: 'arg_name_f1', bar: 0.97, kind: 'f1' },
  { key: 'arg_kind_accuracy', bar: 0.97, kind: 'accuracy' },
  { key: 'arg_optional_accuracy', bar: 0.95, kind: 'accuracy' },
  { key: 'return_kind_accuracy', bar: 0.95, kind: 'accuracy' },
  { key: 'return_member_f1', bar: 0.9, kind: 'f1' },
  { key: 'event_member_f1', bar: 0.95, kind: 'f1' },
] as const;
export type MetricKey = (typeof METRICS)[number]['key'];

export type FidelityOutput = Record<string, unknown> & { misses: string[]; arg_pairs_judged: number };

export function runFidelity(schemaDir: string, qapiSchema: string): FidelityOutput {
  const out = execFileSync('python3', [path.join(TOOLS, 'qmp-fidelity'), schemaDir, qapiSchema, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as FidelityOutput;
}

interface TruthMember {
  kind: string;
  optional: boolean;
}
export interface Truth {
  commands: Record<string, { args: Record<string, TruthMember> | null; gen: boolean; returns: { kind: string; members?: Record<string, TruthMember> | null; items?: Record<string, TruthMember> | null } }>;
  events: Record<string, { data: Record<string, TruthMember> | null }>;
}

export function runTruth(qapiSchema: string): Truth {
  const out = execFileSync('python3', [path.join(TOOLS, 'qapi_truth.py'), qapiSchema], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as Truth;
}

// ---------------------------------------------------------------------------------------
// Parsing the scorer's miss lines

export type ParsedMiss =
  | { metric: 'arg_name_f1' | 'return_member_f1' | 'event_member_f1'; item: string; ours: string[]; qapi: string[] }
  | { metric: 'arg_kind_accuracy'; item: string; member: string; ours: string; qapi: string }
  | { metric: 'arg_optional_accuracy'; item: string; member: string; ours: boolean; qapi: boolean }
  | { metric: 'return_kind_accuracy'; item: string; ours: string; qapi: string };

/** Python's repr of a list of str → the strings (names never hold quotes in QMP). */
function pyList(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

export function parseMiss(line: string): ParsedMiss | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(.+): arguments (\[.*\]) != QAPI (\[.*\])$/.exec(line))) return { metric: 'arg_name_f1', item: m[1]!, ours: pyList(m[2]!), qapi: pyList(m[3]!) };
  if ((m = /^(.+): return members (\[.*\]) != QAPI (\[.*\])$/.exec(line))) return { metric: 'return_member_f1', item: m[1]!, ours: pyList(m[2]!), qapi: pyList(m[3]!) };
  if ((m = /^(.+): data (\[.*\]) != QAPI (\[.*\])$/.exec(line))) return { metric: 'event_member_f1', item: m[1]!, ours: pyList(m[2]!), qapi: pyList(m[3]!) };
  if ((m = /^(.+): return kind (\S+) != QAPI (\S+)$/.exec(line))) return { metric: 'return_kind_accuracy', item: m[1]!, ours: m[2]!, qapi: m[3]! };
  if ((m = /^(.+)\.([^.\s]+): kind (\S+) != QAPI (\S+)$/.exec(line))) return { metric: 'arg_kind_accuracy', item: m[1]!, member: m[2]!, ours: m[3]!, qapi: m[4]! };
  if ((m = /^(.+)\.([^.\s]+): optional (True|False) != QAPI (True|False)$/.exec(line))) {
    return { metric: 'arg_optional_accuracy', item: m[1]!, member: m[2]!, ours: m[3] === 'True', qapi: m[4] === 'True' };
  }
  return undefined;
}

export function f1(a: readonly string[], b: readonly string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 && B.size === 0) return 1;
  const tp = [...A].filter((x) => B.has(x)).length;
  const p = A.size ? tp / A.size : 1;
  const r = B.size ? tp / B.size : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

// ---------------------------------------------------------------------------------------
// Reading the docs at a position

export class DocText {
  readonly #lines = new Map<string, string[]>();
  lines(file: string): string[] {
    let l = this.#lines.get(file);
    if (!l) this.#lines.set(file, (l = readFileSync(file, 'utf8').split(/\r?\n/)));
    return l;
  }
  line(file: string, n: number): string {
    return this.lines(file)[n - 1] ?? '';
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` names `token` as a whole word (QMP names: letters, digits, `-`, `_`). */
export function mentions(text: string, token: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_-])${escapeRe(token)}($|[^A-Za-z0-9_-])`).test(text);
}

/** Doc type spellings and the JSON kind each one plainly says. */
const PLAIN_KIND: Record<string, string> = {
  'json-string': 'string', string: 'string', str: 'string',
  'json-int': 'integer', int: 'integer', integer: 'integer',
  'json-bool': 'boolean', bool: 'boolean', boolean: 'boolean',
  'json-number': 'number', number: 'number', double: 'number', float: 'number',
  'json-object': 'object', object: 'object', dict: 'object',
  'json-array': 'array', array: 'array', list: 'array',
};

export interface Entry {
  kind: 'command' | 'event';
  item: Command | Event;
  file: string;
  /** First and last line of the entry's section (heading to the line before the next entry). */
  start: number;
  end: number;
  /** Lines of example messages inside the section. */
  exampleLines: Set<number>;
}

/** Every command and event with the extent of its section in its file. */
export function entriesOf(model: Model, docs: DocText): Map<string, Entry> {
  const items = [
    ...model.commands.map((c) => ({ kind: 'command' as const, item: c as Command | Event })),
    ...model.events.map((e) => ({ kind: 'event' as const, item: e as Command | Event })),
  ];
  const byFile = new Map<string, number[]>();
  for (const { item } of items) {
    const list = byFile.get(item.position.file) ?? [];
    list.push(item.position.line);
    byFile.set(item.position.file, list);
  }
  for (const l of byFile.values()) l.sort((a, b) => a - b);
  const out = new Map<string, Entry>();
  for (const { kind, item } of items) {
    const starts = byFile.get(item.position.file)!;
    const next = starts.find((l) => l > item.position.line);
    const end = next !== undefined ? next - 1 : docs.lines(item.position.file).length;
    const exampleLines = new Set<number>();
    for (const ex of item.examples) {
      for (const m of ex.messages) {
        const last = m.position.endLine ?? m.position.line + m.raw.split('\n').length - 1;
        for (let l = m.position.line; l <= last; l++) exampleLines.add(l);
      }
    }
    out.set(`${kind}:${item.name}`, { kind, item, file: item.position.file, start: item.position.line, end, exampleLines });
  }
  return out;
}

/** The member's own text: its line, then continuation lines up to a blank line or the next member. */
function memberSpan(m: Member, siblings: readonly Member[], docs: DocText): { text: string; line: number } {
  const file = m.position.file;
  const nextLine = siblings.map((s) => s.position.line).filter((l) => l > m.position.line).sort((a, b) => a - b)[0];
  const last = m.position.endLine ?? Math.min(nextLine !== undefined ? nextLine - 1 : Infinity, m.position.line + 8);
  const parts: string[] = [];
  for (let l = m.position.line; l <= last; l++) {
    const text = docs.line(file, l);
    if (l > m.position.line && (text.trim() === '' || /^\s*-\s/.test(text))) break;
    parts.push(text);
  }
  return { text: parts.join('\n'), line: m.position.line };
}

/** Lines of the section outside examples that mention `token`. */
function sectionMentions(entry: Entry, docs: DocText, token: string): number | undefined {
  for (let l = entry.start; l <= entry.end; l++) {
    if (entry.exampleLines.has(l)) continue;
    if (mentions(docs.line(entry.file, l), token)) return l;
  }
  return undefined;
}

/**
 * `table error`: the .hx's C dispatch table itself says what the schema says (what that
 * QEMU's monitor checked) and QAPI disagrees.
 */
export type MissClass = 'doc error' | 'parser miss' | 'table error';

/** The JSON Schema kind word of a dispatch table kind, as the scorer prints it. */
const TABLE_KIND: Record<string, string> = { string: 'string', int: 'integer', number: 'number', bool: 'boolean', any: 'any' };

/** What the dispatch table says about a miss, when it decides it: a `table error` row. */
function tableSays(miss: ParsedMiss, entry: DispatchEntry | undefined, show: (f: string) => string): ClassifiedMiss[] | undefined {
  if (!entry?.args) return undefined;
  const args = entry.args.filter((a) => a.kind !== undefined);
  const at = (line: number) => `${show(entry.position.file)}:${line}`;
  switch (miss.metric) {
    case 'arg_name_f1': {
      if (entry.open) return undefined;
      const ours = new Set(miss.ours);
      const qapi = new Set(miss.qapi);
      const rows: ClassifiedMiss[] = [];
      for (const name of miss.ours.filter((n) => !qapi.has(n))) {
        const a = args.find((x) => x.name === name);
        if (!a) return undefined;
        rows.push({ metric: miss.metric, item: `${miss.item}.${name}`, ours: 'present', qapi: 'absent', cls: 'table error', location: at(a.position.line), note: `the table checks \`${name}\`` });
      }
      for (const name of miss.qapi.filter((n) => !ours.has(n))) {
        if (args.some((x) => x.name === name)) return undefined;
        rows.push({ metric: miss.metric, item: `${miss.item}.${name}`, ours: 'absent', qapi: 'present', cls: 'table error', location: at((entry.argsPosition ?? entry.position).line), note: `the table has no \`${name}\`` });
      }
      return rows;
    }
    case 'arg_kind_accuracy': {
      const a = args.find((x) => x.name === miss.member);
      if (!a || TABLE_KIND[a.kind!] !== miss.ours) return undefined;
      return [{ metric: miss.metric, item: `${miss.item}.${miss.member}`, ours: miss.ours, qapi: miss.qapi, cls: 'table error', location: at(a.position.line), note: `the table checks \`${a.name}:${a.letter}\`` }];
    }
    case 'arg_optional_accuracy': {
      const a = args.find((x) => x.name === miss.member);
      if (!a || a.optional !== miss.ours) return undefined;
      return [
        {
          metric: miss.metric,
          item: `${miss.item}.${miss.member}`,
          ours: miss.ours ? 'optional' : 'required',
          qapi: miss.qapi ? 'optional' : 'required',
          cls: 'table error',
          location: at(a.position.line),
          note: `the table declares it ${a.optional ? 'optional' : 'required'}`,
        },
      ];
    }
    default:
      return undefined;
  }
}

export interface ClassifiedMiss {
  metric: MetricKey;
  /** `command` or `command.member` / `EVENT.member`. */
  item: string;
  ours: string;
  qapi: string;
  cls: MissClass;
  /** `file:line` in the docs, when one applies. */
  location?: string;
  /** What the doc says there: a short fixed phrase with the token in it. */
  note: string;
}

function returnMembers(t: TypeRef | undefined): Member[] {
  if (!t) return [];
  if (t.kind === 'object') return t.members;
  if (t.kind === 'array' && t.items.kind === 'object') return t.items.members;
  return [];
}

const where = (file: string, line: number, show: (f: string) => string) => `${show(file)}:${line}`;

/**
 * Class one parsed miss. Returns one row per differing name for F1 misses, else one row.
 * `show` turns an absolute doc path into the path printed in the report.
 */
export function classify(
  miss: ParsedMiss,
  entries: Map<string, Entry>,
  docs: DocText,
  show: (f: string) => string,
  table?: ReadonlyMap<string, DispatchEntry>,
): ClassifiedMiss[] {
  const byTable = table ? tableSays(miss, table.get(miss.item), show) : undefined;
  if (byTable) return byTable;
  const kind = miss.metric === 'event_member_f1' ? 'event' : 'command';
  const entry = entries.get(`${kind}:${miss.item}`);
  if (!entry) {
    return [{ metric: miss.metric, item: miss.item, ours: '?', qapi: '?', cls: 'parser miss', note: 'entry not found in the model' }];
  }
  const heading = where(entry.file, entry.start, show);
  const cmd = entry.item as Command;
  const members =
    miss.metric === 'event_member_f1'
      ? ((entry.item as Event).data?.members ?? [])
      : miss.metric === 'return_member_f1' || miss.metric === 'return_kind_accuracy'
        ? returnMembers(cmd.returns)
        : cmd.arguments.members;

  switch (miss.metric) {
    case 'arg_name_f1':
    case 'return_member_f1':
    case 'event_member_f1': {
      const ours = new Set(miss.ours);
      const qapi = new Set(miss.qapi);
      const rows: ClassifiedMiss[] = [];
      for (const name of miss.ours.filter((n) => !qapi.has(n))) {
        const m = members.find((x) => x.name === name);
        const span = m ? memberSpan(m, members, docs) : undefined;
        const said = span !== undefined && mentions(span.text, name);
        rows.push({
          metric: miss.metric,
          item: `${miss.item}.${name}`,
          ours: 'present',
          qapi: 'absent',
          cls: said ? 'doc error' : 'parser miss',
          location: m ? where(m.position.file, m.position.line, show) : heading,
          note: said ? `doc documents \`${name}\`, which QAPI does not have` : `\`${name}\` was read from text that does not name it`,
        });
      }
      for (const name of miss.qapi.filter((n) => !ours.has(n))) {
        const line = sectionMentions(entry, docs, name);
        rows.push({
          metric: miss.metric,
          item: `${miss.item}.${name}`,
          ours: 'absent',
          qapi: 'present',
          cls: line === undefined ? 'doc error' : 'parser miss',
          location: line === undefined ? heading : where(entry.file, line, show),
          note: line === undefined ? `doc never names \`${name}\` (outside examples)` : `doc names \`${name}\` here; not read`,
        });
      }
      return rows;
    }
    case 'arg_kind_accuracy': {
      const m = members.find((x) => x.name === miss.member);
      const docType = m?.type.docType;
      const span = m ? memberSpan(m, members, docs) : undefined;
      const said = docType !== undefined && span !== undefined && span.text.includes(docType) && PLAIN_KIND[docType] === miss.ours;
      return [
        {
          metric: miss.metric,
          item: `${miss.item}.${miss.member}`,
          ours: miss.ours,
          qapi: miss.qapi,
          cls: said ? 'doc error' : 'parser miss',
          location: m ? where(m.position.file, m.position.line, show) : heading,
          note: said ? `doc types it \`${docType}\`` : docType ? `doc types it \`${docType}\`; read as ${miss.ours}` : 'doc gives no type',
        },
      ];
    }
    case 'arg_optional_accuracy': {
      const m = members.find((x) => x.name === miss.member);
      if (m?.evidence === 'example' && miss.ours) {
        // The text never documents it: only an example shows it, and an example shows one
        // call, not what is required. Optional by design; the doc's omission is the miss.
        return [
          {
            metric: miss.metric,
            item: `${miss.item}.${miss.member}`,
            ours: 'optional',
            qapi: miss.qapi ? 'optional' : 'required',
            cls: 'doc error',
            location: where(m.position.file, m.position.line, show),
            note: 'doc shows it only in an example; read as optional',
          },
        ];
      }
      const span = m ? memberSpan(m, members, docs) : undefined;
      const docOptional = span !== undefined && /\boptional\b/i.test(span.text);
      const said = span !== undefined && docOptional === miss.ours;
      return [
        {
          metric: miss.metric,
          item: `${miss.item}.${miss.member}`,
          ours: miss.ours ? 'optional' : 'required',
          qapi: miss.qapi ? 'optional' : 'required',
          cls: said ? 'doc error' : 'parser miss',
          location: m ? where(m.position.file, m.position.line, show) : heading,
          note: said ? (docOptional ? 'doc marks it `optional`' : 'doc does not mark it `optional`') : docOptional ? 'doc marks it `optional`; not read' : 'doc does not mark it `optional`; read as optional',
        },
      ];
    }
    case 'return_kind_accuracy': {
      let returnsLine: number | undefined;
      for (let l = entry.start; l <= entry.end; l++) {
        if (/^\s*Returns?\b/.test(docs.line(entry.file, l))) {
          returnsLine = l;
          break;
        }
      }
      const docType = cmd.returns?.docType;
      let said: boolean;
      let note: string;
      if (!cmd.returns) {
        said = returnsLine === undefined;
        note = said ? 'doc has no `Return` section' : 'doc has a `Return` section; not read';
      } else {
        const text = returnsLine !== undefined ? docs.line(entry.file, returnsLine) + docs.line(entry.file, returnsLine + 1) : '';
        said = docType !== undefined && text.includes(docType) && PLAIN_KIND[docType] === miss.ours;
        note = said ? `doc says \`${docType}\`` : docType ? `doc says \`${docType}\`; read as ${miss.ours}` : `read as ${miss.ours}`;
      }
      return [
        {
          metric: miss.metric,
          item: miss.item,
          ours: miss.ours,
          qapi: miss.qapi,
          cls: said ? 'doc error' : 'parser miss',
          location: returnsLine !== undefined ? where(entry.file, returnsLine, show) : heading,
          note,
        },
      ];
    }
  }
}
