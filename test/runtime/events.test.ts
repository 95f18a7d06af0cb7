import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  QmpAbortError,
  QmpConnectionError,
  QmpTimeoutError,
} from '../../templates/runtime/index.js';
import type { QmpEvent } from '../../templates/runtime/index.js';
import { timestamp, type FakeQmpConnection } from '../helpers/fake-qmp-server.js';
import { harness, settle, teardown, until, type Harness } from './util.js';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(h);
  h = undefined;
});

/** Like QEMU: `stop` emits STOP *before* its reply (in the same write); `cont` emits RESUME. */
async function vm(clientOptions = {}) {
  h = await harness(
    {
      handler: async (command, connection) => {
        if (command.name === 'manual') return undefined; // the test answers
        const event = { stop: 'STOP', cont: 'RESUME' }[command.name];
        if (event === undefined) return { return: {} };
        await connection.sendRaw(
          `${JSON.stringify({ event, timestamp: timestamp() })}\r\n${JSON.stringify({ return: {}, id: command.id })}\r\n`,
        );
        return undefined;
      },
    },
    clientOptions,
  );
  return { ...h, connection: await h.server.connection() };
}

describe('on / once / off', () => {
  it('delivers events by name and to "*", interleaved with replies, in order', async () => {
    const { qmp, connection } = await vm();
    const named: unknown[] = [];
    const all: string[] = [];
    qmp.on('DEVICE_DELETED', (e) => named.push(e.data));
    qmp.on('*', (e) => all.push(e.event));
    await connection.event('DEVICE_DELETED', { device: 'a', path: '/a' });
    await qmp.execute('stop');
    await connection.event('DEVICE_DELETED', { device: 'b', path: '/b' });
    await qmp.execute('cont');
    await until(() => all.length === 4);
    expect(all).toEqual(['DEVICE_DELETED', 'STOP', 'DEVICE_DELETED', 'RESUME']);
    expect(named).toEqual([
      { device: 'a', path: '/a' },
      { device: 'b', path: '/b' },
    ]);
  });

  it('passes the whole message: event, data (absent when QEMU sends none) and timestamp', async () => {
    const { qmp, connection } = await vm();
    const seen: QmpEvent[] = [];
    qmp.on('*', (e) => seen.push(e));
    await connection.event('STOP');
    await connection.event('BLOCK_JOB_READY', { device: 'd0', len: 5 });
    await until(() => seen.length === 2);
    expect(seen[0]).toEqual({
      event: 'STOP',
      timestamp: { seconds: expect.any(Number), microseconds: expect.any(Number) },
    });
    expect(seen[1]).toMatchObject({ event: 'BLOCK_JOB_READY', data: { device: 'd0', len: 5 } });
  });

  it('once fires once; off and the returned function unsubscribe', async () => {
    const { qmp, connection } = await vm();
    const calls: string[] = [];
    qmp.once('E', () => calls.push('once'));
    const always = (): void => void calls.push('on');
    qmp.on('E', always);
    const unsubscribe = qmp.on('E', () => calls.push('unsubscribed'));
    unsubscribe();
    await connection.event('E');
    await connection.event('E');
    await until(() => calls.length === 3);
    qmp.off('E', always);
    await connection.event('E');
    await sleep(20);
    expect(calls).toEqual(['once', 'on', 'on']);
  });

  it('a throwing listener does not disturb the client or other listeners; the error is rethrown asynchronously', async () => {
    const { qmp, connection } = await vm();
    const rethrown: Array<() => void> = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation(
      (callback) => void rethrown.push(callback),
    );
    const seen: string[] = [];
    qmp.on('E', () => {
      throw new Error('listener bug');
    });
    qmp.on('E', (e) => seen.push(e.event));
    await connection.event('E');
    await until(() => seen.length === 1);
    vi.restoreAllMocks();
    expect(rethrown).toHaveLength(1);
    expect(() => rethrown[0]?.()).toThrow('listener bug');
    await expect(qmp.execute('query-status')).resolves.toEqual({});
  });
});

