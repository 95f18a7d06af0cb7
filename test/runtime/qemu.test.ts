/**
 * The runtime client against a real qemu-system-x86_64 (`-M none`: no guest, QMP only).
 * Skips with a warning when QEMU is missing, fails instead when CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QmpClient, QmpConnectionError, QmpError } from '../../templates/runtime/index.js';
import type { QmpWarning } from '../../templates/runtime/index.js';
import { findQemuForTests, freeze, startQemu, type QemuProcess } from '../helpers/qemu.js';

const qemu = findQemuForTests();

interface StatusInfo {
  status: string;
  running: boolean;
}

describe.skipIf(!qemu)('QmpClient against real QEMU', () => {
  let vm: QemuProcess;
  let qmp: QmpClient;
  const warnings: QmpWarning[] = [];

  beforeAll(async () => {
    vm = await startQemu(qemu!.path);
    qmp = await QmpClient.connect({
      path: vm.socketPath,
      capabilities: ['oob'],
      onWarning: (w) => warnings.push(w),
    });
  });

  afterAll(async () => {
    await qmp?.close();
    await vm?.stop();
  });

  it('reads the greeting and negotiates oob', () => {
    expect(qmp.greeting.QMP.version.qemu).toEqual(qemu!.version);
    expect(typeof qmp.greeting.QMP.version.package).toBe('string');
    expect(qmp.greeting.QMP.capabilities).toContain('oob');
    expect(qmp.capabilities).toEqual(['oob']);
  });

  it('query-status', async () => {
    const status = (await qmp.execute('query-status')) as StatusInfo;
    expect(status).toMatchObject({ status: expect.any(String), running: expect.any(Boolean) });
  });

  it('stop → STOP event, cont → RESUME event', async () => {
    await qmp.execute('stop');
    const stop = await qmp.waitFor('STOP', { timeout: 10_000 });
    expect(stop).toMatchObject({
      event: 'STOP',
      timestamp: { seconds: expect.any(Number), microseconds: expect.any(Number) },
    });
    expect(((await qmp.execute('query-status')) as StatusInfo).running).toBe(false);

    await qmp.execute('cont');
    expect((await qmp.waitFor('RESUME', { timeout: 10_000 })).event).toBe('RESUME');
    expect(((await qmp.execute('query-status')) as StatusInfo).running).toBe(true);
  });

  it('query-commands lists what we use', async () => {
    const commands = (await qmp.execute('query-commands')) as Array<{ name: string }>;
    const names = commands.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'query-status',
        'stop',
        'cont',
        'human-monitor-command',
        'qmp_capabilities',
      ]),
    );
  });

  it('human-monitor-command runs HMP', async () => {
    const out = await qmp.execute('human-monitor-command', { 'command-line': 'info version' });
    const { major, minor, micro } = qemu!.version;
    expect(out).toEqual(expect.stringContaining(`${major}.${minor}.${micro}`));
  });

  it('an unknown command rejects with QmpError CommandNotFound', async () => {
    const error = await qmp.execute('no-such-command').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpError);
    expect(error).toMatchObject({ class: 'CommandNotFound', command: 'no-such-command' });
    expect((error as QmpError).desc).toContain('no-such-command');
  });

  it('bad arguments reject with QmpError GenericError', async () => {
    const missing = await qmp.execute('human-monitor-command', {}).catch((e: unknown) => e);
    expect(missing).toMatchObject({
      name: 'QmpError',
      class: 'GenericError',
      desc: expect.stringContaining('command-line'),
    });
    const unexpected = await qmp.execute('query-status', { bogus: 1 }).catch((e: unknown) => e);
    expect(unexpected).toMatchObject({
      class: 'GenericError',
      desc: expect.stringContaining('bogus'),
    });
  });

  it('exec-oob reaches QEMU (which refuses it for commands without oob support)', async () => {
    const error = await qmp
      .execute('query-status', undefined, { oob: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ class: 'GenericError', desc: expect.stringContaining('OOB') });
  });

  it('answers 200 concurrent query-status', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => qmp.execute('query-status')),
    );
    expect(results).toHaveLength(200);
    for (const r of results) expect(r).toMatchObject({ status: expect.any(String) });
  });

  it('a second client on the busy monitor is told it is probably in use', async () => {
    const second = await Promise.allSettled([QmpClient.connect({ path: vm.socketPath, connectTimeout: 300 })]);
    expect(second[0]?.status).toBe('rejected');
    expect(String((second[0] as PromiseRejectedResult).reason)).toMatch(/probably in use by another client/);
    await expect(qmp.execute('query-status')).resolves.toMatchObject({ status: expect.any(String) });
  });

  it('saw no protocol warnings', () => {
    expect(warnings).toEqual([]);
  });
});

describe.skipIf(!qemu)('QmpClient when QEMU is killed', () => {
  let vm: QemuProcess | undefined;
  afterAll(async () => {
    await vm?.stop();
  });

  it('rejects every pending command with QmpConnectionError and closes cleanly', async () => {
    vm = await startQemu(qemu!.path);
    const qmp = await QmpClient.connect({ path: vm.socketPath });
    await qmp.execute('query-status');
    const waiting = Promise.allSettled([qmp.waitFor('NEVER', { timeout: 0 })]);
    // Stop QEMU first (and wait until the kernel says it is stopped), so that no reply can
    // arrive between the calls and the kill: every call is then in flight when QEMU dies.
    await freeze(vm.child);
    const calls = Promise.allSettled(Array.from({ length: 50 }, () => qmp.execute('query-status')));
    vm.child.kill('SIGKILL');
    const results = await calls;

    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBe(50);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(QmpConnectionError);
    const [waited] = await waiting;
    expect(waited?.status === 'rejected' && waited.reason).toBeInstanceOf(QmpConnectionError);
    expect(await qmp.closed).toBeInstanceOf(QmpConnectionError);
    await qmp.close();
    await expect(qmp.execute('query-status')).rejects.toThrow(QmpConnectionError);
    expect((await vm.exited).signal).toBe('SIGKILL');
  });
});

describe.skipIf(!qemu)('QmpClient when QEMU cannot parse a request', () => {
  let vm: QemuProcess | undefined;
  afterAll(async () => {
    await vm?.stop();
  });

  it('nesting too deep: the call is rejected at once with the id-less error; the burst that follows blames nobody', async () => {
    vm = await startQemu(qemu!.path);
    const warnings: QmpWarning[] = [];
    const qmp = await QmpClient.connect({ path: vm.socketPath, onWarning: (w) => warnings.push(w) });
    let deep: unknown = 1;
    for (let i = 0; i < 2000; i++) deep = [deep];
    const result = await Promise.allSettled([qmp.executeUntyped('query-status', { deep }, { timeout: 0 })]);
    expect(result[0]?.status).toBe('rejected');
    expect((result[0] as PromiseRejectedResult).reason).toBeInstanceOf(QmpError);
    // QEMU goes on reporting the rest of that request token by token: none of it is pinned on
    // the next command
    await expect(qmp.execute('query-status')).resolves.toMatchObject({ status: expect.any(String) });
    expect(new Set(warnings.map((w) => w.code))).toEqual(new Set(warnings.length ? ['reply-without-id'] : []));
    await qmp.close();
  });
});
