/**
 * The TypeScript emitter on a second thread. It is most of a run's time (ts-morph, which is
 * the TypeScript compiler, takes most of a second to load; then printing, compiling dist/ and
 * prettier), and it needs nothing but the model: the pipeline starts this worker before it
 * reads the inputs, so the compiler loads while the docs are parsed, and then sends it the
 * model (plain data) while the main thread emits schemas, pages and the model file.
 *
 * The worker runs the same pure functions as the main thread would (emitTypescript, then the
 * format stage for its files) and returns the files and every diagnostic it reported, in order;
 * the pipeline replays them into the real reporter in the emitters' usual order, so output and
 * diagnostics are the same with or without it (test/cli/emit-worker.test.ts).
 */
import { parentPort } from 'node:worker_threads';
import { RecordingReporter, type ReportCall } from './emit-worker-reporter.js';
import { emitTypescript } from './emit/typescript/index.js';
import type { EmitContext, OutputFile } from './emit/types.js';
import { formatFiles } from './format/prettier.js';
import type { Model } from './model/types.js';

export type WorkerRequest = { model: Model; ctx: Omit<EmitContext, 'reporter'> };
export type WorkerReply = { ok: true; files: OutputFile[]; calls: ReportCall[] } | { ok: false; message: string };

// prettier is loaded on first use by the format stage; load it now, beside the compiler
void import('prettier').catch(() => undefined);

parentPort?.once('message', (request: WorkerRequest) => {
  void (async () => {
    const reporter = new RecordingReporter();
    let reply: WorkerReply;
    try {
      const files = emitTypescript(request.model, { ...request.ctx, reporter });
      const formatted = (await formatFiles(files)).map((f): OutputFile => ({ ...f, preformatted: true }));
      reply = { ok: true, files: formatted, calls: reporter.calls };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
