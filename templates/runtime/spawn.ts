/// <reference types="node" />
/**
 * `QmpClient.spawn()`: start QEMU with a QMP connection the client owns, and stop it again.
 *
 * The connection is one end of a socket pair that QEMU inherits as file descriptor 3
 * (`-chardev socket,fd=3 -mon mode=control`): there is no socket file, so there is nothing
 * to wait for, nothing to race with and nothing to clean up. With `fdPassing: true` the
 * connection must run over the native `usocket` module instead: the client listens on a
 * socket in a fresh private (0700) directory, QEMU connects to it at startup (`-chardev
 * socket,path=...`, client mode), and the socket file and directory are removed as soon as
 * QEMU has connected (or failed to).
 *
 * `close()` (or `await using`) sends `quit`, waits `quitTimeout` for QEMU to exit, then sends
 * SIGTERM, waits `killTimeout`, then SIGKILL. A QEMU that is still running when Node exits is
 * killed.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QmpAbortError, QmpClientError, QmpTimeoutError } from './errors.js';
import {
  type CloseGuard,
  FdSocket,
  guardClose,
  loadUsocket,
  type QmpFdPassingOptions,
} from './fd.js';
import type { QmpClientOptions } from './types.js';

/** A file descriptor QEMU inherits at launch, added to an fd set by `-add-fd`. */
export interface QmpLaunchFd {
  /** An open descriptor of this process; the child gets a copy (close yours when you like). */
  fd: number;
  /** The fd set (`/dev/fdset/<set>`). */
  set: number;
  /** Free text QEMU shows in `query-fdsets`. */
  opaque?: string;
}

export interface QmpSpawnOptions extends QmpClientOptions, QmpFdPassingOptions {
  /** Descriptors to hand to QEMU at launch (`-add-fd fd=N,set=S`). */
  fds?: readonly QmpLaunchFd[];
  /** QEMU's stdout: ignored (default) or shared with this process. */
  stdout?: 'ignore' | 'inherit';
  /** Receives QEMU's stderr as it comes (its tail is kept anyway, for error messages). */
  onStderr?: (text: string) => void;
  /** Environment of QEMU (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Working directory of QEMU. */
  cwd?: string;
  /** Milliseconds to wait for QEMU to exit after `quit` before SIGTERM (default 5000). */
  quitTimeout?: number;
  /** Milliseconds to wait after SIGTERM before SIGKILL (default 5000). */
  killTimeout?: number;
}

/** The QEMU process of a spawned client. */
export interface QmpQemuProcess {
  readonly pid: number;
  /** Whether the process is still running. */
  readonly running: boolean;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines QEMU wrote to stderr (at most 8 KiB). */
  stderrTail(): string;
}

/** QEMU could not be started, or exited before the QMP handshake completed. */
export class QmpSpawnError extends QmpClientError {
  /** QEMU's exit code, when it exited. */
  readonly exitCode: number | null;
  /** The end of what QEMU wrote to stderr. */
  readonly stderr: string;

