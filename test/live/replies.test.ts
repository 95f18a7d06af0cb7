/**
 * The strongest test of the whole chain: a package generated from this QEMU's own
 * introspection drives a real QEMU 7.2 guest machine (-M pc, -nodefaults -S, a null-co block
 * node behind a virtio-blk device, a user netdev behind virtio-net, a null chardev, a virtio
 * balloon, an xHCI controller), through the generated typed client:
 *
 * - every `query-*` / `x-query-*` command that needs no arguments, and common commands that
 *   do, is called; every successful reply must validate (ajv, strict, 2020-12) against the
 *   generated `schema/commands/<name>.response.json`;
 * - a scripted session (cont, stop, a hot-plugged USB device removed again, a backup and a
 *   mirror block job, reset, powerdown, quit) produces events; every event seen must validate
 *   against `schema/events/<NAME>.json`, and the session's events must include RESUME, STOP,
 *   DEVICE_DELETED, JOB_STATUS_CHANGE, BLOCK_JOB_COMPLETED, BLOCK_JOB_READY and SHUTDOWN.
 *
 * The test prints which replies and events did not validate (and which commands QEMU refused
 * in this configuration, which is not a failure). Skips without QEMU; fails under CI=true.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { camelCase } from '../../generator/model/names.js';
import { generate } from '../../generator/pipeline.js';
import { fetchIntrospection } from '../../generator/sources/live.js';
import { findQemuForTests } from '../helpers/qemu.js';
import { tempDir, templatesOnce, writeTree } from '../typescript/helpers.js';
import { startVm, type Vm } from './vm.js';

const qemu = findQemuForTests();

interface QmpEventLike {
  event: string;
  data?: Record<string, unknown>;
  timestamp: { seconds: number; microseconds: number };
}
/** The generated client, as loaded from its compiled dist/ (its types are the package's own). */
interface GeneratedClient {
  [method: string]: unknown;
  on(name: '*', listener: (e: QmpEventLike) => void): () => void;
  waitFor(name: string, options?: { timeout?: number; since?: number; predicate?: (e: QmpEventLike) => boolean }): Promise<QmpEventLike>;
  eventCursor: number;
  closed: Promise<unknown>;
  close(): Promise<void>;
}
type Method = (args?: unknown, options?: unknown) => Promise<unknown>;

/** Commands that need arguments, with arguments that make sense on this machine. */
const WITH_ARGUMENTS: Array<[string, Record<string, unknown>]> = [
  ['qom-list', { path: '/machine' }],
  ['qom-get', { path: '/machine', property: 'type' }],
  ['qom-list-properties', { typename: 'virtio-net-pci' }],
  ['device-list-properties', { typename: 'virtio-blk-pci' }],
  ['qom-list-types', { abstract: true }],
  ['query-cpu-model-expansion', { type: 'full', model: { name: 'qemu64' } }],
  ['query-command-line-options', { option: 'drive' }],
  ['query-named-block-nodes', { flat: true }],
  ['query-blockstats', { 'query-nodes': true }],
  ['query-stats', { target: 'vm' }],
  ['human-monitor-command', { 'command-line': 'info version' }],
];

