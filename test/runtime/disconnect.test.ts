import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  QmpClient,
  QmpConnectionError,
  QmpProtocolError,
  QmpTimeoutError,
} from '../../templates/runtime/index.js';
import type { QmpEvent } from '../../templates/runtime/index.js';
import { FakeQmpServer } from '../helpers/fake-qmp-server.js';
import { harness, settle, teardown, until, type Harness } from './util.js';

let h: Harness | undefined;
afterEach(async () => {
  await teardown(h);
  h = undefined;
});

async function manual(serverOptions = {}, clientOptions = {}) {
  h = await harness({ handler: () => undefined, ...serverOptions }, clientOptions);
  return { ...h, connection: await h.server.connection() };
}

async function drain(iterator: AsyncIterable<QmpEvent>): Promise<number> {
  let n = 0;
  for await (const _ of iterator) n++;
  return n;
}

function reasonOf(result: PromiseSettledResult<unknown>): unknown {
  return result.status === 'rejected' ? result.reason : undefined;
}

describe('when the server goes away', () => {
  it('rejects every pending call, waitFor and ends iterators when the server closes mid-reply', async () => {
    const { qmp, connection } = await manual();
    const calls = ['a', 'b', 'c', 'd'].map((name) => settle(qmp.execute(name)));
    const waiting = settle(qmp.waitFor('SHUTDOWN', { timeout: 0 }));
    const iterated = drain(qmp.events());
    await until(() => connection.received.length === 5);
    await connection.reply(connection.received[1]!, 'a done');
    await connection.sendRaw(`{"return": {"half": "a rep`);
    await connection.end();

    const [a, ...rest] = await Promise.all(calls);
    expect(a).toEqual({ status: 'fulfilled', value: 'a done' });
    for (const result of rest) {
      expect(reasonOf(result)).toBeInstanceOf(QmpConnectionError);
      expect(reasonOf(result)).toMatchObject({
        message: expect.stringContaining('in the middle of a message'),
      });
    }
    expect(reasonOf(await waiting)).toBeInstanceOf(QmpConnectionError);
    expect(await iterated).toBe(0);
    expect(await qmp.closed).toBeInstanceOf(QmpConnectionError);
    expect(qmp.isClosed).toBe(true);
    await qmp.close(); // still resolves
    await expect(qmp.execute('after')).rejects.toThrow(QmpConnectionError);
  });

  it('handles a connection reset', async () => {
    const { qmp, connection } = await manual({ transport: 'tcp' });
    const call = settle(qmp.execute('x'));
    await connection.nextCommand('x');
    connection.socket.resetAndDestroy();
    expect(reasonOf(await call)).toBeInstanceOf(QmpConnectionError);
    expect(await qmp.closed).toBeInstanceOf(QmpConnectionError);
  });
});

describe('close()', () => {
  it('rejects pending work with QmpConnectionError, resolves once closed, and is idempotent', async () => {
    const { qmp, connection } = await manual();
    const call = settle(qmp.execute('x'));
    const waiting = settle(qmp.waitFor('E', { timeout: 0 }));
    const iterated = drain(qmp.events());
    await connection.nextCommand('x');
    await Promise.all([qmp.close(), qmp.close()]);
    await qmp.close();
    expect(reasonOf(await call)).toBeInstanceOf(QmpConnectionError);
    expect(reasonOf(await waiting)).toBeInstanceOf(QmpConnectionError);
    expect(await iterated).toBe(0);
    expect(await qmp.closed).toBeUndefined(); // closed on purpose: no error
    await connection.closed; // the server saw it
  });
});

