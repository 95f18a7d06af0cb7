/**
 * A Reporter that keeps every call as data, so that diagnostics reported on another thread
 * (or by emitters run side by side) can be replayed into the real reporter in a fixed order.
 */
import { VFile } from 'vfile';
import { Reporter } from './diagnostics/reporter.js';
import type { RuleId } from './diagnostics/rules.js';

/** One `Reporter.report` call, as data. */
export type ReportCall = [ruleId: RuleId, reason: string, position?: Parameters<Reporter['report']>[2]];

export class RecordingReporter extends Reporter {
  readonly calls: ReportCall[] = [];
  constructor() {
    super([], new VFile({ path: 'qmp-codegen' }));
  }
  override report(...call: ReportCall): ReturnType<Reporter['report']> {
    this.calls.push(call);
    return super.report(...call);
  }
}
