/**
 * The generated package as a user gets it: generated from the project's docs-input/, packed
 * with `npm pack`, installed from the tarball into an empty folder (offline: it has no
 * dependencies), imported from plain Node, compiled against from TypeScript, linted with
 * publint — and then, from the installed files, driven against a real QEMU.
 */
import { execFile as execFileCb } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { generate } from '../../generator/pipeline.js';
import { findQemuForTests, type QemuProcess, startQemu } from '../helpers/qemu.js';
import { ROOT, packageCompilerOptions, tempDir, templatesOnce, typecheck, writeTree } from '../typescript/helpers.js';

const execFile = promisify(execFileCb);
const NAME = 'qmp-e2e-client';
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

let tmp: ReturnType<typeof tempDir>;
let pkgDir: string;
let consumerDir: string;
let tarball: string;
let packedFiles: string[] = [];

beforeAll(async () => {
  tmp = tempDir('qmp-e2e-');
  pkgDir = path.join(tmp.dir, 'package');
  consumerDir = path.join(tmp.dir, 'consumer');
  const inputs = await Promise.all(
    [
      { path: path.join(ROOT, 'docs-input/qmp-commands.txt'), declaredRole: 'commands' as const },
      { path: path.join(ROOT, 'docs-input/qmp-events.txt'), declaredRole: 'events' as const },
    ].map((s) => readInput(s, ROOT)),
  );
  const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
  const { files } = await generate(inputs, reporter, {
    emit: ['typescript', 'schema'],
    packageName: NAME,
    generatorVersion: '0.0.0-e2e',
    templates: await templatesOnce(),
  });
  writeTree(pkgDir, files);

  const { stdout } = await execFile('npm', ['pack', '--json', '--pack-destination', tmp.dir], { cwd: pkgDir, env: npmEnv });
  const packed = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp.dir, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path).sort();

  writeTree(consumerDir, [{ path: 'package.json', contents: JSON.stringify({ name: 'consumer', private: true, type: 'module' }) }]);
  await execFile('npm', ['install', '--offline', '--ignore-scripts', '--no-package-lock', tarball], { cwd: consumerDir, env: npmEnv });
}, 300_000);

afterAll(() => tmp?.remove());