describe.skipIf(!qemu)('live replies and events validate against the generated schemas', () => {
  let tmp: ReturnType<typeof tempDir>;
  let pkg: string;
  let vm: Vm;
  let qmp: GeneratedClient;
  let model: { commands: Array<{ name: string; arguments: { members: Array<{ optional: boolean }> } }> };
  const events: QmpEventLike[] = [];
  const warnings: unknown[] = [];
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (file: string): ValidateFunction | undefined => {
    let v = compiled.get(file);
    if (!v) {
      let schema: unknown;
      try {
        schema = JSON.parse(readFileSync(path.join(pkg, file), 'utf8'));
      } catch {
        return undefined;
      }
      v = ajv.compile(schema as object);
      compiled.set(file, v);
    }
    return v;
  };
  const call = (command: string, args?: unknown): Promise<unknown> => {
    const method = qmp[camelCase(command)] as Method | undefined;
    if (typeof method !== 'function') throw new Error(`the generated client has no method for ${command}`);
    return method.call(qmp, args);
  };

  beforeAll(async () => {
    tmp = tempDir('qmp-live-replies-');
    pkg = path.join(tmp.dir, 'pkg');
    const live = await fetchIntrospection({ qemu: { binary: qemu!.path, args: [] } });
    if (!live.ok) throw new Error(live.message);
    const reporter = new Reporter([live.file], new VFile({ path: 'qmp-codegen' }));
    const { files } = await generate([live.file], reporter, {
      emit: ['typescript', 'schema', 'model'],
      packageName: 'qemu-live-client',
      generatorVersion: '0.0.0-live',
      templates: await templatesOnce(),
    });
    writeTree(pkg, files);
    model = JSON.parse(readFileSync(path.join(pkg, 'model.json'), 'utf8')) as typeof model;
    const { Qmp } = (await import(pathToFileURL(path.join(pkg, 'dist/index.js')).href)) as {
      Qmp: { connect(o: object): Promise<GeneratedClient> };
    };
    vm = await startVm(qemu!.path, [
      '-M', 'pc', '-nodefaults', '-S', '-display', 'none',
      '-blockdev', 'driver=null-co,node-name=null0,size=67108864',
      '-device', 'virtio-blk-pci,drive=null0,id=vblk0',
      '-netdev', 'user,id=net0',
      '-device', 'virtio-net-pci,netdev=net0,id=nic0',
      '-chardev', 'null,id=chr0',
      '-device', 'virtio-balloon-pci,id=balloon0',
      '-device', 'qemu-xhci,id=xhci0',
    ]);
    qmp = await Qmp.connect({ path: vm.socketPath, onWarning: (w: unknown) => warnings.push(w) });
    qmp.on('*', (e) => events.push(e));
  }, 600_000);

  afterAll(async () => {
    await qmp?.close().catch(() => undefined);
    await vm?.stop();
    tmp?.remove();
  });

  it('every query that needs no arguments, and common commands that do, reply as their schemas say', async () => {
    const noArgs = model.commands
      .filter((c) => /^(x-)?query-/.test(c.name) && c.arguments.members.every((m) => m.optional))
      .map((c): [string, Record<string, unknown> | undefined] => [c.name, undefined]);
    const calls = [...noArgs, ...WITH_ARGUMENTS.filter(([name]) => model.commands.some((c) => c.name === name))];
    const invalid: string[] = [];
    const refused: string[] = [];
    let validated = 0;
    for (const [name, args] of calls) {
      let value: unknown;
      try {
        value = await call(name, args);
      } catch (error) {
        const e = error as { name?: string; class?: string; desc?: string };
        if (e.name !== 'QmpError') throw error;
        refused.push(`${name} (${e.class}: ${e.desc})`);
        continue;
      }
      const validate = validator(`schema/commands/${name}.response.json`);
      if (!validate) {
        invalid.push(`${name}: no response schema`);
        continue;
      }
      if (validate({ return: value === undefined ? {} : value })) validated++;
      else invalid.push(`${name}: ${ajv.errorsText(validate.errors?.slice(0, 3))}`);
    }
    console.info(
      `[introspection] ${calls.length} commands called, ${validated} replies validated, ${invalid.length} did not` +
        `${invalid.length ? `:\n  ${invalid.join('\n  ')}` : ''}\n` +
        `  refused by QEMU in this configuration (${refused.length}): ${refused.join('; ')}`,
    );
    expect(invalid).toEqual([]);
    // the validators can fail: a reply QEMU would never send is refused
    const status = validator('schema/commands/query-status.response.json')!;
    expect(status({ return: { running: 'yes', singlestep: false, status: 'running' } })).toBe(false);
    expect(status({ return: { running: true, singlestep: false, status: 'running', extra: 1 } })).toBe(false);
    expect(noArgs.length).toBeGreaterThan(50);
    expect(validated).toBeGreaterThan(calls.length * 0.8);
    expect(warnings).toEqual([]);
  }, 300_000);

  it('every event of a scripted session validates against its event schema', async () => {
    const wait = (name: string, since: number, predicate?: (e: QmpEventLike) => boolean) =>
      qmp.waitFor(name, { timeout: 60_000, since, ...(predicate ? { predicate } : {}) });
    let since = qmp.eventCursor;
    await call('cont');
    await wait('RESUME', since);
    since = qmp.eventCursor;
    await call('stop');
    await wait('STOP', since);

    // a USB device plugged in and out again: USB unplug needs no guest cooperation
    await call('device_add', { driver: 'usb-tablet', id: 'tablet0', bus: 'xhci0.0' });
    since = qmp.eventCursor;
    await call('device_del', { id: 'tablet0' });
    await wait('DEVICE_DELETED', since, (e) => e.data?.['device'] === 'tablet0');

    // a backup job that ends by itself, and a mirror that gets ready and is completed
    await call('blockdev-add', { driver: 'null-co', 'node-name': 'null1', size: 67108864 });
    await call('blockdev-add', { driver: 'null-co', 'node-name': 'null2', size: 67108864 });
    since = qmp.eventCursor;
    await call('blockdev-backup', { 'job-id': 'backup0', device: 'null0', target: 'null1', sync: 'full' });
    await wait('BLOCK_JOB_COMPLETED', since, (e) => e.data?.['device'] === 'backup0');
    since = qmp.eventCursor;
    await call('blockdev-mirror', { 'job-id': 'mirror0', device: 'null0', target: 'null2', sync: 'full' });
    await wait('BLOCK_JOB_READY', since, (e) => e.data?.['device'] === 'mirror0');
    await call('block-job-complete', { device: 'mirror0' });
    await wait('BLOCK_JOB_COMPLETED', since, (e) => e.data?.['device'] === 'mirror0');
    await wait('JOB_STATUS_CHANGE', since, (e) => e.data?.['id'] === 'mirror0' && e.data?.['status'] === 'null');

    since = qmp.eventCursor;
    await call('system_reset');
    await wait('RESET', since);
    await call('system_powerdown');
    await wait('POWERDOWN', since);
    // quit: SHUTDOWN comes before the connection closes
    await call('quit').catch(() => undefined);
    await qmp.closed;
    await vm.exited;

    const seen = new Set(events.map((e) => e.event));
    for (const name of ['RESUME', 'STOP', 'DEVICE_DELETED', 'JOB_STATUS_CHANGE', 'BLOCK_JOB_COMPLETED', 'BLOCK_JOB_READY', 'RESET', 'POWERDOWN', 'SHUTDOWN']) {
      expect(seen, `event ${name} was not seen`).toContain(name);
    }
    const invalid: string[] = [];
    for (const e of events) {
      const validate = validator(`schema/events/${e.event}.json`);
      if (!validate) invalid.push(`${e.event}: no event schema`);
      else if (!validate(e as unknown)) invalid.push(`${e.event}: ${ajv.errorsText(validate.errors?.slice(0, 3))} in ${JSON.stringify(e).slice(0, 300)}`);
    }
    console.info(
      `[introspection] ${events.length} events (${[...seen].sort().join(', ')}); ${events.length - invalid.length} validated, ${invalid.length} did not` +
        `${invalid.length ? `:\n  ${invalid.join('\n  ')}` : ''}`,
    );
    expect(invalid).toEqual([]);
  }, 300_000);
});
