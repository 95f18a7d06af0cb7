import type { Emitter } from '../types.js';

/** model.json: the intermediate model as data, for tools and for golden tests. */
export const emitModelJson: Emitter = (model) => [
  { path: 'model.json', contents: `${JSON.stringify(model, null, 2)}\n` },
];
