/**
 * Why the doc examples of QEMU 9.x that fail against the generated schemas fail: each failure
 * was looked at in the QAPI source and the schema of its release (issue 8, item 5). All the
 * ones left are QEMU's doc errors (class c): the reader's misreadings (class a: a brace closed
 * too early, a lost quote, the prose of annotated examples) are recovered with a diagnostic,
 * and no schema was found too strict or too loose (class b).
 *
 * A verdict holds for a failure only when the message is of its command/event and kind and
 * every problem reported for it matches `problems`: a failure with any other problem (a new
 * release, a regression of the reader or the emitter) is unclassified, and the QAPI corpus
 * test says so. The notes are ours, not QEMU's text.
 */
import type { ExampleOutcome } from '../../generator/validate/index.js';

export type ExampleClass = 'a' | 'b' | 'c';

export interface ExampleVerdict {
  /** The command or event whose doc comment holds the example. */
  owner: string;
  kind: 'request' | 'response' | 'event';
  /** Every problem line (as reported) must match. */
  problems: RegExp;
  class: ExampleClass;
  /** What is wrong, in a few words. */
  note: string;
}

export const EXAMPLE_VERDICTS: readonly ExampleVerdict[] = [
  {
    owner: 'query-block',
    kind: 'response',
    problems: /^\/return\/\d+\/inserted: missing required member "cache"$|^\/return\/\d+\/inserted\/image: unknown member "backing_file"$/,
    class: 'c',
    note: 'the inserted medium lacks the required "cache"; "backing_file" (a member of the device info) is put in the image info, which has no such member',
  },
  {
    owner: 'query-named-block-nodes',
    kind: 'response',
    problems: /^\/return\/\d+: missing required member "cache"$|^\/return\/\d+\/image: unknown member "backing_file"$/,
    class: 'c',
    note: 'as query-block: the node lacks the required "cache"; "backing_file" is put in the image info',
  },
  {
    owner: 'query-blockstats',
    kind: 'response',
    problems: /^\/return\/\d+(?:\/parent)?\/stats: (?:missing required member "[^"]+"|unknown member "(?:rd|wr|flush)_total_times_ns")$/,
    class: 'c',
    note: 'abbreviated reply: the statistics (of the device and of its parent) leave out most required members (failed and invalid counts, unmap and zone counters, ...); the total times are spelt "..._total_times_ns" for "..._total_time_ns"',
  },
  {
    owner: 'migrate',
    kind: 'request',
    problems: /^\/arguments\/channels\/\d+\/addr\/offset: must be of type integer$/,
    class: 'c',
    note: 'the file transport\'s "offset" is written as a string ("0x1000"); it is a uint64, a JSON number on the wire',
  },
  {
    owner: 'query-migrate',
    kind: 'response',
    problems: /^\/return\/(?:ram|disk): missing required member "[^"]+"$/,
    class: 'c',
    note: 'abbreviated reply: "ram" (and, in 9.0, "disk") leaves out required members of the migration statistics (added after the example was written)',
  },
  {
    owner: 'trace-event-get-state',
    kind: 'response',
    problems: /^\/return\/\d+: unknown member "vcpu"$/,
    class: 'c',
    note: 'an entry has "vcpu", a member the release no longer has',
  },
  {
    owner: 'query-iothreads',
    kind: 'response',
    problems: /^\/return\/\d+: missing required member "(?:poll-max-ns|poll-grow|poll-shrink|aio-max-batch)"$/,
    class: 'c',
    note: 'abbreviated reply: each thread lacks the required polling and batch members',
  },
  {
    owner: 'RTC_CHANGE',
    kind: 'event',
    problems: /^\/data: missing required member "qom-path"$/,
    class: 'c',
    note: 'the data lack the required "qom-path" (a later addition; the example was not updated)',
  },
  {
    owner: 'query-sev',
    kind: 'response',
    problems: /^\/return: (?:no variant applies: its discriminator "sev-type" is missing|missing required member "sev-type")$/,
    class: 'c',
    note: 'the reply lacks "sev-type", the discriminator the release made required (the info became a union of the SEV guest types)',
  },
  {
    owner: 'query-sgx-capabilities',
    kind: 'response',
    problems: /^\/return: (?:missing required member "sections"|unknown member "section")$/,
    class: 'c',
    note: '"section" written for the required "sections"',
  },
  {
    owner: 'query-pci',
    kind: 'response',
    problems: /^\/return\/\d+\/devices\/\d+: missing required member "irq_pin"$/,
    class: 'c',
    note: 'the devices lack the required "irq_pin" (a later addition; the example was not updated)',
  },
  {
    owner: 'x-query-virtio-status',
    kind: 'response',
    problems: /^\/return: (?:missing required member "disable-legacy-check"|unknown member "disabled-legacy-check")$/,
    class: 'c',
    note: '"disabled-legacy-check" written for "disable-legacy-check"',
  },
];

/** The verdict that holds for a failed outcome, if one does. */
export function verdictOf(o: ExampleOutcome): ExampleVerdict | undefined {
  const problems = o.explained ?? o.problems ?? [];
  const kind = o.target?.kind;
  return EXAMPLE_VERDICTS.find((v) => v.owner === o.owner.name && v.kind === kind && problems.length > 0 && problems.every((p) => v.problems.test(p)));
}
