/**
 * The live-QEMU edge: ask a running QEMU (`--qmp unix:PATH | HOST:PORT`) or one started for the
 * purpose (`--qemu BINARY [-- ARGS]`) for its `query-qmp-schema`, and hand the reply on as a
 * vfile that the introspection reader reads like a saved file.
 *
 * A started QEMU gets no guest and no devices: `-M none` (unless the arguments choose a
 * machine), `-S`, `-display none` (unless they choose a display), `-nodefaults` (unless given),
 * and a QMP *client* socket: we listen on a socket in a fresh private folder and QEMU connects
 * to it, so there is nothing to poll for and nobody else can connect. On every path — success,
 * any error, a timeout, Ctrl-C (SIGINT/SIGTERM/SIGHUP) — QEMU is stopped (`quit`, then SIGTERM,
 * then SIGKILL), the socket closed and the folder removed before this returns (or, for a
 * signal, before the signal is passed on).
 *
 * The vfile's path is stable for the same QEMU (`qemu-7.2.22/query-qmp-schema.json`, never a
 * temporary path) and its text is the reply's array, pretty-printed, so diagnostics have lines
 * to point at and the output is the same on every run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import type { IntrospectionFileData } from '../read/introspection/index.js';

export interface LiveSpec {
  /** `unix:PATH`, `tcp:HOST:PORT`, `HOST:PORT`, or a path containing `/`. */
  qmp?: string;
  /** A QEMU binary to start, with extra arguments (what followed `--`). */
  qemu?: { binary: string; args: readonly string[] };
}

export interface LiveOptions {
  /** For the whole exchange, in ms (default 60 s). */
  timeout?: number;
  /** Called once QEMU was started, with its pid (the CLI prints it; tests wait for it). */
  onStarted?: (pid: number) => void;
  /** Stops everything, as Ctrl-C does. */
  signal?: AbortSignal;
  /** Handle SIGINT/SIGTERM/SIGHUP while a started QEMU runs (the CLI does; default false). */
  handleSignals?: boolean;
}

export type LiveResult = { ok: true; file: VFile } | { ok: false; message: string; interrupted?: NodeJS.Signals };

/** An endpoint from `--qmp`. */
export function parseQmpAddress(text: string): { path: string } | { host: string; port: number } | undefined {
  if (text.startsWith('unix:')) return text.length > 5 ? { path: text.slice(5) } : undefined;
  const tcp = /^(?:tcp:)?(\[[^\]]+\]|[^:/]+):([0-9]{1,5})$/.exec(text);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65535) return undefined;
    return { host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  if (text.includes('/')) return { path: text };
  return undefined;
}

/** Text from QEMU (or the OS) for a message: printable ASCII only, bounded. */
export function printable(text: string, max = 400): string {
  const clean = text.replace(/[^\x20-\x7e\n]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const trimmed = clean
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' | ');
  return trimmed.length > max ? `${trimmed.slice(0, max)}...` : trimmed;
}

class LiveError extends Error {}

/** A minimal QMP conversation over one socket: line-framed JSON, one command at a time. */
class Conversation {
  #buffer = '';
  #waiting: { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void } | undefined;
  #queue: Array<Record<string, unknown>> = [];
  #ended: Error | undefined;
  #id = 0;

  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      if (this.#buffer.length > 64 * 1024 * 1024) return this.#fail(new LiveError('QMP message larger than 64 MiB'));
      let nl: number;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, nl).trim();
        this.#buffer = this.#buffer.slice(nl + 1);
        if (line === '') continue;
        let msg: unknown;
        try {
          msg = JSON.parse(line);
        } catch {
          return this.#fail(new LiveError(`the QMP server sent something that is not JSON: ${printable(line, 80)}`));
        }
        if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) continue;
        const m = msg as Record<string, unknown>;
        if ('event' in m) continue;
        if (this.#waiting) {
          const w = this.#waiting;
          this.#waiting = undefined;
          w.resolve(m);
        } else this.#queue.push(m);
      }
    });
    socket.on('error', (e) => this.#fail(new LiveError(`QMP connection failed: ${e.message}`)));
    socket.on('close', () => this.#fail(new LiveError('the QMP server closed the connection')));
  }

  #fail(error: Error): void {
    this.#ended ??= error;
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = undefined;
      w.reject(error);
    }
  }

  next(): Promise<Record<string, unknown>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#ended) return Promise.reject(this.#ended);
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  /** `{return}` on success; `{error}` when QEMU refused. */
  async execute(command: string): Promise<{ return: unknown } | { error: { class: string; desc: string } }> {
    const id = `live-${++this.#id}`;
    this.socket.write(`${JSON.stringify({ execute: command, id })}\n`);
    for (;;) {
      const m = await this.next();
      if (m['id'] !== id) continue;
      if ('return' in m) return { return: m['return'] };
      const e = (m['error'] ?? {}) as { class?: unknown; desc?: unknown };
      return { error: { class: String(e.class ?? 'GenericError'), desc: String(e.desc ?? '') } };
    }
  }
}

