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
  gaps?: ReadonlyArray<{ removedIn: string; returnedIn: string }>;
}

export type AvailabilityTable = Readonly<Record<string, CommandAvailability>>;

/** The command is not in the connected QEMU's version; nothing was sent. */
export class QmpUnavailableError extends QmpClientError {
  readonly command: string;
  /** The connected QEMU's version, `major.minor.micro`. */
  readonly version: string;

  constructor(command: string, version: string, detail: string) {
    super(`${command} is not available in QEMU ${version}: ${detail}`);
    this.name = 'QmpUnavailableError';
    this.command = command;
    this.version = version;
  }
}

const tables = new WeakMap<object, AvailabilityTable>();

/** Turn refusal on for `client` (call again with another table to replace it). */
export function refuseUnavailable(client: object, table: AvailabilityTable): void {
  tables.set(client, table);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function numbers(version: string): number[] {
  return (/^\d+(?:\.\d+)*/.exec(version)?.[0] ?? '0').split('.').map(Number);
}

/**
 * Why `command` must not be sent to a QEMU of `version` under `table`, or undefined when it may.
 * Exported for tests and for callers that want to check ahead of time.
 */
export function unavailableReason(
  table: AvailabilityTable,
  command: string,
  version: readonly number[],
): string | undefined {
  const entry = Object.prototype.hasOwnProperty.call(table, command) ? table[command] : undefined;
  if (entry === undefined) return undefined;
  if (compare(version, numbers(entry.since)) < 0) return `it was added in QEMU ${entry.since}`;
  if (entry.until !== null && compare(version, numbers(entry.until)) >= 0)
    return `it was removed in QEMU ${entry.until}`;
  for (const gap of entry.gaps ?? []) {
    if (
      compare(version, numbers(gap.removedIn)) >= 0 &&
      compare(version, numbers(gap.returnedIn)) < 0
    ) {
      return `it was absent from QEMU ${gap.removedIn} until ${gap.returnedIn}`;
    }
  }
  return undefined;
}

/** The hook `QmpClient` calls before sending a command: the error to reject with, if any. */
export function refusalFor(
  client: object,
  command: string,
  greeting:
    { QMP: { version: { qemu: { major: number; minor: number; micro: number } } } } | undefined,
): QmpUnavailableError | undefined {
  const table = tables.get(client);
  if (table === undefined || greeting === undefined) return undefined;
  const { major, minor, micro } = greeting.QMP.version.qemu;
  const reason = unavailableReason(table, command, [major, minor, micro]);
  return reason === undefined
    ? undefined
    : new QmpUnavailableError(command, `${major}.${minor}.${micro}`, reason);
}