describe('waitFor', () => {
  it('finds an event that arrived before the reply of the command just awaited', async () => {
    const { qmp } = await vm();
    await qmp.execute('stop');
    const stop = await qmp.waitFor('STOP', { timeout: 1000 });
    expect(stop.event).toBe('STOP');
    await qmp.execute('cont');
    expect((await qmp.waitFor('RESUME', { timeout: 1000 })).event).toBe('RESUME');
  });

  it('also when event and reply arrive byte by byte', async () => {
    const { qmp, connection } = await vm();
    const pending = qmp.execute('manual');
    const command = await connection.nextCommand('manual');
    await connection.sendSplit(
      `${JSON.stringify({ event: 'DONE', timestamp: timestamp() })}\r\n${JSON.stringify({ return: {}, id: command.id })}\r\n`,
      3,
    );
    await pending;
    expect((await qmp.waitFor('DONE', { timeout: 1000 })).event).toBe('DONE');
  });

  it('by default ignores events from before the most recently answered command was sent', async () => {
    const { qmp } = await vm();
    await qmp.execute('stop'); // STOP #1
    await qmp.execute('query-status'); // the latest command: STOP #1 came before it
    await expect(qmp.waitFor('STOP', { timeout: 100 })).rejects.toThrow(QmpTimeoutError);
    await qmp.execute('stop'); // STOP #2
    const stop = await qmp.waitFor('STOP');
    expect(stop.event).toBe('STOP');
  });

  it("since: 'now' waits for a new event", async () => {
    const { qmp, connection } = await vm({ timeout: 1000 });
    await qmp.execute('stop');
    const waiting = qmp.waitFor('STOP', { since: 'now' });
    let resolved = false;
    void waiting.then(() => (resolved = true));
    await sleep(30);
    expect(resolved).toBe(false);
    await connection.event('STOP', { marker: 2 });
    expect((await waiting).data).toEqual({ marker: 2 });
  });

  it('since: eventCursor matches exactly the events from that point', async () => {
    const { qmp, connection } = await vm({ timeout: 100 });
    await connection.event('JOB', { n: 1 });
    await until(() => qmp.eventCursor === 1);
    const cursor = qmp.eventCursor;
    await connection.event('JOB', { n: 2 });
    await connection.event('JOB', { n: 3 });
    await until(() => qmp.eventCursor === 3);
    expect((await qmp.waitFor('JOB', { since: cursor })).data).toEqual({ n: 2 });
    expect((await qmp.waitFor('JOB', { since: 0 })).data).toEqual({ n: 1 });
    expect(
      (
        await qmp.waitFor('JOB', {
          since: cursor,
          predicate: (e) => (e.data as { n: number }).n === 3,
        })
      ).data,
    ).toEqual({ n: 3 });
    await expect(qmp.waitFor('JOB', { since: 3 })).rejects.toThrow(QmpTimeoutError);
    await expect(qmp.waitFor('JOB', { since: -1 })).rejects.toThrow(RangeError);
    // A cursor in the future skips the events before it, even new ones.
    const later = qmp.waitFor('JOB', { since: 4, timeout: 1000 });
    await connection.event('JOB', { n: 4 }); // seq 3
    await connection.event('JOB', { n: 5 }); // seq 4
    expect((await later).data).toEqual({ n: 5 });
  });

  it("'*' matches any event; predicate filters buffered and future events", async () => {
    const { qmp, connection } = await vm({ timeout: 1000 });
    await connection.event('JOB', { id: 'a', status: 'running' });
    await until(() => qmp.eventCursor === 1);
    expect((await qmp.waitFor('*')).event).toBe('JOB');
    const concluded = qmp.waitFor('JOB', {
      predicate: (e) => (e.data as { status: string }).status === 'concluded',
    });
    await connection.event('JOB', { id: 'a', status: 'waiting' });
    await connection.event('JOB', { id: 'a', status: 'concluded' });
    expect((await concluded).data).toEqual({ id: 'a', status: 'concluded' });
  });

  it('rejects with what the predicate throws', async () => {
    const { qmp, connection } = await vm();
    const waiting = qmp.waitFor('E', {
      predicate: () => {
        throw new Error('bad predicate');
      },
    });
    await connection.event('E');
    await expect(waiting).rejects.toThrow('bad predicate');
  });

  it('times out with QmpTimeoutError (per call, or the client default)', async () => {
    const { qmp } = await vm({ timeout: 40 });
    await expect(qmp.waitFor('NEVER')).rejects.toMatchObject({
      name: 'QmpTimeoutError',
      timeout: 40,
    });
    await expect(qmp.waitFor('NEVER', { timeout: 10 })).rejects.toMatchObject({ timeout: 10 });
  });

  it('honours AbortSignal, before and during', async () => {
    const { qmp } = await vm();
    await expect(qmp.waitFor('E', { signal: AbortSignal.abort() })).rejects.toThrow(QmpAbortError);
    const controller = new AbortController();
    const waiting = settle(qmp.waitFor('E', { signal: controller.signal }));
    controller.abort();
    const result = await waiting;
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(QmpAbortError);
  });

  it('rejects with QmpConnectionError when the connection ends', async () => {
    const { qmp, connection } = await vm();
    const waiting = settle(qmp.waitFor('SHUTDOWN', { timeout: 0 }));
    await connection.end();
    const result = await waiting;
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(QmpConnectionError);
    await expect(qmp.waitFor('SHUTDOWN')).rejects.toThrow(QmpConnectionError);
  });

  it('keeps only eventBufferSize events, and warns when asked to look further back', async () => {
    const { qmp, connection, warnings } = await vm({ eventBufferSize: 2, timeout: 50 });
    for (let n = 0; n < 5; n++) await connection.event('N', { n });
    await until(() => qmp.eventCursor === 5);
    await expect(
      qmp.waitFor('N', { since: 0, predicate: (e) => (e.data as { n: number }).n === 0 }),
    ).rejects.toThrow(QmpTimeoutError);
    expect(warnings.map((w) => w.code)).toEqual(['event-buffer-overrun']);
    expect((await qmp.waitFor('N', { since: 0 })).data).toEqual({ n: 3 });
  });
});