  constructor(message: string, exitCode: number | null, stderr: string, options?: ErrorOptions) {
    super(stderr ? `${message}\n${stderr.trimEnd()}` : message, options);
    this.name = 'QmpSpawnError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** How a spawned client stops its QEMU; the client calls `stop` from `close()`. */
export interface QmpProcessOwner {
  readonly process: QmpQemuProcess;
  /** `quit` (when `quit` is given), then SIGTERM, then SIGKILL, with the grace periods. */
  stop(quit: (() => Promise<unknown>) | undefined): Promise<void>;
}

/** A transport plus the owner, handed to the client's `open`. */
export interface SpawnedTransport {
  socket: Socket | FdSocket;
  owner: QmpProcessOwner;
}

const DEFAULT_QUIT_TIMEOUT = 5000;
const DEFAULT_KILL_TIMEOUT = 5000;
const STDERR_TAIL = 8 * 1024;
const CHARDEV = 'qmp-spawn';
/** The first descriptor after stdin, stdout, stderr and the QMP socket. */
const FIRST_LAUNCH_FD = 4;

/** Children still running, killed if this process exits first. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** A value for QEMU's option syntax, where a comma is written twice. */
export function qemuOptionValue(value: string): string {
  return value.replace(/,/g, ',,');
}

function checkMs(name: string, value: number): number {
  if (!(value >= 0 && value <= 2 ** 31 - 1)) {
    throw new RangeError(`${name} must be between 0 and ${2 ** 31 - 1} ms, got ${value}`);
  }
  return value;
}

/** The arguments `spawn()` adds after the caller's. */
export function spawnArguments(
  options: Pick<QmpSpawnOptions, 'fds'>,
  socketPath: string | undefined,
): string[] {
  const chardev =
    socketPath === undefined
      ? `socket,id=${CHARDEV},fd=3`
      : `socket,id=${CHARDEV},path=${qemuOptionValue(socketPath)}`;
  const args = ['-chardev', chardev, '-mon', `chardev=${CHARDEV},mode=control`];
  (options.fds ?? []).forEach((launch, i) => {
    let spec = `fd=${FIRST_LAUNCH_FD + i},set=${launch.set}`;
    if (launch.opaque !== undefined) spec += `,opaque=${qemuOptionValue(launch.opaque)}`;
    args.push('-add-fd', spec);
  });
  return args;
}

function checkLaunchFds(fds: readonly QmpLaunchFd[]): void {
  for (const launch of fds) {
    if (!Number.isSafeInteger(launch.fd) || launch.fd < 0) {
      throw new RangeError(`fds: a file descriptor must be an integer >= 0, got ${launch.fd}`);
    }
    if (!Number.isSafeInteger(launch.set) || launch.set < 0) {
      throw new RangeError(`fds: an fd set must be an integer >= 0, got ${launch.set}`);
    }
  }
}

/**
 * Starts QEMU and opens the client over its QMP connection with `open`. Whatever fails,
 * nothing is left behind: the process is stopped and the private directory removed.
 */
export async function spawnQemu<T>(
  binary: string,
  args: readonly string[],
  options: QmpSpawnOptions,
  open: (transport: SpawnedTransport) => Promise<T>,
): Promise<T> {
  if (typeof binary !== 'string' || binary === '') {
    throw new TypeError('QmpClient.spawn() needs the path or name of a QEMU binary');
  }
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
    throw new TypeError('QmpClient.spawn() needs its QEMU arguments as an array of strings');
  }
  const quitTimeout = checkMs('quitTimeout', options.quitTimeout ?? DEFAULT_QUIT_TIMEOUT);
  const killTimeout = checkMs('killTimeout', options.killTimeout ?? DEFAULT_KILL_TIMEOUT);
  const fds = options.fds ?? [];
  checkLaunchFds(fds);
  const { signal } = options;
  if (signal?.aborted) throw new QmpAbortError('Spawning QEMU was aborted', signal.reason);
  const usocket = options.fdPassing ? loadUsocket(options.usocket) : undefined;

  // fdPassing: a private directory for the one socket QEMU connects to.
  let dir: string | undefined;
  const removeDir = (): void => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  };
  let server: import('./fd.js').UsocketServer | undefined;
  let serverGuard: CloseGuard | undefined;
  const closeServer = (): void => {
    serverGuard?.closed();
    server?.close();
    server = undefined;
    removeDir();
  };
  let accepted: Promise<FdSocket> | undefined;
  if (usocket !== undefined) {
    dir = mkdtempSync(join(tmpdir(), 'qmp-spawn-'));
    const socketPath = join(dir, 'qmp.sock');
    const listening = usocket.UServer;
    const srv = new listening();
    server = srv;
    const guard = guardClose(srv);
    serverGuard = guard;
    srv.on('error', () => guard.closed()); // usocket closes itself on an error
    accepted = new Promise<FdSocket>((resolve, reject) => {
      srv.once('connection', (socket: import('./fd.js').UsocketSocket) => {
        closeServer();
        resolve(new FdSocket(socket));
      });
      srv.once('error', (error: Error) => reject(error));
    });
    accepted.catch(() => {});
    try {
      await new Promise<void>((resolve, reject) => {
        srv.once('listening', () => resolve());
        srv.once('error', reject);
        srv.listen(socketPath);
        guard.arm(); // usocket makes its native object in listen()
      });
    } catch (error) {
      closeServer();
      throw new QmpSpawnError(
        `Cannot listen for QEMU's QMP connection: ${String(error)}`,
        null,
        '',
        {
          cause: error,
        },
      );
    }
  }