/** What the conversation learned: the file's text and facts. */
async function introspect(conv: Conversation): Promise<{ entries: unknown[]; data: IntrospectionFileData }> {
  const greeting = await conv.next();
  if (!('QMP' in greeting)) throw new LiveError('the server did not greet with {"QMP": ...}: is it a QMP monitor?');
  const caps = await conv.execute('qmp_capabilities');
  if ('error' in caps) throw new LiveError(`qmp_capabilities was refused: ${printable(caps.error.desc)}`);
  const data: IntrospectionFileData = {};
  const version = await conv.execute('query-version');
  if ('return' in version) {
    const q = (version.return as { qemu?: { major?: unknown; minor?: unknown; micro?: unknown } } | undefined)?.qemu;
    if (q && [q.major, q.minor, q.micro].every((n) => Number.isSafeInteger(n))) data.qemuVersion = `${String(q.major)}.${String(q.minor)}.${String(q.micro)}`;
  }
  const target = await conv.execute('query-target');
  if ('return' in target) {
    const arch = (target.return as { arch?: unknown } | undefined)?.arch;
    if (typeof arch === 'string' && /^[a-z0-9_]{1,32}$/.test(arch)) data.target = arch;
  }
  const schema = await conv.execute('query-qmp-schema');
  if ('return' in schema) {
    if (!Array.isArray(schema.return)) throw new LiveError('query-qmp-schema did not return an array');
    return { entries: schema.return, data };
  }
  if (schema.error.class !== 'CommandNotFound') throw new LiveError(`query-qmp-schema failed: ${printable(schema.error.desc)}`);
  // QEMU before 2.5: names only
  const names = (reply: { return: unknown } | { error: unknown }, metaType: string): unknown[] =>
    'return' in reply && Array.isArray(reply.return)
      ? reply.return
          .map((c) => (c as { name?: unknown } | null)?.name)
          .filter((n): n is string => typeof n === 'string')
          .sort()
          .map((name) => ({ name, 'meta-type': metaType }))
      : [];
  const commands = names(await conv.execute('query-commands'), 'command');
  if (commands.length === 0) throw new LiveError('neither query-qmp-schema nor query-commands answered');
  const events = names(await conv.execute('query-events'), 'event');
  data.namesOnly = true;
  return { entries: [...commands, ...events], data };
}

function toFile(entries: unknown[], data: IntrospectionFileData): VFile {
  const folder = data.qemuVersion ? `qemu-${data.qemuVersion}` : 'qemu';
  return new VFile({ path: `${folder}/query-qmp-schema.json`, value: `${JSON.stringify(entries, null, 2)}\n`, data: { ...data, reader: 'introspection' } });
}

