import type { VFile } from 'vfile';
import type { Reporter } from '../diagnostics/reporter.js';
import { MODEL_VERSION, type Model } from '../model/types.js';

/** Parse QMP documents into the model. (Being written: see generator/parse/README.) */
export function parseDocs(_files: readonly VFile[], _reporter: Reporter): Model {
  return { modelVersion: MODEL_VERSION, sources: [], commands: [], events: [], types: [] };
}
