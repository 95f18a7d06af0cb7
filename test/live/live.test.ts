/**
 * generator/sources/live.ts: introspecting a started QEMU (`--qemu`) and a running one
 * (`--qmp`), the names-only fallback, and that nothing is left behind on any path (success,
 * QEMU missing, QEMU failing, an abort, SIGINT to the CLI). Real-QEMU parts skip with a
 * warning when qemu-system-x86_64 is absent and fail when CI=true.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { introspectionReader } from '../../generator/read/introspection/index.js';
import { fetchIntrospection, parseQmpAddress, printable, qemuArguments } from '../../generator/sources/live.js';
import { FakeQmpServer } from '../helpers/fake-qmp-server.js';
import { findQemuForTests, startQemu } from '../helpers/qemu.js';
import { ROOT } from '../typescript/helpers.js';

const qemu = findQemuForTests();

/** Whether a process is gone (it has exited and was reaped). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

// every test runs with its own TMPDIR, so "nothing left behind" can be checked exactly
let scratch: string;
let tmp: string;
const savedTmp = process.env['TMPDIR'];
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'qmp-live-test-'));
  tmp = path.join(scratch, 'tmp');
  mkdirSync(tmp);
  process.env['TMPDIR'] = tmp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  rmSync(scratch, { recursive: true, force: true });
});
const leftovers = () => {
  try {
    return readdirSync(tmp);
  } catch {
    return [];
  }
};
/** An empty TMPDIR for the next check. */
const freshTmp = () => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
};

/** A fake "QEMU" that never connects: it just waits to be killed. */
function hangingQemu(): string {
  const file = path.join(scratch, 'hanging-qemu.sh');
  writeFileSync(file, '#!/bin/sh\nexec sleep 600\n');
  chmodSync(file, 0o755);
  return file;
}

describe('parsing --qmp and building the QEMU command line', () => {
  it.each([
    ['unix:/run/vm/qmp.sock', { path: '/run/vm/qmp.sock' }],
    ['/run/vm/qmp.sock', { path: '/run/vm/qmp.sock' }],
    ['localhost:4444', { host: 'localhost', port: 4444 }],
    ['tcp:127.0.0.1:4444', { host: '127.0.0.1', port: 4444 }],
    ['[::1]:4444', { host: '::1', port: 4444 }],
    ['localhost:0', undefined],
    ['localhost:99999', undefined],
    ['unix:', undefined],
    ['just-a-name', undefined],
  ])('%s', (text, expected) => {
    expect(parseQmpAddress(text)).toEqual(expected);
  });

  it('adds -M none, -S, -display none and -nodefaults unless the arguments say otherwise', () => {
    const base = qemuArguments([], '/t/q.sock');
    expect(base.slice(0, 6)).toEqual(['-M', 'none', '-S', '-display', 'none', '-nodefaults']);
    expect(base).toContain('socket,id=qmp-codegen,path=/t/q.sock');
    const own = qemuArguments(['-machine', 'q35', '-nographic', '-S'], '/t/a,b.sock');
    expect(own).not.toContain('none');
    expect(own.filter((a) => a === '-S')).toHaveLength(1);
    expect(own).toContain('socket,id=qmp-codegen,path=/t/a,,b.sock'); // QEMU's comma escape
    expect(own.slice(-4)).toEqual(['-machine', 'q35', '-nographic', '-S']);
  });

  it('makes text from QEMU printable before it reaches a message', () => {
    expect(printable('bad\u001b[31m\nline\u0000')).toBe('bad\\x1b[31m | line\\x00');
  });
});

