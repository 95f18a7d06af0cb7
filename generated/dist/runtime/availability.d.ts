/**
 * Opt-in early refusal: a call to a command that the connected QEMU's version does not have
 * fails locally, before anything is sent, with a `QmpUnavailableError` naming the releases
 * that have it. The version is the greeting's (`QMP.version.qemu`).
 *
 * The table is the `commands` object of a qmp-codegen `changelog.json` (`--history`), or
 * anything of the same shape: per command the first release that has it, the first that no
 * longer has it (`until`, null while present), and gaps.
 *
 * ```ts
 * const qmp = await Qmp.connect({ path: '/run/qemu.sock' });
 * refuseUnavailable(qmp, changelog.commands);
 * await qmp.execute('blockdev-reopen', ...); // throws QmpUnavailableError on QEMU 5.2
 * ```
 *
 * Commands the table does not list are sent as usual.
 */
import { QmpClientError } from './errors.js';
export interface CommandAvailability {
    since: string;
    until: string | null;
    gaps?: ReadonlyArray<{
        removedIn: string;
        returnedIn: string;
    }>;
}
export type AvailabilityTable = Readonly<Record<string, CommandAvailability>>;
/** The command is not in the connected QEMU's version; nothing was sent. */
export declare class QmpUnavailableError extends QmpClientError {
    readonly command: string;
    /** The connected QEMU's version, `major.minor.micro`. */
    readonly version: string;
    constructor(command: string, version: string, detail: string);
}
/** Turn refusal on for `client` (call again with another table to replace it). */
export declare function refuseUnavailable(client: object, table: AvailabilityTable): void;
/**
 * Why `command` must not be sent to a QEMU of `version` under `table`, or undefined when it may.
 * Exported for tests and for callers that want to check ahead of time.
 */
export declare function unavailableReason(table: AvailabilityTable, command: string, version: readonly number[]): string | undefined;
/** The hook `QmpClient` calls before sending a command: the error to reject with, if any. */
export declare function refusalFor(client: object, command: string, greeting: {
    QMP: {
        version: {
            qemu: {
                major: number;
                minor: number;
                micro: number;
            };
        };
    };
} | undefined): QmpUnavailableError | undefined;
