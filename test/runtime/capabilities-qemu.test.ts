/**
 * `supports(path)` against the real QEMU 7.2 installed here: a hand-written table of paths,
 * present and absent, checked once on the schema fetched by the client from a live QEMU
 * (`qmp.schema()`), once through `qmp.supports()`. The expectations are facts about QEMU 7.2
 * for x86_64 (what was added later, removed earlier, exists only on other targets or hosts).
 * Skips without QEMU (fails under CI=true); the table is for 7.2 only, so another version
 * skips it with a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QmpClient, type QmpSchema } from '../../templates/runtime/index.js';
import { findQemuForTests, startQemu, type QemuProcess } from '../helpers/qemu.js';

const qemu = findQemuForTests();
const is72 = qemu !== undefined && qemu.version.major === 7 && qemu.version.minor === 2;
if (qemu && !is72) console.warn(`[capabilities] the supports() table is for QEMU 7.2; found ${qemu.version.major}.${qemu.version.minor}: skipped`);

const TABLE: Array<[path: string, present: boolean, why: string]> = [
  // commands and events
  ['query-cpus-fast', true, 'since 2.12'],
  ['query-cpus', false, 'removed in 6.0'],
  ['blockdev-reopen', true, 'stable since 6.1'],
  ['x-blockdev-reopen', false, 'renamed to blockdev-reopen in 6.1'],
  ['query-sgx', true, 'x86 only'],
  ['rtc-reset-reinjection', true, 'x86 only'],
  ['query-gic-capabilities', false, 'Arm only'],
  ['query-cpu-model-comparison', false, 's390x only'],
  ['query-migrationthreads', false, 'added in 8.0'],
  ['MEMORY_DEVICE_SIZE_CHANGE', true, 'event since 5.1'],
  ['HV_BALLOON_STATUS_REPORT', false, 'event added in 8.2'],
  // arguments, members, optionality
  ['blockdev-add/arg-type/+file/filename', true, 'the file driver'],
  ['blockdev-add/arg-type/*node-name', true, 'optional'],
  ['blockdev-add/arg-type/*driver', false, 'the discriminator is required'],
  ['blockdev-add/arg-type/node-name/!string', true, 'a string'],
  ['blockdev-add/arg-type/+nbd/server/+unix/path', true, 'SocketAddress is a union'],
  ['blockdev-add/arg-type/+qcow2/*discard-no-unref', false, 'added in 8.1'],
  ['blockdev-add/arg-type/+qcow2/data-file/+file/filename', true, 'BlockdevRef is an alternate: each branch is tried'],
  ['query-named-block-nodes/arg-type/*flat', true, 'since 5.0'],
  ['query-block/ret-type/inserted/detect_zeroes', true, 'through the result array'],
  ['query-migrate/ret-type/ram/dirty-sync-missed-zero-copy', true, 'since 7.1'],
  ['query-migrate/ret-type/ram/*dirty-sync-missed-zero-copy', false, 'required, not optional'],
  ['query-stats/arg-type/+vcpu/*vcpus', true, 'since 7.1'],
  ['chardev-add/arg-type/backend/+socket/data/addr/+unix/data/*abstract', true, 'Linux hosts'],
  ['SHUTDOWN/arg-type/guest', true, 'event data'],
  // variants
  ['netdev_add/arg-type/+stream', true, 'added in 7.2'],
  ['netdev_add/arg-type/+vmnet-host', false, 'macOS hosts only'],
  ['object-add/arg-type/+thread-context', true, 'added in 7.2'],
  // enum values
  ['blockdev-add/arg-type/+file/aio/^native', true, 'Linux AIO'],
  ['blockdev-add/arg-type/+file/aio/^threads', true, 'always'],
  ['blockdev-add/arg-type/+file/aio/^posix', false, 'no such value'],
  ['migrate-set-capabilities/arg-type/capabilities/capability/^zero-copy-send', true, 'since 7.1, Linux'],
  ['migrate-set-capabilities/arg-type/capabilities/capability/^switchover-ack', false, 'added in 8.1'],
  ['SHUTDOWN/arg-type/reason/^host-qmp-quit', true, 'since 6.0'],
  ['query-status/ret-type/status/^prelaunch', true, 'RunState'],
  ['query-cpus-fast/ret-type/target/^x86_64', true, 'SysEmuTarget'],
  // json types and features
  ['blockdev-add/arg-type/+file/aio/!string', false, 'an enum, not the string built-in'],
  ['query-balloon/ret-type/actual/!int', true, 'an integer'],
  ['drive-backup/$deprecated', true, 'deprecated in 6.2'],
  ['blockdev-backup/$deprecated', false, 'not deprecated'],
  ['blockdev-add/arg-type/+file/$dynamic-auto-read-only', true, 'a feature of the file driver'],
  ['MEM_UNPLUG_ERROR/$deprecated', true, 'deprecated in 6.2'],
];

describe.skipIf(!is72)('supports() against QEMU 7.2', () => {
  let vm: QemuProcess;
  let qmp: QmpClient;
  let schema: QmpSchema;

  beforeAll(async () => {
    vm = await startQemu(qemu!.path);
    qmp = await QmpClient.connect({ path: vm.socketPath });
    schema = await qmp.schema();
  }, 120_000);
  afterAll(async () => {
    await qmp?.close();
    await vm?.stop();
  });

  it('the table has at least 30 paths, present and absent', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(TABLE.filter(([, p]) => p).length).toBeGreaterThan(10);
    expect(TABLE.filter(([, p]) => !p).length).toBeGreaterThan(10);
  });

  it.each(TABLE)('%s → %s (%s)', (path, present) => {
    expect(schema.supports(path)).toBe(present);
  });

  it('qmp.supports() and qmp.has() give the same answers, from one fetch', async () => {
    const answers = await Promise.all(TABLE.map(([path]) => qmp.supports(path)));
    expect(answers).toEqual(TABLE.map(([, present]) => present));
    expect(await qmp.has('query-cpus-fast')).toBe(true);
    expect(await qmp.has('query-cpus')).toBe(false);
    expect(schema.commands).toHaveLength(216);
    expect(schema.events).toHaveLength(52);
  });

  it("validate: 'schema' stops a bad blockdev-add before QEMU sees it, and a good one goes through", async () => {
    await qmp.close(); // QEMU's QMP socket serves one client at a time
    const checked = await QmpClient.connect({ path: vm.socketPath, validate: 'schema' });
    try {
      await expect(checked.executeUntyped('blockdev-add', { driver: 'null-co', 'node-name': 'n0', sise: 1 })).rejects.toMatchObject({
        name: 'QmpSchemaError',
        member: 'arguments.sise',
      });
      await expect(checked.executeUntyped('blockdev-add', { driver: 'null-co', 'node-name': 'n0', size: 1024 })).resolves.toEqual({});
      const nodes = (await checked.executeUntyped('query-named-block-nodes')) as Array<{ 'node-name': string }>;
      expect(nodes.map((n) => n['node-name'])).toContain('n0');
    } finally {
      await checked.close();
    }
  });

  it('warns about deprecated use once the schema is known', async () => {
    const warnings: Array<{ code: string; message: string }> = [];
    const client = await QmpClient.connect({ path: vm.socketPath, onWarning: (w) => warnings.push(w) });
    try {
      await client.schema();
      // nbd-server-add is deprecated in 7.2; the call fails (no NBD server), but it was used
      await client.executeUntyped('nbd-server-add', { device: 'nowhere' }).catch(() => undefined);
      expect(warnings.map((w) => w.code)).toEqual(['deprecated']);
      expect(warnings[0]!.message).toContain('nbd-server-add');
    } finally {
      await client.close();
    }
  });
});
