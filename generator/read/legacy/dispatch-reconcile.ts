/**
 * The text's arguments reconciled with the C dispatch table (dispatch.ts). The table is what
 * QEMU's monitor enforced, so it wins for argument names, JSON kinds, optionality and whether
 * other arguments are accepted; the text keeps descriptions, enumerations, nesting, defaults
 * and returns. Every disagreement is a warning at the text's line naming the table's line,
 * i.e. a documentation bug report.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Command, Member, TypeRef } from '../../model/types.js';
import type { DispatchArg, DispatchEntry, DispatchKind } from './dispatch.js';
import type { TypeRegistry } from './types.js';

const KIND_WORDS: Record<DispatchKind, string> = {
  string: 'a string',
  int: 'an integer',
  number: 'a number',
  bool: 'a boolean',
  any: 'any JSON value',
};

/** The JSON kinds a text type accepts (enums are strings; a known QAPI name its kind). */
function kindsOf(t: TypeRef, types: TypeRegistry, depth = 0): Set<string> {
  switch (t.kind) {
    case 'enum':
      return new Set(['string']);
    case 'ref': {
      const named = depth < 8 ? types.get(t.name) : undefined;
      if (!named) return new Set(['any']);
      if (named.kind === 'enum') return new Set(['string']);
      if (named.kind === 'alternate') return new Set(named.of.flatMap((o) => [...kindsOf(o, types, depth + 1)]));
      return new Set(['object']);
    }
    case 'alternate':
      return new Set(t.of.flatMap((o) => [...kindsOf(o, types, depth + 1)]));
    default:
      return new Set([t.kind]);
  }
}

function describeKinds(k: Set<string>): string {
  const words: Record<string, string> = { ...KIND_WORDS, object: 'an object', array: 'an array', null: 'null' };
  return [...k].map((x) => words[x] ?? x).join(' or ');
}

/** Does the table's kind agree with the text's type? `number` also takes integers. */
function agrees(table: DispatchKind, text: Set<string>): boolean {
  if (table === 'any') return true;
  return text.size === 1 && text.has(table);
}

const norm = (n: string) => n.replace(/_/g, '-').toLowerCase();

function tableWhere(entry: DispatchEntry): string {
  return `the dispatch table at line ${(entry.argsPosition ?? entry.position).line}`;
}

function itemText(a: DispatchArg): string {
  return `${a.name}:${a.letter}${a.optional && !a.letter.startsWith('-') ? '?' : ''}`;
}

/**
 * Reconcile every documented command with its table entry (matched by name, `q|quit` style
 * aliases included). Commands without an entry keep their text reading; entries without a
 * command are reported once.
 */
export function reconcileDispatch(commands: readonly Command[], entries: readonly DispatchEntry[], types: TypeRegistry, reporter: Reporter): void {
  const byName = new Map<string, DispatchEntry>();
  for (const e of entries) for (const n of e.names) if (!byName.has(n)) byName.set(n, e);
  const used = new Set<DispatchEntry>();
  for (const c of commands) {
    const entry = byName.get(c.name) ?? (c.heading !== undefined ? byName.get(c.heading) : undefined);
    if (!entry) continue;
    used.add(entry);
    if (entry.args) reconcileCommand(c, entry, entry.args, types, reporter);
  }
  for (const e of entries) {
    // Only entries with a QMP handler (`.mhandler.cmd_new`/`cmd_async`, or 0.14+ files, where
    // every entry is QMP) would be commands; the human monitor's own entries are not QMP.
    const qmp = Object.keys(e.fields).some((k) => k === 'mhandler.cmd_new' || k === 'mhandler.cmd_async');
    if (used.has(e) || !qmp) continue;
    reporter.report('dispatch-undocumented', `the dispatch table entry "${e.names.join('|')}" has no documentation entry in the text; no command was made from it`, e.position);
  }
}

