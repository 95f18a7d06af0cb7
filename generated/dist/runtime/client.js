/// <reference types="node" />
/**
 * The QMP client that every generated package ships.
 *
 * ```ts
 * const qmp = await QmpClient.connect({ path: '/run/vm/qmp.sock' });
 * await qmp.execute('stop');
 * await qmp.waitFor('STOP');
 * await qmp.close();
 * ```
 *
 * Generated code specialises it: `class Qmp extends QmpClient<Commands, Events> {...}`, and
 * `Qmp.connect(...)` then resolves to a `Qmp`.
 */
import { createConnection } from 'node:net';
import { checkOutgoing, QmpSchema } from './capabilities.js';
import { QmpAbortError, QmpClientError, QmpConnectionError, QmpError, QmpProtocolError, QmpTimeoutError, } from './errors.js';
import { refusalFor } from './availability.js';
import { EventQueue } from './event-queue.js';
import { checkFd, connectWithFds, FdSocket, loadUsocket, noFdPassing, } from './fd.js';
import { JsonObjectSplitter } from './framing.js';
import { spawnQemu, } from './spawn.js';
import { makeTracer } from './trace.js';
/** Defaults of `QmpClientOptions` (explicitly typed so declarations can be emitted per file). */
export const DEFAULT_OPTIONS = Object.freeze({
    timeout: 30_000,
    connectTimeout: 10_000,
    maxMessageBytes: 16 * 1024 * 1024,
    eventBufferSize: 256,
    maxQueued: 1000,
    maxUnsentBytes: 64 * 1024 * 1024,
    retryInterval: 50,
});
/** The longest delay `setTimeout` supports. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Ids of timed-out/aborted commands remembered so their late replies are dropped quietly. */
const MAX_ABANDONED_IDS = 4096;
/**
 * A command from `execute()` until its reply, timeout or abort. A class rather than an object
 * literal with closures: this is the per-call allocation, so it is kept small.
 */
