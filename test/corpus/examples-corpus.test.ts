/**
 * Every example message of every version of QEMU's legacy QMP docs must come out of the
 * example parser with a value or a diagnostic, and (almost) all with a value.
 *
 * Example regions are found here with a deliberately simple scan (an `Example...` line up
 * to the next heading or section label); the document parser finds them properly, and this
 * test only exercises the example splitter and the tolerant JSON reader on real text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import type { ExampleMessage } from '../../generator/model/types.js';
import { parseExamples, type ExampleLine } from '../../generator/read/legacy/examples.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';

const MIN_VALUE_RATE = 0.98;

const ARROW = /^\s*(->|<-)/;
const UNDERLINE = /^\s*(-{3,}|={3,})\s*$/;
const SECTION = /^(Notes?|Arguments|Returns?|Data|Since|Examples?)\b/;

/** Example regions of a document: the lines after each `Example...` line, up to the next section. */
function exampleRegions(lines: readonly string[]): ExampleLine[][] {
  const regions: ExampleLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^Examples?\b/.test(lines[i]!)) continue;
    const region: ExampleLine[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j]!;
      const isHeading = text.trim() !== '' && UNDERLINE.test(lines[j + 1] ?? '');
      if (isHeading || SECTION.test(text)) break;
      region.push({ text, line: j + 1 });
    }
    regions.push(region);
    i = j - 1;
  }
  return regions;
}

function namesAndStrings(value: unknown): { names: Set<string>; strings: string[] } {
  const names = new Set<string>();
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        names.add(k);
        walk(x);
      }
    }
  };
  walk(value);
  return { names, strings };
}

interface Tally {
  arrows: number;
  messages: number;
  withValue: number;
  repaired: number;
  elided: number;
  rules: Map<string, number>;
}

function tallyDocument(file: string): Tally & { problems: string[] } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const vfile = new VFile({ path: file });
  const reporter = reporterFor(vfile);
  const tally: Tally & { problems: string[] } = { arrows: 0, messages: 0, withValue: 0, repaired: 0, elided: 0, rules: new Map(), problems: [] };
  const all: ExampleMessage[] = [];
  const arrowLines: number[] = [];
  for (const region of exampleRegions(lines)) {
    for (const l of region) if (ARROW.test(l.text)) arrowLines.push(l.line);
    for (const example of parseExamples(region, file, reporter)) all.push(...example.messages);
  }
  const at = (rule: string) => new Set(vfile.messages.filter((m) => m.ruleId === rule).map((m) => m.line));
  const empty = at('example-empty');
  const unreadableLines = new Set(vfile.messages.filter((m) => m.ruleId === 'example-json-unreadable').map((m) => m.line));
  const messageStarts = new Set(all.map((m) => m.position.line));
  const where = (line: number) => `${path.basename(path.dirname(file))}/${path.basename(file)}:${line}`;

  // Every arrow starts a message (on its line, or the next when the arrow stands alone) or is reported.
  for (const line of arrowLines) {
    if (!messageStarts.has(line) && !messageStarts.has(line + 1) && !empty.has(line)) tally.problems.push(`${where(line)}: arrow lost`);
  }
  // Every message has a value or an unreadable diagnostic inside its span.
  for (const m of all) {
    if (m.value !== undefined) {
      // Recovery loses no member: every `"name":` (or `"name",` for a comma written as a
      // colon) in the text is a member name in the value, or text inside a string value.
      const { names, strings } = namesAndStrings(m.value);
      for (const [, name] of m.raw.matchAll(/["']([^"'\n]*)["']\s*[:,]/g)) {
        if (!names.has(name!) && !strings.some((s) => s.includes(name!))) {
          tally.problems.push(`${where(m.position.line)}: member "${name}" lost`);
        }
      }
      continue;
    }
    let reported = false;
    for (let l = m.position.line; l <= (m.position.endLine ?? m.position.line); l++) reported ||= unreadableLines.has(l);
    if (!reported) tally.problems.push(`${where(m.position.line)}: message without value or diagnostic`);
  }
  tally.arrows = arrowLines.length;
  tally.messages = all.length;
  tally.withValue = all.filter((m) => m.value !== undefined).length;
  tally.repaired = all.filter((m) => m.repairs.some((r) => r !== 'placeholder')).length;
  tally.elided = all.filter((m) => m.elided).length;
  for (const m of vfile.messages) tally.rules.set(m.ruleId ?? '?', (tally.rules.get(m.ruleId ?? '?') ?? 0) + 1);
  return tally;
}

describe.skipIf(!corpusAvailable)('examples across the QEMU docs corpus', () => {
  const versions = corpusVersions();

  it('finds the corpus', () => {
    expect(versions.length).toBeGreaterThan(20);
  });

  it(`reads every message to a value or a diagnostic, and >= ${MIN_VALUE_RATE * 100}% to a value`, () => {
    const total: Tally = { arrows: 0, messages: 0, withValue: 0, repaired: 0, elided: 0, rules: new Map() };
    const problems: string[] = [];
    const rows: string[] = [];
    for (const v of versions) {
      for (const file of [v.commandsTxt, v.events]) {
        if (!file) continue;
        const t = tallyDocument(file);
        problems.push(...t.problems);
        total.arrows += t.arrows;
        total.messages += t.messages;
        total.withValue += t.withValue;
        total.repaired += t.repaired;
        total.elided += t.elided;
        for (const [rule, n] of t.rules) total.rules.set(rule, (total.rules.get(rule) ?? 0) + n);
        rows.push(`  ${v.version.padEnd(20)} ${path.basename(file).padEnd(18)} ${String(t.messages).padStart(5)} messages, ${String(t.withValue).padStart(5)} with value, ${t.repaired} repaired, ${t.elided} elided`);
      }
    }
    const rate = total.messages === 0 ? 0 : total.withValue / total.messages;
    const rules = [...total.rules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${r}=${n}`);
    console.log(
      [
        'Example messages per document:',
        ...rows,
        `Total: ${total.messages} messages (${total.arrows} with arrows), ${total.withValue} with a value ` +
          `(${(rate * 100).toFixed(2)}%), ${total.repaired} needed repairs, ${total.elided} elided.`,
        `Diagnostics: ${rules.join(', ') || 'none'}`,
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(total.messages).toBeGreaterThanOrEqual(total.arrows);
    expect(rate).toBeGreaterThanOrEqual(MIN_VALUE_RATE);
  });
});