function reconcileCommand(c: Command, entry: DispatchEntry, table: readonly DispatchArg[], types: TypeRegistry, reporter: Reporter): void {
  const args = c.arguments;
  const where = tableWhere(entry);
  const open = table.some((a) => a.open === true);
  const checked = table.filter((a) => a.kind !== undefined);
  const tableNames = new Set(checked.map((a) => a.name));
  const textNames = new Set(args.members.map((m) => m.name));
  const line = (m: Member) => m.position.line;

  // Names: the text's members the table does not have.
  const tableOnly = checked.filter((a) => !textNames.has(a.name));
  const kept: Member[] = [];
  for (const m of args.members) {
    if (tableNames.has(m.name)) {
      kept.push(m);
      continue;
    }
    // A spelling of a table name (`buf_size` for `buf-size`), or the one table-only argument
    // that extends it (`cpu` for `cpu-index`).
    const candidates = tableOnly.filter((a) => !textNames.has(a.name));
    const renamed =
      candidates.find((a) => norm(a.name) === norm(m.name)) ??
      (candidates.length === 1 && args.members.filter((x) => !tableNames.has(x.name)).length === 1 && norm(candidates[0]!.name).startsWith(`${norm(m.name)}-`)
        ? candidates[0]
        : undefined);
    if (renamed && !open) {
      reporter.report(
        'dispatch-argument-renamed',
        `${c.name}: argument "${m.name}" is documented at line ${line(m)} but ${where} names it "${renamed.name}"; the table's name was used`,
        m.position,
      );
      textNames.add(renamed.name);
      kept.push({ ...m, name: renamed.name });
      continue;
    }
    if (open) {
      kept.push(m); // the table accepts further arguments: the text says which
      continue;
    }
    const why = m.evidence === 'example' ? 'passed by an example' : `documented at line ${line(m)}`;
    reporter.report(
      'dispatch-argument-unknown',
      `${c.name}: argument "${m.name}" is ${why} but ${where} has no such argument and accepts no others; dropped`,
      m.position,
    );
  }
  args.members = kept;

  // Kinds and optionality of the arguments both have.
  for (const m of args.members) {
    const a = checked.find((x) => x.name === m.name);
    if (!a || a.kind === undefined) continue;
    const known = kindsOf(m.type, types);
    if (!agrees(a.kind, known)) {
      const text = m.type.kind === 'any' ? 'states no type' : `is documented as ${describeKinds(known)}`;
      reporter.report(
        'dispatch-kind',
        `${c.name}: argument "${m.name}" ${text} (line ${line(m)}) but ${where} checks "${itemText(a)}", ${KIND_WORDS[a.kind]}; read as ${KIND_WORDS[a.kind]}`,
        m.position,
      );
      m.type = { kind: a.kind };
    }
    if (m.optional !== a.optional) {
      reporter.report(
        'dispatch-optional',
        `${c.name}: argument "${m.name}" is ${m.optional ? 'optional' : 'required'} in the text (line ${line(m)}) but ${where} declares it ${a.optional ? 'optional' : 'required'} ("${itemText(a)}"); read as ${a.optional ? 'optional' : 'required'}`,
        m.position,
      );
      m.optional = a.optional;
    }
    if (m.evidence === 'example') m.evidence = 'dispatch';
  }

  // The table's arguments the text does not document.
  for (const a of checked) {
    if (args.members.some((m) => m.name === a.name)) continue;
    reporter.report(
      'dispatch-argument-missing',
      `${c.name}: ${where} checks argument "${itemText(a)}", which the text (heading at line ${c.position.line}) does not document; added as ${a.optional ? 'optional' : 'required'}, ${KIND_WORDS[a.kind!]}`,
      a.position,
    );
    args.members.push({ name: a.name, type: { kind: a.kind! }, optional: a.optional, description: '', position: a.position, evidence: 'dispatch' });
  }
  if (checked.length > 0 || open) c.argumentsStated = true;

  if (open !== args.open) {
    const o = table.find((a) => a.open === true);
    reporter.report(
      'dispatch-open',
      open
        ? `${c.name}: ${where} accepts further arguments of any name ("${o!.name}:O"), which the text does not say; the arguments object was made open`
        : `${c.name}: the text says further arguments are accepted but ${where} checks a closed list; the arguments object was closed`,
      open ? o!.position : c.position,
    );
    args.open = open;
  }
}
