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
import { QmpClientError } from './errors.js';
/** What this runtime uses of the `usocket` module (its `USocket` and `UServer` classes). */
export interface UsocketModule {
    USocket: new (options?: {
        path?: string;
        fd?: number;
    }) => UsocketSocket;
    UServer: new () => UsocketServer;
}
export interface UsocketSocket extends NodeJS.EventEmitter {
    write(chunk: Buffer | {
        data?: Buffer;
        fds?: number[];
        callback?: () => void;
    }): void;
    cork(): void;
    uncork(): void;
    destroy(): void;
    readonly writableNeedDrain: boolean;
}
export interface UsocketServer extends NodeJS.EventEmitter {
    listen(path: string, callback?: () => void): void;
    close(): void;
}
export declare const FD_MODULE = "usocket";
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
export declare function guardClose(target: object): CloseGuard;
/** The `usocket` module: `given` if any, else the installed one; throws a clear error if none. */
export declare function loadUsocket(given: UsocketModule | undefined): UsocketModule;
/**
 * A `usocket` socket dressed as the subset of `net.Socket` the client uses (events `data`,
 * `drain`, `end`, `error`, `close`; `write`, `cork`, `uncork`, `destroy`), plus `sendFds`.
 */
export declare class FdSocket extends EventEmitter {
    #private;
    constructor(socket: UsocketSocket);
    /** Like `net.Socket.write`: false when the caller should wait for 'drain'. */
    write(line: string): boolean;
    cork(): void;
    uncork(): void;
    setNoDelay(): this;
    /** Closes the socket; 'close' follows on the next tick (once). */
    destroy(): this;
    /**
     * Sends `fds` with one space (QMP ignores whitespace between messages), in order with the
     * lines written before; resolves once they are handed to the kernel.
     */
    sendFds(fds: readonly number[]): Promise<void>;
}
/**
 * Connects to a Unix socket through `usocket`. Resolves once connected: usocket must not be
 * read from before (it asserts), and the client starts reading at once.
 */
export declare function connectWithFds(module: UsocketModule, path: string): Promise<FdSocket>;
/** Checks a file descriptor argument. */
export declare function checkFd(fd: number): number;
/** Why a connection cannot pass descriptors. */
export declare function noFdPassing(): QmpClientError;
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
