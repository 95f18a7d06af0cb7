/**
 * A QEMU with a guest machine for the live tests (test/helpers/qemu.ts starts `-M none` only):
 * the given arguments plus a QMP server socket in a fresh folder; stopped and removed by `stop`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Vm {
  socketPath: string;
  pid: number | undefined;
  stderr(): string;
  exited: Promise<void>;
  stop(): Promise<void>;
}

function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

export async function startVm(binary: string, args: readonly string[]): Promise<Vm> {
  const dir = mkdtempSync(join(tmpdir(), 'qmp-live-vm-'));
  const socketPath = join(dir, 'qmp.sock');
  const child = spawn(binary, [...args, '-qmp', `unix:${socketPath},server=on,wait=off`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => {
    if (stderr.length < 64 * 1024) stderr += t;
  });
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (e) => {
      stderr += String(e);
      resolve();
    });
  }).then(() => {
    running = false;
  });
  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // the socket appears at bind(), a moment before QEMU listens: wait until it accepts
  const deadline = Date.now() + 30_000;
  while (!(existsSync(socketPath) && (await accepts(socketPath)))) {
    if (!running || Date.now() > deadline) {
      await stop();
      throw new Error(`QEMU did not start serving QMP (${running ? 'timed out' : 'it exited'}):\n${stderr}`);
    }
    await sleep(20);
  }
  return { socketPath, pid: child.pid, stderr: () => stderr, exited, stop };
}
