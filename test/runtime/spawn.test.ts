/**
 * `QmpClient.spawn()` against a real qemu-system-x86_64: the QMP connection over an inherited
 * socket pair, clean stops (quit, signals), `await using`, launch-time descriptors
 * (`-add-fd`) used by `blockdev-add`, and the failures (missing binary, early exit).
 * Skips with a warning when QEMU is missing, fails instead when CI=true.
 */
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QmpClient,
  QmpConnectionError,
  QmpSpawnError,
  qemuOptionValue,
} from '../../templates/runtime/index.js';
import { spawnArguments } from '../../templates/runtime/spawn.js';
import { findQemuForTests } from '../helpers/qemu.js';

const qemu = findQemuForTests();
const BASE = ['-M', 'none', '-nodefaults', '-nographic'];

// A temp folder of this file's own (os.tmpdir() reads TMPDIR on each call), so that checking
// for leftover qmp-spawn-* directories sees only what this file's tests made.
const privateTmp = mkdtempSync(join(tmpdir(), 'qmp-test-root-'));
process.env['TMPDIR'] = privateTmp;
afterAll(() => rmSync(privateTmp, { recursive: true, force: true }));

/** Whether a process exists (signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Entries of the temp folder that spawn's fdPassing mode would create. */
function spawnDirs(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('qmp-spawn-'));
}

describe('spawn arguments', () => {
  it.each([
    [{}, undefined, ['-chardev', 'socket,id=qmp-spawn,fd=3', '-mon', 'chardev=qmp-spawn,mode=control']],
    [
      { fds: [{ fd: 9, set: 2 }, { fd: 10, set: 2, opaque: 'a,b' }] },
      undefined,
      [
        '-chardev',
        'socket,id=qmp-spawn,fd=3',
        '-mon',
        'chardev=qmp-spawn,mode=control',
        '-add-fd',
        'fd=4,set=2',
        '-add-fd',
        'fd=5,set=2,opaque=a,,b',
      ],
    ],
    [{}, '/tmp/x,y/qmp.sock', ['-chardev', 'socket,id=qmp-spawn,path=/tmp/x,,y/qmp.sock', '-mon', 'chardev=qmp-spawn,mode=control']],
  ])('%j %s', (options, path, expected) => {
    expect(spawnArguments(options, path)).toEqual(expected);
  });

  it('escapes commas for QEMU option values', () => {
    expect(qemuOptionValue('a,b,,c')).toBe('a,,b,,,,c');
  });

  it('rejects bad arguments before starting anything', async () => {
    await expect(QmpClient.spawn('', [])).rejects.toThrow(TypeError);
    await expect(QmpClient.spawn('qemu', [1 as unknown as string])).rejects.toThrow(TypeError);
    await expect(QmpClient.spawn('qemu', [], { fds: [{ fd: -1, set: 1 }] })).rejects.toThrow(RangeError);
    await expect(QmpClient.spawn('qemu', [], { quitTimeout: -1 })).rejects.toThrow(RangeError);
  });
});

describe('spawn failures', () => {
  it('a missing binary: QmpSpawnError naming it', async () => {
    const error = await QmpClient.spawn('/nonexistent/qemu-system-none', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpSpawnError);
    expect((error as Error).message).toMatch(/Cannot start \/nonexistent\/qemu-system-none: .*ENOENT/);
  });

  it.skipIf(!qemu)('QEMU exiting early: QmpSpawnError with the exit code and stderr tail', async () => {
    const error = (await QmpClient.spawn(qemu!.path, [...BASE, '-no-such-option']).catch(
      (e: unknown) => e,
    )) as QmpSpawnError;
    expect(error).toBeInstanceOf(QmpSpawnError);
    expect(error.exitCode).toBe(1);
    expect(error.stderr).toContain('-no-such-option');
    expect(error.message).toMatch(/exited \(exit code 1\) before the QMP handshake completed\n.*-no-such-option/);
  });
});

