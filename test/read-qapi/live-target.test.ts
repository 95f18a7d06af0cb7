/**
 * QEMU 7.2's schema read with `--target x86_64` against the installed qemu-system-x86_64
 * (Debian 12's QEMU 7.2): exactly the commands and events its `query-qmp-schema` reports, and
 * for each the same members (arguments, event data), optionality and JSON kinds. Members a
 * boxed union has only for some variants are left out on both sides (the model's arguments
 * are the common members, open to the variants').
 *
 * Needs the QAPI corpus and QEMU; skips visibly without them, fails when CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Model, TypeRef } from '../../generator/model/types.js';
import { QmpClient } from '../../templates/runtime/index.js';
import { Introspection, type SchemaEntry } from '../docs-input/introspection.js';
import { findQemuForTests, startQemu, type QemuProcess } from '../helpers/qemu.js';
import { partToModel, qapiReleases, readSchema, requireQapiCorpus } from './helpers.js';

const corpus = requireQapiCorpus();
const qemuInfo = findQemuForTests();
const release = qapiReleases().find((r) => r.version === '7.2.0');

function kindOf(t: TypeRef, model: Model): string {
  switch (t.kind) {
    case 'ref': {
      const named = model.types.find((x) => x.name === t.name);
      if (!named) return `unknown ${t.name}`;
      return named.kind === 'struct' || named.kind === 'union' ? 'object' : named.kind;
    }
    default:
      return t.kind;
  }
}

describe.skipIf(!corpus || !qemuInfo || !release)('QEMU 7.2 schema with --target x86_64 against the live QEMU', () => {
  let qemu: QemuProcess | undefined;
  let client: QmpClient | undefined;
  let q: Introspection;
  let entries: SchemaEntry[];
  let model: Model;

  beforeAll(async () => {
    model = partToModel(readSchema(release!.root, { target: 'x86_64' }).part);
    qemu = await startQemu(qemuInfo!.path, ['-S']);
    client = await QmpClient.connect({ path: qemu.socketPath });
    entries = (await client.execute('query-qmp-schema')) as SchemaEntry[];
    q = new Introspection(entries);
  }, 60_000);
  afterAll(async () => {
    await client?.close().catch(() => {});
    await qemu?.stop();
  });

  it('has exactly the live commands and events (216 and 52)', () => {
    const live = (meta: string) => entries.filter((e) => e['meta-type'] === meta).map((e) => e.name).sort();
    expect(model.commands.map((c) => c.name).sort()).toEqual(live('command'));
    expect(model.events.map((e) => e.name).sort()).toEqual(live('event'));
    expect([model.commands.length, model.events.length]).toEqual([216, 52]);
  });

  it('has the live members, optionality and JSON kinds for every command and event', () => {
    const mismatches: string[] = [];
    let compared = 0;
    const compare = (what: string, ours: readonly Member[], type: string) => {
      const theirs = q
        .members(type)
        .filter((m) => m.variant === undefined)
        .map((m) => `${m.name}${m.optional ? '?' : ''}: ${q.kind(m.type)}`)
        .sort();
      compared += theirs.length;
      const mine = ours.map((m) => `${m.name}${m.optional ? '?' : ''}: ${kindOf(m.type, model)}`).sort();
      if (mine.join() !== theirs.join()) mismatches.push(`${what}: ours [${mine.join(', ')}] != QEMU [${theirs.join(', ')}]`);
    };
    for (const c of model.commands) compare(`${c.name} arguments`, c.arguments.members, q.command(c.name)!['arg-type']);
    for (const e of model.events) compare(`${e.name} data`, e.data?.members ?? [], q.event(e.name)!['arg-type']);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(400); // 530 top-level members in 7.2
  });
});
