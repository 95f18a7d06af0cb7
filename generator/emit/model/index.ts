import type { Emitter } from '../types.js';
import { jsonFile } from '../json-file.js';

/** model.json: the intermediate model as data, for tools and for golden tests. */
export const emitModelJson: Emitter = (model) => [jsonFile('model.json', model)];