describe('the packed package', () => {
  it('contains the compiled code, types, sources and schemas, and nothing else', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/client.js', 'src/client.ts', 'schema/qmp.schema.json']));
    for (const f of packedFiles) expect(f).toMatch(/^(package\.json|README\.md|tsconfig\.json|dist\/.+\.(js|d\.ts)|src\/.+\.ts|schema\/.+\.json)$/);
  });

  it('has no dependencies of any kind', () => {
    const pkg = JSON.parse(readFileSync(path.join(consumerDir, 'node_modules', NAME, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) expect(pkg[key], key).toBeUndefined();
  });

  it('imports in plain Node (no TypeScript loader) and exposes the client, errors and schemas', async () => {
    const script = `
      const m = await import(${JSON.stringify(NAME)});
      const schema = await import(${JSON.stringify(`${NAME}/schema/qmp.schema.json`)}, { with: { type: 'json' } });
      console.log(JSON.stringify({
        Qmp: typeof m.Qmp,
        extendsClient: m.Qmp.prototype instanceof m.QmpClient,
        methods: ['queryStatus', 'stop', 'cont', 'humanMonitorCommand'].filter((k) => typeof m.Qmp.prototype[k] === 'function'),
        errors: ['QmpError', 'QmpConnectionError', 'QmpTimeoutError'].filter((k) => typeof m[k] === 'function'),
        schema: typeof schema.default.$schema,
      }));
    `;
    const { stdout } = await execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: consumerDir });
    expect(JSON.parse(stdout)).toEqual({
      Qmp: 'function',
      extendsClient: true,
      methods: ['queryStatus', 'stop', 'cont', 'humanMonitorCommand'],
      errors: ['QmpError', 'QmpConnectionError', 'QmpTimeoutError'],
      schema: 'string',
    });
  });

  it('can be require()d from CommonJS too (Node >= 20.19 loads ES modules without top-level await)', async () => {
    const script = `const m = require(${JSON.stringify(NAME)}); console.log(typeof m.Qmp, typeof m.QmpError);`;
    const { stdout } = await execFile(process.execPath, ['-e', script], { cwd: consumerDir });
    expect(stdout.trim()).toBe('function function');
  });

  it('types a TypeScript consumer through the installed .d.ts files (strict, libraries checked too)', () => {
    const consumer = `
import { Qmp, QmpError, type QmpCommands, type QmpEvents } from '${NAME}';

export async function main(): Promise<void> {
  const qmp = await Qmp.connect({ path: '/run/vm.qmp', timeout: 5000 });
  const status = await qmp.queryStatus();
  const running: boolean = status.running;
  const nothing: void = await qmp.stop();
  const text: string = await qmp.humanMonitorCommand({ 'command-line': 'info version' });
  // @ts-expect-error: the argument is required
  await qmp.humanMonitorCommand();
  // @ts-expect-error: stop takes no arguments (this would be the options object)
  await qmp.stop({ force: true });
  // @ts-expect-error: not a command
  await qmp.execute('no-such-command');
  const ev = await qmp.waitFor('STOP');
  const name: 'STOP' = ev.event;
  qmp.on('RESUME', (e) => void e.timestamp.seconds);
  // @ts-expect-error: not an event
  qmp.on('NO_SUCH_EVENT', () => {});
  const statusType: QmpCommands['query-status']['returns'] = status;
  const stopData: QmpEvents['STOP'] = undefined;
  try {
    await qmp.executeUntyped('no-such-command');
  } catch (error) {
    if (error instanceof QmpError) void [error.class, error.desc];
  }
  void [running, nothing, text, name, statusType, stopData];
  await qmp.close();
}
`;
    writeFileSync(path.join(consumerDir, 'consumer.ts'), consumer);
    const options = {
      ...packageCompilerOptions(readFileSync(path.join(pkgDir, 'tsconfig.json'), 'utf8')),
      isolatedDeclarations: false,
      declaration: false,
      skipLibCheck: false,
    };
    expect(typecheck([path.join(consumerDir, 'consumer.ts')], options, consumerDir)).toEqual([]);
  });

  it('passes publint (strict) on the tarball', async () => {
    const publint = path.join(ROOT, 'node_modules/.bin/publint');
    const { stdout } = await execFile(publint, ['run', tarball, '--strict'], { cwd: tmp.dir });
    expect(stdout).toContain('All good!');
  });
});

// ---------------------------------------------------------------------------------------

/** The bits of the installed package this test uses (it is imported at run time). */
interface Installed {
  Qmp: { connect(options: { path: string; timeout?: number }): Promise<Client> };
  QmpError: new (...args: never[]) => Error & { class: string; desc: string; command: string };
  QmpConnectionError: new (...args: never[]) => Error;
}
interface Client {
  greeting: { QMP: { version: { qemu: { major: number; minor: number; micro: number } }; capabilities: string[] } };
  isClosed: boolean;
  closed: Promise<Error | undefined>;
  queryVersion(): Promise<{ qemu: { major: number; minor: number; micro: number }; package: string }>;
  queryStatus(): Promise<{ running: boolean; status: string }>;
  queryCommands(): Promise<Array<{ name: string }>>;
  stop(): Promise<void>;
  cont(): Promise<void>;
  humanMonitorCommand(args: unknown): Promise<string>;
  executeUntyped(name: string, args?: object): Promise<unknown>;
  waitFor(name: string, options?: { timeout?: number }): Promise<{ event: string; timestamp: { seconds: number } }>;
  close(): Promise<void>;
}

const qemuInfo = findQemuForTests();

