import { afterEach, describe, expect, it } from 'vitest';
import {
  QmpAbortError,
  QmpClient,
  QmpClientError,
  QmpConnectionError,
  QmpError,
  QmpProtocolError,
  QmpTimeoutError,
} from '../../templates/runtime/index.js';
import type { QmpWarning } from '../../templates/runtime/index.js';
import { FakeQmpServer } from '../helpers/fake-qmp-server.js';
import { harness, settle, teardown, type Harness } from './util.js';

let h: Harness | undefined;
let server: FakeQmpServer | undefined;
afterEach(async () => {
  await teardown(h);
  await server?.close();
  h = undefined;
  server = undefined;
});

describe('connect: greeting and capabilities negotiation', () => {
  it('exposes the greeting and sends qmp_capabilities without arguments by default', async () => {
    h = await harness({ capabilities: ['oob'] });
    expect(h.qmp.greeting.QMP.version.qemu).toEqual({ major: 9, minor: 1, micro: 0 });
    expect(h.qmp.greeting.QMP.version.package).toBe('fake-qmp');
    expect(h.qmp.greeting.QMP.capabilities).toEqual(['oob']);
    expect(h.qmp.capabilities).toEqual([]); // offered, but not asked for
    const connection = await h.server.connection();
    expect(connection.received).toHaveLength(1);
    expect(connection.received[0]?.raw).toEqual({
      execute: 'qmp_capabilities',
      id: expect.any(Number),
    });
    await expect(h.qmp.execute('query-status')).resolves.toEqual({});
  });

  it('requests oob when asked for and offered; oob commands go out as exec-oob', async () => {
    h = await harness({ capabilities: ['oob'] }, { capabilities: ['oob'] });
    expect(h.qmp.capabilities).toEqual(['oob']);
    const connection = await h.server.connection();
    expect(connection.received[0]?.raw).toMatchObject({
      execute: 'qmp_capabilities',
      arguments: { enable: ['oob'] },
    });
    await h.qmp.execute('migrate-pause', undefined, { oob: true });
    expect(connection.received[1]?.raw).toEqual({
      'exec-oob': 'migrate-pause',
      id: expect.any(Number),
    });
    expect(h.warnings).toEqual([]);
  });

  it('does not request a capability the server does not offer, and says so', async () => {
    h = await harness({ capabilities: [] }, { capabilities: ['oob'] });
    expect(h.qmp.capabilities).toEqual([]);
    const connection = await h.server.connection();
    expect(connection.received[0]?.raw).toEqual({
      execute: 'qmp_capabilities',
      id: expect.any(Number),
    });
    expect(h.warnings).toEqual([
      { code: 'capability-unavailable', message: expect.stringContaining("'oob'") },
    ]);
    const oob = await settle(h.qmp.execute('migrate-pause', undefined, { oob: true }));
    expect(oob.status === 'rejected' && oob.reason).toBeInstanceOf(QmpClientError);
    expect(connection.received).toHaveLength(1); // nothing was sent
  });

  it('rejects with QmpError when qmp_capabilities is refused, and closes the socket', async () => {
    server = await FakeQmpServer.start({
      capabilities: ['oob'],
      onCapabilities: () => ({
        error: { class: 'GenericError', desc: "Capability 'oob' not available" },
      }),
    });
    const error = await QmpClient.connect({ ...server.endpoint, capabilities: ['oob'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QmpError);
    expect(error).toMatchObject({
      class: 'GenericError',
      desc: "Capability 'oob' not available",
      command: 'qmp_capabilities',
    });
    await (
      await server.connection()
    ).closed;
  });

  it('works over TCP', async () => {
    h = await harness({ transport: 'tcp' });
    await expect(h.qmp.execute('query-status')).resolves.toEqual({});
  });

  it('lets subclasses connect() to an instance of themselves', async () => {
    class Custom extends QmpClient {
      hello(): string {
        return 'hi';
      }
    }
    server = await FakeQmpServer.start();
    const qmp = await Custom.connect(server.endpoint);
    expect(qmp).toBeInstanceOf(Custom);
    expect(qmp.hello()).toBe('hi');
    await qmp.close();
  });
});

describe('connect: failures', () => {
  it('times out with QmpTimeoutError when no greeting arrives, and closes the socket', async () => {
    server = await FakeQmpServer.start({ greeting: false });
    const started = Date.now();
    const error = await QmpClient.connect({ ...server.endpoint, connectTimeout: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QmpTimeoutError);
    expect(error).toMatchObject({ timeout: 150, message: expect.stringContaining('150 ms') });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await (
      await server.connection()
    ).closed;
  });

  it('times out when qmp_capabilities gets no answer', async () => {
    server = await FakeQmpServer.start({ onCapabilities: () => undefined });
    const error = await QmpClient.connect({ ...server.endpoint, connectTimeout: 100 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QmpTimeoutError);
  });

  it('rejects with QmpConnectionError when the server hangs up before the greeting', async () => {
    server = await FakeQmpServer.start({ greeting: false });
    const connecting = settle(QmpClient.connect(server.endpoint));
    await (await server.connection()).end();
    const result = await connecting;
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(QmpConnectionError);
  });

  it('rejects with QmpConnectionError carrying the cause when nothing listens', async () => {
    server = await FakeQmpServer.start();
    const path = 'path' in server.endpoint ? `${server.endpoint.path}.missing` : '';
    const error = await QmpClient.connect({ path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpConnectionError);
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });

    const tcp = await FakeQmpServer.start({ transport: 'tcp' });
    const endpoint = tcp.endpoint as { host: string; port: number };
    await tcp.close();
    const refused = await QmpClient.connect(endpoint).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QmpConnectionError);
    expect((refused as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with QmpProtocolError when the first message is not a greeting', async () => {
    server = await FakeQmpServer.start({ greeting: { return: {} } });
    await expect(QmpClient.connect(server.endpoint)).rejects.toThrow(QmpProtocolError);
  });

  it('rejects with QmpProtocolError on garbage instead of a greeting', async () => {
    server = await FakeQmpServer.start({ greeting: false });
    const connecting = settle(QmpClient.connect(server.endpoint));
    await (await server.connection()).sendRaw('SSH-2.0-OpenSSH_9.2\r\n');
    const result = await connecting;
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(QmpProtocolError);
  });

  it('honours an AbortSignal that is already aborted, without connecting', async () => {
    server = await FakeQmpServer.start();
    const reason = new Error('not today');
    const error = await QmpClient.connect({
      ...server.endpoint,
      signal: AbortSignal.abort(reason),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QmpAbortError);
    expect(error).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', cause: reason });
    expect(server.connections).toHaveLength(0);
  });

  it('honours an AbortSignal while waiting for the greeting', async () => {
    server = await FakeQmpServer.start({ greeting: false });
    const controller = new AbortController();
    const connecting = settle(QmpClient.connect({ ...server.endpoint, signal: controller.signal }));
    const connection = await server.connection();
    controller.abort();
    const result = await connecting;
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(QmpAbortError);
    await connection.closed;
  });

  it('validates options', async () => {
    server = await FakeQmpServer.start();
    await expect(QmpClient.connect({ ...server.endpoint, timeout: -1 })).rejects.toThrow(
      RangeError,
    );
    await expect(QmpClient.connect({ ...server.endpoint, maxMessageBytes: 0 })).rejects.toThrow(
      RangeError,
    );
    await expect(QmpClient.connect({ ...server.endpoint, eventBufferSize: 1.5 })).rejects.toThrow(
      RangeError,
    );
    await expect(QmpClient.connect({} as { port: number })).rejects.toThrow(TypeError);
    expect(server.connections).toHaveLength(0);
  });

  it('reports the warning for an unavailable capability through onWarning only', async () => {
    server = await FakeQmpServer.start();
    const warnings: QmpWarning[] = [];
    const qmp = await QmpClient.connect({
      ...server.endpoint,
      capabilities: ['x-future'],
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.map((w) => w.code)).toEqual(['capability-unavailable']);
    await qmp.close();
  });
});