class PendingCommand {
    /** The `id` it is sent with: a number, the shortest on the wire (see `#prepare`). */
    id;
    command;
    /** The bytes to write; dropped ('') once the call times out or is aborted before being written. */
    line;
    /** `eventCursor` when `execute()` was called (for `waitFor`'s `'last-command'`). */
    eventSeq;
    /** The per-call timeout in ms; 0 = none. */
    timeout;
    /** When the timeout expires, on the `now()` clock; `Infinity` when there is none. */
    deadline;
    /** Handed to the socket. */
    sent = false;
    /** Sent as `exec-oob`. */
    oob = false;
    /** Timed out or aborted before it was sent: skip it. */
    cancelled = false;
    resolve = ignore;
    reject = ignore;
    /** Set only when the call has a signal. */
    signal = undefined;
    onAbort = undefined;
    constructor(id, command, line, eventSeq, timeout, deadline) {
        this.id = id;
        this.command = command;
        this.line = line;
        this.eventSeq = eventSeq;
        this.timeout = timeout;
        this.deadline = deadline;
    }
    /** Removes the abort listener, if any. (Timeouts need no cleanup: see `#onDeadline`.) */
    dispose() {
        if (this.onAbort !== undefined)
            this.signal?.removeEventListener('abort', this.onAbort);
    }
}
export class QmpClient {
    /**
     * Settles once the socket is closed, whatever the reason; never rejects. The value is the
     * error that ended the connection, or `undefined` after `close()`.
     */
    closed;
    #socket;
    #options;
    #trace;
    #owner;
    /** `close()` was called: the connection ending from now on is not an error. */
    #closeRequested = false;
    /** Run-time descriptor passing, one command at a time (QEMU keeps only the latest fds). */
    #fdChain = Promise.resolve();
    #splitter;
    #state = 'handshake';
    #closeReason;
    #resolveClosed;
    #greeting;
    #greetingWaiter;
    #capabilities = [];
    #lastId = 0;
    #pending = new Map();
    /** Sent commands that timed out or were aborted; insertion-ordered, so the oldest go first. */
    #abandoned = new Set();
    /** Commands not yet handed to the socket, in call order. */
    #outbox = [];
    /** Bytes of the lines in `#outbox` that are still to be written. */
    #outboxBytes = 0;
    /**
     * Ids of commands written and not answered yet (timed-out ones included), in the order they
     * were written: without OOB, QEMU answers in this order, so an error reply without id (QEMU
     * could not parse the request) belongs to the first of them.
     */
    #inFlight = new Set();
    /** The `exec-oob` ones among them: while there are any, replies may come out of order. */
    #oobInFlight = new Set();
    /**
     * An id-less error was attributed and no reply with id came since: QEMU reports the rest of
     * an unparseable request token by token (a 2000-deep array gives ~1000 more id-less errors),
     * and those must not be pinned on the commands sent after it.
     */
    #idlessBurst = false;
    /** A `quit` was answered (or is in flight): the server closing the connection is the normal end. */
    #quitting = false;
    #flushScheduled = false;
    #flushCallback = () => this.#flush();
    /**
     * ONE timer serves the timeouts of all pending commands: it is armed for the earliest
     * deadline and, when it fires, expires what is due and re-arms for the next. A reply does
     * not touch it, so the common case (replies well within the timeout) costs no timer
     * operation per command.
     */
    #deadlineTimer;
    /** The deadline `#deadlineTimer` is armed for; `Infinity` when it is not armed. */
    #deadlineTimerAt = Infinity;
    #deadlineCallback = () => this.#onDeadline();
    /** `write()` returned false: wait for 'drain'. */
    #writeBlocked = false;
    #nextEventSeq = 0;
    #lastCommandEventSeq = 0;
    /** The last `eventBufferSize` events, oldest first. */
    #recent = [];
    #listeners = new Map();
    #waiters = new Set();
    #queues = new Set();
    /** The server's schema once fetched (see capabilities.ts), and the fetch in flight. */
    #schema;
    #schemaFetch;
    /** Use `connect()`. */
    constructor(init) {
        const { socket, options, owner } = init;
        this.#socket = socket;
        this.#options = options;
        this.#trace = options.trace;
        this.#owner = owner;
        this.#splitter = new JsonObjectSplitter(options.maxMessageBytes);
        let resolveClosed = () => { };
        this.closed = new Promise((resolve) => (resolveClosed = resolve));
        this.#resolveClosed = resolveClosed;
        socket.on('data', (chunk) => this.#onData(chunk));
        socket.on('drain', () => {
            this.#writeBlocked = false;
            this.#flush();
        });
        socket.on('end', () => {
            const partial = this.#splitter.hasPartialMessage ? ' in the middle of a message' : '';
            if (this.#quitting && !partial) {
                // after `quit` the server hanging up is the expected end, not an error
                for (const pending of this.#pending.values())
                    if (pending.command === 'quit')
                        pending.resolve({});
                this.#shutdown(new QmpConnectionError('QMP server closed the connection after quit'), true);
                return;
            }
            this.#shutdown(new QmpConnectionError(`QMP server closed the connection${partial}`));
        });
        socket.on('error', (error) => {
            const code = error.code;
            if (this.#quitting &&
                !this.#splitter.hasPartialMessage &&
                (code === 'ECONNRESET' || code === 'EPIPE')) {
                // after `quit` a reset (QEMU exiting with unread bytes, e.g. on a socket pair) is the
                // expected end too, as for a plain hang-up
                for (const pending of this.#pending.values())
                    if (pending.command === 'quit')
                        pending.resolve({});
                this.#shutdown(new QmpConnectionError('QMP server closed the connection after quit'), true);
                return;
            }
            this.#shutdown(new QmpConnectionError(`QMP connection failed: ${error.message}`, { cause: error }));
        });
        socket.on('close', () => {
            this.#shutdown(new QmpConnectionError('QMP connection closed'));
            this.#state = 'closed';
            this.#resolveClosed(this.#closeReason);
        });
    }
    static async connect(options) {
        const resolved = resolveOptions(options);
        const { signal } = options;
        if (signal?.aborted)
            throw new QmpAbortError('Connecting to QMP was aborted', signal.reason);
        let socket;
        if (options.fdPassing) {
            if (options.path === undefined) {
                throw new TypeError('fdPassing needs a Unix socket `path` (descriptors cannot cross TCP)');
            }
            try {
                const fdSocket = await connectWithFds(loadUsocket(options.usocket), options.path);
                socket = fdSocket;
            }
            catch (error) {
                if (error instanceof QmpClientError)
                    throw error;
                throw new QmpConnectionError(`Cannot connect to QMP at ${options.path}: ${describe(error)}`, {
                    cause: error,
                });
            }
        }
        else {
            if (options.path === undefined && typeof options.port !== 'number') {
                throw new TypeError('QmpClient.connect() needs either `path` or `port`');
            }
            const waitForSocket = checkMs('waitForSocket', options.waitForSocket ?? 0);
            socket =
                waitForSocket > 0
                    ? await connectRetrying(options, waitForSocket, checkMs('retryInterval', options.retryInterval ?? DEFAULT_OPTIONS.retryInterval), signal)
                    : openSocket(options);
        }
        return QmpClient.#open(this, { socket, options: resolved }, signal);
    }
    static async spawn(binary, args, options = {}) {
        const resolved = resolveOptions(options);
        return spawnQemu(binary, args, options, ({ socket, owner }) => QmpClient.#open(this, { socket: socket, options: resolved, owner }, options.signal));
    }
    static async #open(ctor, data, signal) {
        const client = new ctor(data);
        if (!(client instanceof QmpClient)) {
            data.socket.destroy();
            throw new TypeError('QmpClient.connect() must be called on QmpClient or a subclass of it');
        }
        await client.#handshake(signal);
        return client;
    }
    /** The QEMU process, for a client made by `spawn()`. */
    get qemu() {
        return this.#owner?.process;
    }
    /** Whether descriptors can be passed at run time (opened with `fdPassing: true`). */
    get canPassFds() {
        return this.#socket instanceof FdSocket;
    }
    /** The server's greeting. */
    get greeting() {
        if (this.#greeting === undefined)
            throw new QmpClientError('The QMP greeting has not been received');
        return this.#greeting;
    }
    /** The capabilities that were negotiated (a subset of those requested). */
    get capabilities() {
        return this.#capabilities;
    }
    /** True once `close()` was called or the connection was lost. */
    get isClosed() {
        return this.#state === 'closing' || this.#state === 'closed';
    }
    /**
     * The sequence number the next received event will get (events are numbered from 0 in
     * arrival order). Capture it before an operation and pass it as `waitFor`'s `since` to
     * match exactly the events that arrive from then on, including ones already received.
     */
    get eventCursor() {
        return this.#nextEventSeq;
    }
    /**
     * Sends a command and resolves with its `return` value. Rejects with `QmpError` when the
     * server answers with an error, `QmpTimeoutError`, `QmpAbortError`, or `QmpConnectionError`
     * when the connection ends first. A reply that arrives after a timeout or abort is ignored.
     */
    execute(name, ...rest) {
        return this.#sendChecked(name, rest[0], rest[1]);
    }
    /** `execute` without the command map: for commands it does not know about. */
    executeUntyped(name, args, options) {
        return this.#sendChecked(name, args, options);
    }
    /**
     * The server's `query-qmp-schema`, fetched on first use and cached for the connection.
     * Answers `supports(path)` (libvirt's query language) and `has(name)`; see capabilities.ts.
     */
    schema() {
        if (this.#schema !== undefined)
            return Promise.resolve(this.#schema);
        this.#schemaFetch ??= this.#send('query-qmp-schema', undefined, undefined).then((reply) => (this.#schema = new QmpSchema(Array.isArray(reply) ? reply : [])), (error) => {
            this.#schemaFetch = undefined;
            throw error;
        });
        return this.#schemaFetch;
    }
    /** Whether the server has what `path` names, e.g. `'blockdev-add/arg-type/+file/aio/^io_uring'`. */
    async supports(path) {
        return (await this.schema()).supports(path);
    }
    /** Whether the server has this command or event. */
    async has(name) {
        return (await this.schema()).has(name);
    }
    /** `#send`, after the schema checks (validation, deprecation) when the schema is known. */
    #sendChecked(command, args, options) {
        const validate = this.#options.validate === 'schema';
        // the common case (no schema fetched, no validation) allocates nothing
        if (this.#schema === undefined && !validate)
            return this.#send(command, args, options);
        const check = (schema) => {
            const problem = checkOutgoing(schema, command, args, validate, (message, detail) => this.#warn('deprecated', message, detail));
            return problem ? Promise.reject(problem) : this.#send(command, args, options);
        };
        if (this.#schema !== undefined)
            return check(this.#schema);
        return this.schema().then(check);
    }
    /**
     * Calls `listener` for every event `name` (`'*'`: every event) and returns a function that
     * unsubscribes. Adding the same listener twice for a name has no effect. If a listener
     * throws, the error is rethrown asynchronously (as from an EventEmitter) and the other
     * listeners still run.
     */
    on(name, listener) {
        return this.#addListener(name, listener, false);
    }
    /** Like `on`, for the next matching event only. */
    once(name, listener) {
        return this.#addListener(name, listener, true);
    }
    off(name, listener) {
        this.#listeners.get(name)?.delete(listener);
    }
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
    waitFor(name, options = {}) {
        return this.#waitFor(name, options);
    }
    /**
     * Iterates over the events received from now on: `for await (const ev of qmp.events())`.
     * The iteration ends when the connection ends (after the queued events), when `signal`
     * aborts, or on `break`. See `EventsOptions.maxQueued` for a consumer that falls behind.
     */
    events(options = {}) {
        const maxQueued = checkCount('maxQueued', options.maxQueued ?? DEFAULT_OPTIONS.maxQueued, 1);
        const { signal } = options;
        const onAbort = () => void queue.return();
        const queue = new EventQueue(maxQueued, () => this.#warn('event-queue-overflow', `An events() consumer is more than ${maxQueued} events behind; dropping the oldest`), () => {
            this.#queues.delete(queue);
            signal?.removeEventListener('abort', onAbort);
        });
        if (this.isClosed || signal?.aborted) {
            queue.end();
        }
        else {
            this.#queues.add(queue);
            signal?.addEventListener('abort', onAbort, { once: true });
        }
        return queue;
    }
    /**
     * Closes the connection and resolves once the socket is closed. Pending commands and
     * `waitFor`s reject with `QmpConnectionError`, event iterators end. Safe to call repeatedly.
     */
    async close() {
        this.#closeRequested = true;
        if (this.#owner !== undefined) {
            const ready = this.#state === 'ready';
            await this.#owner.stop(ready ? () => this.#send('quit', undefined, { timeout: 0 }, true) : undefined);
        }
        this.#shutdown(new QmpConnectionError('The QMP client was closed'), true);
        await this.closed;
    }
    // --- file descriptors ------------------------------------------------------------------
    /**
     * Sends `fd` to QEMU now (SCM_RIGHTS, with one space), for the next command that takes a
     * descriptor. Needs a connection opened with `fdPassing: true`. Prefer `executeWithFd`,
     * which sends the descriptor and its command as one step.
     */
    sendFd(fd) {
        const socket = this.#socket;
        if (!(socket instanceof FdSocket))
            return Promise.reject(noFdPassing());
        try {
            checkFd(fd);
        }
        catch (error) {
            return Promise.reject(error);
        }
        if (this.isClosed) {
            return Promise.reject(new QmpConnectionError('Cannot send a descriptor: the QMP connection is closed'));
        }
        return socket.sendFds([fd]);
    }
    /**
     * Sends `fd`, then executes `command` (which takes it, e.g. `getfd` or `add-fd`). Such
     * calls run one at a time: QEMU keeps only the descriptors received last.
     */
    executeWithFd(command, args, fd, options) {
        const run = async () => {
            await this.sendFd(fd);
            return (await this.#send(command, args, options));
        };
        const result = this.#fdChain.then(run, run);
        this.#fdChain = result.catch(ignore);
        return result;
    }
    /** `getfd`: passes `fd` to QEMU under the name `fdname` (for commands that take a name). */
    async passFd(fdname, fd, options) {
        await this.executeWithFd('getfd', { fdname }, fd, options);
    }
    /** `add-fd`: passes `fd` into an fd set (a new one by default); `/dev/fdset/<fdset-id>`. */
    addFdToSet(fd, set = {}, options) {
        const args = {};
        if (set.fdsetId !== undefined)
            args['fdset-id'] = set.fdsetId;
        if (set.opaque !== undefined)
            args['opaque'] = set.opaque;
        return this.executeWithFd('add-fd', args, fd, options);
    }
    // --- connection ------------------------------------------------------------------------
    /** Greeting + `qmp_capabilities` under the `connectTimeout`/signal; tears down on failure. */
    async #handshake(signal) {
        const limit = this.#options.connectTimeout;
        let dispose = () => { };
        const deadline = new Promise((_, reject) => {
            dispose = arm(limit, signal, () => reject(new QmpTimeoutError(this.#greeting === undefined
                ? `QMP handshake did not complete within ${limit} ms: the server accepted the connection but sent no greeting; the monitor is probably in use by another client (QEMU serves one client per QMP monitor at a time)`
                : `QMP handshake did not complete within ${limit} ms: qmp_capabilities got no reply`, limit)), () => reject(new QmpAbortError('Connecting to QMP was aborted', signal?.reason)));
        });
        try {
            await Promise.race([this.#negotiate(), deadline]);
        }
        catch (error) {
            this.#shutdown(error instanceof QmpConnectionError
                ? error
                : new QmpConnectionError(`QMP handshake failed: ${describe(error)}`, { cause: error }));
            await this.closed;
            throw error;
        }
        finally {
            dispose();
        }
    }
    async #negotiate() {
        const greeting = this.#greeting ??
            (await new Promise((resolve, reject) => (this.#greetingWaiter = { resolve, reject })));
        const offered = greeting.QMP.capabilities;
        const enable = [];
        for (const capability of this.#options.capabilities) {
            if (offered.includes(capability))
                enable.push(capability);
            else
                this.#warn('capability-unavailable', `The QMP server does not offer capability '${capability}'`);
        }
        await this.#send('qmp_capabilities', enable.length > 0 ? { enable } : undefined, { timeout: 0 }, true);
        this.#capabilities = enable;
        this.#state = 'ready';
    }
    /**
     * Ends the connection: everything pending rejects with `reason`, the socket is destroyed.
     * `closed` resolves on the socket's 'close' event. Idempotent.
     */
    #shutdown(reason, byUser = false) {
        if (this.isClosed)
            return;
        this.#state = 'closing';
        this.#closeReason = byUser || this.#closeRequested ? undefined : reason;
        this.#greetingWaiter?.reject(reason);
        this.#greetingWaiter = undefined;
        for (const pending of this.#pending.values()) {
            pending.dispose();
            pending.reject(reason);
        }
        this.#pending.clear();
        clearTimeout(this.#deadlineTimer);
        this.#deadlineTimer = undefined;
        this.#deadlineTimerAt = Infinity;
        this.#outbox = [];
        this.#outboxBytes = 0;
        this.#inFlight.clear();
        this.#oobInFlight.clear();
        this.#abandoned.clear();
        for (const waiter of this.#waiters) {
            waiter.dispose();
            waiter.reject(reason);
        }
        this.#waiters.clear();
        for (const queue of [...this.#queues])
            queue.end();
        this.#recent.length = 0;
        this.#socket.destroy();
    }
    // --- sending ---------------------------------------------------------------------------
    /**
     * `execute` itself. Every problem, even a bad option, becomes a rejection. Not an `async`
     * function: that would wrap the command's promise in a second one (two more microtask hops
     * per call on the hot path).
     */
    #send(command, args, options, internal = false) {
        const refused = internal ? undefined : refusalFor(this, command, this.#greeting);
        if (refused !== undefined)
            return Promise.reject(refused);
        let pending;
        try {
            pending = this.#prepare(command, args, options, internal);
        }
        catch (error) {
            return Promise.reject(error);
        }
        const unsent = this.#outboxBytes + this.#socket.writableLength;
        if (unsent > 0 && unsent + pending.line.length > this.#options.maxUnsentBytes) {
            return Promise.reject(new QmpClientError(`Cannot execute ${command}: ${unsent} bytes of earlier commands are still waiting to be written (maxUnsentBytes ${this.#options.maxUnsentBytes}); the QMP server is not reading`));
        }
        const promise = new Promise((resolve, reject) => {
            pending.resolve = resolve;
            pending.reject = reject;
        });
        const { signal } = pending;
        if (signal !== undefined) {
            pending.onAbort = () => this.#abandon(pending, new QmpAbortError(`${command} was aborted`, signal.reason));
            signal.addEventListener('abort', pending.onAbort, { once: true });
        }
        if (pending.deadline < this.#deadlineTimerAt)
            this.#armDeadline(pending.deadline);
        const idle = this.#pending.size === 0 && this.#outbox.length === 0 && !this.#writeBlocked;
        this.#pending.set(pending.id, pending);
        if (idle) {
            // Nothing else in flight or queued (one call after another): there is nothing to batch
            // with and nothing to keep order with, so write at once instead of on the next tick.
            this.#write(pending);
            return promise;
        }
        this.#outbox.push(pending);
        this.#outboxBytes += pending.line.length;
        if (!this.#flushScheduled) {
            this.#flushScheduled = true;
            // Not queueMicrotask: that creates an AsyncResource per call. A tick still batches
            // every command issued in the same turn (e.g. the continuations of a batch of replies).
            process.nextTick(this.#flushCallback);
        }
        return promise;
    }
    /** Checks the call and builds its command; throws what `execute` must reject with. */
    #prepare(command, args, options, internal) {
        if (this.isClosed) {
            throw new QmpConnectionError(`Cannot execute ${command}: the QMP connection is closed`, {
                cause: this.#closeReason,
            });
        }
        if (!internal && this.#state !== 'ready') {
            throw new QmpClientError(`Cannot execute ${command} before the QMP handshake completed`);
        }
        let timeout = this.#options.timeout;
        let signal;
        let oob = false;
        if (options !== undefined) {
            signal = options.signal;
            oob = options.oob ?? false;
            if (signal?.aborted)
                throw new QmpAbortError(`${command} was aborted`, signal.reason);
            if (oob && !this.#capabilities.includes('oob')) {
                throw new QmpClientError(`Cannot send ${command} out-of-band: 'oob' was not negotiated`);
            }
            if (options.timeout !== undefined)
                timeout = checkMs('timeout', options.timeout);
        }
        // The id is a number, not a string: QEMU (7.2 at least) reads its QMP socket one byte per
        // main-loop iteration, so every byte of a command costs the round trip ~12 µs, and the two
        // quotes of a string id were 5% of a `query-status` (measured against the raw loop).
        const id = this.#lastId + 1;
        // QMP wants one message per line. Without arguments the line is built directly; it is
        // byte for byte what JSON.stringify makes of `{execute, id}`.
        const line = args === undefined && !oob && typeof command === 'string'
            ? `{"execute":${JSON.stringify(command)},"id":${id}}\n`
            : // `arguments: undefined` is left out by JSON.stringify.
                `${JSON.stringify({ [oob ? 'exec-oob' : 'execute']: command, arguments: args, id })}\n`;
        this.#lastId++;
        const pending = new PendingCommand(id, command, line, this.#nextEventSeq, timeout, timeout > 0 ? now() + timeout : Infinity);
        pending.signal = signal;
        pending.oob = oob;
        return pending;
    }
    /** (Re-)arms the shared timeout timer for `deadline`. */
    #armDeadline(deadline) {
        clearTimeout(this.#deadlineTimer);
        this.#deadlineTimerAt = deadline;
        this.#deadlineTimer = setTimeout(this.#deadlineCallback, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(deadline - now()))));
        // The socket keeps the process alive while commands are pending; this timer need not.
        this.#deadlineTimer.unref();
    }
    /** The shared timer fired: time out every command that is due, re-arm for the next one. */
    #onDeadline() {
        this.#deadlineTimer = undefined;
        this.#deadlineTimerAt = Infinity;
        if (this.isClosed)
            return;
        const time = now();
        let expired;
        let next = Infinity;
        for (const pending of this.#pending.values()) {
            if (pending.deadline <= time)
                (expired ??= []).push(pending);
            else if (pending.deadline < next)
                next = pending.deadline;
        }
        if (next !== Infinity)
            this.#armDeadline(next);
        if (expired === undefined)
            return;
        // In the order their timeouts expired (equal deadlines: call order), like separate timers.
        expired.sort((a, b) => a.deadline - b.deadline);
        for (const pending of expired) {
            this.#abandon(pending, new QmpTimeoutError(`${pending.command} got no reply within ${pending.timeout} ms`, pending.timeout, pending.command));
        }
    }
    /**
     * Writes queued commands until the socket asks us to wait for 'drain'. Runs once per tick
     * (scheduled by `#send`) and on 'drain', so commands issued together go out in one write.
     */
    #flush() {
        this.#flushScheduled = false;
        if (this.isClosed || this.#writeBlocked)
            return;
        const outbox = this.#outbox;
        let next = 0;
        // Corking merges several lines into one writev; for one line it is only overhead.
        const cork = outbox.length > 1;
        if (cork)
            this.#socket.cork();
        while (next < outbox.length && !this.#writeBlocked) {
            const pending = outbox[next++];
            if (pending.cancelled)
                continue;
            this.#outboxBytes -= pending.line.length;
            this.#write(pending);
        }
        if (cork)
            this.#socket.uncork();
        this.#outbox = next === outbox.length ? [] : outbox.slice(next);
    }
    /** Hands one command to the socket. */
    #write(pending) {
        pending.sent = true;
        if (pending.command === 'quit')
            this.#quitting = true;
        this.#inFlight.add(pending.id);
        if (pending.oob)
            this.#oobInFlight.add(pending.id);
        this.#trace?.('out', pending.line);
        if (!this.#socket.write(pending.line))
            this.#writeBlocked = true;
        pending.line = '';
    }
    /** Gives up on a command (timeout/abort); its reply, should one come, is dropped. */
    #abandon(pending, error) {
        pending.dispose();
        this.#pending.delete(pending.id);
        if (pending.sent) {
            this.#abandoned.add(pending.id);
            if (this.#abandoned.size > MAX_ABANDONED_IDS) {
                for (const oldest of this.#abandoned) {
                    this.#abandoned.delete(oldest);
                    this.#inFlight.delete(oldest);
                    this.#oobInFlight.delete(oldest);
                    break;
                }
            }
        }
        else {
            // never written: its bytes go now, not when (if ever) the socket drains
            pending.cancelled = true;
            this.#outboxBytes -= pending.line.length;
            pending.line = '';
        }
        pending.reject(error);
    }
    // --- receiving -------------------------------------------------------------------------
    #onData(chunk) {
        try {
            for (const message of this.#splitter.push(chunk)) {
                if (this.isClosed)
                    return;
                this.#trace?.('in', message);
                this.#onMessage(message);
            }
        }
        catch (error) {
            this.#shutdown(error instanceof QmpConnectionError
                ? error
                : new QmpProtocolError(`Failed to process a QMP message: ${describe(error)}`, {
                    cause: error,
                }));
        }
    }
    #onMessage(message) {
        if (this.#greeting === undefined) {
            if (!isObject(message.QMP)) {
                throw new QmpProtocolError(`Expected the QMP greeting, got ${preview(message)}`);
            }
            const problem = greetingProblem(message.QMP);
            if (problem !== undefined) {
                throw new QmpProtocolError(`Invalid QMP greeting (${problem}): ${preview(message)}`);
            }
            const offered = message.QMP['capabilities'];
            const capabilities = Array.isArray(offered)
                ? offered.filter((c) => typeof c === 'string')
                : [];
            const greeting = { QMP: { ...message.QMP, capabilities } };
            this.#greeting = greeting;
            this.#greetingWaiter?.resolve(greeting);
            this.#greetingWaiter = undefined;
        }
        else if (typeof message.event === 'string') {
            this.#onEvent(message);
        }
        else if ('return' in message || 'error' in message) {
            this.#onReply(message);
        }
        else {
            this.#warn('unexpected-message', 'Ignoring a QMP message that is neither a reply nor an event', message);
        }
    }
    #onReply(message) {
        const { id } = message;
        if (typeof id === 'number') {
            this.#inFlight.delete(id);
            this.#oobInFlight.delete(id);
        }
        if (id !== undefined)
            this.#idlessBurst = false;
        if (id === undefined) {
            // QEMU answers a request it could not parse (bad JSON, nesting too deep) with an error
            // without id. In-band commands are answered in order: while no exec-oob command is in
            // flight, the error is the first in-flight command's.
            let first;
            if (this.#oobInFlight.size === 0 && !this.#idlessBurst)
                for (first of this.#inFlight)
                    break;
            if (first === undefined || !('error' in message)) {
                this.#warn('reply-without-id', 'Ignoring a QMP reply without id', message);
                return;
            }
            this.#idlessBurst = true;
            this.#inFlight.delete(first);
            if (this.#abandoned.delete(first))
                return; // it had timed out: dropped like its late reply
            const owner = this.#pending.get(first);
            if (owner === undefined)
                return;
            this.#settle(owner, message);
            return;
        }
        const pending = typeof id === 'number' ? this.#pending.get(id) : undefined;
        if (pending === undefined) {
            if (typeof id === 'number' && this.#abandoned.delete(id))
                return; // late reply after timeout/abort
            const alreadyAnswered = typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= this.#lastId;
            this.#warn(alreadyAnswered ? 'duplicate-reply' : 'unknown-id', alreadyAnswered
                ? `Ignoring a second reply to command id ${id}`
                : `Ignoring a reply with unknown id ${JSON.stringify(id)}`, message);
            return;
        }
        this.#settle(pending, message);
    }
    /** Resolves or rejects `pending` with its reply `message`. */
    #settle(pending, message) {
        pending.dispose();
        this.#pending.delete(pending.id);
        this.#lastCommandEventSeq = pending.eventSeq;
        if ('error' in message) {
            const error = isObject(message.error)
                ? message.error
                : {};
            pending.reject(new QmpError({
                class: typeof error.class === 'string' ? error.class : 'GenericError',
                desc: typeof error.desc === 'string' ? error.desc : JSON.stringify(message.error),
                command: pending.command,
                id: String(pending.id),
            }));
        }
        else {
            if (pending.command === 'quit')
                this.#quitting = true;
            pending.resolve(message.return);
        }
    }
    #onEvent(event) {
        const seq = this.#nextEventSeq++;
        if (this.#options.eventBufferSize > 0) {
            this.#recent.push({ seq, event });
            if (this.#recent.length > this.#options.eventBufferSize)
                this.#recent.shift();
        }
        for (const waiter of this.#waiters)
            this.#offer(waiter, event, seq);
        // an event literally named '*' reaches the '*' listeners once, not twice
        if (event.event !== '*')
            this.#emit(event.event, event);
        this.#emit('*', event);
        for (const queue of this.#queues)
            queue.push(event);
    }
    // --- events ----------------------------------------------------------------------------
    #addListener(name, listener, once) {
        let listeners = this.#listeners.get(name);
        if (listeners === undefined)
            this.#listeners.set(name, (listeners = new Map()));
        listeners.set(listener, once);
        return () => void this.#listeners.get(name)?.delete(listener);
    }
    #emit(name, event) {
        const listeners = this.#listeners.get(name);
        if (listeners === undefined)
            return;
        for (const [listener, once] of [...listeners]) {
            if (once)
                listeners.delete(listener);
            try {
                listener(event);
            }
            catch (error) {
                rethrowLater(error);
            }
        }
    }
    async #waitFor(name, options) {
        if (this.isClosed) {
            throw new QmpConnectionError(`Cannot wait for ${name}: the QMP connection is closed`, {
                cause: this.#closeReason,
            });
        }
        const { signal, since = 'last-command' } = options;
        if (signal?.aborted)
            throw new QmpAbortError(`waitFor(${name}) was aborted`, signal.reason);
        const timeout = checkMs('timeout', options.timeout ?? this.#options.timeout);
        const from = since === 'now'
            ? this.#nextEventSeq
            : since === 'last-command'
                ? this.#lastCommandEventSeq
                : checkCount('since', since, 0);
        const oldest = this.#recent[0]?.seq ?? this.#nextEventSeq;
        if (this.#options.eventBufferSize > 0 && from < oldest) {
            this.#warn('event-buffer-overrun', `waitFor(${name}): events ${from}..${oldest - 1} are no longer buffered`);
        }
        return new Promise((resolve, reject) => {
            const waiter = {
                name,
                from,
                predicate: options.predicate,
                resolve,
                reject,
                dispose: () => { },
            };
            for (const { seq, event } of this.#recent) {
                if (this.#offer(waiter, event, seq))
                    return;
            }
            waiter.dispose = arm(timeout, signal, () => {
                this.#waiters.delete(waiter);
                reject(new QmpTimeoutError(`No ${name} event within ${timeout} ms`, timeout));
            }, () => {
                this.#waiters.delete(waiter);
                reject(new QmpAbortError(`waitFor(${name}) was aborted`, signal?.reason));
            });
            this.#waiters.add(waiter);
        });
    }
    /** Settles `waiter` if event number `seq` matches it; returns whether it did. */
    #offer(waiter, event, seq) {
        if (seq < waiter.from || (waiter.name !== '*' && waiter.name !== event.event))
            return false;
        let matches;
        try {
            matches = waiter.predicate === undefined || waiter.predicate(event);
        }
        catch (error) {
            this.#waiters.delete(waiter);
            waiter.dispose();
            waiter.reject(error);
            return true;
        }
        if (!matches)
            return false;
        this.#waiters.delete(waiter);
        waiter.dispose();
        waiter.resolve(event);
        return true;
    }
    #warn(code, message, detail) {
        const handler = this.#options.onWarning;
        if (handler === undefined)
            return;
        try {
            handler(detail === undefined ? { code, message } : { code, message, detail });
        }
        catch (error) {
            rethrowLater(error);
        }
    }
}
Object.defineProperty(QmpClient.prototype, Symbol.asyncDispose, {
    value: function asyncDispose() {
        return this.close();
    },
    writable: true,
    configurable: true,
});
// --- helpers -------------------------------------------------------------------------------
function resolveOptions(options) {
    return {
        timeout: checkMs('timeout', options.timeout ?? DEFAULT_OPTIONS.timeout),
        connectTimeout: checkMs('connectTimeout', options.connectTimeout ?? DEFAULT_OPTIONS.connectTimeout),
        maxMessageBytes: checkCount('maxMessageBytes', options.maxMessageBytes ?? DEFAULT_OPTIONS.maxMessageBytes, 1),
        eventBufferSize: checkCount('eventBufferSize', options.eventBufferSize ?? DEFAULT_OPTIONS.eventBufferSize, 0),
        maxUnsentBytes: checkCount('maxUnsentBytes', options.maxUnsentBytes ?? DEFAULT_OPTIONS.maxUnsentBytes, 1),
        capabilities: [...(options.capabilities ?? [])],
        onWarning: options.onWarning,
        validate: options.validate,
        trace: makeTracer(options.trace, options.traceRedact),
    };
}
function checkMs(name, value) {
    if (!(value >= 0 && value <= MAX_TIMER_MS)) {
        throw new RangeError(`${name} must be between 0 and ${MAX_TIMER_MS} ms, got ${value}`);
    }
    return value;
}
function checkCount(name, value, min) {
    if (!Number.isSafeInteger(value) || value < min) {
        throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
    }
    return value;
}
/**
 * Starts an optional timer and an optional abort listener. Whichever fires first disarms
 * both; the returned function disarms them too.
 */
function arm(timeout, signal, onTimeout, onAbort) {
    const dispose = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
        dispose();
        onAbort();
    };
    const timer = timeout > 0
        ? setTimeout(() => {
            dispose();
            onTimeout();
        }, timeout)
        : undefined;
    signal?.addEventListener('abort', abort, { once: true });
    return dispose;
}
function ignore() { }
/** Opens the socket of `options` (connecting happens in the background). */
function openSocket(options) {
    if (options.path !== undefined)
        return createConnection({ path: options.path });
    const socket = createConnection({
        host: options.host ?? 'localhost',
        port: options.port,
    });
    socket.setNoDelay(true);
    return socket;
}
/**
 * Connects, retrying every `interval` ms while the socket does not exist yet or refuses
 * (QEMU creates it a moment after it starts) until `waitMs` have passed; then the last error.
 */
async function connectRetrying(options, waitMs, interval, signal) {
    const deadline = now() + waitMs;
    for (let attempt = 1;; attempt++) {
        const socket = openSocket(options);
        const failure = await new Promise((resolve) => {
            const onError = (error) => {
                socket.off('connect', onConnect);
                resolve(error);
            };
            const onConnect = () => {
                socket.off('error', onError);
                resolve(undefined);
            };
            socket.once('error', onError);
            socket.once('connect', onConnect);
        });
        if (failure === undefined)
            return socket;
        socket.destroy();
        const code = failure.code;
        const retryable = code === 'ENOENT' || code === 'ECONNREFUSED';
        const left = deadline - now();
        if (!retryable || left <= 0) {
            const where = options.path ?? `${options.host ?? 'localhost'}:${options.port}`;
            throw new QmpConnectionError(retryable
                ? `Cannot connect to QMP at ${where}: still ${code} after waiting ${waitMs} ms (${attempt} attempts)`
                : `Cannot connect to QMP at ${where}: ${failure.message}`, { cause: failure });
        }
        if (signal?.aborted)
            throw new QmpAbortError('Connecting to QMP was aborted', signal.reason);
        await new Promise((resolve, reject) => {
            const onAbort = () => {
                clearTimeout(timer);
                reject(new QmpAbortError('Connecting to QMP was aborted', signal?.reason));
            };
            const timer = setTimeout(() => {
                signal?.removeEventListener('abort', onAbort);
                resolve();
            }, Math.min(interval, Math.max(1, left)));
            signal?.addEventListener('abort', onAbort, { once: true });
        });
    }
}
/** Why a greeting's `QMP` member is not one (version numbers, package, capabilities), or undefined. */
function greetingProblem(qmp) {
    const version = qmp['version'];
    if (!isObject(version))
        return 'no version';
    const qemu = version['qemu'];
    if (!isObject(qemu))
        return 'no version.qemu';
    for (const part of ['major', 'minor', 'micro']) {
        if (!Number.isSafeInteger(qemu[part]))
            return `version.qemu.${part} is not an integer`;
    }
    if (typeof version['package'] !== 'string')
        return 'version.package is not a string';
    if (!Array.isArray(qmp['capabilities']))
        return 'capabilities is not an array';
    return undefined;
}
/** Monotonic milliseconds: the clock of command deadlines. */
function now() {
    return performance.now();
}
/** A user callback threw: report it like an EventEmitter would, without disturbing the client. */
function rethrowLater(error) {
    queueMicrotask(() => {
        throw error;
    });
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}
function preview(value) {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
