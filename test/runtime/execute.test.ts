import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  QmpAbortError,
  QmpClientError,
  QmpConnectionError,
  QmpError,
  QmpTimeoutError,
} from '../../templates/runtime/index.js';
import { timestamp, type ReceivedCommand } from '../helpers/fake-qmp-server.js';
import { harness, settle, teardown, until, type Harness } from './util.js';

let h: Harness | undefined;
afterEach(async () => {
  await teardown(h);
  h = undefined;
});

/** A server that answers nothing by itself; tests reply through `connection`. */
async function manual(clientOptions = {}) {
  h = await harness({ handler: () => undefined }, clientOptions);
  return { ...h, connection: await h.server.connection() };
}

describe('execute', () => {
  it('gives every command a unique id and matches replies sent in any order', async () => {
    const { qmp, connection } = await manual();
    const calls = Array.from({ length: 20 }, (_, i) => qmp.execute('echo', { i }));
    await until(() => connection.received.length === 21);
    const commands = connection.received.slice(1);
    expect(new Set(commands.map((c) => c.id)).size).toBe(20);
    // numbers, one more per command (1 was qmp_capabilities): a string id costs QEMU two bytes more to read
    expect(commands.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    // Reply in a scrambled order, with events in between.
    const order = commands.map((c, i) => ({ c, key: (i * 7) % 20 })).sort((a, b) => a.key - b.key);
    for (const { c } of order) {
      await connection.event('NOISE', { i: c.arguments?.['i'] });
      await connection.reply(c, { echoed: c.arguments?.['i'] });
    }
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 20 }, (_, i) => ({ echoed: i })));
    expect(h?.warnings).toEqual([]);
  });

  it('sends `arguments` only when given', async () => {
    h = await harness();
    await h.qmp.execute('query-status');
    await h.qmp.execute('device_del', { id: 'net0' });
    await h.qmp.execute('query-status', undefined, {});
    const connection = await h.server.connection();
    expect(connection.received.slice(1).map((c) => c.raw)).toEqual([
      { execute: 'query-status', id: expect.any(Number) },
      { execute: 'device_del', arguments: { id: 'net0' }, id: expect.any(Number) },
      { execute: 'query-status', id: expect.any(Number) },
    ]);
  });

  it('rejects with QmpError carrying class, desc, command and id', async () => {
    h = await harness({
      handler: (c) => ({
        error: {
          class: 'DeviceNotFound',
          desc: `Device '${String(c.arguments?.['id'])}' not found`,
        },
      }),
    });
    const error = await h.qmp.execute('device_del', { id: 'nic9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpError);
    expect(error).toBeInstanceOf(QmpClientError);
    const connection = await h.server.connection();
    expect(error).toMatchObject({
      name: 'QmpError',
      class: 'DeviceNotFound',
      desc: "Device 'nic9' not found",
      command: 'device_del',
      id: String(connection.received[1]?.id),
      message: "device_del: Device 'nic9' not found (DeviceNotFound)",
    });
  });

  it('returns whatever `return` holds, including non-objects', async () => {
    const values: unknown[] = [[], 'text', 0, null, { nested: { a: [1] } }];
    let i = 0;
    h = await harness({ handler: () => ({ return: values[i++] }) });
    for (const value of values) expect(await h.qmp.execute('x')).toEqual(value);
  });

  it('executeUntyped sends any command', async () => {
    h = await harness({ handler: (c) => ({ return: { name: c.name, args: c.arguments } }) });
    const result = await h.qmp.executeUntyped<{ name: string }>('x-new', { a: 1 });
    expect(result).toEqual({ name: 'x-new', args: { a: 1 } });
  });

  it('rejects arguments that cannot be serialised, and stays usable', async () => {
    h = await harness();
    await expect(h.qmp.execute('x', { big: 1n })).rejects.toThrow(TypeError);
    await expect(h.qmp.execute('x', { timeout: 1 }, { timeout: Number.NaN })).rejects.toThrow(
      RangeError,
    );
    await expect(h.qmp.execute('query-status')).resolves.toEqual({});
  });
});

