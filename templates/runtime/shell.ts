/// <reference types="node" />
/**
 * A small interactive QMP shell (like QEMU's `qmp-shell`), the generated package's
 * `qmp-client-shell` bin:
 *
 * ```
 * $ qmp-client-shell /run/qemu/vm.qmp
 * (QEMU) query-status
 * { "running": true, "status": "running" }
 * (QEMU) block_resize device=disk0 size=1073741824
 * (QEMU) {"execute": "query-name"}
 * ```
 *
 * A line is `command name=value ...` (a value is JSON when it parses as JSON, else a
 * string; `a.b=1` nests) or a whole JSON request. Tab completes command names, then argument
 * names; history is kept in `$QMP_SHELL_HISTORY` (default `~/.qmp-client-shell_history`);
 * replies are pretty-printed and events are printed as they arrive. `help [command]` lists
 * what the package knows, `exit` or Ctrl-D leaves.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { QmpClient } from './client.js';
import { QmpError } from './errors.js';
import type { QmpConnectOptions, QmpEvent } from './types.js';

export interface ShellOptions {
  /** The bin's name, for messages. */
  name: string;
  connect: (options: QmpConnectOptions) => Promise<QmpClient>;
  commands: readonly string[];
  events: readonly string[];
  commandArguments: Readonly<Record<string, readonly string[]>>;
  generatedFrom: { readonly generator: string; readonly qemuVersion?: string };
  argv: readonly string[];
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** History file; default `$QMP_SHELL_HISTORY` or `~/.qmp-client-shell_history`. */
  historyFile?: string;
}

const PROMPT = '(QEMU) ';
const BUILTINS = ['help', 'exit'];
const HISTORY_SIZE = 1000;

/** Parses `name=value ...` into an arguments object; throws on a token without `=`. */
export function parseArguments(tokens: readonly string[]): Record<string, unknown> | undefined {
  if (tokens.length === 0) return undefined;
  const args: Record<string, unknown> = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq <= 0) throw new SyntaxError(`Expected name=value, got ${JSON.stringify(token)}`);
    const path = token.slice(0, eq).split('.');
    const raw = token.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    let target = args;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
        target = next as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        target[key] = created;
        target = created;
      }
    }
    target[path[path.length - 1] as string] = value;
  }
  return args;
}

/** Splits a line into words; `'...'` and `"..."` group (quotes removed), no escapes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s'"]+|'[^']*'|"[^"]*")+/g;
  for (const match of line.matchAll(re)) {
    words.push(
      match[0].replace(/'([^']*)'|"([^"]*)"/g, (_, a?: string, b?: string) => a ?? b ?? ''),
    );
  }
  return words;
}

/** Tab completion: command names for the first word, then `member=` of that command. */
export function complete(
  line: string,
  commands: readonly string[],
  commandArguments: Readonly<Record<string, readonly string[]>>,
): [string[], string] {
  const words = line.split(/\s+/);
  const current = words[words.length - 1] ?? '';
  if (words.length <= 1) {
    const hits = [...commands, ...BUILTINS].filter((c) => c.startsWith(current)).sort();
    return [hits.length === 1 ? [`${hits[0]} `] : hits, current];
  }
  const command = words[0] ?? '';
  if (command === 'help') {
    return [commands.filter((c) => c.startsWith(current)), current];
  }
  if (current.includes('=')) return [[], current];
  const used = new Set(words.slice(1, -1).map((w) => w.split('=')[0]));
  const members = (commandArguments[command] ?? []).filter((m) => !used.has(m));
  return [members.filter((m) => m.startsWith(current)).map((m) => `${m}=`), current];
}

/** Where a shell argument points: `path` for a Unix socket, `host:port` for TCP. */
export function endpointOf(target: string): QmpConnectOptions {
  const tcp = /^(.*):(\d+)$/.exec(target);
  if (tcp && !target.includes('/')) return { host: tcp[1] || 'localhost', port: Number(tcp[2]) };
  return { path: target };
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

function historyPath(options: ShellOptions): string {
  return (
    options.historyFile ??
    (process.env['QMP_SHELL_HISTORY'] || join(homedir(), '.qmp-client-shell_history'))
  );
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-HISTORY_SIZE)
      .reverse();
  } catch {
    return [];
  }
}

function usage(name: string): string {
  return [
    `Usage: ${name} SOCKET | HOST:PORT`,
    '',
    'Interactive QMP shell. Lines are `command name=value ...` or a JSON request;',
    'Tab completes commands and argument names. `help [command]`, `exit` or Ctrl-D.',
  ].join('\n');
}

