/**
 * Reliability, second pass on the runtime client (fake server, deterministic): errors
 * without id, memory of commands that time out while the server does not read, a busy
 * monitor, a hollow greeting, `closed` after quit, an event named `*`, endless whitespace,
 * and connecting to a socket that does not exist yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  QmpClient,
  QmpClientError,
  QmpConnectionError,
  QmpError,
  QmpProtocolError,
  QmpTimeoutError,
} from '../../templates/runtime/index.js';
import { defaultGreeting, FakeQmpServer } from '../helpers/fake-qmp-server.js';
import { harness, settle, teardown, until, type Harness } from './util.js';

let h: Harness | undefined;
let server: FakeQmpServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await teardown(h);
  await server?.close();
  h = undefined;
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function manual(clientOptions = {}, serverOptions = {}) {
  h = await harness({ handler: () => undefined, ...serverOptions }, clientOptions);
  return { ...h, connection: await h.server.connection() };
}

const PARSE_ERROR = { error: { class: 'GenericError', desc: 'JSON parse error, nesting too deep' } };

describe('an error reply without id (QEMU could not parse the request)', () => {
  it.each([0, 30_000])('rejects the command in flight at once with the server error (timeout %i)', async (timeout) => {
    const { qmp, connection } = await manual();
    const call = settle(qmp.execute('deep', { x: 1 }, { timeout }));
    await connection.nextCommand('deep');
    await connection.send(PARSE_ERROR);
    const result = await call;
    expect(result.status).toBe('rejected');
    const error = (result as PromiseRejectedResult).reason as QmpError;
    expect(error).toBeInstanceOf(QmpError);
    expect(error.desc).toMatch(/nesting too deep/);
    expect(error.command).toBe('deep');
  });

  it('is attributed in order: to the oldest command in flight, even one that was aborted', async () => {
    const { qmp, connection, warnings } = await manual();
    const abort = new AbortController();
    const first = settle(qmp.execute('first', undefined, { signal: abort.signal }));
    await connection.nextCommand('first');
    abort.abort();
    const second = settle(qmp.execute('second'));
    const secondCommand = await connection.nextCommand('second');
    await connection.send(PARSE_ERROR); // answers `first` (aborted): dropped
    await connection.reply(secondCommand, 'ok');
    expect((await first).status).toBe('rejected');
    expect(await second).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(warnings).toEqual([]);
  });

  it('the burst of id-less errors QEMU sends for the rest of an unparseable request blames nobody else', async () => {
    const { qmp, connection, warnings } = await manual();
    const bad = settle(qmp.execute('bad'));
    await connection.nextCommand('bad');
    const next = settle(qmp.execute('next'));
    const nextCommand = await connection.nextCommand('next');
    await connection.send(PARSE_ERROR);
    for (let i = 0; i < 5; i++) await connection.send({ error: { class: 'GenericError', desc: 'QMP input must be a JSON object' } });
    await connection.reply(nextCommand, 'fine');
    expect((await bad).status).toBe('rejected');
    expect(await next).toEqual({ status: 'fulfilled', value: 'fine' });
    expect(warnings.map((w) => w.code)).toEqual(Array(5).fill('reply-without-id'));
    // after a reply with id, the next id-less error is attributed again
    const later = settle(qmp.execute('later'));
    await connection.nextCommand('later');
    await connection.send(PARSE_ERROR);
    expect((await later).status).toBe('rejected');
  });

  it('with nothing in flight it stays a warning', async () => {
    const { qmp, connection, warnings } = await manual();
    await connection.send(PARSE_ERROR);
    await until(() => warnings.length === 1);
    expect(warnings[0]?.code).toBe('reply-without-id');
    expect(qmp.isClosed).toBe(false);
  });
});

describe('memory when the server stops reading', () => {
  const MiB = 1024 * 1024;
  it('commands that time out before being written free their bytes; the unwritten queue is bounded', async () => {
    const { qmp, connection } = await manual({ maxUnsentBytes: 4 * MiB }, { handler: () => ({ return: {} }) });
    connection.socket.pause(); // the server stops reading
    const blob = 'x'.repeat(MiB);
    const calls: Array<Promise<PromiseSettledResult<unknown>>> = [];
    let refused: unknown;
    for (let i = 0; i < 64 && refused === undefined; i++) {
      const call = qmp.execute('store', { blob }, { timeout: 100 });
      const early = await Promise.race([settle(call), sleep(0).then(() => undefined)]);
      if (early?.status === 'rejected' && early.reason instanceof QmpClientError && !(early.reason instanceof QmpTimeoutError)) refused = early.reason;
      else calls.push(settle(call));
    }
    expect(refused).toBeInstanceOf(QmpClientError);
    expect(String(refused)).toMatch(/still waiting to be written \(maxUnsentBytes 4194304\); the QMP server is not reading/);
    // every queued call times out; those never written give their bytes back at once
    for (const r of await Promise.all(calls)) expect(r.status === 'rejected' && r.reason).toBeInstanceOf(QmpTimeoutError);
    const again = settle(qmp.execute('store', { blob }, { timeout: 0 }));
    const early = await Promise.race([again, sleep(0).then(() => undefined)]);
    expect(early).toBeUndefined(); // accepted, not refused: the timed-out bytes were dropped
    connection.socket.resume();
    expect(await again).toEqual({ status: 'fulfilled', value: {} });
  });
});

describe('handshake', () => {
  it('a server that accepts but never greets (a busy monitor) is named as probably in use', async () => {
    server = await FakeQmpServer.start({ greeting: false });
    const result = await settle(QmpClient.connect({ ...server.endpoint, connectTimeout: 200 }));
    expect(result.status).toBe('rejected');
    const error = (result as PromiseRejectedResult).reason as Error;
    expect(error).toBeInstanceOf(QmpTimeoutError);
    expect(error.message).toMatch(/sent no greeting; the monitor is probably in use by another client/);
  });

  it.each([
    [{ QMP: {} }, /no version/],
    [{ QMP: { version: {}, capabilities: [] } }, /no version\.qemu/],
    [{ QMP: { version: { qemu: { major: 9, minor: '1', micro: 0 }, package: '' }, capabilities: [] } }, /minor is not an integer/],
    [{ QMP: { version: { qemu: { major: 9, minor: 1, micro: 0 } }, capabilities: [] } }, /package is not a string/],
    [{ QMP: { version: { qemu: { major: 9, minor: 1, micro: 0 }, package: '' } } }, /capabilities is not an array/],
  ])('greeting %j is refused with QmpProtocolError', async (greeting, why) => {
    server = await FakeQmpServer.start({ greeting });
    const result = await settle(QmpClient.connect({ ...server.endpoint, connectTimeout: 5000 }));
    const error = (result as PromiseRejectedResult).reason as Error;
    expect(error).toBeInstanceOf(QmpProtocolError);
    expect(error.message).toMatch(/Invalid QMP greeting/);
    expect(error.message).toMatch(why);
  });

  it('a valid greeting still connects', async () => {
    server = await FakeQmpServer.start({ greeting: defaultGreeting(['oob']) });
    const qmp = await QmpClient.connect({ ...server.endpoint });
    expect(qmp.greeting.QMP.version.qemu.major).toBe(9);
    await qmp.close();
  });
});

describe('connection end and events', () => {
  it('closed resolves undefined after a normal quit (reply, then the server hangs up)', async () => {
    const { qmp } = await manual({}, {
      handler: (c: { name: string }, conn: { send(m: unknown): Promise<void>; end(): Promise<void> }) => {
        if (c.name !== 'quit') return { return: {} };
        void conn.send({ return: {}, id: (c as unknown as { id: unknown }).id }).then(() => conn.end());
        return undefined;
      },
    });
    await expect(qmp.execute('quit')).resolves.toEqual({});
    expect(await qmp.closed).toBeUndefined();
  });

  it('closed resolves undefined when the server hangs up on quit before replying; quit resolves', async () => {
    const { qmp, connection } = await manual();
    const quit = qmp.execute('quit');
    await connection.nextCommand('quit');
    await connection.end();
    await expect(quit).resolves.toEqual({});
    expect(await qmp.closed).toBeUndefined();
  });

  it('but a hang-up without quit is still an error', async () => {
    const { qmp, connection } = await manual();
    await connection.end();
    expect(await qmp.closed).toBeInstanceOf(QmpConnectionError);
  });

  it("a listener for an event literally named '*' fires once per event", async () => {
    const { qmp, connection } = await manual();
    const seen: string[] = [];
    qmp.on('*', (e) => seen.push(e.event));
    await connection.event('*', { odd: true });
    await connection.event('STOP');
    await until(() => seen.length >= 2);
    await connection.event('END');
    await until(() => seen.includes('END'));
    expect(seen).toEqual(['*', 'STOP', 'END']);
  });

  it.each([
    ['newlines', '\n'],
    ['CRLFs', '\r\n'],
    ['spaces', ' '],
    ['tabs and spaces', '\t '],
  ])('endless whitespace (%s) is noticed once it exceeds maxMessageBytes', async (_, unit) => {
    const { qmp, connection } = await manual({ maxMessageBytes: 64 * 1024 });
    const chunk = unit.repeat(Math.ceil(16 * 1024 / unit.length));
    for (let i = 0; i < 8 && !qmp.isClosed; i++) await connection.sendRaw(chunk);
    const reason = await qmp.closed;
    expect(reason).toBeInstanceOf(QmpProtocolError);
    expect(reason?.message).toMatch(/whitespace and no message/);
  });

  it('whitespace between messages is fine', async () => {
    const { qmp, connection } = await manual({ maxMessageBytes: 64 * 1024 });
    const call = qmp.execute('x');
    const c = await connection.nextCommand('x');
    await connection.sendRaw('\n'.repeat(40 * 1024));
    await connection.reply(c, 1);
    await connection.sendRaw(' '.repeat(40 * 1024));
    expect(await call).toBe(1);
    const next = qmp.execute('y');
    await connection.reply(await connection.nextCommand('y'), 2);
    expect(await next).toBe(2);
  });
});

describe('connecting to a socket that does not exist yet', () => {
  it('waitForSocket retries until the server appears', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qmp-wait-'));
    dirs.push(dir);
    const sock = path.join(dir, 'later.sock');
    const connecting = QmpClient.connect({ path: sock, waitForSocket: 30_000, retryInterval: 10 });
    await sleep(50); // the first attempts fail with ENOENT (the test passes either way)
    server = await FakeQmpServer.start({ path: sock });
    const qmp = await connecting;
    expect(qmp.greeting.QMP.version.qemu.major).toBe(9);
    await qmp.close();
  });

  it('gives up after the deadline with a clear error; without waitForSocket it fails at once', async () => {
    const sock = path.join(tmpdir(), `qmp-never-${process.pid}.sock`);
    const waited = await settle(QmpClient.connect({ path: sock, waitForSocket: 60, retryInterval: 10 }));
    expect((waited as PromiseRejectedResult).reason).toBeInstanceOf(QmpConnectionError);
    expect(String((waited as PromiseRejectedResult).reason)).toMatch(/still ENOENT after waiting 60 ms \(\d+ attempts\)/);
    const once = await settle(QmpClient.connect({ path: sock }));
    expect((once as PromiseRejectedResult).reason).toBeInstanceOf(QmpConnectionError);
  });

  it('an abort stops the waiting', async () => {
    const sock = path.join(tmpdir(), `qmp-never-abort-${process.pid}.sock`);
    const abort = new AbortController();
    const connecting = settle(QmpClient.connect({ path: sock, waitForSocket: 60_000, retryInterval: 10, signal: abort.signal }));
    abort.abort();
    const result = await connecting;
    expect((result as PromiseRejectedResult).reason).toMatchObject({ name: 'AbortError' });
  });
});
