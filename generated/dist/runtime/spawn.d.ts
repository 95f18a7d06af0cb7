import type { Socket } from 'node:net';
import { QmpClientError } from './errors.js';
import { FdSocket, type QmpFdPassingOptions } from './fd.js';
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
    readonly exited: Promise<{
        code: number | null;
        signal: NodeJS.Signals | null;
    }>;
    /** The last lines QEMU wrote to stderr (at most 8 KiB). */
    stderrTail(): string;
}
/** QEMU could not be started, or exited before the QMP handshake completed. */
export declare class QmpSpawnError extends QmpClientError {
    /** QEMU's exit code, when it exited. */
    readonly exitCode: number | null;
    /** The end of what QEMU wrote to stderr. */
    readonly stderr: string;
    constructor(message: string, exitCode: number | null, stderr: string, options?: ErrorOptions);
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
/** A value for QEMU's option syntax, where a comma is written twice. */
export declare function qemuOptionValue(value: string): string;
/** The arguments `spawn()` adds after the caller's. */
export declare function spawnArguments(options: Pick<QmpSpawnOptions, 'fds'>, socketPath: string | undefined): string[];
/**
 * Starts QEMU and opens the client over its QMP connection with `open`. Whatever fails,
 * nothing is left behind: the process is stopped and the private directory removed.
 */
export declare function spawnQemu<T>(binary: string, args: readonly string[], options: QmpSpawnOptions, open: (transport: SpawnedTransport) => Promise<T>): Promise<T>;