describe('protocol errors', () => {
  it('fails the connection on garbage and rejects all pending with QmpProtocolError', async () => {
    const { qmp, connection } = await manual();
    const calls = [settle(qmp.execute('a')), settle(qmp.execute('b'))];
    await until(() => connection.received.length === 3);
    await connection.sendRaw('{"return": {}, "id": "x"}\r\n<html>oops</html>\r\n');
    for (const result of await Promise.all(calls)) {
      expect(reasonOf(result)).toBeInstanceOf(QmpProtocolError);
      expect(reasonOf(result)).toBeInstanceOf(QmpConnectionError);
    }
    const reason = await qmp.closed;
    expect(reason).toBeInstanceOf(QmpProtocolError);
    expect(reason?.message).toContain('<html>');
    await connection.closed;
  });

  it('fails the connection on malformed JSON', async () => {
    const { qmp, connection } = await manual();
    const call = settle(qmp.execute('a'));
    await connection.nextCommand('a');
    await connection.sendRaw('{"return": {,}}\r\n');
    expect(reasonOf(await call)).toBeInstanceOf(QmpProtocolError);
  });

  it('fails the connection on an oversized message without buffering all of it', async () => {
    const { qmp, connection } = await manual({}, { maxMessageBytes: 64 * 1024 });
    const call = settle(qmp.execute('a'));
    const command = await connection.nextCommand('a');
    // A reply of 32 MiB, sent in 1 MiB pieces; the client must give up after ~64 KiB.
    const piece = Buffer.alloc(1024 * 1024, 'x');
    void (async () => {
      await connection.sendRaw(`{"id": ${JSON.stringify(command.id)}, "return": "`);
      for (let i = 0; i < 32 && !connection.isClosed; i++) await connection.sendRaw(piece);
    })();
    const error = reasonOf(await call);
    expect(error).toBeInstanceOf(QmpProtocolError);
    expect((error as Error).message).toContain('maxMessageBytes (65536 bytes)');
    await connection.closed;
  });
});

describe('resources', () => {
  function resources(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  }

  // Sockets and servers must match exactly. Timers are only counted (as one ref-count), and
  // vitest's own RPC timers come and go, so for them the check is "no more than before".
  function expectNoLeaks(before: Record<string, number>, after: Record<string, number>): void {
    const { Timeout: timersBefore = 0, ...handlesBefore } = before;
    const { Timeout: timersAfter = 0, ...handlesAfter } = after;
    expect(handlesAfter).toEqual(handlesBefore);
    expect(timersAfter).toBeLessThanOrEqual(timersBefore);
  }

  it('leaves no sockets, servers or timers behind', async () => {
    await sleep(50);
    const before = resources();

    for (const transport of ['unix', 'tcp'] as const) {
      const server = await FakeQmpServer.start({
        transport,
        handler: (c) => (c.name === 'never' ? undefined : { return: {} }),
      });
      const qmp = await QmpClient.connect({ ...server.endpoint, timeout: 5000 });
      await qmp.execute('ok');
      const timedOut = await settle(qmp.execute('never', undefined, { timeout: 20 }));
      expect(reasonOf(timedOut)).toBeInstanceOf(QmpTimeoutError);
      await expect(qmp.waitFor('E', { timeout: 10 })).rejects.toThrow(QmpTimeoutError);
      // Still pending at close: their 5 s timers and abort listeners must go.
      const controller = new AbortController();
      const outcomes = Promise.allSettled([
        qmp.execute('never'),
        qmp.execute('never', undefined, { signal: controller.signal }),
        qmp.waitFor('E'),
        qmp.waitFor('E', { signal: controller.signal }),
        drain(qmp.events({ signal: controller.signal })),
        drain(qmp.events()),
      ]);
      await (await server.connection()).nextCommand('never'); // the first 'never'
      controller.abort();
      await qmp.close();
      expect((await outcomes).map((r) => r.status)).toEqual([
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);

      // Failed connects clean up too.
      const silent = await FakeQmpServer.start({ transport, greeting: false });
      await expect(QmpClient.connect({ ...silent.endpoint, connectTimeout: 20 })).rejects.toThrow(
        QmpTimeoutError,
      );
      await silent.close();
      await server.close();
    }

    await sleep(50);
    expectNoLeaks(before, resources());
  });
});
