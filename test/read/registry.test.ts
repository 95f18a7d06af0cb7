/**
 * The reader registry (generator/read/index.ts): which reader reads which file. Inputs are
 * small documents written for the test.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { READERS, readAll, readerById, readerFor } from '../../generator/read/index.js';
import { legacyReader } from '../../generator/read/legacy/index.js';
import { loadReader, READER_IDS, readersFor, readInputs } from '../../generator/read/load.js';
import type { ModelPart, Reader, ReaderId } from '../../generator/read/types.js';

const COMMANDS = ['spin-gizmo', '----------', '', 'Spin the gizmo.', '', 'Arguments: None.', '', 'Example:', '', '-> { "execute": "spin-gizmo" }', '<- { "return": {} }', ''].join('\n');
const EVENTS = ['GIZMO_SPUN', '----------', '', 'The gizmo spun.', '', 'Data: None.', '', 'Example:', '', '<- { "event": "GIZMO_SPUN" }', ''].join('\n');
const HX = ['HXCOMM a comment for the tool', 'SQMP', COMMANDS, 'EQMP', ''].join('\n');
const PROSE = 'Nothing here is a command or an event.\nJust two lines of prose.\n';
/** Looks like something other than legacy docs; also carries a legacy-looking example. */
const FAKE = "{ 'fake': 'gizmo' }\n# -> { \"execute\": \"spin-gizmo\" }\n";

const file = (value: string, data: Record<string, unknown> = {}) => new VFile({ path: 'input', value, data });

/** A reader that recognises files whose first line starts with `{ 'fake'`. */
function fakeReader(id: ReaderId): Reader {
  return {
    id,
    sniff: (f) => String(f.value).startsWith("{ 'fake'"),
    read: (files): ModelPart => ({ reader: id, sources: files.map((f) => ({ path: f.path, role: 'schema', format: 'qapi', sha256: '' })), commands: [], events: [], types: [] }),
  };
}

describe('legacy sniff (content, not name)', () => {
  const cases: { name: string; value: string; sniffed: boolean }[] = [
    { name: 'a commands document', value: COMMANDS, sniffed: true },
    { name: 'an events document', value: EVENTS, sniffed: true },
    { name: 'an .hx source (QMP text between SQMP and EQMP)', value: HX, sniffed: true },
    { name: 'an .hx with nothing between SQMP and EQMP', value: 'SQMP\nEQMP\n', sniffed: false },
    { name: 'prose', value: PROSE, sniffed: false },
    { name: 'an empty file', value: '', sniffed: false },
  ];
  it.each(cases)('$name → $sniffed', ({ value, sniffed }) => {
    expect(legacyReader.sniff(file(value))).toBe(sniffed);
  });

  it('sniffing reports nothing', () => {
    const f = file('SQMP\nspin\n----\n');
    legacyReader.sniff(f);
    expect(f.messages).toEqual([]);
  });
});

describe('readerFor', () => {
  const fake = fakeReader('qapi');
  const readers = [fake, legacyReader];
  const cases: { name: string; f: VFile; expected: ReaderId }[] = [
    { name: 'sniffed by the more specific reader first', f: file(FAKE), expected: 'qapi' },
    { name: 'legacy docs go to the legacy reader', f: file(COMMANDS), expected: 'legacy' },
    { name: 'nothing recognises it: the legacy reader (which reports it)', f: file(PROSE), expected: 'legacy' },
    { name: 'an explicit choice wins over sniffing', f: file(COMMANDS, { reader: 'qapi' }), expected: 'qapi' },
    { name: 'an explicit choice of an unregistered reader falls back to sniffing', f: file(FAKE, { reader: 'introspection' }), expected: 'qapi' },
  ];
  it.each(cases)('$name', ({ f, expected }) => {
    expect(readerFor(f, readers).id).toBe(expected);
  });

  it('the registry lists the legacy reader last', () => {
    expect(READERS.at(-1)).toBe(legacyReader);
    expect(readerById('legacy')).toBe(legacyReader);
  });
});

describe('readAll', () => {
  it('one read per reader, files in the order given, parts in the order of first files', () => {
    const files = [file(COMMANDS), new VFile({ path: 'a.json', value: FAKE }), file(EVENTS), new VFile({ path: 'b.json', value: FAKE })];
    files[0]!.path = 'commands.txt';
    files[2]!.path = 'events.txt';
    const parts = readAll(files, reporterFor(files[0]!), {}, [fakeReader('qapi'), legacyReader]);
    expect(parts.map((p) => [p.reader, p.sources.map((s) => s.path)])).toEqual([
      ['legacy', ['commands.txt', 'events.txt']],
      ['qapi', ['a.json', 'b.json']],
    ]);
    expect(parts[0]!.commands.map((c) => c.name)).toEqual(['spin-gizmo']);
    expect(parts[0]!.events.map((e) => e.name)).toEqual(['GIZMO_SPUN']);
  });

  it('an unrecognised file gets input-unrecognised from the legacy reader, as before', () => {
    const f = file(PROSE);
    readAll([f], reporterFor(f));
    expect(f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 input-unrecognised']);
  });
});

describe('read/load.ts: only the readers the inputs need', () => {
  it('names the registered readers, and loads each', async () => {
    expect([...READER_IDS].sort()).toEqual(READERS.map((r) => r.id).sort());
    for (const id of READER_IDS) expect(await loadReader(id)).toBe(readerById(id));
  });

  it.each([
    ['every file chosen: those readers only', [{ reader: 'qapi' }, { reader: 'qapi' }], ['qapi']],
    ['two chosen readers', [{ reader: 'legacy' }, { reader: 'introspection' }], ['legacy', 'introspection']],
    ['a file to sniff: every reader', [{ reader: 'qapi' }, {}], ['introspection', 'qapi', 'legacy']],
    ['a choice that names no reader is no choice: every reader', [{ reader: 'nonsense' }], ['introspection', 'qapi', 'legacy']],
  ] as const)('%s', async (_what, data, ids) => {
    const readers = await readersFor(data.map((d) => file('', { ...d })));
    expect(readers.map((r) => r.id)).toEqual(ids);
  });

  it('readInputs reads as readAll does (chosen, sniffed, unrecognised)', async () => {
    const make = () => {
      const files = [file(COMMANDS, { reader: 'legacy' }), file(EVENTS), file(PROSE)];
      files.forEach((f, i) => (f.path = `input-${i}.txt`));
      return files;
    };
    const a = make();
    const b = make();
    const expected = readAll(a, reporterFor(a[0]!));
    expect(await readInputs(b, reporterFor(b[0]!), {})).toEqual(expected);
    expect(b.map((f) => f.messages.map(String))).toEqual(a.map((f) => f.messages.map(String)));
  });
});
