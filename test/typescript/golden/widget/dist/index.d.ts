export * from "./runtime/index.js";
export { Qmp } from "./client.js";
export * from "./types.js";
