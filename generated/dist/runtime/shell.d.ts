import type { QmpClient } from './client.js';
import type { QmpConnectOptions } from './types.js';
export interface ShellOptions {
    /** The bin's name, for messages. */
    name: string;
    connect: (options: QmpConnectOptions) => Promise<QmpClient>;
    commands: readonly string[];
    events: readonly string[];
    commandArguments: Readonly<Record<string, readonly string[]>>;
    generatedFrom: {
        readonly generator: string;
        readonly qemuVersion?: string;
    };
    argv: readonly string[];
    input?: NodeJS.ReadableStream;
    output?: NodeJS.WritableStream;
    /** History file; default `$QMP_SHELL_HISTORY` or `~/.qmp-client-shell_history`. */
    historyFile?: string;
}
/** Parses `name=value ...` into an arguments object; throws on a token without `=`. */
export declare function parseArguments(tokens: readonly string[]): Record<string, unknown> | undefined;
/** Splits a line into words; `'...'` and `"..."` group (quotes removed), no escapes. */
export declare function splitWords(line: string): string[];
/** Tab completion: command names for the first word, then `member=` of that command. */
export declare function complete(line: string, commands: readonly string[], commandArguments: Readonly<Record<string, readonly string[]>>): [string[], string];
/** Where a shell argument points: `path` for a Unix socket, `host:port` for TCP. */
export declare function endpointOf(target: string): QmpConnectOptions;
/** Runs the shell until the input ends, `exit`, or the connection closes; the exit code. */
export declare function runShell(options: ShellOptions): Promise<number>;
