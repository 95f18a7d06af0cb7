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
export declare const SECRET_MEMBER: RegExp;
export declare const REDACTED = "<redacted>";
/** The default redactor: hides members whose name looks like a secret (`SECRET_MEMBER`). */
export declare const redactSecrets: QmpTraceRedactor;
/** A function that traces one message, or `undefined` when tracing is off. */
export type Tracer = (direction: 'in' | 'out', message: unknown) => void;
/**
 * The tracer for a client's options: `trace` wins; without it `NODE_DEBUG=qmp` traces
 * through `util.debuglog`. `redact: false` turns redaction off.
 */
export declare function makeTracer(trace: QmpTraceOption | undefined, redact: QmpTraceRedactor | false | undefined): Tracer | undefined;
/** A redacted deep copy of a JSON value. */
export declare function redactValue(value: unknown, redactor: QmpTraceRedactor, path: readonly string[]): unknown;
