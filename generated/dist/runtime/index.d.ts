/**
 * Runtime of generated QMP clients. Depends on Node built-ins only.
 */
export { DEFAULT_OPTIONS, QmpClient } from './client.js';
export type { QmpClientInit } from './client.js';
export { QmpSchema, QmpSchemaError } from './capabilities.js';
export type { DeprecatedUse, SchemaInfo } from './capabilities.js';
export { QmpUnavailableError, refuseUnavailable, unavailableReason } from './availability.js';
export type { AvailabilityTable, CommandAvailability } from './availability.js';
export { QmpAbortError, QmpClientError, QmpConnectionError, QmpError, QmpProtocolError, QmpTimeoutError, } from './errors.js';
export type { AnyCommands, AnyEventOf, AnyEvents, CommandArgs, CommandMap, CommandReturn, EventMap, EventOf, EventSelector, EventsOptions, ExecuteOptions, ExecuteRest, QmpClientOptions, QmpCommandSpec, QmpConnectOptions, QmpEndpoint, QmpEvent, QmpEventListener, QmpGreeting, QmpTimestamp, QmpVersion, QmpWarning, QmpWarningCode, SelectedEvent, WaitForOptions, WaitForSince, } from './types.js';
export { QmpSpawnError, qemuOptionValue } from './spawn.js';
export type { QmpLaunchFd, QmpQemuProcess, QmpSpawnOptions } from './spawn.js';
export { FD_MODULE } from './fd.js';
export type { AddFdOptions, QmpAddFdInfo, QmpFdPassingOptions, UsocketModule } from './fd.js';
export { REDACTED, SECRET_MEMBER, redactSecrets } from './trace.js';
export type { QmpTraceEntry, QmpTraceOption, QmpTraceRedactor } from './trace.js';