/** Runs the shell until the input ends, `exit`, or the connection closes; the exit code. */
export async function runShell(options: ShellOptions): Promise<number> {
  const output = options.output ?? process.stdout;
  const input = options.input ?? process.stdin;
  const write = (text: string): void => void output.write(`${text}\n`);
  const argv = options.argv;
  if (argv.includes('-h') || argv.includes('--help')) {
    write(usage(options.name));
    return 0;
  }
  if (argv.length !== 1 || argv[0]!.startsWith('-')) {
    process.stderr.write(`${usage(options.name)}\n`);
    return 2;
  }
  let qmp: QmpClient;
  try {
    qmp = await options.connect(endpointOf(argv[0]!));
  } catch (error) {
    process.stderr.write(
      `${options.name}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const v = qmp.greeting.QMP.version;
  write(
    `Connected to QEMU ${v.qemu.major}.${v.qemu.minor}.${v.qemu.micro}` +
      `${v.package ? ` (${v.package.trim()})` : ''}; ` +
      `${options.commands.length} commands known (${options.generatedFrom.generator}). ` +
      'Tab completes, `help` lists, Ctrl-D leaves.',
  );

  const file = historyPath(options);
  const terminal = (output as { isTTY?: boolean }).isTTY === true;
  const rl: Interface = createInterface({
    input,
    output,
    terminal,
    prompt: PROMPT,
    history: loadHistory(file),
    historySize: HISTORY_SIZE,
    completer: (line: string) => complete(line, options.commands, options.commandArguments),
  });

  let closed = false;
  const done = new Promise<void>((resolve) =>
    rl.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const prompt = (keepLine = false): void => {
    if (!closed) rl.prompt(keepLine);
  };
  /** Prints above the prompt without breaking the line being typed. */
  const print = (text: string): void => {
    if (terminal && !closed) {
      output.write('\r\x1b[K');
      write(text);
      prompt(true);
    } else {
      write(text);
    }
  };
  const offEvents = qmp.on('*', (event: QmpEvent) => {
    const ts = event.timestamp;
    const when = ts ? `${ts.seconds}.${String(ts.microseconds).padStart(6, '0')}` : '';
    print(
      `event ${event.event} ${when}${event.data === undefined ? '' : `\n${pretty(event.data)}`}`,
    );
  });

  const run = async (line: string): Promise<void> => {
    const text = line.trim();
    if (text === '') return;
    try {
      appendFileSync(file, `${text.replace(/[\r\n]/g, ' ')}\n`, { mode: 0o600 });
    } catch {
      // history is a convenience
    }
    let command: string;
    let args: object | undefined;
    if (text.startsWith('{')) {
      const request = JSON.parse(text) as { execute?: unknown; arguments?: unknown };
      if (typeof request.execute !== 'string')
        throw new SyntaxError('A JSON request needs "execute"');
      command = request.execute;
      args = request.arguments as object | undefined;
    } else {
      const [first, ...rest] = splitWords(text);
      command = first!;
      if (command === 'exit') {
        rl.close();
        return;
      }
      if (command === 'help') {
        const about = rest[0];
        if (about === undefined) write(options.commands.join('\n'));
        else if (!options.commands.includes(about))
          write(`${about}: not a command this package knows`);
        else
          write(
            `${about} ${(options.commandArguments[about] ?? []).map((m) => `${m}=...`).join(' ')}`.trim(),
          );
        return;
      }
      args = parseArguments(rest);
    }
    if (!options.commands.includes(command))
      print(`(${command} is not in this package's command list; sending it anyway)`);
    const result = await qmp.executeUntyped(command, args, { timeout: 0 });
    print(pretty(result ?? {}));
  };

  let chain: Promise<void> = Promise.resolve();
  rl.on('line', (line: string) => {
    chain = chain.then(async () => {
      try {
        await run(line);
      } catch (error) {
        if (error instanceof QmpError) print(`error: ${error.class}: ${error.desc}`);
        else print(`error: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!qmp.isClosed) prompt();
    });
  });
  void qmp.closed.then((reason) => {
    if (reason !== undefined) {
      void chain.then(() => {
        print(`connection closed: ${reason.message}`);
        rl.close();
      });
    }
  });
  prompt();
  await done;
  await chain;
  offEvents();
  await qmp.close();
  if (terminal) output.write('\n');
  return 0;
}