describe('events() async iterator', () => {
  async function collect(iterator: AsyncIterable<QmpEvent>, into: QmpEvent[]): Promise<void> {
    for await (const event of iterator) into.push(event);
  }

  it('yields events received from then on, in order, until the connection ends', async () => {
    const { qmp, connection } = await vm();
    await connection.event('BEFORE');
    await until(() => qmp.eventCursor === 1);
    const seen: QmpEvent[] = [];
    const done = collect(qmp.events(), seen);
    for (let n = 0; n < 10; n++) await connection.event('N', { n });
    await qmp.execute('stop');
    await until(() => seen.length === 11);
    await connection.end();
    await done; // ends, does not throw
    expect(seen.map((e) => e.event)).toEqual([...Array.from({ length: 10 }, () => 'N'), 'STOP']);
  });

  it('delivers what was queued before the connection ended', async () => {
    const { qmp, connection } = await vm();
    const iterator = qmp.events();
    for (let n = 0; n < 3; n++) await connection.event('N', { n });
    await until(() => qmp.eventCursor === 3);
    await qmp.close();
    const seen: QmpEvent[] = [];
    await collect(iterator, seen);
    expect(seen.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  it('ends on break and on abort, and then stops queueing', async () => {
    const { qmp, connection } = await vm();
    const controller = new AbortController();
    const aborted: QmpEvent[] = [];
    const abortedDone = collect(qmp.events({ signal: controller.signal }), aborted);
    let broken = 0;
    const brokenDone = (async () => {
      for await (const _ of qmp.events()) {
        if (++broken === 2) break;
      }
    })();
    await connection.event('A');
    await connection.event('B');
    await until(() => aborted.length === 2 && broken === 2);
    controller.abort();
    await abortedDone;
    await brokenDone;
    await connection.event('C');
    await sleep(20);
    expect(aborted.map((e) => e.event)).toEqual(['A', 'B']);
    expect(broken).toBe(2);
    expect(qmp.events({ signal: AbortSignal.abort() })[Symbol.asyncIterator]()).toBeDefined();
    expect(await qmp.events({ signal: AbortSignal.abort() }).next()).toEqual({
      value: undefined,
      done: true,
    });
  });

  it('drops the oldest events when the consumer falls behind, warning once per episode', async () => {
    const { qmp, connection, warnings } = await vm();
    const iterator = qmp.events({ maxQueued: 3 });
    await sendMany(connection, 10);
    await until(() => qmp.eventCursor === 10);
    expect(warnings.map((w) => w.code)).toEqual(['event-queue-overflow']);
    const first = [];
    for (let i = 0; i < 3; i++) first.push((await iterator.next()).value?.data);
    expect(first).toEqual([{ n: 7 }, { n: 8 }, { n: 9 }]);
    await sendMany(connection, 10);
    await until(() => qmp.eventCursor === 20);
    expect(warnings.map((w) => w.code)).toEqual(['event-queue-overflow', 'event-queue-overflow']);
    await iterator.return?.();
  });

  it('ends at once when created on a closed client', async () => {
    const { qmp } = await vm();
    await qmp.close();
    expect(await qmp.events().next()).toEqual({ value: undefined, done: true });
  });
});

/** `count` events N in a single write. */
async function sendMany(connection: FakeQmpConnection, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, n) =>
    JSON.stringify({ event: 'N', data: { n }, timestamp: timestamp() }),
  );
  await connection.sendRaw(`${lines.join('\r\n')}\r\n`);
}
