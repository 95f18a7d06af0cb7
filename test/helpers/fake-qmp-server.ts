/**
 * A scriptable QMP server for tests, on a Unix socket (default) or loopback TCP.
 *
 * Each connection gets a greeting (unless `greeting: false`), then every line the client
 * sends is parsed as a command. `qmp_capabilities` is answered by `onCapabilities` (default:
 * accept), every other command by `handler`. A handler returns `{ return }` / `{ error }` to
 * have it sent with the command's id, or `undefined` to answer later (or never) itself via
 * the connection: `send`, `sendRaw`, `sendSplit`, `event`, `reply`, `replyError`, `end`, `destroy`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedCommand {
  /** Command name, from `execute` or `exec-oob`. */
  name: string;
  arguments: Record<string, unknown> | undefined;
  id: unknown;
  oob: boolean;
  /** The message exactly as parsed. */
  raw: Record<string, unknown>;
}

export type HandlerResult =
  { return: unknown } | { error: { class: string; desc: string } } | undefined;

export type CommandHandler = (
  command: ReceivedCommand,
  connection: FakeQmpConnection,
) => HandlerResult | void | Promise<HandlerResult | void>;

export interface FakeQmpServerOptions {
  transport?: 'unix' | 'tcp';
  /** The greeting to send, or `false` for none. Default: QEMU 9.1.0 offering `capabilities`. */
  greeting?: Record<string, unknown> | false;
  /** Capabilities offered in the default greeting. */
  capabilities?: string[];
  /** Answers `qmp_capabilities`. Default: `{ return: {} }`. */
  onCapabilities?: CommandHandler;
  /** Answers every other command. Default: `{ return: {} }`. */
  handler?: CommandHandler;
  /** Listen on this Unix socket path instead of a fresh one (its folder is not removed). */
  path?: string;
}

export function defaultGreeting(capabilities: string[] = []): Record<string, unknown> {
  return {
    QMP: { version: { qemu: { major: 9, minor: 1, micro: 0 }, package: 'fake-qmp' }, capabilities },
  };
}

export function timestamp(): { seconds: number; microseconds: number } {
  const now = Date.now();
  return { seconds: Math.floor(now / 1000), microseconds: (now % 1000) * 1000 };
}

export class FakeQmpConnection {
  readonly socket: Socket;
  /** Every command received, in order. */
  readonly received: ReceivedCommand[] = [];
  /** Resolves when the socket has closed. */
  readonly closed: Promise<void>;
  readonly #decoder = new StringDecoder('utf8');
  #buffered = '';
  readonly #claimed = new Set<ReceivedCommand>();
  #waiters: Array<{
    match: (c: ReceivedCommand) => boolean;
    resolve: (c: ReceivedCommand) => void;
  }> = [];

  constructor(
    socket: Socket,
    private readonly options: FakeQmpServerOptions,
  ) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay?.(true);
    socket.on('error', () => {}); // the client may reset the connection; that is fine here
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  /** Sends one message as QEMU does: JSON followed by CRLF. */
  send(message: unknown): Promise<void> {
    return this.sendRaw(`${JSON.stringify(message)}\r\n`);
  }

  sendRaw(data: string | Buffer): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.socket.write(data, () => resolve()));
  }

  /** Writes `data` in pieces of `chunkSize` bytes, letting the event loop turn between pieces. */
  async sendSplit(data: string | Buffer, chunkSize = 1, delayMs = 0): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let i = 0; i < bytes.length && !this.socket.destroyed; i += chunkSize) {
      await this.sendRaw(bytes.subarray(i, i + chunkSize));
      if (delayMs > 0) await sleep(delayMs);
      else await nextTurn();
    }
  }

  event(name: string, data?: unknown): Promise<void> {
    return this.send(
      data === undefined
        ? { event: name, timestamp: timestamp() }
        : { event: name, data, timestamp: timestamp() },
    );
  }

  reply(command: ReceivedCommand, value: unknown = {}): Promise<void> {
    return this.send({ return: value, id: command.id });
  }

  replyError(command: ReceivedCommand, errorClass: string, desc: string): Promise<void> {
    return this.send({ error: { class: errorClass, desc }, id: command.id });
  }

  /** Resolves with the first received command (past or future) named `name` (any if omitted) not yet claimed by this method. */
  nextCommand(name?: string): Promise<ReceivedCommand> {
    const match = (c: ReceivedCommand): boolean => name === undefined || c.name === name;
    const found = this.received.find((c) => match(c) && !this.#claimed.has(c));
    if (found) {
      this.#claimed.add(found);
      return Promise.resolve(found);
    }
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  /** Half-closes (FIN), as QEMU does on `quit`. */
  end(): Promise<void> {
    this.socket.end();
    return this.closed;
  }

  /** Drops the connection at once. */
  destroy(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }

  #onData(chunk: Buffer): void {
    const lines = (this.#buffered + this.#decoder.write(chunk)).split('\n');
    this.#buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() !== '') void this.#onCommand(JSON.parse(line) as Record<string, unknown>);
    }
  }

  async #onCommand(raw: Record<string, unknown>): Promise<void> {
    const oob = typeof raw['exec-oob'] === 'string';
    const command: ReceivedCommand = {
      name: String(oob ? raw['exec-oob'] : raw['execute']),
      arguments: raw['arguments'] as Record<string, unknown> | undefined,
      id: raw['id'],
      oob,
      raw,
    };
    this.received.push(command);
    const waiter = this.#waiters.find((w) => w.match(command));
    if (waiter) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      this.#claimed.add(command);
      waiter.resolve(command);
    }
    const handler =
      command.name === 'qmp_capabilities'
        ? (this.options.onCapabilities ?? (() => ({ return: {} })))
        : (this.options.handler ?? (() => ({ return: {} })));
    let result: HandlerResult | void;
    try {
      result = await handler(command, this);
    } catch (error) {
      result = { error: { class: 'GenericError', desc: String(error) } };
    }
    if (result !== undefined) await this.send({ ...result, id: command.id });
  }
}

export class FakeQmpServer {
  readonly connections: FakeQmpConnection[] = [];
  #connectionWaiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly endpoint: { path: string } | { host: string; port: number },
    private readonly dir: string | undefined,
  ) {
    server.on('connection', () => this.#connectionWaiters.splice(0).forEach((wake) => wake()));
  }

  static async start(options: FakeQmpServerOptions = {}): Promise<FakeQmpServer> {
    const greeting =
      options.greeting === undefined ? defaultGreeting(options.capabilities) : options.greeting;
    let self: FakeQmpServer | undefined;
    const server = createServer((socket) => {
      const connection = new FakeQmpConnection(socket, options);
      self?.connections.push(connection);
      if (greeting !== false) void connection.send(greeting);
    });
    if (options.transport === 'tcp') {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      self = new FakeQmpServer(server, { host: '127.0.0.1', port }, undefined);
    } else {
      const dir = options.path === undefined ? mkdtempSync(join(tmpdir(), 'qmp-fake-')) : undefined;
      const path = options.path ?? join(dir!, 'qmp.sock');
      await new Promise<void>((resolve) => server.listen(path, resolve));
      self = new FakeQmpServer(server, { path }, dir);
    }
    return self;
  }

  /** The `index`-th connection (0-based), waiting for it if needed. */
  async connection(index = 0): Promise<FakeQmpConnection> {
    while (this.connections.length <= index) {
      await new Promise<void>((resolve) => this.#connectionWaiters.push(resolve));
    }
    return this.connections[index] as FakeQmpConnection;
  }

  /** Drops every connection, stops listening and removes the socket directory. */
  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.destroy()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}
