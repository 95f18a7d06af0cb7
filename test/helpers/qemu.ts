/**
 * Real QEMU for tests: find `qemu-system-x86_64`, start it with a QMP socket and nothing
 * else (`-M none -nodefaults`), stop it afterwards.
 *
 * When the binary is missing, `findQemuForTests()` throws if `CI=true` (CI must run these
 * tests; `.ci/run` installs qemu-system-x86), and otherwise warns and returns undefined so
 * the caller can `describe.skipIf(!qemu)`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const QEMU_BINARY = 'qemu-system-x86_64';

/** The binary's path: `$QEMU_SYSTEM_X86_64` if set, else the first one on `$PATH`. */
export function findQemu(): string | undefined {
  const override = process.env['QEMU_SYSTEM_X86_64'];
  if (override) return override;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, QEMU_BINARY);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface QemuInfo {
  path: string;
  /** From `--version`, e.g. `{ major: 7, minor: 2, micro: 22 }`. */
  version: { major: number; minor: number; micro: number };
}

/** The QEMU to test against, or undefined (after a visible warning) when tests should skip. */
export function findQemuForTests(): QemuInfo | undefined {
  const path = findQemu();
  if (path === undefined) {
    const why = `${QEMU_BINARY} was not found on PATH (set QEMU_SYSTEM_X86_64 or install qemu-system-x86)`;
    if (process.env['CI'] === 'true')
      throw new Error(`CI=true requires the real-QEMU tests to run, but ${why}`);
    console.warn(`[qmp runtime] Skipping the real-QEMU tests: ${why}.`);
    return undefined;
  }
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const match = /version (\d+)\.(\d+)\.(\d+)/.exec(out.stdout ?? '');
  if (!match)
    throw new Error(
      `Cannot read the version of ${path}: ${out.stderr || out.error?.message || out.stdout}`,
    );
  return {
    path,
    version: { major: Number(match[1]), minor: Number(match[2]), micro: Number(match[3]) },
  };
}

export interface QemuProcess {
  child: ChildProcess;
  /** The QMP Unix socket. */
  socketPath: string;
  /** What QEMU wrote to stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends QEMU (SIGTERM, then SIGKILL after 5 s) and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** The state letter of /proc/PID/stat (`T`: stopped by a signal), or undefined once it is gone. */
export function processState(pid: number): string | undefined {
  try {
    return /^\d+ \(.*\) (\S)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Stops QEMU with SIGSTOP and resolves once the kernel reports it stopped, so that nothing
 * sent afterwards can be answered: calls made next are all in flight when it is killed.
 * This is what makes a "killed mid-flight" test deterministic (a reply cannot race the kill).
 */
export async function freeze(child: ChildProcess, ms = 10_000): Promise<void> {
  child.kill('SIGSTOP');
  const deadline = Date.now() + ms;
  while (processState(child.pid!) !== 'T') {
    if (Date.now() > deadline) throw new Error(`QEMU (pid ${child.pid}) did not stop within ${ms} ms`);
    await sleep(2);
  }
}

/** Whether a Unix socket accepts a connection (which is closed again at once). */
/**
 * Whether QEMU serves QMP on `path`: a probe that connects, reads the greeting and hangs up in
 * order (end, then wait for the close). A probe that hung up before QEMU had written the
 * greeting left QEMU to find a broken connection while the test's own client was already
 * queued behind it; under load, that client then saw ECONNRESET before its first command.
 */
function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    let greeted = false;
    const timer = setTimeout(() => probe.destroy(), 5000);
    probe.once('data', () => {
      greeted = true;
      probe.end();
    });
    probe.on('error', () => {});
    probe.once('close', () => {
      clearTimeout(timer);
      resolve(greeted);
    });
  });
}

/** Starts QEMU with only a QMP server on a fresh Unix socket, and waits for the socket. */
export async function startQemu(
  binary: string,
  extraArgs: readonly string[] = [],
): Promise<QemuProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'qmp-qemu-'));
  const socketPath = join(dir, 'qmp.sock');
  const args = [
    '-M',
    'none',
    '-nodefaults',
    '-nographic',
    '-qmp',
    `unix:${socketPath},server=on,wait=off`,
    ...extraArgs,
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < 64 * 1024) stderr += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      stderr += String(error);
      resolve({ code: null, signal: null });
    });
  });
  let running = true;
  void exited.then(() => (running = false));

  const stop = async (): Promise<void> => {
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // The socket file appears at bind(), a moment before QEMU listens: wait until a connection
  // is greeted. (QEMU then serves the next client once this probe has hung up.)
  const deadline = Date.now() + 20_000;
  while (!(existsSync(socketPath) && (await accepts(socketPath)))) {
    if (!running || Date.now() > deadline) {
      await stop();
      throw new Error(
        `QEMU did not start serving QMP (${running ? 'timed out' : 'it exited'}):\n${stderr}`,
      );
    }
    await sleep(20);
  }
  return { child, socketPath, stderr: () => stderr, exited, stop };
}
