/**
 * The per-command bookkeeping that `execute()` keeps off its hot path: one shared timer for
 * every command timeout (not one per call), abort listeners that go away with the command.
 * Timeouts run on fake time here (setTimeout, clearTimeout and performance only; the sockets
 * and the fake server stay real), so the deadlines are exact and the timer count observable.
 */
import { getEventListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QmpTimeoutError } from '../../templates/runtime/index.js';
import { harness, settle, teardown, type Harness } from './util.js';

let h: Harness | undefined;
afterEach(async () => {
  // Close while the fake clock is still installed, so the client's timer is cleared by it.
  await h?.qmp.close();
  vi.useRealTimers();
  await teardown(h);
  h = undefined;
});

/** A server that answers nothing by itself; tests reply through `connection`. */
async function manual(clientOptions = {}) {
  h = await harness({ handler: () => undefined }, clientOptions);
  return { ...h, connection: await h.server.connection() };
}

/** Installs the fake clock (after connecting: the handshake runs on real time). */
function fakeTime(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
}

/** `until` on real turns of the event loop (its usual setTimeout polling is faked here). */
async function settled(check: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !check(); i++) await nextTurn();
  expect(check()).toBe(true);
}

describe('command timeouts', () => {
  it('share one timer, however many commands are pending, and answering them touches none', async () => {
    const { qmp, connection } = await manual();
    fakeTime();
    const calls = Array.from({ length: 50 }, (_, i) => qmp.execute('echo', { i }));
    expect(vi.getTimerCount()).toBe(1);
    await settled(() => connection.received.length === 51);
    for (const command of connection.received.slice(1)) await connection.reply(command, 'ok');
    expect(await Promise.all(calls)).toEqual(Array(50).fill('ok'));
    // A reply does not clear the timer (that would cost a timer operation per command);
    // once due, it finds nothing to expire and is not re-armed.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expire each command at its own deadline, in deadline order, whatever the call order', async () => {
    const { qmp, connection } = await manual({ timeout: 1000 });
    fakeTime();
    const expired: Array<[string, number]> = [];
    const start = performance.now();
    const call = (name: string, timeout?: number) =>
      qmp
        .execute(name, undefined, timeout === undefined ? {} : { timeout })
        .catch((error: unknown) => {
          expect(error).toBeInstanceOf(QmpTimeoutError);
          expect(error).toMatchObject({ command: name, timeout: timeout ?? 1000 });
          expect((error as Error).message).toBe(
            `${name} got no reply within ${timeout ?? 1000} ms`,
          );
          expired.push([name, performance.now() - start]);
        });
    const calls = [
      call('c300', 300),
      call('b100', 100),
      call('default'),
      call('never', 0),
      call('c200', 200),
      call('b100-too', 100),
    ];
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual([
      ['b100', 100],
      ['b100-too', 100],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(expired).toEqual([
      ['b100', 100],
      ['b100-too', 100],
      ['c200', 200],
      ['c300', 300],
      ['default', 1000],
    ]);
    // Only the command without a timeout is left, and it needs no timer.
    expect(vi.getTimerCount()).toBe(0);
    await connection.reply(await connection.nextCommand('never'), 'answered');
    await Promise.all(calls);
    expect(expired.map(([name]) => name)).not.toContain('never');
  });

  it('re-arm for a later command with an earlier deadline', async () => {
    const { qmp } = await manual();
    fakeTime();
    const slow = settle(qmp.execute('slow')); // default: 30 s
    await vi.advanceTimersByTimeAsync(10);
    const fast = settle(qmp.execute('fast', undefined, { timeout: 20 }));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    expect((await fast).status).toBe('rejected');
    expect(vi.getTimerCount()).toBe(1); // now for `slow`
    await vi.advanceTimersByTimeAsync(30_000 - 31);
    await nextTurn();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await slow).status).toBe('rejected');
  });

  it('leave no timer behind when the client closes', async () => {
    const { qmp } = await manual();
    fakeTime();
    const pending = settle(qmp.execute('x'));
    expect(vi.getTimerCount()).toBe(1);
    await qmp.close();
    expect(vi.getTimerCount()).toBe(0);
    expect((await pending).status).toBe('rejected');
  });
});

