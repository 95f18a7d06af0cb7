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

export class QmpClientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QmpClientError';
  }
}

/** An error reply: `{"error": {"class": ..., "desc": ...}, "id": ...}`. */
export class QmpError extends QmpClientError {
  /** QAPI error class, e.g. `GenericError`, `CommandNotFound`, `DeviceNotFound`. */
  readonly class: string;
  /** Human-readable description from QEMU. */
  readonly desc: string;
  /** The command that failed. */
  readonly command: string;
  /** The `id` the command was sent with (a number on the wire), as a string. */
  readonly id: string | undefined;

  constructor(init: { class: string; desc: string; command: string; id?: string | undefined }) {
    super(`${init.command}: ${init.desc} (${init.class})`);
    this.name = 'QmpError';
    this.class = init.class;
    this.desc = init.desc;
    this.command = init.command;
    this.id = init.id;
  }
}

/** The connection failed or was closed. `cause` holds the underlying error, if any. */
export class QmpConnectionError extends QmpClientError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QmpConnectionError';
  }
}

/** The server broke the protocol; the connection is closed because of it. */
export class QmpProtocolError extends QmpConnectionError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QmpProtocolError';
  }
}

export class QmpTimeoutError extends QmpClientError {
  /** The limit that was exceeded, in ms. */
  readonly timeout: number;
  /** The command that timed out, if it was a command. */
  readonly command: string | undefined;

  constructor(message: string, timeout: number, command?: string) {
    super(message);
    this.name = 'QmpTimeoutError';
    this.timeout = timeout;
    this.command = command;
  }
}

/**
 * An `AbortSignal` fired. `name` is `'AbortError'` and `code` is `'ABORT_ERR'` so that code
 * written for `fetch` / Node abort errors recognises it; `cause` is the signal's reason.
 */
export class QmpAbortError extends QmpClientError {
  readonly code = 'ABORT_ERR';

  constructor(message: string, reason?: unknown) {
    super(message, reason === undefined ? undefined : { cause: reason });
    this.name = 'AbortError';
  }
}
