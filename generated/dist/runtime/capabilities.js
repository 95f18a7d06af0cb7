/**
 * Capability checks against the server's own schema (`query-qmp-schema`, QEMU 2.5 on).
 *
 * ```ts
 * const schema = await qmp.schema();               // fetched once, then cached
 * schema.supports('blockdev-reopen');             // a command (or event) exists
 * schema.supports('blockdev-add/arg-type/+file/aio/^io_uring');
 * if (schema.has(name)) await qmp.execute(name);  // narrows `name` to the package's commands/events
 * ```
 *
 * `supports(path)` speaks libvirt's query language (libvirt's `virQEMUQAPISchemaPathGet`):
 * a path starts with a command or event name; then, one component at a time,
 *
 * | component   | on a …                | means                                              |
 * | ----------- | --------------------- | -------------------------------------------------- |
 * | `arg-type`  | command, event        | its arguments / data object                        |
 * | `ret-type`  | command               | what it returns                                    |
 * | `name`      | object                | member `name` (any member)                         |
 * | `*name`     | object                | member `name`, and it is optional                  |
 * | `+value`    | object (union)        | the variant for discriminator value `value`        |
 * | `^value`    | enum                  | the enum has `value` (must come last)              |
 * | `!type`     | built-in              | its JSON type is `type`: `string`, `int`, `number`, `boolean`, `null`, `value` (last) |
 * | `$feature`  | anything              | it has feature `feature` (`deprecated`, `unstable`, …; last). After a member, the member's own features count too. |
 *
 * Arrays are looked through (`query-block/ret-type/inserted` is a member of the element), and
 * at an alternate every branch is tried. A path that names something absent is `false`, never
 * an error.
 */
import { QmpError } from './errors.js';
/**
 * An outgoing command that the server's schema does not accept, found before sending (with
 * `validate: 'schema'`). Like a `QmpError` from QEMU (class `GenericError`), but local, and it
 * names the offending member.
 */
export class QmpSchemaError extends QmpError {
    /** Where in the arguments: `arguments`, `arguments.node-name`, `arguments.options[0].driver`. */
    member;
    /** Always true: no server said this. */
    local = true;
    constructor(command, member, problem) {
        super({
            class: 'GenericError',
            desc: `${member}: ${problem} (checked against the server's schema before sending)`,
            command,
        });
        this.name = 'QmpSchemaError';
        this.member = member;
    }
}
const JSON_TYPES = new Set(['string', 'int', 'number', 'boolean', 'null', 'value']);
const MAX_DEPTH = 64;
const hasKey = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
function jsonTypeOf(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'int' : 'number';
    if (typeof value === 'boolean')
        return 'boolean';
    if (typeof value === 'string')
        return 'string';
    return typeof value === 'object' ? 'object' : typeof value;
}
/**
 * The server's schema, indexed. `Known` is the names the package was generated with (the
 * generated client fills it in), for `has()`'s narrowing.
 */
