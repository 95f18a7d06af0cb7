import { QmpSchema } from './capabilities.js';
import { QmpConnectionError } from './errors.js';
import { type AddFdOptions, type QmpAddFdInfo } from './fd.js';
import { type QmpQemuProcess, type QmpSpawnOptions } from './spawn.js';
import type { AnyCommands, AnyEventOf, AnyEvents, CommandArgs, CommandMap, CommandReturn, EventMap, EventSelector, EventsOptions, ExecuteOptions, ExecuteRest, QmpConnectOptions, QmpGreeting, QmpEventListener, SelectedEvent, WaitForOptions } from './types.js';
/** Defaults of `QmpClientOptions` (explicitly typed so declarations can be emitted per file). */
export declare const DEFAULT_OPTIONS: Readonly<{
    timeout: number;
    connectTimeout: number;
    maxMessageBytes: number;
    eventBufferSize: number;
    /** Default `maxQueued` of `events()`. */
    maxQueued: number;
    maxUnsentBytes: number;
    retryInterval: number;
}>;
declare const initBrand: unique symbol;
/**
 * Opaque constructor argument: only `connect()` makes one. A subclass that declares a
 * constructor must accept it and pass it to `super` unchanged.
 */
export interface QmpClientInit {
    readonly [initBrand]: true;
}
/**
 * `await using qmp = await Qmp.spawn(...)`: `close()` when the scope ends. (Node >= 20.19
 * defines `Symbol.asyncDispose`; TypeScript needs `@types/node` or lib `esnext.disposable`.)
 * Declared through an interface the class merges with, not in the class: isolated
 * declaration emit writes a computed member of a class (or of an interface merged with it)
 * twice.
 */