  const socketPath = dir === undefined ? undefined : join(dir, 'qmp.sock');
  const stdio: StdioOptions = [
    'ignore',
    options.stdout ?? 'ignore',
    'pipe',
    socketPath === undefined ? 'pipe' : 'ignore',
    ...fds.map((f) => f.fd),
  ];
  let child: ChildProcess;
  try {
    child = spawn(binary, [...args, ...spawnArguments(options, socketPath)], {
      stdio,
      env: options.env,
      cwd: options.cwd,
    });
  } catch (error) {
    closeServer();
    throw new QmpSpawnError(`Cannot start ${binary}: ${String(error)}`, null, '', { cause: error });
  }

  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    tail = (tail + text).slice(-STDERR_TAIL);
    options.onStderr?.(text);
  });
  const stderrDone = new Promise<void>((resolve) => {
    if (child.stderr === null) resolve();
    else child.stderr.once('close', () => resolve());
  });
  let running = true;
  let spawnError: Error | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
    child.once('error', (error) => {
      // Only when the process could not be started (or a signal could not be sent).
      if (child.pid === undefined) {
        spawnError = error;
        resolve({ code: null, signal: null });
      }
    });
  });
  void exited.then(() => {
    running = false;
    live.delete(child);
    closeServer();
  });
  live.add(child);
  installExitHook();

  const exitedWithin = (ms: number): Promise<boolean> => {
    if (!running) return Promise.resolve(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
    ]).finally(() => clearTimeout(timer));
  };
  let stopping: Promise<void> | undefined;
  const stop = (quit: (() => Promise<unknown>) | undefined): Promise<void> =>
    (stopping ??= (async () => {
      if (running && quit !== undefined) {
        // Not awaited: a QEMU that hangs never answers. Its exit is what counts.
        quit().catch(() => {});
        if (await exitedWithin(quitTimeout)) return;
      }
      if (running) {
        child.kill('SIGTERM');
        if (await exitedWithin(killTimeout)) return;
      }
      if (running) child.kill('SIGKILL');
      await exited;
    })().finally(closeServer));

  const qemu: QmpQemuProcess = {
    get pid() {
      return child.pid ?? -1;
    },
    get running() {
      return running;
    },
    exited,
    stderrTail: () => tail,
  };
  const owner: QmpProcessOwner = { process: qemu, stop };

  /** The error for a QEMU that is gone (or never started), with its stderr. */
  const failure = async (cause: unknown): Promise<QmpSpawnError> => {
    await stop(undefined);
    await stderrDone;
    if (spawnError !== undefined) {
      return new QmpSpawnError(`Cannot start ${binary}: ${spawnError.message}`, null, tail, {
        cause: spawnError,
      });
    }
    const { code, signal: sig } = await exited;
    const how = code !== null ? `exit code ${code}` : `signal ${sig}`;
    return new QmpSpawnError(
      `${binary} exited (${how}) before the QMP handshake completed`,
      code,
      tail,
      { cause },
    );
  };

  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch {
    throw await failure(spawnError);
  }
  try {
    let socket: SpawnedTransport['socket'];
    if (accepted !== undefined) {
      const gone = exited.then(() => {
        throw new QmpClientError('QEMU exited before it connected to QMP');
      });
      gone.catch(() => {});
      socket = await Promise.race([accepted, gone]);
    } else {
      socket = child.stdio[3] as Socket;
    }
    return await open({ socket, owner });
  } catch (error) {
    // Given up on a QEMU that is still running: stop it and say why we gave up.
    if (running && (error instanceof QmpAbortError || error instanceof QmpTimeoutError)) {
      await stop(undefined);
      throw error;
    }
    throw await failure(error);
  }
}
