/**
 * docs-input/ against a real QEMU: every documented command and event must exist in the
 * running QEMU's `query-qmp-schema`, with the same argument names, optionality and JSON
 * types, the same return kind and members, the same event data members; every example must
 * be a message that QEMU could really send or accept.
 *
 * Needs qemu-system-x86_64: skips visibly when it is absent, fails when CI=true.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import type { Model } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { QmpClient } from '../../templates/runtime/index.js';
import { QEMU_BINARY, findQemuForTests, startQemu, type QemuProcess } from '../helpers/qemu.js';
import { Introspection, compareWithIntrospection, validateExamples, type SchemaEntry } from './introspection.js';
import { REQUIRED_COMMANDS, REQUIRED_EVENTS } from './required.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMMANDS_FILE = 'docs-input/qmp-commands.txt';
const EVENTS_FILE = 'docs-input/qmp-events.txt';

/**
 * The headings of a legacy document, found independently of the parser: a line of name
 * characters underlined with dashes of the same length.
 */
function headings(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const name = lines[i - 1]!;
    if (/^[A-Za-z0-9_-]+$/.test(name) && /^-+$/.test(lines[i]!) && lines[i]!.length === name.length) out.push(name);
  }
  return out.sort();
}

function parseDocsInput(): { model: Model; messages: string[] } {
  const files = [COMMANDS_FILE, EVENTS_FILE].map(
    (p) => new VFile({ path: p, value: readFileSync(path.join(root, p), 'utf8') }),
  );
  const fallback = new VFile({ path: '<docs-input>' });
  const reporter = new Reporter(files, fallback);
  const model = parseDocs(files, reporter);
  const messages = reporter.files.flatMap((f) =>
    f.messages.map((m) => `${f.path}:${m.line ?? '?'}:${m.column ?? '?'} ${m.ruleId ?? '?'} ${m.reason}`),
  );
  return { model, messages };
}

/** Objects docs-input names without listing their members, sorted. */
const UNDETAILED_ON_PURPOSE = [
  'GUEST_PANICKED(data).info',
  'query-block(return)[].inserted.image.backing-image',
  'query-block(return)[].inserted.image.format-specific',
  'query-blockstats(return)[].backing',
  'query-blockstats(return)[].driver-specific',
  'query-blockstats(return)[].parent',
  'query-migrate(return).socket-address[]',
  'query-pci(return)[].devices[].pci_bridge.devices[]',
];

/** The QEMU release docs-input describes (its header says so). Another release may differ. */
const DOCUMENTED_QEMU = '7.2';

const list = (lines: readonly string[]) => (lines.length ? `\n  ${lines.join('\n  ')}\n` : ' (none)');

// ---- the independent part: the docs and the parser, without QEMU -----------------------------

describe('docs-input is parsed completely', () => {
  const commandsText = readFileSync(path.join(root, COMMANDS_FILE), 'utf8');
  const eventsText = readFileSync(path.join(root, EVENTS_FILE), 'utf8');
  const { model, messages } = parseDocsInput();

  it('documented command count: every heading of qmp-commands.txt becomes a command', () => {
    const names = model.commands.map((c) => c.name).sort();
    expect(names, 'command names in the model vs headings in the text').toEqual(headings(commandsText));
  });

  it('documented event count: every heading of qmp-events.txt becomes an event', () => {
    const names = model.events.map((e) => e.name).sort();
    expect(names, 'event names in the model vs headings in the text').toEqual(headings(eventsText));
  });

  it('covers the required core commands and events', () => {
    const commands = new Set(model.commands.map((c) => c.name));
    const events = new Set(model.events.map((e) => e.name));
    const missing = [
      ...REQUIRED_COMMANDS.filter((n) => !commands.has(n)),
      ...REQUIRED_EVENTS.filter((n) => !events.has(n)),
    ];
    expect(missing, `required but not documented:${list(missing)}`).toEqual([]);
  });

  it('puts query-* commands under "3. Query Commands" and the others under "2. Regular Commands"', () => {
    // docs-input keeps every query-* command, and only those, in its query section.
    const wrong = model.commands
      .map((c) => ({ c, want: c.name.startsWith('query-') ? 'query' : 'regular' }))
      .filter(({ c, want }) => c.section !== want)
      .map(({ c, want }) => `${c.name}: section "${c.section}", expected "${want}"`);
    expect(wrong, `commands in the wrong section:${list(wrong)}`).toEqual([]);
  });

  it('keeps section titles out of the entries around them', () => {
    const leaks = [...model.commands, ...model.events].flatMap((item) =>
      [item.description, ...item.notes].filter((t) => /={3,}|Regular Commands|Query Commands/.test(t)).map((t) => `${item.name}: ${JSON.stringify(t)}`),
    );
    expect(leaks, `section headings read as entry text:${list(leaks)}`).toEqual([]);
  });

  it('parses without a single diagnostic (the default input has no quirks)', () => {
    expect(messages, `diagnostics on docs-input:${list(messages)}`).toEqual([]);
  });

  it('every entry has a summary and an example, every command states its arguments', () => {
    const lacking = [
      ...[...model.commands, ...model.events].flatMap((item) => [
        ...(item.summary.trim() ? [] : [`${item.name}: no summary`]),
        ...(item.examples.length ? [] : [`${item.name}: no example`]),
      ]),
      ...model.commands.filter((c) => !c.argumentsStated).map((c) => `${c.name}: no "Arguments:" section`),
    ];
    expect(lacking, `incomplete entries:${list(lacking)}`).toEqual([]);
  });
});

