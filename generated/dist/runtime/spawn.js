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
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QmpAbortError, QmpClientError, QmpTimeoutError } from './errors.js';
import { FdSocket, guardClose, loadUsocket, } from './fd.js';
/** QEMU could not be started, or exited before the QMP handshake completed. */
export class QmpSpawnError extends QmpClientError {
    /** QEMU's exit code, when it exited. */
    exitCode;
    /** The end of what QEMU wrote to stderr. */
    stderr;
    constructor(message, exitCode, stderr, options) {
        super(stderr ? `${message}\n${stderr.trimEnd()}` : message, options);
        this.name = 'QmpSpawnError';
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
const DEFAULT_QUIT_TIMEOUT = 5000;
const DEFAULT_KILL_TIMEOUT = 5000;
const STDERR_TAIL = 8 * 1024;
const CHARDEV = 'qmp-spawn';
/** The first descriptor after stdin, stdout, stderr and the QMP socket. */
const FIRST_LAUNCH_FD = 4;
/** Children still running, killed if this process exits first. */
const live = new Set();
let exitHookInstalled = false;
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.once('exit', () => {
        for (const child of live)
            child.kill('SIGKILL');
    });
}
/** A value for QEMU's option syntax, where a comma is written twice. */
export function qemuOptionValue(value) {
    return value.replace(/,/g, ',,');
}
function checkMs(name, value) {
    if (!(value >= 0 && value <= 2 ** 31 - 1)) {
        throw new RangeError(`${name} must be between 0 and ${2 ** 31 - 1} ms, got ${value}`);
    }
    return value;
}
/** The arguments `spawn()` adds after the caller's. */
export function spawnArguments(options, socketPath) {
    const chardev = socketPath === undefined
        ? `socket,id=${CHARDEV},fd=3`
        : `socket,id=${CHARDEV},path=${qemuOptionValue(socketPath)}`;
    const args = ['-chardev', chardev, '-mon', `chardev=${CHARDEV},mode=control`];
    (options.fds ?? []).forEach((launch, i) => {
        let spec = `fd=${FIRST_LAUNCH_FD + i},set=${launch.set}`;
        if (launch.opaque !== undefined)
            spec += `,opaque=${qemuOptionValue(launch.opaque)}`;
        args.push('-add-fd', spec);
    });
    return args;
}
function checkLaunchFds(fds) {
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
export async function spawnQemu(binary, args, options, open) {
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
    if (signal?.aborted)
        throw new QmpAbortError('Spawning QEMU was aborted', signal.reason);
    const usocket = options.fdPassing ? loadUsocket(options.usocket) : undefined;
    // fdPassing: a private directory for the one socket QEMU connects to.
    let dir;
    const removeDir = () => {
        if (dir !== undefined)
            rmSync(dir, { recursive: true, force: true });
        dir = undefined;
    };
    let server;
    let serverGuard;
    const closeServer = () => {
        serverGuard?.closed();
        server?.close();
        server = undefined;
        removeDir();
    };
    let accepted;
    if (usocket !== undefined) {
        dir = mkdtempSync(join(tmpdir(), 'qmp-spawn-'));
        const socketPath = join(dir, 'qmp.sock');
        const listening = usocket.UServer;
        const srv = new listening();
        server = srv;
        const guard = guardClose(srv);
        serverGuard = guard;
        srv.on('error', () => guard.closed()); // usocket closes itself on an error
        accepted = new Promise((resolve, reject) => {
            srv.once('connection', (socket) => {
                closeServer();
                resolve(new FdSocket(socket));
            });
            srv.once('error', (error) => reject(error));
        });
        accepted.catch(() => { });
        try {
            await new Promise((resolve, reject) => {
                srv.once('listening', () => resolve());
                srv.once('error', reject);
                srv.listen(socketPath);
                guard.arm(); // usocket makes its native object in listen()
            });
        }
        catch (error) {
            closeServer();
            throw new QmpSpawnError(`Cannot listen for QEMU's QMP connection: ${String(error)}`, null, '', {
                cause: error,
            });
        }
    }
    const socketPath = dir === undefined ? undefined : join(dir, 'qmp.sock');
    const stdio = [
        'ignore',
        options.stdout ?? 'ignore',
        'pipe',
        socketPath === undefined ? 'pipe' : 'ignore',
        ...fds.map((f) => f.fd),
    ];
    let child;
    try {
        child = spawn(binary, [...args, ...spawnArguments(options, socketPath)], {
            stdio,
            env: options.env,
            cwd: options.cwd,
        });
    }
    catch (error) {
        closeServer();
        throw new QmpSpawnError(`Cannot start ${binary}: ${String(error)}`, null, '', { cause: error });
    }
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text) => {
        tail = (tail + text).slice(-STDERR_TAIL);
        options.onStderr?.(text);
    });
    const stderrDone = new Promise((resolve) => {
        if (child.stderr === null)
            resolve();
        else
            child.stderr.once('close', () => resolve());
    });
    let running = true;
    let spawnError;
    const exited = new Promise((resolve) => {
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
    const exitedWithin = (ms) => {
        if (!running)
            return Promise.resolve(true);
        let timer;
        return Promise.race([
            exited.then(() => true),
            new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms))),
        ]).finally(() => clearTimeout(timer));
    };
    let stopping;
    const stop = (quit) => (stopping ??= (async () => {
        if (running && quit !== undefined) {
            // Not awaited: a QEMU that hangs never answers. Its exit is what counts.
            quit().catch(() => { });
            if (await exitedWithin(quitTimeout))
                return;
        }
        if (running) {
            child.kill('SIGTERM');
            if (await exitedWithin(killTimeout))
                return;
        }
        if (running)
            child.kill('SIGKILL');
        await exited;
    })().finally(closeServer));
    const qemu = {
        get pid() {
            return child.pid ?? -1;
        },
        get running() {
            return running;
        },
        exited,
        stderrTail: () => tail,
    };
    const owner = { process: qemu, stop };
    /** The error for a QEMU that is gone (or never started), with its stderr. */
    const failure = async (cause) => {
        await stop(undefined);
        await stderrDone;
        if (spawnError !== undefined) {
            return new QmpSpawnError(`Cannot start ${binary}: ${spawnError.message}`, null, tail, {
                cause: spawnError,
            });
        }
        const { code, signal: sig } = await exited;
        const how = code !== null ? `exit code ${code}` : `signal ${sig}`;
        return new QmpSpawnError(`${binary} exited (${how}) before the QMP handshake completed`, code, tail, { cause });
    };
    try {
        await new Promise((resolve, reject) => {
            child.once('spawn', resolve);
            child.once('error', reject);
        });
    }
    catch {
        throw await failure(spawnError);
    }
    try {
        let socket;
        if (accepted !== undefined) {
            const gone = exited.then(() => {
                throw new QmpClientError('QEMU exited before it connected to QMP');
            });
            gone.catch(() => { });
            socket = await Promise.race([accepted, gone]);
        }
        else {
            socket = child.stdio[3];
        }
        return await open({ socket, owner });
    }
    catch (error) {
        // Given up on a QEMU that is still running: stop it and say why we gave up.
        if (running && (error instanceof QmpAbortError || error instanceof QmpTimeoutError)) {
            await stop(undefined);
            throw error;
        }
        throw await failure(error);
    }
}
