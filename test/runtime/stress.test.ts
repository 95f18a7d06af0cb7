import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { QmpAbortError } from '../../templates/runtime/index.js';
import { timestamp, type FakeQmpConnection } from '../helpers/fake-qmp-server.js';
import { harness, settle, teardown, until, type Harness } from './util.js';

let h: Harness | undefined;
afterEach(async () => {
  await teardown(h);
  h = undefined;
});

/** A real `gc()` (vitest does not pass --expose-gc), so heap figures mean something. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapUsedAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Writes `count` events, `perWrite` to a write, waiting for each write to be flushed. */
async function flood(connection: FakeQmpConnection, count: number, perWrite = 500): Promise<void> {
  const ts = JSON.stringify(timestamp());
  for (let sent = 0; sent < count && !connection.isClosed; sent += perWrite) {
    let text = '';
    for (let n = sent; n < Math.min(count, sent + perWrite); n++) {
      text += `{"event": "FLOOD", "data": {"n": ${n}, "pad": "${'p'.repeat(40)}"}, "timestamp": ${ts}}\r\n`;
    }
    await connection.sendRaw(text);
  }
}

describe('under load', () => {
  it('matches every reply during a 100,000-event flood, with bounded memory', async () => {
    const EVENTS = 100_000;
    const COMMANDS = 2_000;
    h = await harness({ handler: (c) => ({ return: { echo: c.arguments?.['n'] } }) });
    const { qmp, warnings } = h;
    const connection = await h.server.connection();

    let received = 0;
    let lastN = -1;
    let inOrder = true;
    qmp.on('FLOOD', (e) => {
      const { n } = e.data as { n: number };
      if (n !== lastN + 1) inOrder = false;
      lastN = n;
      received++;
    });
    // An iterator nobody reads: it must stay bounded (drop-oldest), not buffer 100k events.
    const idle = qmp.events({ maxQueued: 100 });

    const heapBefore = heapUsedAfterGc();
    let peak = 0;
    const flooding = flood(connection, EVENTS);
    const results: unknown[] = [];
    for (let wave = 0; wave < COMMANDS / 100; wave++) {
      const batch = Array.from({ length: 100 }, (_, i) =>
        qmp.execute('echo', { n: wave * 100 + i }),
      );
      results.push(...(await Promise.all(batch)));
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    await flooding;
    await until(() => received === EVENTS, 20_000);
    const last = await qmp.waitFor('FLOOD', {
      since: 0,
      predicate: (e) => (e.data as { n: number }).n === EVENTS - 1,
    });
    const heapAfter = heapUsedAfterGc();

    expect(results).toEqual(Array.from({ length: COMMANDS }, (_, n) => ({ echo: n })));
    // ~11 MB went over the wire. What stays is the 256-event buffer and the 100 queued events.
    const retained = heapAfter - heapBefore;
    expect(retained).toBeLessThan(8 * 1024 * 1024);
    expect(peak - heapBefore).toBeLessThan(256 * 1024 * 1024); // loose: garbage is not retained
    expect(inOrder).toBe(true);
    expect(last.data).toMatchObject({ n: EVENTS - 1 });
    // The idle iterator kept the newest 100 and warned once.
    expect(warnings.map((w) => w.code)).toEqual(['event-queue-overflow', 'event-buffer-overrun']);
    expect((await idle.next()).value?.data).toMatchObject({ n: EVENTS - 100 });
    await idle.return?.();
  }, 120_000);

  it('answers 10,000 concurrent commands', async () => {
    h = await harness({ handler: (c) => ({ return: c.arguments?.['n'] }) });
    const calls = Array.from({ length: 10_000 }, (_, n) => h!.qmp.execute('echo', { n }));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 10_000 }, (_, n) => n));
  }, 60_000);

  it('queues writes while the server does not read, and never sends a command aborted while queued', async () => {
    h = await harness({ handler: (c) => ({ return: c.arguments?.['n'] }) });
    const connection = await h.server.connection();
    connection.socket.pause();
    const big = 'x'.repeat(64 * 1024);
    const controller = new AbortController();
    const calls = Array.from({ length: 200 }, (_, n) =>
      settle(h!.qmp.execute('echo', { n, big }, n === 199 ? { signal: controller.signal } : {})),
    );
    // With the server not reading, only the first commands fit into the socket's buffers; the
    // rest wait in the client. Aborting one of those must keep it from ever being written.
    await sleep(50);
    controller.abort();
    connection.socket.resume();
    const results = await Promise.all(calls);
    expect(results.slice(0, 199)).toEqual(
      Array.from({ length: 199 }, (_, n) => ({ status: 'fulfilled', value: n })),
    );
    expect(results[199]?.status === 'rejected' && results[199].reason).toBeInstanceOf(
      QmpAbortError,
    );
    await until(() => connection.received.length === 200);
    await sleep(50);
    expect(connection.received.map((c) => c.arguments?.['n'])).not.toContain(199);
  }, 60_000);
});
