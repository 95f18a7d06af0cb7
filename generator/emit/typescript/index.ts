import type { Emitter } from '../types.js';

/** (typescript emitter: being written.) */
export const emitTypescript: Emitter = () => [];
