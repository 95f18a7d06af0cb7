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
/** Member names whose values the default redactor hides. */
export const SECRET_MEMBER = /pass(word|phrase)|secret|token|credential|private-?key/i;
export const REDACTED = '<redacted>';
/** The default redactor: hides members whose name looks like a secret (`SECRET_MEMBER`). */
export const redactSecrets = (key, value) => SECRET_MEMBER.test(key) ? REDACTED : value;
const nodeDebug = debuglog('qmp');
/**
 * The tracer for a client's options: `trace` wins; without it `NODE_DEBUG=qmp` traces
 * through `util.debuglog`. `redact: false` turns redaction off.
 */
export function makeTracer(trace, redact) {
    let sink;
    if (typeof trace === 'function')
        sink = trace;
    else if (trace === true)
        sink = (entry) => process.stderr.write(`qmp ${entry.text}\n`);
    else if (trace === undefined && nodeDebug.enabled)
        sink = (entry) => nodeDebug('%s', entry.text);
    if (sink === undefined)
        return undefined;
    const redactor = redact === false ? undefined : (redact ?? redactSecrets);
    const deliver = sink;
    return (direction, raw) => {
        let message = raw;
        if (typeof raw === 'string') {
            try {
                message = JSON.parse(raw);
            }
            catch {
                message = raw.trimEnd();
            }
        }
        const shown = redactor === undefined ? clone(message) : redactValue(message, redactor, []);
        const entry = {
            direction,
            message: shown,
            text: `${direction === 'out' ? '->' : '<-'} ${JSON.stringify(shown)}`,
        };
        try {
            deliver(entry);
        }
        catch (error) {
            queueMicrotask(() => {
                throw error;
            });
        }
    };
}
function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
/** A redacted deep copy of a JSON value. */
export function redactValue(value, redactor, path) {
    if (Array.isArray(value))
        return value.map((v, i) => redactValue(v, redactor, [...path, String(i)]));
    if (typeof value !== 'object' || value === null)
        return value;
    const out = {};
    for (const [key, member] of Object.entries(value)) {
        const here = [...path, key];
        const kept = redactor(key, member, here);
        out[key] = kept === member ? redactValue(member, redactor, here) : kept;
    }
    return out;
}
