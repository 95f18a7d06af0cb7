import { afterEach, describe, expect, it } from 'vitest';
import {
  QmpClientError,
  QmpUnavailableError,
  refuseUnavailable,
  unavailableReason,
} from '../../templates/runtime/index.js';
import { harness, settle, teardown, type Harness } from './util.js';

const TABLE = {
  'new-thing': { since: '9.2.0', until: null },
  'old-thing': { since: '1.0', until: '9.0.0' },
  'flaky-thing': { since: '2.0.0', until: null, gaps: [{ removedIn: '9.0.0', returnedIn: '9.2.0' }] },
  'query-status': { since: '0.14.0', until: null },
};

let h: Harness | undefined;
afterEach(async () => {
  await teardown(h);
  h = undefined;
});

describe('unavailableReason', () => {
  it.each([
    ['new-thing', [9, 1, 0], 'it was added in QEMU 9.2.0'],
    ['new-thing', [9, 2, 0], undefined],
    ['old-thing', [8, 2, 1], undefined],
    ['old-thing', [9, 0, 0], 'it was removed in QEMU 9.0.0'],
    ['flaky-thing', [9, 1, 5], 'it was absent from QEMU 9.0.0 until 9.2.0'],
    ['flaky-thing', [10, 0, 0], undefined],
    ['not-listed', [1, 0, 0], undefined],
    ['constructor', [1, 0, 0], undefined],
  ])('%s on %j', (command, version, reason) => {
    expect(unavailableReason(TABLE, command, version)).toBe(reason);
  });
});

describe('refuseUnavailable', () => {
  it('fails a command the greeting version lacks, without sending it; others go through', async () => {
    h = await harness({ handler: (c) => ({ return: { seen: c.name } }) });
    const connection = await h.server.connection();
    refuseUnavailable(h.qmp, TABLE);
    const refused = await settle(h.qmp.execute('new-thing' as never));
    expect(refused.status).toBe('rejected');
    const error = (refused as PromiseRejectedResult).reason as QmpUnavailableError;
    expect(error).toBeInstanceOf(QmpUnavailableError);
    expect(error).toBeInstanceOf(QmpClientError);
    expect(error.message).toBe('new-thing is not available in QEMU 9.1.0: it was added in QEMU 9.2.0');
    expect(error.version).toBe('9.1.0');
    expect(await h.qmp.executeUntyped('query-status')).toEqual({ seen: 'query-status' });
    // only qmp_capabilities and query-status reached the server
    expect(connection.received.map((c) => c.name)).toEqual(['qmp_capabilities', 'query-status']);
  });

  it('is off unless asked for', async () => {
    h = await harness({ handler: (c) => ({ return: { seen: c.name } }) });
    expect(await h.qmp.executeUntyped('new-thing')).toEqual({ seen: 'new-thing' });
  });
});
