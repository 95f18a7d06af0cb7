/**
 * Passing file descriptors to a real QEMU at run time (SCM_RIGHTS over the optional native
 * module `usocket`): `add-fd` of an opened file then `blockdev-add` of a `file` node on
 * `/dev/fdset/N`, and `getfd`/`closefd`, over both `spawn({ fdPassing })` and
 * `connect({ path, fdPassing })`. Skips visibly when QEMU or the module is missing; under
 * CI=true a missing QEMU fails, and so does a missing module while it is a devDependency.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QmpClient, QmpError, QmpSpawnError, type UsocketModule } from '../../templates/runtime/index.js';
import { findQemuForTests, startQemu } from '../helpers/qemu.js';
import { ROOT } from '../typescript/helpers.js';

const qemu = findQemuForTests();
const BASE = ['-M', 'none', '-nodefaults', '-nographic'];

// A temp folder of this file's own (os.tmpdir() reads TMPDIR on each call), so that checking
// for leftover qmp-spawn-* directories sees only what this file's tests made.
const privateTmp = mkdtempSync(join(tmpdir(), 'qmp-test-root-'));
process.env['TMPDIR'] = privateTmp;
afterAll(() => rmSync(privateTmp, { recursive: true, force: true }));

function findUsocket(): UsocketModule | undefined {
  try {
    return createRequire(import.meta.url)('usocket') as UsocketModule;
  } catch (error) {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    const why = `the native module usocket cannot be loaded (${(error as Error).message.split('\n')[0]})`;
    if (process.env['CI'] === 'true' && pkg.devDependencies?.['usocket']) {
      throw new Error(`CI=true and usocket is a devDependency, but ${why}`);
    }
    console.warn(`[qmp runtime] Skipping the run-time fd passing tests: ${why}.`);
    return undefined;
  }
}
const usocket = qemu ? findUsocket() : undefined;

interface FdSet {
  'fdset-id': number;
  fds: Array<{ fd: number; opaque?: string }>;
}

describe('without fdPassing', () => {
  it.skipIf(!qemu)('sendFd and its helpers reject with what to do', async () => {
    await using qmp = await QmpClient.spawn(qemu!.path, BASE);
    expect(qmp.canPassFds).toBe(false);
    await expect(qmp.sendFd(0)).rejects.toThrow(/fdPassing: true.*usocket/);
    await expect(qmp.addFdToSet(0)).rejects.toThrow(/fdPassing: true/);
  });
});

describe.skipIf(!qemu || !usocket)('run-time fd passing against real QEMU', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qmp-fd-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function image(name: string): number {
    const file = join(dir, name);
    writeFileSync(file, Buffer.alloc(1024 * 1024));
    return openSync(file, 'r+');
  }

  it('spawn({ fdPassing }): add-fd, then blockdev-add on /dev/fdset/N; no socket file is left', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('qmp-spawn-'));
    const fd = image('runtime.img');
    try {
      await using qmp = await QmpClient.spawn(qemu!.path, BASE, { fdPassing: true, usocket });
      expect(qmp.canPassFds).toBe(true);
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith('qmp-spawn-'))).toEqual(before);
      const info = await qmp.addFdToSet(fd, { opaque: 'runtime image' });
      expect(info).toEqual({ 'fdset-id': expect.any(Number), fd: expect.any(Number) });
      const sets = (await qmp.executeUntyped('query-fdsets')) as FdSet[];
      expect(sets).toEqual([{ 'fdset-id': info['fdset-id'], fds: [{ fd: info.fd, opaque: 'runtime image' }] }]);
      await qmp.executeUntyped('blockdev-add', {
        driver: 'file',
        'node-name': 'rt0',
        filename: `/dev/fdset/${info['fdset-id']}`,
      });
      const nodes = (await qmp.executeUntyped('query-named-block-nodes')) as Array<{ 'node-name': string; file: string }>;
      expect(nodes.find((n) => n['node-name'] === 'rt0')).toMatchObject({ file: `/dev/fdset/${info['fdset-id']}` });
    } finally {
      closeSync(fd);
    }
  });

  it('several descriptors passed at once go into their own sets, in call order', async () => {
    const fds = [image('a.img'), image('b.img'), image('c.img')];
    try {
      await using qmp = await QmpClient.spawn(qemu!.path, BASE, { fdPassing: true, usocket });
      const infos = await Promise.all(fds.map((fd, i) => qmp.addFdToSet(fd, { fdsetId: 10 + i, opaque: `n${i}` })));
      expect(infos.map((i) => i['fdset-id'])).toEqual([10, 11, 12]);
      const sets = (await qmp.executeUntyped('query-fdsets')) as FdSet[];
      expect(sets.map((s) => [s['fdset-id'], s.fds.map((f) => f.opaque)]).sort()).toEqual([
        [10, ['n0']],
        [11, ['n1']],
        [12, ['n2']],
      ]);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  });

  it('connect({ path, fdPassing }): getfd by name, then closefd', async () => {
    const vm = await startQemu(qemu!.path);
    const fd = image('named.img');
    try {
      await using qmp = await QmpClient.connect({ path: vm.socketPath, fdPassing: true, usocket });
      await qmp.passFd('disk0', fd);
      await qmp.executeUntyped('closefd', { fdname: 'disk0' });
      // It was there once: a second closefd finds nothing.
      const again = await qmp.executeUntyped('closefd', { fdname: 'disk0' }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(QmpError);
    } finally {
      closeSync(fd);
      await vm.stop();
    }
  });

  it('spawn({ fdPassing }) failing (missing binary, early exit) leaves no socket or directory', async () => {
    const dirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('qmp-spawn-'));
    const before = dirs();
    const missing = await QmpClient.spawn('/nonexistent/qemu', [], { fdPassing: true, usocket }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QmpSpawnError);
    expect((missing as Error).message).toMatch(/Cannot start \/nonexistent\/qemu/);
    expect(dirs()).toEqual(before);
    const early = (await QmpClient.spawn(qemu!.path, [...BASE, '-no-such-option'], { fdPassing: true, usocket }).catch(
      (e: unknown) => e,
    )) as QmpSpawnError;
    expect(early).toBeInstanceOf(QmpSpawnError);
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toContain('-no-such-option');
    expect(dirs()).toEqual(before);
  });

  it('getfd without a descriptor fails in QEMU, which shows the fd really travels', async () => {
    await using qmp = await QmpClient.spawn(qemu!.path, BASE, { fdPassing: true, usocket });
    const error = await qmp.executeUntyped('getfd', { fdname: 'none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpError);
    expect((error as QmpError).desc).toMatch(/file descriptor/i);
  });
});
