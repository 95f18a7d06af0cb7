import type { Emitter } from '../types.js';

/** (schema emitter: being written.) */
export const emitSchemas: Emitter = () => [];
