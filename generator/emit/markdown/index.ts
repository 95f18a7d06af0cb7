import type { Emitter } from '../types.js';

/** (markdown emitter: being written.) */
export const emitMarkdown: Emitter = () => [];
