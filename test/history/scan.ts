/**
 * An independent, deliberately simple scan of a QAPI release's files, for checking the
 * history against the schemas without going through qmp-codegen's reader: every `.json` file
 * of the release's schema folders, comments dropped, each top-level `{...}` read as JSON
 * (QAPI's single-quoted strings have no escapes). Only what the tests compare is kept.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ScannedItem {
  meta: 'command' | 'event' | 'struct' | 'enum' | 'union' | 'alternate';
  name: string;
  /** Inline `data` members (name → optional), structs flattened through `base`; undefined when `data` names a type. */
  members?: Map<string, boolean>;
  values?: Set<string>;
  variants?: Set<string>;
  base?: string;
}

function expressions(text: string): unknown[] {
  let clean = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      clean += ch === '"' ? '\\"' : ch === "'" ? '"' : ch;
      if (ch === "'") inString = false;
    } else if (ch === "'") {
      inString = true;
      clean += '"';
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      clean += '\n';
    } else clean += ch;
  }
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let str = false;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (str) {
      if (ch === '\\') i++;
      else if (ch === '"') str = false;
      continue;
    }
    if (ch === '"') str = true;
    else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && --depth === 0) {
      const expr = clean.slice(start, i + 1).replace(/,(\s*[}\]])/g, '$1');
      try {
        out.push(JSON.parse(expr));
      } catch {
        // 1.1–1.5 miss a comma in one enum: the releases the tests scan have none of that
        out.push({ unreadable: expr.slice(0, 40) });
      }
    }
  }
  return out;
}

const META = ['command', 'event', 'struct', 'type', 'enum', 'union', 'alternate'] as const;

function memberMap(data: unknown): Map<string, boolean> | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const out = new Map<string, boolean>();
  for (const key of Object.keys(data)) out.set(key.replace(/^\*/, ''), key.startsWith('*'));
  return out;
}

/** Where a definition of `name` as `meta` appears in the release's raw text (a plain text search). */
export function definedInText(dir: string, meta: 'command' | 'event', name: string): boolean {
  const folders = [dir, path.join(dir, 'qapi')].filter((d) => existsSync(d));
  const needle = new RegExp(`'${meta}'\\s*:\\s*'${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`);
  return folders.some((folder) =>
    readdirSync(folder)
      .filter((n) => n.endsWith('.json'))
      .some((f) => needle.test(readFileSync(path.join(folder, f), 'utf8'))),
  );
}

/** Does the release's legacy text doc (qmp-commands.txt / qmp-events.txt) have a heading `name`? */
export function documentedInText(dir: string, meta: 'command' | 'event', name: string): boolean {
  const file = path.join(dir, meta === 'command' ? 'qmp-commands.txt' : 'qmp-events.txt');
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.some((line, i) => line.trim() === name && /^-{3,}\s*$/.test(lines[i + 1] ?? ''));
}

/** Every definition in the release folder `dir` (the QAPI schema root's folder and `qapi/`). */
export function scanRelease(dir: string): Map<string, ScannedItem> {
  const folders = [dir, path.join(dir, 'qapi')].filter((d) => existsSync(d));
  const items = new Map<string, ScannedItem>();
  for (const folder of folders) {
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
      for (const e of expressions(readFileSync(path.join(folder, f), 'utf8')) as Record<string, unknown>[]) {
        const meta = META.find((k) => typeof e[k] === 'string');
        if (!meta) continue;
        const name = e[meta] as string;
        const item: ScannedItem = { meta: meta === 'type' ? 'struct' : meta, name };
        if (item.meta === 'enum') {
          item.values = new Set((e['data'] as Array<string | { name: string }>).map((v) => (typeof v === 'string' ? v : v.name)));
        } else if (item.meta === 'union' || item.meta === 'alternate') {
          item.variants = new Set(Object.keys(e['data'] as object));
        } else {
          const members = e['data'] === undefined ? new Map<string, boolean>() : memberMap(e['data']);
          if (members) item.members = members;
          if (typeof e['base'] === 'string') item.base = e['base'];
        }
        if (!items.has(`${item.meta === 'command' || item.meta === 'event' ? item.meta : 'type'}:${name}`)) {
          items.set(`${item.meta === 'command' || item.meta === 'event' ? item.meta : 'type'}:${name}`, item);
        }
      }
    }
  }
  // structs: members through the base chain
  const flat = (item: ScannedItem, seen: Set<string>): Map<string, boolean> | undefined => {
    if (item.base === undefined || seen.has(item.name)) return item.members;
    seen.add(item.name);
    const base = items.get(`type:${item.base}`);
    const inherited = base ? flat(base, seen) : undefined;
    return inherited && item.members ? new Map([...inherited, ...item.members]) : item.members;
  };
  for (const item of items.values()) if (item.meta === 'struct' && item.base) {
    const m = flat(item, new Set());
    if (m) item.members = m;
  }
  return items;
}