describe.skipIf(!qemu)('spawn against real QEMU', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qmp-spawn-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('connects over the inherited socket pair and close() quits QEMU', async () => {
    const before = spawnDirs();
    const qmp = await QmpClient.spawn(qemu!.path, BASE);
    expect(qmp.greeting.QMP.version.qemu).toEqual(qemu!.version);
    expect(qmp.qemu?.running).toBe(true);
    const pid = qmp.qemu!.pid;
    expect(alive(pid)).toBe(true);
    expect(await qmp.execute('query-status')).toMatchObject({ running: expect.any(Boolean) });
    expect(spawnDirs()).toEqual(before); // no socket file anywhere
    await qmp.close();
    expect(await qmp.qemu!.exited).toEqual({ code: 0, signal: null });
    expect(await qmp.closed).toBeUndefined(); // closing by the user is not an error
    expect(qmp.qemu!.running).toBe(false);
    expect(alive(pid)).toBe(false);
    await qmp.close(); // idempotent
  });

  it('await using stops QEMU at the end of the scope', async () => {
    let pid = 0;
    let exited: Promise<unknown> = Promise.resolve();
    {
      await using qmp = await QmpClient.spawn(qemu!.path, BASE);
      pid = qmp.qemu!.pid;
      exited = qmp.qemu!.exited;
      expect(alive(pid)).toBe(true);
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(alive(pid)).toBe(false);
  });

  it('a QEMU that ignores quit gets SIGTERM, then SIGKILL', async () => {
    // quit is answered but QEMU is stopped (SIGSTOP) right after the handshake, so it can exit
    // only once it is killed: SIGTERM is queued while stopped; SIGKILL ends it.
    const qmp = await QmpClient.spawn(qemu!.path, BASE, { quitTimeout: 200, killTimeout: 200 });
    const pid = qmp.qemu!.pid;
    process.kill(pid, 'SIGSTOP');
    await qmp.close();
    expect(await qmp.qemu!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(alive(pid)).toBe(false);
  });

  it('QEMU exiting after a quit ends the connection cleanly (no error), and close() still works', async () => {
    const qmp = await QmpClient.spawn(qemu!.path, BASE);
    await qmp.executeUntyped('quit');
    // a normal quit is not a connection failure: `closed` resolves without a reason
    const reason = await qmp.closed;
    expect(reason).toBeUndefined();
    expect(await qmp.qemu!.exited).toEqual({ code: 0, signal: null });
    await qmp.close();
  });

  it('passes descriptors at launch: -add-fd, then blockdev-add on /dev/fdset/N', async () => {
    const image = join(dir, 'launch.img');
    writeFileSync(image, Buffer.alloc(1024 * 1024));
    const fd = openSync(image, 'r+');
    try {
      await using qmp = await QmpClient.spawn(qemu!.path, BASE, {
        fds: [{ fd, set: 7, opaque: 'launch,image' }],
      });
      const fdsets = (await qmp.executeUntyped('query-fdsets')) as Array<{
        'fdset-id': number;
        fds: Array<{ fd: number; opaque?: string }>;
      }>;
      expect(fdsets).toEqual([{ 'fdset-id': 7, fds: [{ fd: expect.any(Number), opaque: 'launch,image' }] }]);
      await qmp.executeUntyped('blockdev-add', {
        driver: 'file',
        'node-name': 'launch0',
        filename: '/dev/fdset/7',
      });
      const nodes = (await qmp.executeUntyped('query-named-block-nodes')) as Array<{
        'node-name': string;
        file: string;
      }>;
      expect(nodes.find((n) => n['node-name'] === 'launch0')).toMatchObject({ file: '/dev/fdset/7' });
    } finally {
      closeSync(fd);
    }
  });

  it('traces every message of the session', async () => {
    const lines: string[] = [];
    {
      await using qmp = await QmpClient.spawn(qemu!.path, BASE, {
        trace: (entry) => lines.push(entry.text),
      });
      await qmp.executeUntyped('query-status');
    }
    expect(lines[0]).toMatch(/^<- \{"QMP":/);
    expect(lines[1]).toBe('-> {"execute":"qmp_capabilities","id":1}');
    expect(lines[2]).toBe('<- {"return":{},"id":1}');
    expect(lines[3]).toBe('-> {"execute":"query-status","id":2}');
    expect(lines[4]).toMatch(/^<- \{"return":\{.*"status":/);
    expect(lines).toContain('-> {"execute":"quit","id":3}');
  });
});
