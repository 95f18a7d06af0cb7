/**
 * QMP wire shapes and the type-level contract between this runtime and generated code.
 *
 * Generated packages describe their commands and events as two maps and pass them to
 * `QmpClient<Commands, Events>`:
 *
 * ```ts
 * interface Commands {
 *   'query-status': { args: undefined; returns: StatusInfo };   // no arguments: `undefined`
 *   'device_del': { args: { id: string }; returns: {} };
 * }
 * interface Events {
 *   STOP: undefined;                                              // no `data` member on the wire
 *   DEVICE_DELETED: { device?: string; path: string };
 * }
 * ```
 */

import type { QmpFdPassingOptions } from './fd.js';
import type { QmpTraceOption, QmpTraceRedactor } from './trace.js';

/** `QMP.version` in the greeting. */
export interface QmpVersion {
  qemu: { major: number; minor: number; micro: number };
  package: string;
}

/** The first message a QMP server sends. */
export interface QmpGreeting {
  QMP: {
    version: QmpVersion;
    /** Capabilities the server offers (e.g. `'oob'`); they are only active once requested. */
    capabilities: string[];
  };
}

export interface QmpTimestamp {
  seconds: number;
  microseconds: number;
}

/**
 * An asynchronous event as received. QEMU omits `data` for events without payload, so for
 * those `data` is absent (the generated event map should declare their data as `undefined`).
 */
export interface QmpEvent<Name extends string = string, Data = unknown> {
  event: Name;
  data: Data;
  timestamp: QmpTimestamp;
}

/** One entry of a command map. `args: undefined` means the command takes no arguments. */
export interface QmpCommandSpec {
  args: unknown;
  returns: unknown;
}

/**
 * Constraint for a command map. Written as a mapped type over the map itself, so that
 * generated `interface`s (which have no index signature) satisfy it.
 */
export type CommandMap<C> = { [K in keyof C]: QmpCommandSpec };

/** Event name → `data` type. Any object type will do. */
export type EventMap = object;

/** The command map of an untyped client: any name, object arguments, `unknown` results. */
export type AnyCommands = Record<string, { args: object | undefined; returns: unknown }>;

/** The event map of an untyped client. */
export type AnyEvents = Record<string, unknown>;

export type CommandArgs<C, K extends keyof C> = C[K] extends { args: infer A } ? A : undefined;
export type CommandReturn<C, K extends keyof C> = C[K] extends { returns: infer R } ? R : unknown;

/** Per-call options of `execute()`. */
export interface ExecuteOptions {
  /** Milliseconds to wait for the reply; `0` waits forever. Defaults to the client's `timeout`. */
  timeout?: number;
  /** Aborting rejects the call with `QmpAbortError`. QMP cannot cancel a command that was already sent. */
  signal?: AbortSignal;
  /** Send as `exec-oob` (out-of-band). Requires the `oob` capability to have been negotiated. */
  oob?: boolean;
}

/**
 * The parameters after the command name: arguments are required only when the command has
 * required members, and may be left out (or `undefined`) otherwise.
 */
export type ExecuteRest<A> = [A] extends [undefined]
  ? [args?: undefined, options?: ExecuteOptions]
  : undefined extends A
    ? [args?: A, options?: ExecuteOptions]
    : {} extends A
      ? [args?: A, options?: ExecuteOptions]
      : [args: A, options?: ExecuteOptions];

/** The message type of event `K` (a union when `K` is a union). */
export type EventOf<E, K extends keyof E & string> = { [N in K]: QmpEvent<N, E[N]> }[K];

/** Any event of the map. */
export type AnyEventOf<E> = EventOf<E, keyof E & string>;

/** What a listener or `waitFor` receives for name `K`, where `'*'` means every event. */
export type SelectedEvent<E, K> = K extends '*'
  ? AnyEventOf<E>
  : K extends keyof E & string
    ? EventOf<E, K>
    : never;

/** An event name of the map, or `'*'` for all events. */
export type EventSelector<E> = (keyof E & string) | '*';

/** A listener for event `K` (or every event, for `'*'`) of map `E`. */
export type QmpEventListener<E, K> = (event: SelectedEvent<E, K>) => void;

