/**
 * planNames (generator/layout/typescript.ts) keeps the last plan of each model: a run asks for
 * it twice (the TypeScript emitter, and the Markdown emitter for its links). Held here to what
 * planning afresh gives: the same plan, and the same reports, made again to the reporter of
 * each call; and a model whose lists changed, or other runtime names, planned afresh.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { type Decl, planNames, type Plan, type RuntimeNames } from '../../generator/layout/typescript.js';
import type { Model } from '../../generator/model/types.js';
import { command, event, member, model, widgetModel } from './models.js';

const RUNTIME: RuntimeNames = { exports: new Set(['QmpClient', 'QmpError']), clientMembers: new Set(['execute', 'close']) };

/** A model whose plan reports: a command documented twice, names that collide or are reserved. */
function troubledModel(): Model {
  const m = widgetModel();
  return {
    ...m,
    commands: [
      ...m.commands,
      command('frob-widget', { summary: 'Again.' }),
      command('execute', { arguments: { kind: 'object', open: false, members: [member('x', { kind: 'string' })] } }),
      command('frob_widget'),
    ],
    events: [...m.events, event('QmpCommands')],
  };
}

/** The plan as names, in order: what every consumer reads of it. */
function sketch(plan: Plan): unknown {
  const decl = (d: Decl): unknown => [d.name, d.kind === 'object' ? d.role.kind : d.type.name, d.children.map(decl)];
  return {
    commands: plan.commands.map((c) => [c.command.name, c.method, c.args && decl(c.args), c.result.map(decl)]),
    events: plan.events.map((e) => [e.event.name, e.data && decl(e.data)]),
    named: plan.named.map(decl),
    typeName: [...plan.typeName],
    objectNames: [...plan.objectName.values()],
  };
}

function messagesOf(run: (reporter: Reporter) => void): string[] {
  const file = new VFile({ path: 'widgets.txt' });
  const events = new VFile({ path: 'events.txt' });
  const fallback = new VFile({ path: 'qmp-codegen' });
  run(new Reporter([file, events], fallback));
  return [file, events, fallback].flatMap((f) => f.messages.map((m) => `${f.path}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId} ${m.reason}`));
}

/** What planning `make()`'s model afresh reports and gives (a new model object: nothing kept). */
function afresh(make: () => Model, runtime = RUNTIME): { plan: unknown; messages: string[] } {
  let plan: Plan | undefined;
  const messages = messagesOf((r) => {
    plan = planNames(make(), r, runtime);
  });
  return { plan: sketch(plan!), messages };
}

describe('planNames, asked again for the same model', () => {
  it('gives the same plan, and makes the same reports to the new reporter', () => {
    const expected = afresh(troubledModel);
    expect(expected.messages.length).toBeGreaterThan(2);
    const m = troubledModel();
    let first: Plan | undefined;
    let second: Plan | undefined;
    const firstMessages = messagesOf((r) => (first = planNames(m, r, RUNTIME)));
    const secondMessages = messagesOf((r) => (second = planNames(m, r, RUNTIME)));
    expect(second).toBe(first);
    expect(sketch(second!)).toEqual(expected.plan);
    expect(firstMessages).toEqual(expected.messages);
    expect(secondMessages).toEqual(expected.messages);
    // and a third time, to yet another reporter
    expect(messagesOf((r) => planNames(m, r, RUNTIME))).toEqual(expected.messages);
  });

  it('plans afresh when a list of the model was grown or replaced', () => {
    const m = troubledModel();
    messagesOf((r) => planNames(m, r, RUNTIME));
    const extra = command('spin-gizmo', { arguments: { kind: 'object', open: false, members: [member('rate', { kind: 'int' })] } });
    m.commands.push(extra);
    const grown = afresh(() => ({ ...troubledModel(), commands: [...troubledModel().commands, extra] }));
    let plan: Plan | undefined;
    expect(messagesOf((r) => (plan = planNames(m, r, RUNTIME)))).toEqual(grown.messages);
    expect(sketch(plan!)).toEqual(grown.plan);
    expect(plan!.commands.map((c) => c.method)).toContain('spinGizmo');

    m.events = [];
    expect(planNames(m, new Reporter([], new VFile()), RUNTIME).events).toEqual([]);
  });

  it('plans afresh for other runtime names', () => {
    const m = troubledModel();
    messagesOf((r) => planNames(m, r, RUNTIME));
    const other: RuntimeNames = { exports: new Set(['QmpClient', 'FrobWidgetArgs']), clientMembers: new Set(['execute', 'frobWidget']) };
    const expected = afresh(troubledModel, other);
    let plan: Plan | undefined;
    expect(messagesOf((r) => (plan = planNames(m, r, other)))).toEqual(expected.messages);
    expect(sketch(plan!)).toEqual(expected.plan);
    expect(sketch(plan!)).not.toEqual(afresh(troubledModel).plan);
    // the same names in other sets are the same runtime
    const copy: RuntimeNames = { exports: new Set(other.exports), clientMembers: new Set(other.clientMembers) };
    expect(planNames(m, new Reporter([], new VFile()), copy)).toBe(plan);
  });

  it('keeps nothing across models', () => {
    const a = model({ commands: [command('frob-widget')] });
    const b = model({ commands: [command('halt-widget')] });
    expect(planNames(a, new Reporter([], new VFile()), RUNTIME).commands[0]!.method).toBe('frobWidget');
    expect(planNames(b, new Reporter([], new VFile()), RUNTIME).commands[0]!.method).toBe('haltWidget');
  });
});
