/**
 * The typing contract with generated code. These checks happen at compile time
 * (`npm run typecheck`: `@ts-expect-error` lines must stay errors); at run time the file
 * only checks that a generated-style subclass connects and works.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { QmpClient } from '../../templates/runtime/index.js';
import type { ExecuteOptions, QmpEvent } from '../../templates/runtime/index.js';
import { FakeQmpServer } from '../helpers/fake-qmp-server.js';

// What the TypeScript emitter produces: interfaces (no index signatures), `args: undefined`
// for commands without arguments, `returns: void` for `{}`, `undefined` for events without data.
interface StatusInfo {
  status: string;
  running: boolean;
}
interface Commands {
  'query-status': { args: undefined; returns: StatusInfo };
  device_del: { args: { id: string }; returns: void };
  eject: {
    args: { device: string; force?: boolean } | { id: string; force?: boolean };
    returns: void;
  };
  'query-things': { args: { filter?: string }; returns: string[] };
}
interface Events {
  STOP: undefined;
  DEVICE_DELETED: { device?: string; path: string };
}

class Qmp extends QmpClient<Commands, Events> {
  queryStatus(options?: ExecuteOptions): Promise<StatusInfo> {
    return this.execute('query-status', undefined, options);
  }
  deviceDel(args: { id: string }, options?: ExecuteOptions): Promise<void> {
    return this.execute('device_del', args, options);
  }
  queryThings(args?: { filter?: string }, options?: ExecuteOptions): Promise<string[]> {
    return this.execute('query-things', args, options);
  }
}

/** Never called: only type-checked. */
async function typeChecks(qmp: Qmp, untyped: QmpClient): Promise<void> {
  expectTypeOf(await qmp.execute('query-status')).toEqualTypeOf<StatusInfo>();
  expectTypeOf(await qmp.execute('query-things')).toEqualTypeOf<string[]>();
  await qmp.execute('query-things', { filter: 'x' }, { timeout: 5 });
  await qmp.execute('device_del', { id: 'x' });
  await qmp.execute('eject', { device: 'cd0' });
  // @ts-expect-error unknown command
  await qmp.execute('no-such-command');
  // @ts-expect-error required arguments missing
  await qmp.execute('device_del');
  // @ts-expect-error wrong argument type
  await qmp.execute('device_del', { id: 1 });
  // @ts-expect-error the command takes no arguments
  await qmp.execute('query-status', { x: 1 });
  expectTypeOf(await qmp.executeUntyped<number>('x-anything', { a: 1 })).toEqualTypeOf<number>();

  qmp.on('DEVICE_DELETED', (e) => {
    expectTypeOf(e.event).toEqualTypeOf<'DEVICE_DELETED'>();
    expectTypeOf(e.data).toEqualTypeOf<{ device?: string; path: string }>();
  });
  qmp.on('*', (e) => {
    if (e.event === 'DEVICE_DELETED') expectTypeOf(e.data.path).toEqualTypeOf<string>();
  });
  // @ts-expect-error unknown event
  qmp.on('NO_SUCH_EVENT', () => {});
  const stop = await qmp.waitFor('STOP', { predicate: (e) => e.data === undefined });
  expectTypeOf(stop.data).toEqualTypeOf<undefined>();
  for await (const e of qmp.events())
    expectTypeOf(e.event).toEqualTypeOf<'STOP' | 'DEVICE_DELETED'>();

  // The untyped client: any name, object arguments, unknown results.
  expectTypeOf(await untyped.execute('anything', { a: 1 })).toEqualTypeOf<unknown>();
  untyped.on('WHATEVER', (e) => expectTypeOf(e).toEqualTypeOf<QmpEvent<'WHATEVER', unknown>>());
  untyped.on('*', (e) => expectTypeOf(e).toEqualTypeOf<QmpEvent<string, unknown>>());
  const status: StatusInfo = { status: 'x', running: true }; // an interface, no index signature
  await untyped.execute('anything', status);
  // @ts-expect-error arguments are an object
  await untyped.execute('anything', 42);
}

// connect() on a subclass resolves to the subclass; on QmpClient to the untyped client.
const connectQmp = () => Qmp.connect({ path: '' });
const connectUntyped = () => QmpClient.connect({ port: 4444 });
expectTypeOf<Awaited<ReturnType<typeof connectQmp>>>().toEqualTypeOf<Qmp>();
expectTypeOf<Awaited<ReturnType<typeof connectUntyped>>>().toEqualTypeOf<QmpClient>();
void typeChecks;

let server: FakeQmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a generated-style subclass', () => {
  it('connects as itself and its methods work', async () => {
    server = await FakeQmpServer.start({
      handler: (c) =>
        c.name === 'query-status'
          ? { return: { status: 'running', running: true } }
          : { return: c.name === 'query-things' ? [String(c.arguments?.['filter'])] : {} },
    });
    const qmp = await Qmp.connect(server.endpoint);
    expect(qmp).toBeInstanceOf(Qmp);
    expect(await qmp.queryStatus()).toEqual({ status: 'running', running: true });
    expect(await qmp.deviceDel({ id: 'x' })).toEqual({});
    expect(await qmp.queryThings({ filter: 'f' })).toEqual(['f']);
    const connection = await server.connection();
    expect(connection.received.map((c) => c.raw)).toEqual([
      { execute: 'qmp_capabilities', id: 1 },
      { execute: 'query-status', id: 2 },
      { execute: 'device_del', arguments: { id: 'x' }, id: 3 },
      { execute: 'query-things', arguments: { filter: 'f' }, id: 4 },
    ]);
    await qmp.close();
  });
});