/**
 * Which already-received events `waitFor()` may match:
 * - `'last-command'` (default): events received since the most recent `execute()` that got a
 *   reply was *called* (see `QmpClient.waitFor`);
 * - `'now'`: only events received after the call;
 * - a number: events whose sequence number is at least this (see `QmpClient.eventCursor`).
 */
export type WaitForSince = 'last-command' | 'now' | number;

export interface WaitForOptions<Ev> {
  /** Only resolve for an event this returns `true` for. If it throws, `waitFor` rejects with that. */
  predicate?: (event: Ev) => boolean;
  /** Milliseconds before rejecting with `QmpTimeoutError`; `0` waits forever. Defaults to the client's `timeout`. */
  timeout?: number;
  signal?: AbortSignal;
  since?: WaitForSince;
}

export interface EventsOptions {
  /** Aborting ends the iteration (the loop just finishes; no error is thrown). */
  signal?: AbortSignal;
  /**
   * Events kept for a consumer that is behind (default 1000). When full, the oldest queued
   * event is dropped and an `event-queue-overflow` warning is reported once per overflow episode.
   */
  maxQueued?: number;
}

export type QmpWarningCode =
  /** A reply whose `id` matches no command this client sent. */
  | 'unknown-id'
  /** A second reply for a command that was already answered. */
  | 'duplicate-reply'
  /** A reply without `id` (QEMU sends these when it could not parse a request at all). */
  | 'reply-without-id'
  /** Valid JSON that is neither a reply nor an event (or a second greeting). */
  | 'unexpected-message'
  /** A requested capability that the server did not offer; it was not requested. */
  | 'capability-unavailable'
  /** An `events()` consumer fell behind and lost events. */
  | 'event-queue-overflow'
  /** `waitFor` was asked to look further back than the event buffer reaches. */
  | 'event-buffer-overrun'
  /** A command used something the server's schema marks `deprecated` (known once `schema()` ran). */
  | 'deprecated';

/** Something odd that does not break the connection. */
export interface QmpWarning {
  code: QmpWarningCode;
  message: string;
  /** The offending message, when there is one. */
  detail?: unknown;
}

/** Where to connect: a Unix socket path, or a TCP host and port. */
export type QmpEndpoint =
  { path: string; host?: never; port?: never } | { host?: string; port: number; path?: never };

export interface QmpClientOptions {
  /** Default per-command (and `waitFor`) timeout in ms; `0` = none. Default 30000. */
  timeout?: number;
  /** Limit for TCP/Unix connect + greeting + capabilities negotiation, in ms; `0` = none. Default 10000. */
  connectTimeout?: number;
  /** Capabilities to enable, e.g. `['oob']`. Only those the greeting offers are requested. */
  capabilities?: readonly string[];
  /** Largest accepted message in bytes; a larger one fails the connection. Default 16 MiB. */
  maxMessageBytes?: number;
  /** How many recent events are kept for `waitFor` (default 256; `0` keeps none). */
  eventBufferSize?: number;
  /** Receives protocol oddities that do not break the connection. Default: ignore them. */
  onWarning?: (warning: QmpWarning) => void;
  /**
   * `'schema'`: check every command's arguments against the server's `query-qmp-schema`
   * before sending (fetched by the first command, then cached); a mismatch rejects with
   * `QmpSchemaError` naming the member, and nothing is sent.
   */
  validate?: 'schema';
  /** Aborts connecting (has no effect once `connect()` resolved). */
  signal?: AbortSignal;
  /**
   * Trace every message in and out: `true` to stderr, or a function per message. Without it,
   * `NODE_DEBUG=qmp` traces through `util.debuglog`.
   */
  trace?: QmpTraceOption;
  /** What the trace shows of each member; default `redactSecrets`; `false`: everything. */
  traceRedact?: QmpTraceRedactor | false;
  /**
   * Bytes of commands that may wait to be written while the server is not reading (default
   * 64 MiB); beyond that `execute` rejects at once. A command that times out or is aborted
   * before it was written frees its bytes at once.
   */
  maxUnsentBytes?: number;
  /**
   * Keep retrying to connect for up to this many ms while the socket does not exist yet or
   * refuses connections (QEMU creates it a moment after starting); `0` (default) tries once.
   */
  waitForSocket?: number;
  /** Delay between connection attempts under `waitForSocket`, in ms (default 50). */
  retryInterval?: number;
}

export type QmpConnectOptions = QmpEndpoint & QmpClientOptions & QmpFdPassingOptions;