describe('execute: timeouts and cancellation', () => {
  it('rejects with QmpTimeoutError after the per-call timeout, and drops the late reply silently', async () => {
    const { qmp, connection, warnings } = await manual();
    const slow = settle(qmp.execute('slow', undefined, { timeout: 50 }));
    const command = await connection.nextCommand('slow');
    const result = await slow;
    expect(result.status).toBe('rejected');
    const error = result.status === 'rejected' ? result.reason : undefined;
    expect(error).toBeInstanceOf(QmpTimeoutError);
    expect(error).toMatchObject({ command: 'slow', timeout: 50 });
    await connection.reply(command, 'too late');
    const next = qmp.execute('fast');
    await connection.reply(await connection.nextCommand('fast'), 'ok');
    expect(await next).toBe('ok');
    expect(warnings).toEqual([]);
  });

  it('uses the client-wide default timeout, which 0 disables per call', async () => {
    const { qmp, connection } = await manual({ timeout: 40 });
    const defaulted = settle(qmp.execute('a'));
    const unlimited = qmp.execute('b', undefined, { timeout: 0 });
    expect((await defaulted).status).toBe('rejected');
    await sleep(60);
    await connection.reply(await connection.nextCommand('b'), 'b');
    expect(await unlimited).toBe('b');
  });

  it('rejects at once, without sending, when the signal is already aborted', async () => {
    const { qmp, connection } = await manual();
    const reason = new Error('user gave up');
    const error = await qmp
      .execute('x', undefined, { signal: AbortSignal.abort(reason) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpAbortError);
    expect(error).toMatchObject({ name: 'AbortError', cause: reason });
    await sleep(20);
    expect(connection.received.map((c) => c.name)).toEqual(['qmp_capabilities']);
  });

  it('rejects when the signal aborts while waiting, and drops the late reply silently', async () => {
    const { qmp, connection, warnings } = await manual();
    const controller = new AbortController();
    const call = settle(qmp.execute('x', undefined, { signal: controller.signal }));
    const command = await connection.nextCommand('x');
    controller.abort();
    const result = await call;
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(QmpAbortError);
    await connection.reply(command);
    await connection.event('AFTER');
    await until(() => qmp.eventCursor === 1);
    expect(warnings).toEqual([]);
  });

  it('AbortSignal.timeout() works as a deadline', async () => {
    const { qmp } = await manual();
    const error = await qmp
      .execute('x', undefined, { signal: AbortSignal.timeout(30) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpAbortError);
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('execute: stray replies', () => {
  it('reports replies with unknown ids, without id, duplicates and odd messages, and carries on', async () => {
    const { qmp, connection, warnings } = await manual();
    const call = qmp.execute('x');
    const command = await connection.nextCommand('x');
    await connection.send({ return: {}, id: 'no-such-id' });
    await connection.send({ return: {}, id: 12345 });
    await connection.send({ return: {}, id: String(command.id) }); // ids are sent as numbers
    await connection.send({ hello: 'world' });
    await connection.send({ QMP: { version: {}, capabilities: [] } });
    await connection.reply(command, 1);
    expect(await call).toBe(1);
    // without id and with no command in flight (with one, it is that command's: second-pass.test.ts)
    await connection.send({ error: { class: 'GenericError', desc: 'JSON parse error' } });
    await connection.reply(command, 2); // a second reply to the same id
    await until(() => warnings.length === 7);
    expect(warnings.map((w) => w.code)).toEqual([
      'unknown-id',
      'unknown-id',
      'unknown-id',
      'unexpected-message',
      'unexpected-message',
      'reply-without-id',
      'duplicate-reply',
    ]);
    expect(warnings[0]?.detail).toEqual({ return: {}, id: 'no-such-id' });
    const next = qmp.execute('y');
    await connection.reply(await connection.nextCommand('y'), 'still fine');
    expect(await next).toBe('still fine');
  });
});

describe('execute: framing', () => {
  it('handles replies and events that arrive one byte at a time', async () => {
    const { qmp, connection } = await manual();
    const call = qmp.execute('x');
    const seen: string[] = [];
    qmp.on('*', (e) => seen.push(e.event));
    const command = await connection.nextCommand('x');
    const text =
      `{"event": "A", "data": {"s": "}{\\"é漢"}, "timestamp": ${JSON.stringify(timestamp())}}\r\n` +
      `{"return": {"value": "ü 🚀 \\\\"}, "id": ${JSON.stringify(command.id)}}\r\n` +
      `{"event": "B", "timestamp": ${JSON.stringify(timestamp())}}\r\n`;
    await connection.sendSplit(text, 1);
    expect(await call).toEqual({ value: 'ü 🚀 \\' });
    await until(() => seen.length === 2);
    expect(seen).toEqual(['A', 'B']);
  });

  it('handles many messages in one write, with or without newlines', async () => {
    const { qmp, connection } = await manual();
    const calls = Array.from({ length: 50 }, (_, i) => qmp.execute('x', { i }));
    await until(() => connection.received.length === 51);
    const events: unknown[] = [];
    qmp.on('TICK', (e) => events.push(e.data));
    const parts = connection.received
      .slice(1)
      .flatMap((c: ReceivedCommand, i) => [
        JSON.stringify({ event: 'TICK', data: { i }, timestamp: timestamp() }),
        JSON.stringify({ return: c.arguments?.['i'], id: c.id }),
      ]);
    await connection.sendRaw(parts.slice(0, 50).join('\r\n') + parts.slice(50).join(''));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(events).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
  });

  it('rejects calls made after the connection closed', async () => {
    const { qmp } = await manual();
    await qmp.close();
    await expect(qmp.execute('x')).rejects.toThrow(QmpConnectionError);
  });
});
