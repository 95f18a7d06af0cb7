/**
 * Runtime of generated QMP clients. Depends on Node built-ins only.
 */
export { DEFAULT_OPTIONS, QmpClient } from './client.js';
export { QmpSchema, QmpSchemaError } from './capabilities.js';
export { QmpUnavailableError, refuseUnavailable, unavailableReason } from './availability.js';
export { QmpAbortError, QmpClientError, QmpConnectionError, QmpError, QmpProtocolError, QmpTimeoutError, } from './errors.js';
export { QmpSpawnError, qemuOptionValue } from './spawn.js';
export { FD_MODULE } from './fd.js';
export { REDACTED, SECRET_MEMBER, redactSecrets } from './trace.js';