describe.skipIf(!qemuInfo)('the installed package against real QEMU', () => {
  let pkg: Installed;
  let qemu: QemuProcess;
  let qmp: Client;

  beforeAll(async () => {
    const entry = path.join(consumerDir, 'node_modules', NAME, 'dist/index.js');
    pkg = (await import(/* @vite-ignore */ pathToFileURL(entry).href)) as Installed;
    qemu = await startQemu(qemuInfo!.path);
    qmp = await pkg.Qmp.connect({ path: qemu.socketPath, timeout: 20_000 });
  }, 120_000);

  afterAll(async () => {
    await qmp?.close();
    await qemu?.stop();
  });

  it('greets with the version QEMU reports, and queryVersion agrees', async () => {
    expect(qmp.greeting.QMP.version.qemu).toEqual(qemuInfo!.version);
    const v = await qmp.queryVersion();
    expect(v.qemu).toEqual(qemuInfo!.version);
    expect(typeof v.package).toBe('string');
  });

  it('queryStatus; stop → STOP; cont → RESUME', async () => {
    expect(await qmp.queryStatus()).toMatchObject({ running: true });
    await qmp.stop();
    const stopped = await qmp.waitFor('STOP', { timeout: 10_000 });
    expect(stopped.event).toBe('STOP');
    expect(await qmp.queryStatus()).toMatchObject({ running: false, status: 'paused' });
    await qmp.cont();
    const resumed = await qmp.waitFor('RESUME', { timeout: 10_000 });
    expect(resumed.event).toBe('RESUME');
    expect(resumed.timestamp.seconds).toBeGreaterThan(0);
    expect(await qmp.queryStatus()).toMatchObject({ running: true, status: 'running' });
  });

  it('queryCommands lists the commands this test calls', async () => {
    const names = new Set((await qmp.queryCommands()).map((c) => c.name));
    for (const n of ['query-status', 'stop', 'cont', 'human-monitor-command', 'query-version']) expect(names.has(n), n).toBe(true);
  });

  it('humanMonitorCommand runs an HMP command', async () => {
    const text = await qmp.humanMonitorCommand({ 'command-line': 'info version' });
    expect(text).toContain(`${qemuInfo!.version.major}.${qemuInfo!.version.minor}`);
  });

  it('an unknown command and a bad argument reject with QmpError carrying QEMU’s class', async () => {
    const unknown = await qmp.executeUntyped('no-such-command').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(pkg.QmpError);
    expect(unknown).toMatchObject({ class: 'CommandNotFound', command: 'no-such-command' });
    const bad = await qmp.humanMonitorCommand({ 'command-line': 42 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(pkg.QmpError);
    expect(bad).toMatchObject({ class: 'GenericError', command: 'human-monitor-command' });
    // the connection is still fine
    expect(await qmp.queryStatus()).toMatchObject({ running: true });
  });

  it('answers 200 concurrent commands, each with its own reply', async () => {
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? qmp.queryStatus().then((r) => ['status', r.status]) : qmp.queryVersion().then((r) => ['version', r.qemu.major]),
    );
    const results = await Promise.all(calls);
    results.forEach((r, i) => expect(r).toEqual(i % 2 === 0 ? ['status', 'running'] : ['version', qemuInfo!.version.major]));
  });

  it('SIGKILL of QEMU mid-flight rejects every pending call with QmpConnectionError; the process carries on', async () => {
    const pending = Array.from({ length: 50 }, () => qmp.queryStatus().then(
      () => 'resolved',
      (e: unknown) => e,
    ));
    qemu.child.kill('SIGKILL'); // same tick: QEMU cannot have answered any of them
    const settled = await Promise.all(pending);
    for (const s of settled) expect(s).toBeInstanceOf(pkg.QmpConnectionError);
    expect(await qmp.closed).toBeInstanceOf(pkg.QmpConnectionError);
    expect(qmp.isClosed).toBe(true);
    await expect(qmp.queryStatus()).rejects.toBeInstanceOf(pkg.QmpConnectionError);
    await qemu.exited;
  });
});