describe('names-only fallback (a QMP server without query-qmp-schema)', () => {
  it('lists commands and events by name and says so', async () => {
    const server = await FakeQmpServer.start({
      handler: (c) => {
        if (c.name === 'query-commands') return { return: [{ name: 'stop' }, { name: 'cont' }, { name: 'query-commands' }] };
        if (c.name === 'query-events') return { return: [{ name: 'STOP' }] };
        if (c.name === 'query-version') return { return: { qemu: { major: 2, minor: 4, micro: 1 }, package: '' } };
        return { error: { class: 'CommandNotFound', desc: `The command ${c.name} has not been found` } };
      },
    });
    try {
      const address = 'path' in server.endpoint ? `unix:${server.endpoint.path}` : '';
      const result = await fetchIntrospection({ qmp: address });
      if (!result.ok) throw new Error(result.message);
      expect(result.file.path).toBe('qemu-2.4.1/query-qmp-schema.json');
      const reporter = new Reporter([result.file], result.file);
      const part = introspectionReader.read([result.file], reporter, {});
      expect(part.commands.map((c) => c.name)).toEqual(['cont', 'query-commands', 'stop']);
      expect(part.events.map((e) => e.name)).toEqual(['STOP']);
      expect(result.file.messages.map((m) => m.ruleId)).toEqual(['introspection-names-only']);
      await (await server.connection()).closed; // we hung up
    } finally {
      await server.close();
    }
  });

  it('reports a server that is not QMP, and one that is not there', async () => {
    const none = await fetchIntrospection({ qmp: `unix:${path.join(scratch, 'no-such.sock')}` });
    expect(none).toMatchObject({ ok: false, message: expect.stringContaining('QMP connection failed') });
    const bad = await fetchIntrospection({ qmp: 'nowhere' });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('expected unix:PATH or HOST:PORT') });
  });
});

describe('nothing left behind when the QEMU cannot be introspected', () => {
  it('a binary that does not exist', async () => {
    freshTmp();
    const r = await fetchIntrospection({ qemu: { binary: path.join(scratch, 'no-such-qemu'), args: [] } });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('ENOENT') });
    expect(leftovers()).toEqual([]);
  });

  it('-daemonize is refused before anything is started', async () => {
    freshTmp();
    let started = false;
    const r = await fetchIntrospection({ qemu: { binary: hangingQemu(), args: ['-daemonize'] } }, { onStarted: () => (started = true) });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('-daemonize cannot be used') });
    expect(started).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('an abort while QEMU has not connected stops it and removes its folder', async () => {
    freshTmp();
    const controller = new AbortController();
    let pid = 0;
    const r = await fetchIntrospection(
      { qemu: { binary: hangingQemu(), args: [] } },
      {
        signal: controller.signal,
        onStarted: (p) => {
          pid = p;
          controller.abort();
        },
      },
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('interrupted') });
    expect(pid).toBeGreaterThan(0);
    expect(gone(pid)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('SIGINT to the CLI stops QEMU, removes the socket folder and exits 130', async () => {
    freshTmp();
    const out = path.join(scratch, 'out-sigint');
    const cli = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'generator/cli.ts'), '--qemu', hangingQemu(), '--out', out], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const started = new Promise<number>((resolve) => {
      cli.stderr.setEncoding('utf8').on('data', (t: string) => {
        stderr += t;
        const m = /started QEMU \(pid (\d+)\)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
    });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    const pid = await Promise.race([started, exited.then(() => { throw new Error(`CLI exited early: ${stderr}`); })]);
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(gone(pid)).toBe(true);
    // (tsx keeps its compile cache in TMPDIR; that is not ours)
    expect(leftovers().filter((n) => !n.startsWith('tsx-'))).toEqual([]);
    expect(stderr).toContain('interrupted (SIGINT)');
  }, 60_000);
});