// ---- the live part -------------------------------------------------------------------------

/** Skips visibly when QEMU is absent, throws when CI=true (test/helpers/qemu.ts). */
const qemuInfo = findQemuForTests();

describe.skipIf(!qemuInfo)(`docs-input against a live ${QEMU_BINARY}`, () => {
  let qemu: QemuProcess | undefined;
  let client: QmpClient | undefined;
  let introspection: Introspection;
  let version = '?';
  const { model } = parseDocsInput();

  beforeAll(async () => {
    qemu = await startQemu(qemuInfo!.path, ['-S']);
    client = await QmpClient.connect({ path: qemu.socketPath });
    const entries = await client.execute('query-qmp-schema');
    introspection = new Introspection(entries as SchemaEntry[]);
    const v = (await client.execute('query-version')) as { qemu: { major: number; minor: number; micro: number }; package: string };
    version = `${v.qemu.major}.${v.qemu.minor}.${v.qemu.micro} ${v.package}`.trim();
    if (`${v.qemu.major}.${v.qemu.minor}` !== DOCUMENTED_QEMU)
      version += ` — docs-input describes QEMU ${DOCUMENTED_QEMU}, so differences may be real changes between releases`;
  });

  afterAll(async () => {
    await client?.close().catch(() => {});
    await qemu?.stop();
  });

  it('documented command count: the model has commands to check', () => {
    expect(model.commands.length).toBeGreaterThanOrEqual(REQUIRED_COMMANDS.length);
    expect(model.events.length).toBeGreaterThanOrEqual(REQUIRED_EVENTS.length);
  });

  it('every documented command and event matches query-qmp-schema', () => {
    const { mismatches } = compareWithIntrospection(model, introspection);
    expect(mismatches, `docs-input disagrees with QEMU ${version}:${list(mismatches)}`).toEqual([]);
  });

  it('only the objects left undetailed on purpose are unchecked', () => {
    // Unions, recursive structures and driver-specific blobs are named but not spelled out;
    // any other object without members means nesting was lost between the text and the model.
    const { undetailed } = compareWithIntrospection(model, introspection);
    expect(undetailed.sort(), 'objects the model has without members').toEqual(UNDETAILED_ON_PURPOSE);
  });

  it('every QEMU enumeration reaches the model with its values', () => {
    // docs-input lists the values of every enumeration; a plain string means they were lost.
    const { plainEnums } = compareWithIntrospection(model, introspection);
    expect(plainEnums, `enumerations that are plain strings in the model:${list(plainEnums)}`).toEqual([]);
  });

  it('every example is a message this QEMU could really exchange', () => {
    const problems: string[] = [];
    for (const c of model.commands) validateExamples(c.examples, c.arguments.open, introspection, problems);
    for (const e of model.events) validateExamples(e.examples, false, introspection, problems);
    const messages = [...model.commands, ...model.events].flatMap((i) => i.examples.flatMap((x) => x.messages));
    expect(messages.length, 'example messages found by the parser').toBeGreaterThan(model.commands.length);
    expect(problems, `examples that QEMU ${version} would not produce or accept:${list(problems)}`).toEqual([]);
  });
});
