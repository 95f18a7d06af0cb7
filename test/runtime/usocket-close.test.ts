/**
 * usocket's close() frees its libuv handle under a garbage collection that comes before the
 * event loop finishes closing it (`uv__finish_close: Assertion`, the process aborts): seen as a
 * rare crash of a client closing an fd-passing connection. The runtime keeps closed handles
 * referenced for a while (fd.ts, guardClose). Here a child process closes servers and both ends
 * of connections made through the runtime, collecting garbage right after each close.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../typescript/helpers.js';

let usocket = true;
try {
  createRequire(import.meta.url)('usocket');
} catch {
  usocket = false;
  if (process.env['CI'] === 'true')
    throw new Error('CI=true and usocket (a devDependency) cannot be loaded');
  console.warn(
    '[qmp runtime] Skipping the usocket close test: the native module usocket cannot be loaded.',
  );
}

describe.skipIf(!usocket)('closing usocket connections', () => {
  it('survives a garbage collection right after every close', () => {
    const fd = pathToFileURL(path.join(ROOT, 'templates/runtime/fd.ts')).href;
    const script = `
      import { createRequire } from 'node:module';
      const { connectWithFds, FdSocket, guardClose } = await import(${JSON.stringify(fd)});
      const usocket = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))})('usocket');
      const base = ${JSON.stringify(path.join(tmpdir(), `qmp-close-${process.pid}-`))};
      let n = 0;
      // a server closed right after it listens, as spawn() does when QEMU cannot start
      for (; n < 150; n++) {
        const srv = new usocket.UServer();
        const guard = guardClose(srv);
        await new Promise((resolve) => { srv.once('listening', resolve); srv.listen(base + n); guard.arm(); });
        await new Promise((resolve) => setImmediate(resolve));
        guard.closed();
        srv.close();
        globalThis.gc();
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      // both ends of a connection, and its server
      for (; n < 300; n++) {
        const srv = new usocket.UServer();
        const guard = guardClose(srv);
        const accepted = new Promise((resolve) => srv.once('connection', (s) => resolve(new FdSocket(s))));
        await new Promise((resolve) => { srv.once('listening', resolve); srv.listen(base + n); guard.arm(); });
        const client = await connectWithFds(usocket, base + n);
        const server = await accepted;
        await new Promise((resolve) => setImmediate(resolve));
        guard.closed();
        srv.close();
        client.destroy();
        server.destroy();
        globalThis.gc();
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      const { rmSync } = await import('node:fs');
      for (let i = 0; i < n; i++) rmSync(base + i, { force: true });
      process.stdout.write('closed ' + n);
    `;
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', tsx, '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(out).toBe('closed 300');
  });
});