describe('the CLI options', () => {
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { cwd: scratch, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('--qmp and --qemu together are a usage error', async () => {
    const r = await run(['--qmp', 'unix:/x', '--qemu', 'qemu-system-x86_64', '--out', 'o']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not both');
  });

  it('a QEMU that cannot be introspected is a live-qemu error (exit 1), and nothing is written', async () => {
    freshTmp();
    const r = await run(['--qemu', path.join(scratch, 'no-such-qemu'), '--out', 'never-written', '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as Array<{ ruleId: string; severity: string; message: string }>;
    expect(rows).toEqual([expect.objectContaining({ ruleId: 'live-qemu', severity: 'error' })]);
    expect(rows[0]!.message).toContain('nothing was generated');
    expect(readdirSync(scratch)).not.toContain('never-written');
    expect(leftovers()).toEqual([]);
  });

  it('after "--", arguments go to QEMU, not to the input files', async () => {
    freshTmp();
    const r = await run(['--qemu', path.join(scratch, 'no-such-qemu'), '--out', 'o', '--format', 'json', '--', '-M', 'q35', 'not-an-input.txt']);
    // had "not-an-input.txt" been read as an input, input-unreadable would be reported too
    expect((JSON.parse(r.stdout) as Array<{ ruleId: string }>).map((x) => x.ruleId)).toEqual(['live-qemu']);
  });
});

describe.skipIf(!qemu)('a real QEMU', () => {
  it('--qemu: introspects a started QEMU 7.2, stops it, leaves nothing', async () => {
    freshTmp();
    let pid = 0;
    const r = await fetchIntrospection({ qemu: { binary: qemu!.path, args: [] } }, { onStarted: (p) => (pid = p) });
    if (!r.ok) throw new Error(r.message);
    const v = qemu!.version;
    expect(r.file.path).toBe(`qemu-${v.major}.${v.minor}.${v.micro}/query-qmp-schema.json`);
    expect(r.file.data).toMatchObject({ qemuVersion: `${v.major}.${v.minor}.${v.micro}`, target: 'x86_64' });
    const entries = JSON.parse(String(r.file.value)) as Array<{ 'meta-type': string }>;
    expect(entries.filter((e) => e['meta-type'] === 'command')).toHaveLength(216);
    expect(entries.filter((e) => e['meta-type'] === 'event')).toHaveLength(52);
    expect(gone(pid)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('--qemu with QEMU arguments that make it fail: the error says why, nothing is left', async () => {
    freshTmp();
    const r = await fetchIntrospection({ qemu: { binary: qemu!.path, args: ['-machine', 'no-such-board'] } });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/exited with status 1 before it connected to QMP: .*unsupported machine type/) });
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('--qmp: the same reply from a running QEMU, which keeps running', async () => {
    const vm = await startQemu(qemu!.path);
    try {
      const viaQmp = await fetchIntrospection({ qmp: `unix:${vm.socketPath}` });
      if (!viaQmp.ok) throw new Error(viaQmp.message);
      const started = await fetchIntrospection({ qemu: { binary: qemu!.path, args: [] } });
      if (!started.ok) throw new Error(started.message);
      expect(viaQmp.file.path).toBe(started.file.path);
      expect(String(viaQmp.file.value)).toBe(String(started.file.value));
      // still serving: a second conversation works
      const again = await fetchIntrospection({ qmp: `unix:${vm.socketPath}` });
      expect(again.ok).toBe(true);
    } finally {
      await vm.stop();
    }
  }, 180_000);
});

// a reader check on the live file's positions (one entry per object start)
describe.skipIf(!qemu)('the live file as input', () => {
  it('is read with positions inside the stable path', async () => {
    const r = await fetchIntrospection({ qemu: { binary: qemu!.path, args: [] } });
    if (!r.ok) throw new Error(r.message);
    const reporter = new Reporter([r.file], new VFile({ path: 'qmp-codegen' }));
    const part = introspectionReader.read([r.file], reporter, {});
    const add = part.commands.find((c) => c.name === 'blockdev-add')!;
    expect(add.position.file).toBe(r.file.path);
    const lines = String(r.file.value).split('\n');
    expect(lines[add.position.line - 1]!.trim()).toBe('{');
    expect(lines.slice(add.position.line, add.position.line + 4).join('\n')).toContain('"name": "blockdev-add"');
  }, 120_000);
});
