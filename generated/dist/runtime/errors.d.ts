/**
 * Errors thrown by the QMP client. Everything extends `QmpClientError`:
 *
 * ```
 * QmpClientError
 * ├── QmpError             the server answered a command with an error
 * ├── QmpConnectionError   the connection is gone; every pending call rejects with it
 * │   └── QmpProtocolError the server sent something unusable (bad JSON, oversized message);
 * │                        this ends the connection, hence the subclass
 * ├── QmpTimeoutError      a command, waitFor or the handshake took too long
 * └── QmpAbortError        an AbortSignal fired (name 'AbortError', like DOM/Node abort errors)
 * ```
 */
export declare class QmpClientError extends Error {
    constructor(message: string, options?: ErrorOptions);
}
/** An error reply: `{"error": {"class": ..., "desc": ...}, "id": ...}`. */
export declare class QmpError extends QmpClientError {
    /** QAPI error class, e.g. `GenericError`, `CommandNotFound`, `DeviceNotFound`. */
    readonly class: string;
    /** Human-readable description from QEMU. */
    readonly desc: string;
    /** The command that failed. */
    readonly command: string;
    /** The `id` the command was sent with (a number on the wire), as a string. */
    readonly id: string | undefined;
    constructor(init: {
        class: string;
        desc: string;
        command: string;
        id?: string | undefined;
    });
}
/** The connection failed or was closed. `cause` holds the underlying error, if any. */
export declare class QmpConnectionError extends QmpClientError {
    constructor(message: string, options?: ErrorOptions);
}
/** The server broke the protocol; the connection is closed because of it. */
export declare class QmpProtocolError extends QmpConnectionError {
    constructor(message: string, options?: ErrorOptions);
}
export declare class QmpTimeoutError extends QmpClientError {
    /** The limit that was exceeded, in ms. */
    readonly timeout: number;
    /** The command that timed out, if it was a command. */
    readonly command: string | undefined;
    constructor(message: string, timeout: number, command?: string);
}
/**
 * An `AbortSignal` fired. `name` is `'AbortError'` and `code` is `'ABORT_ERR'` so that code
 * written for `fetch` / Node abort errors recognises it; `cause` is the signal's reason.
 */
export declare class QmpAbortError extends QmpClientError {
    readonly code = "ABORT_ERR";
    constructor(message: string, reason?: unknown);
}
