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
/** One entry of `query-qmp-schema` (names other than built-ins are masked, e.g. `"49"`). */
export interface SchemaInfo {
    name: string;
    'meta-type': 'command' | 'event' | 'object' | 'enum' | 'array' | 'alternate' | 'builtin';
    features?: string[];
    'arg-type'?: string;
    'ret-type'?: string;
    'allow-oob'?: boolean;
    'element-type'?: string;
    'json-type'?: string;
    tag?: string;
    variants?: Array<{
        case: string;
        type: string;
    }>;
    values?: string[];
    members?: Array<{
        name?: string;
        type?: string;
        default?: null;
        features?: string[];
    }>;
}
/**
 * An outgoing command that the server's schema does not accept, found before sending (with
 * `validate: 'schema'`). Like a `QmpError` from QEMU (class `GenericError`), but local, and it
 * names the offending member.
 */
export declare class QmpSchemaError extends QmpError {
    /** Where in the arguments: `arguments`, `arguments.node-name`, `arguments.options[0].driver`. */
    readonly member: string;
    /** Always true: no server said this. */
    readonly local: true;
    constructor(command: string, member: string, problem: string);
}
/** A deprecated command, member or value that a call used. */
export interface DeprecatedUse {
    /** `blockdev-change-medium`, `arguments.mode`, `arguments.format=...`. */
    path: string;
    message: string;
}
/**
 * The server's schema, indexed. `Known` is the names the package was generated with (the
 * generated client fills it in), for `has()`'s narrowing.
 */
export declare class QmpSchema<Known extends string = string> {
    #private;
    constructor(entries: readonly SchemaInfo[]);
    /** The raw entry of a command, event or (masked) type name. */
    entry(name: string): SchemaInfo | undefined;
    /** Every command name, sorted. */
    get commands(): string[];
    /** Every event name, sorted. */
    get events(): string[];
    /** Whether the server has this command or event; narrows `name` to the package's names. */
    has(name: string): name is Known;
    /** Whether `path` (see the top of this file) names something the server has. */
    supports(path: Known | (string & {})): boolean;
    /**
     * Check a command's arguments against its `arg-type`: unknown members, missing required
     * members, wrong JSON types, enum values, union variants, alternates, arrays. Returns the
     * first problem, or undefined when the server would accept the shape (QEMU may still refuse
     * the values, e.g. a node name that does not exist). A command the server does not have is
     * a problem too.
     */
    checkArguments(command: string, args: unknown): QmpSchemaError | undefined;
    /** The deprecated things a call uses: the command itself, members, enum values. */
    deprecatedUses(command: string, args: unknown): DeprecatedUse[];
}
/**
 * What the client does before sending a command once it knows the schema: with `validate`,
 * refuse arguments the server would refuse; always, report deprecated use through `warn`.
 */
export declare function checkOutgoing(schema: QmpSchema, command: string, args: unknown, validate: boolean, warn: (message: string, detail: DeprecatedUse) => void): QmpSchemaError | undefined;
