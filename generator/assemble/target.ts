/**
 * `--target`: keep only what a QEMU build for one target has. A pure model → model filter.
 *
 * QAPI conditions name configuration symbols. `TARGET_*` symbols are decided by the target
 * alone, as QEMU's build defines them: the target's own symbol and its base architecture's
 * (x86_64 ⇒ TARGET_X86_64 and TARGET_I386; aarch64 ⇒ TARGET_AARCH64 and TARGET_ARM; ...);
 * every other `TARGET_*` is false. `CONFIG_*` (and any other) symbols depend on how QEMU was
 * configured, which the schema does not say: they stay unknown, and the item keeps its
 * condition, simplified (the docs show it as "only when QEMU is built with ...").
 *
 * Items whose condition is false for the target are removed (commands, events, types,
 * members, enum values, union variants, features); conditions that are true are dropped.
 */
import type {
  Command,
  Condition,
  EnumValue,
  Event,
  Feature,
  Member,
  NamedType,
  ObjectType,
  TypeRef,
  UnionVariant,
} from '../model/types.js';

/** QEMU target name → its base architecture (configs/targets/*.mak TARGET_BASE_ARCH), when different. */
const BASE_ARCH: Readonly<Record<string, string>> = {
  x86_64: 'i386',
  aarch64: 'arm',
  aarch64_be: 'arm',
  armeb: 'arm',
  ppc64: 'ppc',
  ppc64le: 'ppc',
  riscv64: 'riscv',
  riscv32: 'riscv',
  mips64: 'mips',
  mips64el: 'mips',
  mipsel: 'mips',
  mipsn32: 'mips',
  mipsn32el: 'mips',
  sparc64: 'sparc',
  sparc32plus: 'sparc',
  microblazeel: 'microblaze',
  sh4eb: 'sh4',
  xtensaeb: 'xtensa',
  or1k: 'openrisc',
  loongarch64: 'loongarch',
};

/** The TARGET_* symbols a build for `target` defines (x86_64 → TARGET_X86_64, TARGET_I386). */
export function targetSymbols(target: string): Set<string> {
  const t = target.replace(/-softmmu$|-linux-user$/, '');
  const out = new Set<string>([`TARGET_${t.toUpperCase()}`]);
  const base = BASE_ARCH[t];
  if (base) out.add(`TARGET_${base.toUpperCase()}`);
  // 64-bit targets also define TARGET_<BASE>64 where QEMU has one (ppc64, sparc64, riscv64, mips64)
  return out;
}

type Tri = true | false | Condition;

/** Evaluate with TARGET_* known; unknown parts are returned simplified. */
export function evaluate(c: Condition, defined: ReadonlySet<string>): Tri {
  if (typeof c === 'string') {
    if (c.startsWith('TARGET_')) return defined.has(c);
    return c;
  }
  if ('not' in c) {
    const v = evaluate(c.not, defined);
    return v === true ? false : v === false ? true : { not: v };
  }
  const isAll = 'all' in c;
  const parts = isAll ? c.all : c.any;
  const rest: Condition[] = [];
  for (const p of parts) {
    const v = evaluate(p, defined);
    if (v === true) {
      if (!isAll) return true;
    } else if (v === false) {
      if (isAll) return false;
    } else rest.push(v);
  }
  if (rest.length === 0) return isAll;
  if (rest.length === 1) return rest[0]!;
  return isAll ? { all: rest } : { any: rest };
}

class Narrow {
  constructor(readonly defined: ReadonlySet<string>) {}

  /** undefined = remove; otherwise the item with its condition simplified. */
  keep<T extends { if?: Condition }>(item: T): T | undefined {
    if (item.if === undefined) return item;
    const v = evaluate(item.if, this.defined);
    if (v === false) return undefined;
    const { if: _drop, ...rest } = item;
    return (v === true ? rest : { ...rest, if: v }) as T;
  }

  features(fs: Feature[] | undefined): { features?: Feature[] } {
    if (!fs) return {};
    const kept = fs.map((f) => this.keep(f)).filter((f): f is Feature => f !== undefined);
    return kept.length ? { features: kept } : {};
  }

  withFeatures<T extends { features?: Feature[] }>(item: T): T {
    if (!item.features) return item;
    const { features: _f, ...rest } = item;
    return { ...rest, ...this.features(item.features) } as T;
  }

  values(vs: EnumValue[]): EnumValue[] {
    return vs.map((v) => this.keep(v)).filter((v): v is EnumValue => v !== undefined).map((v) => this.withFeatures(v));
  }

  members(ms: Member[]): Member[] {
    return ms
      .map((m) => this.keep(m))
      .filter((m): m is Member => m !== undefined)
      .map((m) => {
        const out = this.withFeatures({ ...m, type: this.type(m.type) });
        if (m.deprecated && !(out.features ?? []).some((f) => f.name === 'deprecated')) {
          const { deprecated: _d, ...rest } = out;
          return rest;
        }
        return out;
      });
  }

  object(o: ObjectType): ObjectType {
    return { ...o, members: this.members(o.members) };
  }

  type(t: TypeRef): TypeRef {
    switch (t.kind) {
      case 'object':
        return this.object(t);
      case 'array':
        return { ...t, items: this.type(t.items) };
      case 'alternate':
        return { ...t, of: t.of.map((x) => this.type(x)) };
      case 'enum':
        return { ...t, values: this.values(t.values) };
      default:
        return t;
    }
  }

  named(t: NamedType): NamedType | undefined {
    const kept = this.keep(t);
    if (!kept) return undefined;
    const n = this.withFeatures(kept);
    switch (n.kind) {
      case 'struct':
        return { ...n, members: this.members(n.members) };
      case 'enum':
        return { ...n, values: this.values(n.values) };
      case 'alternate':
        return { ...n, of: n.of.map((x) => this.type(x)) };
      case 'union':
        return {
          ...n,
          members: this.members(n.members),
          variants: n.variants
            .map((v) => this.keep(v))
            .filter((v): v is UnionVariant => v !== undefined)
            .map((v) => ({ ...v, type: this.type(v.type) })),
        };
    }
  }

  command(c: Command): Command | undefined {
    const kept = this.keep(c);
    if (!kept) return undefined;
    const out = this.withFeatures({ ...kept, arguments: this.object(kept.arguments) });
    return kept.returns ? { ...out, returns: this.type(kept.returns) } : out;
  }

  event(e: Event): Event | undefined {
    const kept = this.keep(e);
    if (!kept) return undefined;
    const out = this.withFeatures(kept);
    return kept.data ? { ...out, data: this.object(kept.data) } : out;
  }
}

interface Items {
  commands: Command[];
  events: Event[];
  types: NamedType[];
  release?: { qemuVersion?: string; target?: string };
}

/**
 * The items (a ModelPart or a Model) as a build for `target` has them; `release.target` says
 * which target. Pure: the input is not changed.
 */
export function applyTarget<T extends Items>(items: T, target: string): T {
  const n = new Narrow(targetSymbols(target));
  return {
    ...items,
    commands: items.commands.map((c) => n.command(c)).filter((c): c is Command => c !== undefined),
    events: items.events.map((e) => n.event(e)).filter((e): e is Event => e !== undefined),
    types: items.types.map((t) => n.named(t)).filter((t): t is NamedType => t !== undefined),
    release: { ...(items.release ?? {}), target },
  };
}
