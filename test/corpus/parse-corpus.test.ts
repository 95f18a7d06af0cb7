/**
 * The parser over every version of QEMU's real docs (read from beside the checkout, never
 * copied): no throw, no error; every name-like heading becomes an entry or gets a diagnostic;
 * an .hx gives the model of the qmp-commands.txt extracted from it, except where its C dispatch
 * table corrects the arguments (each correction reported).
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import type { Model, TypeRef } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';

function run(path: string, declaredRole: 'commands' | 'events') {
  const file = new VFile({ path, value: readFileSync(path, 'utf8'), data: { declaredRole } });
  const model = parseDocs([file], new Reporter([file], new VFile({ path: 'other' })));
  return { model, messages: file.messages };
}

/** Lines underlined with dashes whose text is a name (or `@name`, or `A, B`). */
function nameHeadings(text: string): { line: number; names: string[] }[] {
  const lines = text.split('\n');
  const out: { line: number; names: string[] }[] = [];
  lines.forEach((l, i) => {
    if (!/^-{3,}\s*$/.test(lines[i + 1] ?? '')) return;
    const t = l.trim();
    if (/^@?[A-Za-z][\w-]*(\s*,\s*[A-Za-z][\w-]*)*$/.test(t)) out.push({ line: i + 1, names: t.replace(/^@/, '').split(/\s*,\s*/) });
  });
  return out;
}

function withoutPositions(m: Model): unknown {
  return JSON.parse(JSON.stringify({ ...m, sources: [] }, (k, v) => (k === 'position' ? undefined : v)));
}

const versions = corpusVersions();