export class QmpSchema {
    #entries = new Map();
    constructor(entries) {
        for (const e of entries) {
            if (e && typeof e === 'object' && typeof e.name === 'string' && !this.#entries.has(e.name))
                this.#entries.set(e.name, e);
        }
    }
    /** The raw entry of a command, event or (masked) type name. */
    entry(name) {
        return this.#entries.get(name);
    }
    /** Every command name, sorted. */
    get commands() {
        return this.#names('command');
    }
    /** Every event name, sorted. */
    get events() {
        return this.#names('event');
    }
    #names(metaType) {
        return [...this.#entries.values()]
            .filter((e) => e['meta-type'] === metaType)
            .map((e) => e.name)
            .sort();
    }
    /** Whether the server has this command or event; narrows `name` to the package's names. */
    has(name) {
        const e = this.#entries.get(name);
        return e !== undefined && (e['meta-type'] === 'command' || e['meta-type'] === 'event');
    }
    /** Whether `path` (see the top of this file) names something the server has. */
    supports(path) {
        if (typeof path !== 'string' || path === '')
            return false;
        const [head, ...rest] = path.split('/');
        const e = this.#entries.get(head);
        if (!e || (e['meta-type'] !== 'command' && e['meta-type'] !== 'event'))
            return false;
        return this.#walk(e, rest, undefined, 0);
    }
    /** Follow `query` from `entry`; `memberFeatures`: the member we came through, if any. */
    #walk(entry, query, memberFeatures, depth) {
        if (depth > MAX_DEPTH)
            return false;
        if (query.length === 0)
            return true;
        const [step, ...rest] = query;
        const type = entry['meta-type'];
        if (step.startsWith('$')) {
            const feature = step.slice(1);
            if (rest.length > 0)
                return false;
            if (memberFeatures?.includes(feature))
                return true;
            if (entry.features?.includes(feature))
                return true;
            // arrays and alternates: the feature of what they contain
            if (type === 'array')
                return this.#into(entry['element-type'], query, undefined, depth);
            return false;
        }
        const next = (name, q, mf) => this.#into(name, q, mf, depth);
        switch (type) {
            case 'array':
                return next(entry['element-type'], query);
            case 'alternate':
                return (entry.members ?? []).some((m) => next(m.type, query));
            case 'command':
            case 'event':
                if (step === 'arg-type')
                    return next(entry['arg-type'], rest);
                if (step === 'ret-type' && type === 'command')
                    return next(entry['ret-type'], rest);
                return false;
            case 'object': {
                if (step.startsWith('+')) {
                    const v = (entry.variants ?? []).find((x) => x.case === step.slice(1));
                    return v !== undefined && next(v.type, rest);
                }
                const optional = step.startsWith('*');
                const name = optional ? step.slice(1) : step;
                const m = (entry.members ?? []).find((x) => x.name === name);
                if (!m || (optional && !hasKey(m, 'default')))
                    return false;
                return next(m.type, rest, m.features ?? []);
            }
            case 'enum': {
                if (!step.startsWith('^') || rest.length > 0)
                    return false;
                const value = step.slice(1);
                return ((entry.values ?? []).includes(value) ||
                    (entry.members ?? []).some((m) => m.name === value));
            }
            case 'builtin':
                return (step.startsWith('!') &&
                    rest.length === 0 &&
                    entry['json-type'] === step.slice(1) &&
                    JSON_TYPES.has(step.slice(1)));
            default:
                return false;
        }
    }
    #into(name, query, memberFeatures, depth) {
        if (name === undefined)
            return false;
        const e = this.#entries.get(name);
        return e !== undefined && this.#walk(e, query, memberFeatures, depth + 1);
    }
    /**
     * Check a command's arguments against its `arg-type`: unknown members, missing required
     * members, wrong JSON types, enum values, union variants, alternates, arrays. Returns the
     * first problem, or undefined when the server would accept the shape (QEMU may still refuse
     * the values, e.g. a node name that does not exist). A command the server does not have is
     * a problem too.
     */
    checkArguments(command, args) {
        const e = this.#entries.get(command);
        if (!e || e['meta-type'] !== 'command')
            return new QmpSchemaError(command, 'command', `the server has no command ${JSON.stringify(command)}`);
        const argType = e['arg-type'];
        if (argType === undefined)
            return undefined;
        const problem = this.#check(argType, args ?? {}, 'arguments', 0);
        return problem ? new QmpSchemaError(command, problem.at, problem.why) : undefined;
    }
    #check(typeName, value, at, depth) {
        const t = this.#entries.get(typeName);
        if (!t || depth > MAX_DEPTH)
            return undefined; // nothing to say
        const actual = jsonTypeOf(value);
        switch (t['meta-type']) {
            case 'builtin': {
                const want = t['json-type'];
                if (want === 'value' || want === actual || (want === 'number' && actual === 'int'))
                    return undefined;
                return {
                    at,
                    why: `expected ${want === 'int' ? 'an integer' : `a ${String(want)}`}, got ${actual === 'int' ? 'a number' : `a ${actual}`}`,
                };
            }
            case 'enum': {
                if (typeof value !== 'string')
                    return { at, why: `expected one of the enumeration's strings, got a ${actual}` };
                const values = t.values ?? (t.members ?? []).map((m) => m.name);
                return values.includes(value)
                    ? undefined
                    : {
                        at,
                        why: `${JSON.stringify(value)} is not one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
                    };
            }
            case 'array': {
                if (!Array.isArray(value))
                    return { at, why: `expected an array, got a ${actual}` };
                for (let i = 0; i < value.length; i++) {
                    const p = this.#check(t['element-type'] ?? '', value[i], `${at}[${i}]`, depth + 1);
                    if (p)
                        return p;
                }
                return undefined;
            }
            case 'alternate': {
                const branches = t.members ?? [];
                let first;
                for (const b of branches) {
                    const p = this.#check(b.type ?? '', value, at, depth + 1);
                    if (!p)
                        return undefined;
                    first ??= p;
                }
                return branches.length === 1
                    ? first
                    : {
                        at,
                        why: `matches none of the ${branches.length} alternatives (${first?.why ?? 'no branch'})`,
                    };
            }
            case 'object': {
                if (actual !== 'object')
                    return { at, why: `expected an object, got a ${actual}` };
                const obj = value;
                const members = [...(t.members ?? [])];
                if (t.tag !== undefined && hasKey(obj, t.tag)) {
                    const v = (t.variants ?? []).find((x) => x.case === obj[t.tag]);
                    const vt = v ? this.#entries.get(v.type) : undefined;
                    if (vt?.members)
                        members.push(...vt.members);
                }
                const known = new Set(members.map((m) => m.name));
                for (const key of Object.keys(obj)) {
                    if (!known.has(key))
                        return { at: `${at}.${key}`, why: 'this member is not accepted here' };
                }
                for (const m of members) {
                    if (m.name === undefined)
                        continue;
                    if (!hasKey(obj, m.name) || obj[m.name] === undefined) {
                        if (!hasKey(m, 'default'))
                            return { at: `${at}.${m.name}`, why: 'this member is required' };
                        continue;
                    }
                    const p = this.#check(m.type ?? '', obj[m.name], `${at}.${m.name}`, depth + 1);
                    if (p)
                        return p;
                }
                return undefined;
            }
            default:
                return undefined;
        }
    }
    /** The deprecated things a call uses: the command itself, members, enum values. */
    deprecatedUses(command, args) {
        const e = this.#entries.get(command);
        if (!e || e['meta-type'] !== 'command')
            return [];
        const out = [];
        if (e.features?.includes('deprecated'))
            out.push({ path: command, message: `command ${command} is deprecated` });
        if (e['arg-type'] !== undefined)
            this.#deprecated(e['arg-type'], args ?? {}, 'arguments', command, out, 0);
        return out;
    }
    #deprecated(typeName, value, at, command, out, depth) {
        const t = this.#entries.get(typeName);
        if (!t || depth > MAX_DEPTH || out.length > 32)
            return;
        switch (t['meta-type']) {
            case 'enum':
                if (typeof value === 'string' &&
                    (t.members ?? []).some((m) => m.name === value && m.features?.includes('deprecated'))) {
                    out.push({
                        path: `${at}=${value}`,
                        message: `${command}: value ${JSON.stringify(value)} of ${at} is deprecated`,
                    });
                }
                return;
            case 'array':
                if (Array.isArray(value))
                    value.forEach((v, i) => this.#deprecated(t['element-type'] ?? '', v, `${at}[${i}]`, command, out, depth + 1));
                return;
            case 'alternate': {
                // the branch the value matches
                const b = (t.members ?? []).find((m) => this.#check(m.type ?? '', value, at, depth + 1) === undefined);
                if (b?.type)
                    this.#deprecated(b.type, value, at, command, out, depth + 1);
                return;
            }
            case 'object': {
                if (jsonTypeOf(value) !== 'object')
                    return;
                const obj = value;
                const members = [...(t.members ?? [])];
                if (t.tag !== undefined) {
                    const v = (t.variants ?? []).find((x) => x.case === obj[t.tag]);
                    const vt = v ? this.#entries.get(v.type) : undefined;
                    if (vt?.members)
                        members.push(...vt.members);
                }
                for (const m of members) {
                    if (m.name === undefined || !hasKey(obj, m.name))
                        continue;
                    const path = `${at}.${m.name}`;
                    if (m.features?.includes('deprecated'))
                        out.push({ path, message: `${command}: ${path} is deprecated` });
                    this.#deprecated(m.type ?? '', obj[m.name], path, command, out, depth + 1);
                }
                return;
            }
            default:
                return;
        }
    }
}
/**
 * What the client does before sending a command once it knows the schema: with `validate`,
 * refuse arguments the server would refuse; always, report deprecated use through `warn`.
 */
export function checkOutgoing(schema, command, args, validate, warn) {
    if (validate) {
        const problem = schema.checkArguments(command, args);
        if (problem)
            return problem;
    }
    for (const use of schema.deprecatedUses(command, args))
        warn(use.message, use);
    return undefined;
}