interface QmpAsyncDisposable {
    [Symbol.asyncDispose](): Promise<void>;
}
export interface QmpClient<Commands extends CommandMap<Commands> = AnyCommands, Events extends EventMap = AnyEvents> extends QmpAsyncDisposable {
}
export declare class QmpClient<Commands extends CommandMap<Commands> = AnyCommands, Events extends EventMap = AnyEvents> {
    #private;
    /**
     * Settles once the socket is closed, whatever the reason; never rejects. The value is the
     * error that ended the connection, or `undefined` after `close()`.
     */
    readonly closed: Promise<QmpConnectionError | undefined>;
    /** Use `connect()`. */
    constructor(init: QmpClientInit);
    /**
     * Connects, reads the greeting and negotiates capabilities. Rejects with
     * `QmpConnectionError` (cannot connect, or the server hung up), `QmpProtocolError`,
     * `QmpError` (`qmp_capabilities` refused), `QmpTimeoutError` (`connectTimeout`) or
     * `QmpAbortError`; by then the socket is closed.
     */
    static connect(this: typeof QmpClient, options: QmpConnectOptions): Promise<QmpClient>;
    static connect<T>(this: new (init: QmpClientInit) => T, options: QmpConnectOptions): Promise<T>;
    /**
     * Starts QEMU (`binary` with `args`, plus a QMP monitor this client owns) and connects to
     * it; see `QmpSpawnOptions`. `close()` then also stops QEMU: `quit`, then SIGTERM after
     * `quitTimeout`, then SIGKILL after `killTimeout`. Rejects with `QmpSpawnError` (with
     * QEMU's stderr) when QEMU cannot be started or exits before the handshake completed.
     */
    static spawn(this: typeof QmpClient, binary: string, args: readonly string[], options?: QmpSpawnOptions): Promise<QmpClient>;
    static spawn<T>(this: new (init: QmpClientInit) => T, binary: string, args: readonly string[], options?: QmpSpawnOptions): Promise<T>;
    /** The QEMU process, for a client made by `spawn()`. */
    get qemu(): QmpQemuProcess | undefined;
    /** Whether descriptors can be passed at run time (opened with `fdPassing: true`). */
    get canPassFds(): boolean;
    /** The server's greeting. */
    get greeting(): QmpGreeting;
    /** The capabilities that were negotiated (a subset of those requested). */
    get capabilities(): readonly string[];
    /** True once `close()` was called or the connection was lost. */
    get isClosed(): boolean;
    /**
     * The sequence number the next received event will get (events are numbered from 0 in
     * arrival order). Capture it before an operation and pass it as `waitFor`'s `since` to
     * match exactly the events that arrive from then on, including ones already received.
     */
    get eventCursor(): number;
    /**
     * Sends a command and resolves with its `return` value. Rejects with `QmpError` when the
     * server answers with an error, `QmpTimeoutError`, `QmpAbortError`, or `QmpConnectionError`
     * when the connection ends first. A reply that arrives after a timeout or abort is ignored.
     */
    execute<K extends keyof Commands & string>(name: K, ...rest: ExecuteRest<CommandArgs<Commands, K>>): Promise<CommandReturn<Commands, K>>;
    /** `execute` without the command map: for commands it does not know about. */
    executeUntyped<R = unknown>(name: string, args?: object, options?: ExecuteOptions): Promise<R>;
    /**
     * The server's `query-qmp-schema`, fetched on first use and cached for the connection.
     * Answers `supports(path)` (libvirt's query language) and `has(name)`; see capabilities.ts.
     */
    schema(): Promise<QmpSchema<(keyof Commands & string) | (keyof Events & string)>>;
    /** Whether the server has what `path` names, e.g. `'blockdev-add/arg-type/+file/aio/^io_uring'`. */
    supports(path: (keyof Commands & string) | (keyof Events & string) | (string & {})): Promise<boolean>;
    /** Whether the server has this command or event. */
    has(name: string): Promise<boolean>;
    /**
     * Calls `listener` for every event `name` (`'*'`: every event) and returns a function that
     * unsubscribes. Adding the same listener twice for a name has no effect. If a listener
     * throws, the error is rethrown asynchronously (as from an EventEmitter) and the other
     * listeners still run.
     */
    on<K extends EventSelector<Events>>(name: K, listener: QmpEventListener<Events, K>): () => void;
    /** Like `on`, for the next matching event only. */
    once<K extends EventSelector<Events>>(name: K, listener: QmpEventListener<Events, K>): () => void;
    off<K extends EventSelector<Events>>(name: K, listener: QmpEventListener<Events, K>): void;
    /**
     * Resolves with the first event `name` (or any event, for `'*'`) that satisfies `predicate`.
     *
     * Events that already arrived can match, so that the usual sequence works even though QEMU
     * sends the event before the reply:
     *
     * ```ts
     * await qmp.execute('stop');
     * await qmp.waitFor('STOP'); // STOP arrived before the reply to `stop`
     * ```
     *
     * Precisely, `since` selects the earliest event that may match:
     * - `'last-command'` (default): the first event received after the most recently answered
     *   command was *called*. "Most recently answered" is the command whose reply (success or
     *   error) was processed last; timed-out or aborted calls do not count. Before any reply,
     *   every event since connecting qualifies.
     * - `'now'`: only events received after this call.
     * - a number: events with at least this sequence number (see `eventCursor`).
     *
     * Earlier events only count while they are in the buffer of the last `eventBufferSize`
     * events; if some that qualify were already evicted, an `event-buffer-overrun` warning is
     * reported. Matching does not consume an event: two `waitFor`s may resolve with the same one.
     *
     * Rejects with `QmpTimeoutError` after `timeout` (default: the client's `timeout`),
     * `QmpAbortError`, or `QmpConnectionError` when the connection ends.
     */
    waitFor<K extends EventSelector<Events>>(name: K, options?: WaitForOptions<SelectedEvent<Events, K>>): Promise<SelectedEvent<Events, K>>;
    /**
     * Iterates over the events received from now on: `for await (const ev of qmp.events())`.
     * The iteration ends when the connection ends (after the queued events), when `signal`
     * aborts, or on `break`. See `EventsOptions.maxQueued` for a consumer that falls behind.
     */
    events(options?: EventsOptions): AsyncIterableIterator<AnyEventOf<Events>>;
    /**
     * Closes the connection and resolves once the socket is closed. Pending commands and
     * `waitFor`s reject with `QmpConnectionError`, event iterators end. Safe to call repeatedly.
     */
    close(): Promise<void>;
    /**
     * Sends `fd` to QEMU now (SCM_RIGHTS, with one space), for the next command that takes a
     * descriptor. Needs a connection opened with `fdPassing: true`. Prefer `executeWithFd`,
     * which sends the descriptor and its command as one step.
     */
    sendFd(fd: number): Promise<void>;
    /**
     * Sends `fd`, then executes `command` (which takes it, e.g. `getfd` or `add-fd`). Such
     * calls run one at a time: QEMU keeps only the descriptors received last.
     */
    executeWithFd<R = unknown>(command: string, args: object | undefined, fd: number, options?: ExecuteOptions): Promise<R>;
    /** `getfd`: passes `fd` to QEMU under the name `fdname` (for commands that take a name). */
    passFd(fdname: string, fd: number, options?: ExecuteOptions): Promise<void>;
    /** `add-fd`: passes `fd` into an fd set (a new one by default); `/dev/fdset/<fdset-id>`. */
    addFdToSet(fd: number, set?: AddFdOptions, options?: ExecuteOptions): Promise<QmpAddFdInfo>;
}
export {};
