/**
 * Deeper than fidelity: for QEMU 6.2 → 8.1 (what QEMU 7.2's scripts/qapi can read), the model
 * equals the introspection QEMU's own code computes for the same schema — every command,
 * event, member (name, optionality, type, condition, features), enum value, union variant and
 * alternate branch. Needs QEMU 7.2's scripts/ (Debian source package; .ci/run fetches it to
 * ../qemu-src, or QEMU_SCRIPTS=DIR); skips visibly without it, fails under CI=true.
 */
import { describe, expect, it } from 'vitest';
import { partToModel, qapiReleases, requireQapiCorpus } from './helpers.js';
import { readSchema } from './helpers.js';
import { QEMU_SCRIPTS, compareWithIntrospection, introspect, qemuScriptsAvailable } from './introspect-compare.js';

const corpus = requireQapiCorpus();
if (!qemuScriptsAvailable) {
  const why = `QEMU's scripts/qapi not found at ${QEMU_SCRIPTS} (set QEMU_SCRIPTS; .ci/run fetches them from Debian's qemu source package)`;
  if (process.env.CI === 'true') throw new Error(`${why}: required when CI=true`);
  console.warn(`SKIP QAPI introspection comparison: ${why}`);
}

const VERSIONS = ['6.2.0', '7.0.0', '7.1.0', '7.2.0', '8.0.0', '8.1.0'];
const releases = qapiReleases().filter((r) => VERSIONS.includes(r.version));

describe.skipIf(!corpus || !qemuScriptsAvailable)('QAPI reader against QEMU scripts/qapi introspection', () => {
  it('has every release it compares', () => {
    expect(releases.map((r) => r.version)).toEqual(VERSIONS);
  });

  it.each(releases.map((r) => [r.version, r] as const))('%s: every command, event, member, value, variant and branch equal', (_v, r) => {
    const intro = introspect(r.root);
    const model = partToModel(readSchema(r.root).part);
    expect(intro.filter((e) => e['meta-type'] === 'command').length).toBeGreaterThan(150);
    expect(compareWithIntrospection(model, intro)).toEqual([]);
    // the comparison sees a change: drop one argument and one variant
    const cmd = model.commands.find((c) => c.arguments.members.length > 0)!;
    const union = model.types.find((t) => t.kind === 'union' && intro.some((e) => e.name === t.name))!;
    const mutated = {
      ...model,
      commands: model.commands.map((c) => (c === cmd ? { ...c, arguments: { ...c.arguments, members: c.arguments.members.slice(1) } } : c)),
      types: model.types.map((t) => (t === union && t.kind === 'union' ? { ...t, variants: t.variants.slice(1) } : t)),
    };
    const diffs = compareWithIntrospection(mutated, intro);
    expect(diffs.some((d) => d.startsWith(`command ${cmd.name} arguments`))).toBe(true);
    expect(diffs.some((d) => d.startsWith(`union ${union.name} variants`))).toBe(true);
  }, 120_000);
});
