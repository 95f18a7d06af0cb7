/**
 * Run the generator in-process on one QAPI schema: read (with includes), build the model,
 * emit the schemas, validate the examples. Shared by the QAPI fidelity report and the QAPI
 * corpus tests.
 */
import { VFile } from 'vfile';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import type { EmitKind } from '../../generator/pipeline.js';
import { emit } from '../../generator/pipeline.js';
import type { OutputFile } from '../../generator/emit/types.js';
import type { Model } from '../../generator/model/types.js';
import type { ReadOptions } from '../../generator/read/types.js';
import { type ExampleOutcome, type ExampleStats, validateExamples } from '../../generator/validate/index.js';
import { type Diag, partToModel, readSchema } from './helpers.js';

export interface QapiRun {
  model: Model;
  files: OutputFile[];
  stats: ExampleStats;
  outcomes: ExampleOutcome[];
  /** Reader diagnostics. */
  diags: Diag[];
  /** Emitter and validation diagnostics. */
  emitDiags: Diag[];
}

export async function runQapi(root: string, opts: { packageName: string; emit?: EmitKind[]; read?: ReadOptions; templates?: Readonly<Record<string, string>> }): Promise<QapiRun> {
  const { part, files: inputs, diags } = readSchema(root, opts.read ?? {});
  const model = partToModel(part);
  const sink = new VFile({ path: '<emit>' });
  const reporter = new Reporter(inputs.map((f) => new VFile({ path: f.path })), sink);
  const kinds = opts.emit ?? ['schema'];
  const emitted = await emit(model, kinds, { reporter, packageName: opts.packageName, generatorVersion: '0.0.0', emitted: kinds, ...(opts.templates ? { templates: opts.templates } : {}) });
  const { files, stats, outcomes } = validateExamples(model, emitted, reporter);
  const emitDiags: Diag[] = [];
  for (const f of reporter.files) {
    for (const m of f.messages) {
      emitDiags.push({ file: f.path, line: m.line ?? 0, column: m.column ?? 0, severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info', rule: String(m.ruleId), message: m.reason });
    }
  }
  return { model, files, stats, outcomes, diags, emitDiags };
}
