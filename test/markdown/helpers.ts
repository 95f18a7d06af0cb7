/**
 * Reading the emitted Markdown back: parse with remark + remark-gfm (what a GitHub-flavoured
 * renderer sees), collect headings' anchors, and resolve every link against the emitted files.
 */
import path from 'node:path';
import type { Heading, Link, Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { plainText } from '../../generator/emit/shared/serialize.js';
import { Slugger } from '../../generator/emit/shared/slug.js';
import type { EmitContext, OutputFile } from '../../generator/emit/types.js';
import type { Model } from '../../generator/model/types.js';

const processor = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}

/** The tree without positions, for comparing two parses. */
export function withoutPositions<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'position' ? undefined : v))) as T;
}

export { plainText };

export function headingAnchors(root: Root): string[] {
  const slugger = new Slugger();
  const out: string[] = [];
  visit(root, 'heading', (h: Heading) => {
    out.push(slugger.next(plainText(h)));
  });
  return out;
}

export function nodesOf<T extends Nodes['type']>(root: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  const out: Extract<Nodes, { type: T }>[] = [];
  visit(root, type, (n) => {
    out.push(n as Extract<Nodes, { type: T }>);
  });
  return out;
}

/**
 * Every link of every .md file in `files`: a problem for each one that is absolute, leaves the
 * output folder, names a file not in `files`, or names an anchor its target page lacks.
 */
export function brokenLinks(files: readonly OutputFile[], parsed?: ReadonlyMap<string, Root>): string[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const anchors = new Map<string, Set<string>>();
  const trees = new Map<string, Root>();
  for (const f of files) {
    if (!f.path.endsWith('.md')) continue;
    const tree = parsed?.get(f.path) ?? parseMarkdown(f.contents);
    trees.set(f.path, tree);
    anchors.set(f.path, new Set(headingAnchors(tree)));
  }
  const problems: string[] = [];
  for (const [page, tree] of trees) {
    visit(tree, (n) => n.type === 'link' || n.type === 'definition' || n.type === 'image', (n) => {
      const url = (n as Link).url;
      const hash = url.indexOf('#');
      const target = hash === -1 ? url : url.slice(0, hash);
      const fragment = hash === -1 ? undefined : decodeURIComponent(url.slice(hash + 1));
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) {
        problems.push(`${page}: absolute link ${url}`);
        return;
      }
      const resolved = target === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(target)));
      if (resolved.startsWith('../') || !byPath.has(resolved)) {
        problems.push(`${page}: ${url} → ${resolved} is not an emitted file`);
        return;
      }
      if (fragment !== undefined && !anchors.get(resolved)?.has(fragment)) {
        problems.push(`${page}: ${url} → no heading #${fragment} in ${resolved}`);
      }
    });
  }
  return problems;
}

export function context(reporterFile = new VFile({ path: 'widgets.txt' })): EmitContext {
  return { reporter: reporterFor(reporterFile), packageName: 'qmp-widgets', generatorVersion: '9.9.9' };
}

/** Emit and also return the diagnostics as `line:col rule-id` lines. */
export function emitWithDiagnostics(model: Model): { files: OutputFile[]; diagnostics: string[] } {
  const file = new VFile({ path: 'widgets.txt' });
  const files = emitMarkdown(model, context(file));
  return { files, diagnostics: file.messages.map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.ruleId}`) };
}

export function page(files: readonly OutputFile[], p: string): string {
  const f = files.find((x) => x.path === p);
  if (!f) throw new Error(`no ${p} among ${files.map((x) => x.path).join(', ')}`);
  return f.contents;
}