/** Race `work` against the deadline and the abort signal. */
function guarded<T>(work: Promise<T>, timeout: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LiveError(`no answer within ${timeout / 1000} s`)), timeout);
    const onAbort = () => reject(new LiveError('interrupted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

/** Connect to a running QEMU, introspect it, disconnect (the QEMU keeps running). */
async function fromQmp(address: string, timeout: number, signal: AbortSignal): Promise<LiveResult> {
  const endpoint = parseQmpAddress(address);
  if (!endpoint) return { ok: false, message: `--qmp ${printable(address, 120)}: expected unix:PATH or HOST:PORT` };
  const socket = 'path' in endpoint ? createConnection({ path: endpoint.path }) : createConnection({ host: endpoint.host, port: endpoint.port });
  const conv = new Conversation(socket);
  try {
    const { entries, data } = await guarded(introspect(conv), timeout, signal);
    return { ok: true, file: toFile(entries, data) };
  } catch (error) {
    return { ok: false, message: `--qmp ${printable(address, 120)}: ${printable(error instanceof Error ? error.message : String(error))}` };
  } finally {
    socket.destroy();
  }
}

/** Whether QEMU's arguments already say `opt` (`-M`, `-machine`, ...). */
const hasOption = (args: readonly string[], ...names: string[]) =>
  args.some((a) => names.some((n) => a === n || a === `-${n}` || a.startsWith(`${n}=`) || a.startsWith(`-${n}=`)));

/** The command line of a QEMU started for introspection. */
export function qemuArguments(userArgs: readonly string[], socketPath: string): string[] {
  const args: string[] = [];
  if (!hasOption(userArgs, '-M', '-machine')) args.push('-M', 'none');
  if (!hasOption(userArgs, '-S')) args.push('-S');
  if (!hasOption(userArgs, '-display', '-nographic', '-vnc', '-curses', '-sdl')) args.push('-display', 'none');
  if (!hasOption(userArgs, '-nodefaults')) args.push('-nodefaults');
  // QEMU's option syntax doubles a comma inside a value
  args.push('-chardev', `socket,id=qmp-codegen,path=${socketPath.replace(/,/g, ',,')}`, '-mon', 'chardev=qmp-codegen,mode=control');
  return [...args, ...userArgs];
}

/** Start QEMU, introspect it, stop it; nothing is left behind on any path. */
async function fromQemu(
  binary: string,
  userArgs: readonly string[],
  timeout: number,
  signal: AbortSignal,
  onStarted: ((pid: number) => void) | undefined,
): Promise<LiveResult> {
  const shown = printable(binary, 200);
  // a QEMU that forks away could not be stopped: refuse before starting anything
  if (hasOption(userArgs, '-daemonize')) return { ok: false, message: `--qemu ${shown}: -daemonize cannot be used: qmp-codegen must be able to stop the QEMU it starts` };
  let dir: string | undefined;
  let server: Server | undefined;
  let child: ChildProcess | undefined;
  let socket: Socket | undefined;
  let stderr = '';
  let exited: Promise<void> = Promise.resolve();
  let running = false;
  try {
    dir = mkdtempSync(path.join(tmpdir(), 'qmp-codegen-'));
    const socketPath = path.join(dir, 'qmp.sock');
    const srv = createServer();
    server = srv;
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(socketPath, () => resolve());
    });
    const connected = new Promise<Socket>((resolve) => srv.once('connection', resolve));

    const proc = spawn(binary, qemuArguments(userArgs, socketPath), { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.setEncoding('utf8').on('data', (t: string) => {
      if (stderr.length < 16 * 1024) stderr += t;
    });
    const exit = new Promise<string>((resolve) => {
      proc.once('error', (e) => resolve(e.message.replace(/^spawn \S+ /, '')));
      proc.once('exit', (code, sig) => resolve(sig ? `killed by ${sig}` : `exited with status ${String(code)}`));
    });
    running = true;
    exited = exit.then(() => {
      running = false;
    });
    proc.once('spawn', () => {
      if (proc.pid !== undefined) onStarted?.(proc.pid);
    });

    const failedEarly = exit.then((why) => {
      throw new LiveError(`QEMU ${why} before it connected to QMP${stderr ? `: ${printable(stderr)}` : ''}`);
    });
    socket = await guarded(Promise.race([connected, failedEarly]), timeout, signal);
    srv.close(); // nobody else may connect
    const conv = new Conversation(socket);
    const { entries, data } = await guarded(Promise.race([introspect(conv), failedEarly]), timeout, signal);
    // stop it the polite way; the finally block makes sure
    socket.write(`${JSON.stringify({ execute: 'quit' })}\n`);
    await guarded(exited, 5000, signal).catch(() => undefined);
    return { ok: true, file: toFile(entries, data) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `--qemu ${shown}: ${printable(message)}` };
  } finally {
    socket?.destroy();
    server?.close();
    if (child && running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Introspect the QEMU that `spec` names. Never throws; never leaves a process, socket or
 * folder behind. With `handleSignals`, a signal during the exchange stops QEMU, cleans up and
 * resolves `{ok: false, interrupted}`; the caller then exits as that signal would have.
 */
export async function fetchIntrospection(spec: LiveSpec, options: LiveOptions = {}): Promise<LiveResult> {
  const timeout = options.timeout ?? 60_000;
  const controller = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted = sig;
    controller.abort();
  };
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  if (options.handleSignals) for (const s of SIGNALS) process.on(s, onSignal);
  try {
    let result: LiveResult;
    if (spec.qemu) result = await fromQemu(spec.qemu.binary, spec.qemu.args, timeout, controller.signal, options.onStarted);
    else if (spec.qmp !== undefined) result = await fromQmp(spec.qmp, timeout, controller.signal);
    else result = { ok: false, message: 'neither --qmp nor --qemu was given' };
    if (interrupted && !result.ok) return { ...result, interrupted };
    return result;
  } finally {
    if (options.handleSignals) for (const s of SIGNALS) process.off(s, onSignal);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