describe.skipIf(!corpusAvailable)('parser over the QEMU docs corpus', () => {
  for (const v of versions) {
    describe(v.version, () => {
      it('commands: no error, every heading accounted for', () => {
        const { model, messages } = run(v.commandsTxt, 'commands');
        expect(messages.filter((m) => m.fatal === true).map((m) => m.reason)).toEqual([]);
        const names = new Set(model.commands.flatMap((c) => [c.name, c.heading ?? '']));
        const said = new Set(messages.map((m) => m.line));
        for (const h of nameHeadings(readFileSync(v.commandsTxt, 'utf8'))) {
          const ok = h.names.every((n) => names.has(n)) || said.has(h.line);
          expect(ok, `${v.version}:${h.line} ${h.names.join(', ')}`).toBe(true);
        }
        expect(model.commands.length).toBeGreaterThan(20);
        // No diagnostic contradicts itself ("documented as X but the example shows X").
        for (const m of messages) {
          const two = /(?:documented as|describes) (.+?) but the example(?: reply)? (?:shows|is) (.+?);/.exec(m.reason);
          if (two) expect(two[1], m.reason).not.toBe(two[2]);
        }
        for (const c of model.commands) expect(c.name).toMatch(/^[a-z][a-z0-9_-]*$/);
      });

      it.skipIf(!v.events)('events: no error, every heading accounted for', () => {
        const { model, messages } = run(v.events!, 'events');
        expect(messages.filter((m) => m.fatal === true).map((m) => m.reason)).toEqual([]);
        const names = new Set(model.events.map((e) => e.name));
        const said = new Set(messages.map((m) => m.line));
        for (const h of nameHeadings(readFileSync(v.events!, 'utf8'))) {
          expect(h.names.every((n) => names.has(n)) || said.has(h.line), `${v.version}:${h.line}`).toBe(true);
        }
        expect(model.events.length).toBeGreaterThan(5);
      });

      it.skipIf(!v.hx)('.hx gives the model of qmp-commands.txt except where its dispatch table corrects it, each correction a diagnostic', () => {
        const a = run(v.commandsTxt, 'commands');
        const b = run(v.hx!, 'commands');
        expect(b.model.sources[0]).toMatchObject({ format: 'hx', role: 'commands' });
        expect(b.messages.filter((m) => m.fatal === true)).toEqual([]);
        // Everything but the arguments is the same.
        const rest = (m: Model) => withoutPositions({ ...m, commands: m.commands.map((c) => ({ ...c, arguments: null, argumentsStated: null })) } as unknown as Model);
        expect(rest(b.model)).toEqual(rest(a.model));
        // Every difference in the arguments is a dispatch-* diagnostic about that argument.
        const said = new Set<string>();
        for (const m of b.messages) {
          if (!m.ruleId?.startsWith('dispatch-')) continue;
          const who = /^([\w-]+): (?:.*?argument "([^":]+))?/.exec(m.reason);
          if (!who) continue;
          said.add(`${m.ruleId} ${who[1]}.${who[2] ?? ''}`);
          const renamed = /names it "([^"]+)"/.exec(m.reason);
          if (renamed) said.add(`${m.ruleId} ${who[1]}.${renamed[1]}`);
        }
        const explained = (rules: string[], item: string) => rules.some((r) => said.has(`${r} ${item}`));
        const jsonKind = (t: TypeRef): string => (t.kind === 'enum' ? 'string' : t.kind);
        let differences = 0;
        for (const ca of a.model.commands) {
          const cb = b.model.commands.find((c) => c.name === ca.name)!;
          const names = new Set([...ca.arguments.members, ...cb.arguments.members].map((m) => m.name));
          for (const n of names) {
            const x = ca.arguments.members.find((m) => m.name === n);
            const y = cb.arguments.members.find((m) => m.name === n);
            const item = `${ca.name}.${n}`;
            if (!x) expect(explained(['dispatch-argument-missing', 'dispatch-argument-renamed'], item), `${v.version} ${item} added unsaid`).toBe(true);
            else if (!y) expect(explained(['dispatch-argument-unknown', 'dispatch-argument-renamed'], item), `${v.version} ${item} dropped unsaid`).toBe(true);
            else {
              if (jsonKind(x.type) !== jsonKind(y.type)) expect(explained(['dispatch-kind'], item), `${v.version} ${item} kind changed unsaid`).toBe(true);
              if (x.optional !== y.optional) expect(explained(['dispatch-optional'], item), `${v.version} ${item} optionality changed unsaid`).toBe(true);
              if (JSON.stringify(withoutPositions({ ...x, type: null, optional: null, evidence: null } as never)) !== JSON.stringify(withoutPositions({ ...y, type: null, optional: null, evidence: null } as never))) {
                expect.fail(`${v.version} ${item}: the table changed more than kind and optionality`);
              }
              if (JSON.stringify(x.type) === JSON.stringify(y.type) && x.optional === y.optional) continue;
            }
            differences++;
          }
          if (ca.arguments.open !== cb.arguments.open) {
            expect(explained(['dispatch-open'], `${ca.name}.`), `${v.version} ${ca.name} openness changed unsaid`).toBe(true);
            differences++;
          }
        }
        // The table corrects something in every version (the text is never perfect) ...
        expect(differences).toBeGreaterThan(0);
        // ... and otherwise the same diagnostics, at the .hx's own lines.
        const rules = (ms: typeof a.messages) => ms.map((m) => m.ruleId).filter((r) => !r?.startsWith('hx-') && !r?.startsWith('dispatch-'));
        expect(rules(b.messages)).toEqual(rules(a.messages));
        const lines = (ms: typeof a.messages) => ms.filter((m) => !m.ruleId?.startsWith('hx-')).map((m) => m.line);
        expect(lines(b.messages)).not.toEqual(lines(a.messages));
      });
    });
  }

  it('2.8.0 documents at least 110 commands and 30 events; the known quirks are resolved', () => {
    const v = versions.find((x) => x.version === '2.8.0');
    expect(v).toBeDefined();
    const { model, messages } = run(v!.commandsTxt, 'commands');
    expect(model.commands.length).toBeGreaterThanOrEqual(110);
    const dump = model.commands.find((c) => c.name === 'dump-guest-memory');
    expect(dump?.heading).toBe('dump');
    expect(model.commands.some((c) => c.name === 'query-rocker' && c.heading !== undefined)).toBe(true);
    expect(messages.some((m) => m.ruleId === 'heading-no-underline')).toBe(true);
    const ev = run(v!.events!, 'events');
    expect(ev.model.events.length).toBeGreaterThanOrEqual(30);
    expect(ev.messages.some((m) => m.ruleId === 'data-none-with-members')).toBe(true);
  });
});
