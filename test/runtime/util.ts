/** Shared bits of the runtime tests. */
import { QmpClient } from '../../templates/runtime/index.js';
import type { QmpClientOptions, QmpWarning } from '../../templates/runtime/index.js';
import { FakeQmpServer, type FakeQmpServerOptions } from '../helpers/fake-qmp-server.js';

export interface Harness {
  server: FakeQmpServer;
  qmp: QmpClient;
  warnings: QmpWarning[];
}

/** Starts a fake server and connects a client to it, collecting warnings. */
export async function harness(
  serverOptions: FakeQmpServerOptions = {},
  clientOptions: Omit<QmpClientOptions, 'onWarning'> = {},
): Promise<Harness> {
  const server = await FakeQmpServer.start(serverOptions);
  const warnings: QmpWarning[] = [];
  try {
    const qmp = await QmpClient.connect({
      ...server.endpoint,
      ...clientOptions,
      onWarning: (w) => warnings.push(w),
    });
    return { server, qmp, warnings };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export async function teardown(h: Harness | undefined): Promise<void> {
  if (h === undefined) return;
  await h.qmp.close();
  await h.server.close();
}

/** The settled outcome of a promise, for asserting on rejections without unhandled ones. */
export function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return Promise.allSettled([promise]).then(([result]) => result as PromiseSettledResult<T>);
}

/** Resolves once `check` returns true, polling every few ms (fails after `ms`). */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