describe('abort listeners', () => {
  it('are removed when the command is answered, times out, or aborts', async () => {
    const { qmp, connection } = await manual();
    const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

    const answered = new AbortController();
    const call = qmp.execute('a', undefined, { signal: answered.signal });
    expect(listeners(answered.signal)).toBe(1);
    await connection.reply(await connection.nextCommand('a'), 1);
    expect(await call).toBe(1);
    expect(listeners(answered.signal)).toBe(0);

    const timedOut = new AbortController();
    const slow = settle(qmp.execute('b', undefined, { signal: timedOut.signal, timeout: 20 }));
    expect((await slow).status).toBe('rejected');
    expect(listeners(timedOut.signal)).toBe(0);

    const aborted = new AbortController();
    const cancelled = settle(qmp.execute('c', undefined, { signal: aborted.signal }));
    aborted.abort();
    expect((await cancelled).status).toBe('rejected');
    expect(listeners(aborted.signal)).toBe(0);

    // One signal shared by many calls: each removes only its own listener.
    const shared = new AbortController();
    const many = Array.from({ length: 5 }, (_, i) =>
      qmp.execute('d', { i }, { signal: shared.signal }),
    );
    expect(listeners(shared.signal)).toBe(5);
    for (let i = 0; i < 5; i++) await connection.reply(await connection.nextCommand('d'), i);
    expect(await Promise.all(many)).toEqual([0, 1, 2, 3, 4]);
    expect(listeners(shared.signal)).toBe(0);
  });
});

describe('execute() itself', () => {
  it('never throws synchronously, even for bad options or a closed client', async () => {
    const { qmp } = await manual();
    const results: Array<Promise<PromiseSettledResult<unknown>>> = [];
    expect(() => {
      results.push(
        settle(qmp.execute('x', undefined, { timeout: -1 })),
        settle(qmp.execute('x', undefined, { oob: true })),
        settle(qmp.execute('x', { big: 1n })),
      );
    }).not.toThrow();
    await qmp.close();
    expect(() => results.push(settle(qmp.execute('x')))).not.toThrow();
    const outcomes = await Promise.all(results);
    expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as Error).name)).toEqual([
      'RangeError',
      'QmpClientError',
      'TypeError',
      'QmpConnectionError',
    ]);
  });

  it('sends commands in call order, whether written at once or batched', async () => {
    const { qmp, connection } = await manual();
    const first = qmp.execute('a'); // nothing in flight: written at once
    const batch = [qmp.execute('b'), qmp.execute('c')]; // queued behind it, one write
    await connection.reply(await connection.nextCommand('a'), 'a');
    expect(await first).toBe('a');
    const late = qmp.execute('d'); // b and c still in flight: queued
    for (const name of ['b', 'c', 'd']) {
      await connection.reply(await connection.nextCommand(name), name);
    }
    expect(await Promise.all([...batch, late])).toEqual(['b', 'c', 'd']);
    const names = connection.received.slice(1).map((c) => c.name);
    expect(names).toEqual(['a', 'b', 'c', 'd']);
    const ids = connection.received.slice(1).map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('sends command names that need JSON escaping intact, with and without arguments', async () => {
    const { qmp, connection } = await manual();
    const names = ['quo"te', 'back\\slash', 'new\nline', 'ünï-€', 'query-status'];
    const calls = names.flatMap((name) => [
      settle(qmp.executeUntyped(name)),
      settle(qmp.executeUntyped(name, { k: name })),
    ]);
    await settled(() => connection.received.length === 1 + 2 * names.length);
    const sent = connection.received.slice(1).map((c) => c.raw);
    expect(sent).toEqual(
      names.flatMap((name) => [
        { execute: name, id: expect.any(Number) },
        { execute: name, arguments: { k: name }, id: expect.any(Number) },
      ]),
    );
    expect(new Set(sent.map((c) => c['id'])).size).toBe(sent.length);
    await qmp.close();
    await Promise.all(calls);
  });
});
