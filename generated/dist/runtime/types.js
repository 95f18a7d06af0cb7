/**
 * QMP wire shapes and the type-level contract between this runtime and generated code.
 *
 * Generated packages describe their commands and events as two maps and pass them to
 * `QmpClient<Commands, Events>`:
 *
 * ```ts
 * interface Commands {
 *   'query-status': { args: undefined; returns: StatusInfo };   // no arguments: `undefined`
 *   'device_del': { args: { id: string }; returns: {} };
 * }
 * interface Events {
 *   STOP: undefined;                                              // no `data` member on the wire
 *   DEVICE_DELETED: { device?: string; path: string };
 * }
 * ```
 */
export {};
