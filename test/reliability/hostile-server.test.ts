/**
 * Server misbehaviour not already covered by test/runtime/ (see test/reliability.md for the
 * map): a reply that arrives before the request was fully written, and the socket path
 * removed while connected. Pending calls reject with QmpConnectionError, `close()` resolves,
 * and no socket or server is left behind.
 */
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { QmpClient, QmpConnectionError } from '../../templates/runtime/index.js';
import { defaultGreeting, FakeQmpServer } from '../helpers/fake-qmp-server.js';

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) if (name !== 'Timeout') counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** Handle kinds of which more are open now than in `before`. */
function leaked(before: Record<string, number>): string[] {
  return Object.entries(handles())
    .filter(([kind, n]) => n > (before[kind] ?? 0))
    .map(([kind, n]) => `${kind}: ${n} (before ${before[kind] ?? 0})`);
}

/** Waits (up to 10 s) until no more handles are open than in `before`. */
async function settled(before: Record<string, number>): Promise<void> {
  for (let i = 0; i < 1000 && leaked(before).length > 0; i++) await sleep(10);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a reply before the request was fully written', () => {
  it('is matched to its command, not dropped as an unknown id', async () => {
    await sleep(20);
    const before = handles();
    const dir = mkdtempSync(path.join(tmpdir(), 'qmp-rel-early-'));
    dirs.push(dir);
    const sock = path.join(dir, 'qmp.sock');
    let early = false;
    const sockets: Socket[] = [];
    // A raw server: it answers `big` from the id it can predict (ids count up), as soon as
    // the first bytes of the request arrive, long before the 8 MB line is complete.
    const server = createServer((s) => {
      sockets.push(s);
      let lastId = 0;
      let answeredBig = false;
      let buffer = '';
      let scanned = 0;
      s.write(`${JSON.stringify(defaultGreeting())}\n`);
      s.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        if (!answeredBig && buffer.includes('"execute":"big"')) {
          answeredBig = true;
          early = !buffer.slice(buffer.indexOf('"execute":"big"')).includes('\n');
          s.write(`${JSON.stringify({ return: { early: true }, id: lastId + 1 })}\n`);
        }
        // search only what arrived since the last search: rescanning the whole 8 MB line per
        // chunk made this server too slow to answer in time on a loaded machine
        let nl: number;
        while ((nl = buffer.indexOf('\n', scanned)) >= 0) {
          const msg = JSON.parse(buffer.slice(0, nl)) as { execute: string; id: number };
          buffer = buffer.slice(nl + 1);
          scanned = 0;
          lastId = msg.id;
          if (msg.execute !== 'big') s.write(`${JSON.stringify({ return: {}, id: msg.id })}\n`);
        }
        scanned = buffer.length;
      });
    });
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    const warnings: string[] = [];
    const qmp = await QmpClient.connect({ path: sock, onWarning: (w) => warnings.push(w.message) });
    await qmp.execute('warm-up');
    const blob = 'z'.repeat(8_000_000);
    await expect(qmp.executeUntyped('big', { blob })).resolves.toEqual({ early: true });
    expect(early, 'the reply went out before the request line was complete').toBe(true);
    await expect(qmp.execute('after')).resolves.toEqual({});
    expect(warnings).toEqual([]);
    await qmp.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // sockets close asynchronously: wait for the count to come back (a fixed 20 ms sleep
    // raced under load), then compare
    await settled(before);
    expect(leaked(before)).toEqual([]);
  }, 60_000);
});

describe('the socket path removed', () => {
  it('keeps the live connection; new connects fail clearly; pending calls reject when it drops', async () => {
    await sleep(20);
    const before = handles();
    const server = await FakeQmpServer.start({ handler: (c) => (c.name === 'hang' ? undefined : { return: { ok: true } }) });
    const { path: sock } = server.endpoint as { path: string };
    const qmp = await QmpClient.connect({ path: sock });
    unlinkSync(sock);
    await expect(qmp.execute('still-there')).resolves.toEqual({ ok: true });
    const refused = await QmpClient.connect({ path: sock, timeout: 2000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(QmpConnectionError);
    expect(String((refused as Error).message)).toMatch(/ENOENT|no such file|connect/i);

    const pending = Promise.allSettled([qmp.execute('hang'), qmp.execute('hang'), qmp.waitFor('NEVER', { timeout: 0 })]);
    await (await server.connection()).nextCommand('hang');
    await (await server.connection()).destroy();
    for (const r of await pending) {
      expect(r.status).toBe('rejected');
      expect(r.status === 'rejected' && r.reason).toBeInstanceOf(QmpConnectionError);
    }
    await expect(qmp.close()).resolves.toBeUndefined();
    await server.close();
    // sockets close asynchronously: wait for the count to come back (a fixed 20 ms sleep
    // raced under load), then compare
    await settled(before);
    expect(leaked(before)).toEqual([]);
  }, 60_000);
});
