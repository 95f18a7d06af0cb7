/**
 * The schemas generated from docs-input/ (the project's own reference, QEMU 7.2 shapes)
 * against a real QEMU: the greeting, and the reply of every documented query command that
 * needs no arguments, must validate against the bundle and the command's response schema;
 * every request we send must validate against its request schema first.
 */
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { BUNDLE_PATH } from '../../generator/emit/schema/index.js';
import { buildModel } from '../../generator/build-model.js';
import { emit } from '../../generator/pipeline.js';
import { findQemuForTests, type QemuProcess, startQemu } from '../helpers/qemu.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const qemu = findQemuForTests();

/** Newline-delimited JSON over the QMP socket: what QEMU sends, one message per line. */
class Wire {
  readonly #queue: unknown[] = [];
  readonly #waiting: ((v: unknown) => void)[] = [];
  #buffer = '';
  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      this.#buffer += chunk;
      let nl: number;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, nl).trim();
        this.#buffer = this.#buffer.slice(nl + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as unknown;
        const w = this.#waiting.shift();
        if (w) w(msg);
        else this.#queue.push(msg);
      }
    });
  }
  next(): Promise<unknown> {
    if (this.#queue.length) return Promise.resolve(this.#queue.shift());
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  /** Send a request and return its reply (events in between are returned in `events`). */
  async call(request: object): Promise<{ reply: Record<string, unknown>; events: unknown[] }> {
    this.socket.write(`${JSON.stringify(request)}\n`);
    const events: unknown[] = [];
    for (;;) {
      const m = (await this.next()) as Record<string, unknown>;
      if ('event' in m) events.push(m);
      else return { reply: m, events };
    }
  }
}

describe.skipIf(!qemu)('schemas from docs-input against a real QEMU', () => {
  let proc: QemuProcess;
  let wire: Wire;
  let schemas: Map<string, Record<string, unknown>>;
  let queries: string[];
  const ajv = new Ajv2020({ strict: true, allErrors: true });

  beforeAll(async () => {
    const inputs = await Promise.all([
      readInput({ path: path.join(ROOT, 'docs-input/qmp-commands.txt'), declaredRole: 'commands' }, ROOT),
      readInput({ path: path.join(ROOT, 'docs-input/qmp-events.txt'), declaredRole: 'events' }, ROOT),
    ]);
    const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
    const model = buildModel(inputs, reporter);
    schemas = new Map((await emit(model, ['schema'], { reporter, packageName: 'real-qemu-test', generatorVersion: '0' })).map((f) => [f.path, JSON.parse(f.contents) as Record<string, unknown>]));
    queries = model.commands.filter((c) => c.name.startsWith('query-') && !c.arguments.members.some((m) => !m.optional)).map((c) => c.name);
    proc = await startQemu(qemu!.path);
    const socket = connect(proc.socketPath);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    wire = new Wire(socket);
  });

  afterAll(async () => {
    wire?.socket.destroy();
    await proc?.stop();
  });

  const check = (schema: object, value: unknown) => {
    const validate = ajv.getSchema((schema as { $id: string }).$id) ?? ajv.compile(schema);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };

  it('greeting, capabilities negotiation and every argument-less query validate', async () => {
    const bundle = schemas.get(BUNDLE_PATH)!;
    const greeting = await wire.next();
    expect(check(bundle, greeting)).toEqual([]);
    const problems: string[] = [];
    const { reply } = await wire.call({ execute: 'qmp_capabilities' });
    expect(reply).toHaveProperty('return');
    expect(queries.length).toBeGreaterThan(5);
    for (const name of queries) {
      const request = { execute: name, id: name };
      const req = schemas.get(`schema/commands/${name}.request.json`)!;
      expect(check(req, request), name).toEqual([]);
      const { reply: r, events } = await wire.call(request);
      for (const e of events) problems.push(...check(bundle, e).map((p) => `event during ${name}: ${p}`));
      problems.push(...check(bundle, r).map((p) => `${name} (bundle): ${p}`));
      if ('return' in r) problems.push(...check(schemas.get(`schema/commands/${name}.response.json`)!, r).map((p) => `${name}: ${p}`));
    }
    console.log(`real QEMU: greeting + ${queries.length} argument-less queries checked against their schemas`);
    expect(problems).toEqual([]);
  });
});
