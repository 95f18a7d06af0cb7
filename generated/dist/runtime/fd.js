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
export const FD_MODULE = 'usocket';
const INSTALL_HINT = `Passing file descriptors at run time needs the optional native module '${FD_MODULE}', ` +
    `which is not installed: run \`npm install ${FD_MODULE}\` (it compiles with node-gyp: ` +
    `python3, make and a C++ compiler), or pass it as the \`usocket\` option. ` +
    `Descriptors given at launch (\`spawn()\`'s \`fds\`) need no module.`;
/** Native objects of closed usocket sockets and servers, kept until libuv has closed their handles. */
const closing = new Set();
export function guardClose(target) {
    const nativeOf = () => target._wrap ?? undefined;
    let armed;
    return {
        arm: () => {
            armed = nativeOf() ?? armed;
        },
        closed: () => {
            const native = nativeOf() ?? armed;
            if (native === undefined || closing.has(native))
                return;
            closing.add(native);
            setTimeout(() => closing.delete(native), 1000).unref();
        },
    };
}
/** The `usocket` module: `given` if any, else the installed one; throws a clear error if none. */
export function loadUsocket(given) {
    if (given !== undefined)
        return given;
    try {
        return createRequire(import.meta.url)(FD_MODULE);
    }
    catch (error) {
        throw new QmpClientError(INSTALL_HINT, { cause: error });
    }
}
/**
 * A `usocket` socket dressed as the subset of `net.Socket` the client uses (events `data`,
 * `drain`, `end`, `error`, `close`; `write`, `cork`, `uncork`, `destroy`), plus `sendFds`.
 */
export class FdSocket extends EventEmitter {
    #socket;
    #guard;
    #destroyed = false;
    constructor(socket) {
        super();
        this.#socket = socket;
        this.#guard = guardClose(socket);
        this.#guard.arm(); // connected: its native object exists
        socket.on('data', (chunk) => this.emit('data', chunk));
        socket.on('drain', () => this.emit('drain'));
        socket.on('end', () => this.emit('end'));
        // Stays attached after destroy(): usocket reports writes after close as errors.
        socket.on('error', (error) => {
            this.#guard.closed(); // usocket closes itself on an error
            if (!this.#destroyed)
                this.emit('error', error);
        });
        socket.on('close', () => this.destroy());
    }
    /** Like `net.Socket.write`: false when the caller should wait for 'drain'. */
    write(line) {
        if (this.#destroyed)
            return true;
        this.#socket.write(Buffer.from(line));
        return !this.#socket.writableNeedDrain;
    }
    cork() {
        this.#socket.cork();
    }
    uncork() {
        this.#socket.uncork();
    }
    setNoDelay() {
        return this;
    }
    /** Closes the socket; 'close' follows on the next tick (once). */
    destroy() {
        if (this.#destroyed)
            return this;
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
    sendFds(fds) {
        if (this.#destroyed)
            return Promise.reject(new QmpClientError('The QMP connection is closed'));
        return new Promise((resolve) => this.#socket.write({ data: Buffer.from(' '), fds: [...fds], callback: () => resolve() }));
    }
}
/**
 * Connects to a Unix socket through `usocket`. Resolves once connected: usocket must not be
 * read from before (it asserts), and the client starts reading at once.
 */
export function connectWithFds(module, path) {
    return new Promise((resolve, reject) => {
        const socket = new module.USocket();
        const guard = guardClose(socket);
        const onError = (error) => {
            guard.closed(); // usocket closes itself on an error
            reject(error);
        };
        socket.once('error', onError);
        socket.once('connected', () => {
            socket.off('error', onError);
            resolve(new FdSocket(socket));
        });
        socket.connect(path);
        guard.arm(); // usocket makes its native object in connect()
    });
}
/** Checks a file descriptor argument. */
export function checkFd(fd) {
    if (!Number.isSafeInteger(fd) || fd < 0) {
        throw new RangeError(`A file descriptor must be an integer >= 0, got ${fd}`);
    }
    return fd;
}
/** Why a connection cannot pass descriptors. */
export function noFdPassing() {
    return new QmpClientError('This QMP connection cannot pass file descriptors: open it with `fdPassing: true` ' +
        `(which needs the optional native module '${FD_MODULE}')`);
}
