/// <reference types="node" />
/**
 * The wire trace: every QMP message in and out, as the client sends and receives it, with
 * secrets redacted. Enabled by the `trace` option or by `NODE_DEBUG=qmp`.
 *
 * ```ts
 * const qmp = await Qmp.connect({ path, trace: true }); // to stderr
 * const qmp = await Qmp.connect({ path, trace: (entry) => log.debug(entry.text) });
 * ```
 */
import { debuglog } from 'node:util';

/** One traced message. */
export interface QmpTraceEntry {
  /** `'out'`: sent to QEMU; `'in'`: received from it. */
  direction: 'in' | 'out';
  /** The message, redacted (a copy: changing it changes nothing on the wire). */
  message: unknown;
  /** `message` as one line of JSON, prefixed with `-> ` or `<- `. */
  text: string;
}

/**
 * Decides what a traced member shows: return `value` to keep it, anything else to replace
 * it. `key` is the member name, `path` the names from the message down to it.
 */
export type QmpTraceRedactor = (key: string, value: unknown, path: readonly string[]) => unknown;

/** `true`: trace to stderr; a function: receive every entry. */
export type QmpTraceOption = boolean | ((entry: QmpTraceEntry) => void);

/** Member names whose values the default redactor hides. */
export const SECRET_MEMBER: RegExp = /pass(word|phrase)|secret|token|credential|private-?key/i;

export const REDACTED = '<redacted>';

/** The default redactor: hides members whose name looks like a secret (`SECRET_MEMBER`). */
export const redactSecrets: QmpTraceRedactor = (key, value) =>
  SECRET_MEMBER.test(key) ? REDACTED : value;

/** A function that traces one message, or `undefined` when tracing is off. */
export type Tracer = (direction: 'in' | 'out', message: unknown) => void;

const nodeDebug = debuglog('qmp');

/**
 * The tracer for a client's options: `trace` wins; without it `NODE_DEBUG=qmp` traces
 * through `util.debuglog`. `redact: false` turns redaction off.
 */
export function makeTracer(
  trace: QmpTraceOption | undefined,
  redact: QmpTraceRedactor | false | undefined,
): Tracer | undefined {
  let sink: ((entry: QmpTraceEntry) => void) | undefined;
  if (typeof trace === 'function') sink = trace;
  else if (trace === true) sink = (entry) => process.stderr.write(`qmp ${entry.text}\n`);
  else if (trace === undefined && nodeDebug.enabled) sink = (entry) => nodeDebug('%s', entry.text);
  if (sink === undefined) return undefined;
  const redactor = redact === false ? undefined : (redact ?? redactSecrets);
  const deliver = sink;
  return (direction, raw) => {
    let message: unknown = raw;
    if (typeof raw === 'string') {
      try {
        message = JSON.parse(raw);
      } catch {
        message = raw.trimEnd();
      }
    }
    const shown = redactor === undefined ? clone(message) : redactValue(message, redactor, []);
    const entry: QmpTraceEntry = {
      direction,
      message: shown,
      text: `${direction === 'out' ? '->' : '<-'} ${JSON.stringify(shown)}`,
    };
    try {
      deliver(entry);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** A redacted deep copy of a JSON value. */
export function redactValue(
  value: unknown,
  redactor: QmpTraceRedactor,
  path: readonly string[],
): unknown {
  if (Array.isArray(value))
    return value.map((v, i) => redactValue(v, redactor, [...path, String(i)]));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const here = [...path, key];
    const kept = redactor(key, member, here);
    out[key] = kept === member ? redactValue(member, redactor, here) : kept;
  }
  return out;
}
