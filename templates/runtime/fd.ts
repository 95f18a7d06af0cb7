/// <reference types="node" />
/**
 * Passing file descriptors to QEMU at run time (SCM_RIGHTS), for `getfd` and `add-fd`.
 *
 * Node's own sockets cannot send descriptors, so a connection that passes them runs over the
 * optional native module `usocket` (`npm install usocket`; it builds with node-gyp). Ask for
 * it with `fdPassing: true` in `connect()` or `spawn()`:
 *
 * ```ts
 * const qmp = await Qmp.connect({ path, fdPassing: true });
 * const fd = fs.openSync('disk.img', 'r+');
 * const { 'fdset-id': set } = await qmp.addFdToSet(fd); // then /dev/fdset/<set>
 * ```
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { QmpClientError } from './errors.js';

/** What this runtime uses of the `usocket` module (its `USocket` and `UServer` classes). */
export interface UsocketModule {
  USocket: new (options?: { path?: string; fd?: number }) => UsocketSocket;
  UServer: new () => UsocketServer;
}

export interface UsocketSocket extends NodeJS.EventEmitter {
  write(chunk: Buffer | { data?: Buffer; fds?: number[]; callback?: () => void }): void;
  cork(): void;
  uncork(): void;
  destroy(): void;
  readonly writableNeedDrain: boolean;
}

export interface UsocketServer extends NodeJS.EventEmitter {
  listen(path: string, callback?: () => void): void;
  close(): void;
}

export const FD_MODULE = 'usocket';

const INSTALL_HINT =
  `Passing file descriptors at run time needs the optional native module '${FD_MODULE}', ` +
  `which is not installed: run \`npm install ${FD_MODULE}\` (it compiles with node-gyp: ` +
  `python3, make and a C++ compiler), or pass it as the \`usocket\` option. ` +
  `Descriptors given at launch (\`spawn()\`'s \`fds\`) need no module.`;

/** Native objects of closed usocket sockets and servers, kept until libuv has closed their handles. */
const closing = new Set<unknown>();

/**
 * Guards a usocket socket or server against a crash in usocket: its close() hands the handle to
 * libuv's uv_close() and drops the native object that holds it, so a garbage collection before
 * the event loop finishes closing frees the handle under libuv (`uv__finish_close: Assertion`,
 * an abort). `arm()` takes the native object once it exists (usocket makes it in connect() and
 * listen(); its own close on an error or at the end forgets it); `closed()`, called whenever
 * the socket may have closed or is about to, keeps that object referenced for a second.
 */
export interface CloseGuard {
  arm(): void;
  closed(): void;
}

export function guardClose(target: object): CloseGuard {
  const nativeOf = (): unknown => (target as { _wrap?: unknown })._wrap ?? undefined;
  let armed: unknown;
  return {
    arm: () => {
      armed = nativeOf() ?? armed;
    },
    closed: () => {
      const native = nativeOf() ?? armed;
      if (native === undefined || closing.has(native)) return;
      closing.add(native);
      setTimeout(() => closing.delete(native), 1000).unref();
    },
  };
}

/** The `usocket` module: `given` if any, else the installed one; throws a clear error if none. */
export function loadUsocket(given: UsocketModule | undefined): UsocketModule {
  if (given !== undefined) return given;
  try {
    return createRequire(import.meta.url)(FD_MODULE) as UsocketModule;
  } catch (error) {
    throw new QmpClientError(INSTALL_HINT, { cause: error });
  }
}

/**
 * A `usocket` socket dressed as the subset of `net.Socket` the client uses (events `data`,
 * `drain`, `end`, `error`, `close`; `write`, `cork`, `uncork`, `destroy`), plus `sendFds`.
 */
export class FdSocket extends EventEmitter {
  readonly #socket: UsocketSocket;
  readonly #guard: CloseGuard;
  #destroyed = false;

  constructor(socket: UsocketSocket) {
    super();
    this.#socket = socket;
    this.#guard = guardClose(socket);
    this.#guard.arm(); // connected: its native object exists
    socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
    socket.on('drain', () => this.emit('drain'));
    socket.on('end', () => this.emit('end'));
    // Stays attached after destroy(): usocket reports writes after close as errors.
    socket.on('error', (error: Error) => {
      this.#guard.closed(); // usocket closes itself on an error
      if (!this.#destroyed) this.emit('error', error);
    });
    socket.on('close', () => this.destroy());
  }

  /** Like `net.Socket.write`: false when the caller should wait for 'drain'. */
  write(line: string): boolean {
    if (this.#destroyed) return true;
    this.#socket.write(Buffer.from(line));
    return !this.#socket.writableNeedDrain;
  }

  cork(): void {
    this.#socket.cork();
  }

  uncork(): void {
    this.#socket.uncork();
  }

  setNoDelay(): this {
    return this;
  }

  /** Closes the socket; 'close' follows on the next tick (once). */
  destroy(): this {
    if (this.#destroyed) return this;
    this.#destroyed = true;
    this.#guard.closed();
    this.#socket.destroy();
    process.nextTick(() => this.emit('close'));
    return this;
  }

  /**
   * Sends `fds` with one space (QMP ignores whitespace between messages), in order with the
   * lines written before; resolves once they are handed to the kernel.
   */
  sendFds(fds: readonly number[]): Promise<void> {
    if (this.#destroyed) return Promise.reject(new QmpClientError('The QMP connection is closed'));
    return new Promise((resolve) =>
      this.#socket.write({ data: Buffer.from(' '), fds: [...fds], callback: () => resolve() }),
    );
  }
}

/**
 * Connects to a Unix socket through `usocket`. Resolves once connected: usocket must not be
 * read from before (it asserts), and the client starts reading at once.
 */
export function connectWithFds(module: UsocketModule, path: string): Promise<FdSocket> {
  return new Promise((resolve, reject) => {
    const socket = new module.USocket();
    const guard = guardClose(socket);
    const onError = (error: Error): void => {
      guard.closed(); // usocket closes itself on an error
      reject(error);
    };
    socket.once('error', onError);
    socket.once('connected', () => {
      socket.off('error', onError);
      resolve(new FdSocket(socket));
    });
    (socket as unknown as { connect(path: string): void }).connect(path);
    guard.arm(); // usocket makes its native object in connect()
  });
}

/** Checks a file descriptor argument. */
export function checkFd(fd: number): number {
  if (!Number.isSafeInteger(fd) || fd < 0) {
    throw new RangeError(`A file descriptor must be an integer >= 0, got ${fd}`);
  }
  return fd;
}

/** Why a connection cannot pass descriptors. */
export function noFdPassing(): QmpClientError {
  return new QmpClientError(
    'This QMP connection cannot pass file descriptors: open it with `fdPassing: true` ' +
      `(which needs the optional native module '${FD_MODULE}')`,
  );
}

/** Result of QMP `add-fd`. */
export interface QmpAddFdInfo {
  'fdset-id': number;
  fd: number;
}

export interface AddFdOptions {
  /** The fd set to add to; by default QEMU creates a new one. */
  fdsetId?: number;
  /** Free text QEMU keeps with the descriptor (shown by `query-fdsets`). */
  opaque?: string;
}

export interface QmpFdPassingOptions {
  /**
   * Open the connection so that descriptors can be passed at run time (`sendFd`,
   * `passFd`, `addFdToSet`, `executeWithFd`); needs the optional native module `usocket`.
   */
  fdPassing?: boolean;
  /** The `usocket` module to use, when it is not installed where this package can find it. */
  usocket?: UsocketModule;
}
