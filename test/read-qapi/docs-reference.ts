/**
 * The QAPI reader's previous doc comment reader, kept as it was (but for these lines and the
 * imports) as the reference the faster one is held to (docs-reference.test.ts). Not used by
 * the generator.
 */
import type { Reporter } from '../../generator/diagnostics/reporter.js';
import type { Example, SourcePosition } from '../../generator/model/types.js';
import { type ExampleLine, parseExamples } from '../../generator/read/legacy/examples.js';
import type { DocBlock, DocLine } from '../../generator/read/qapi/parser.js';

export interface MemberDoc {
  text: string;
  position: SourcePosition;
}

export interface ItemDoc {
  /** The name on the first line (`@name:`), when there is one. */
  symbol?: string;
  description: string;
  members: Map<string, MemberDoc>;
  features: Map<string, MemberDoc>;
  returns?: string;
  errors?: string[];
  since?: string;
  notes: string[];
  examples: Example[];
  position: SourcePosition;
}

type SectionKind = 'body' | 'member' | 'feature' | 'returns' | 'errors' | 'since' | 'notes' | 'example' | 'qmp-example' | 'todo';

interface Section {
  kind: SectionKind;
  name?: string;
  lines: DocLine[];
  start: DocLine;
  title?: string;
}

const TAG = /^(Returns?|Errors?|Since|Notes?|Examples?|TODO|Features)\s*:\s*(.*)$/;
const AT_NAME = /^@([A-Za-z0-9_.+-]+)\s*:\s?(.*)$/;
const DIRECTIVE = /^\.\.\s+([a-z-]+)::\s*(.*)$/;

/**
 * Lines to text: the first line trimmed (it often follows `@name:` or a tag), the common
 * indentation of the others removed, blank lines at the ends dropped, paragraphs kept.
 */
function linesText(lines: readonly DocLine[]): string {
  const texts = lines.map((l) => l.text);
  while (texts.length && texts[texts.length - 1]!.trim() === '') texts.pop();
  while (texts.length && texts[0]!.trim() === '') texts.shift();
  const rest = texts.slice(1).filter((t) => t.trim() !== '');
  const indent = rest.length ? Math.min(...rest.map((t) => /^\s*/.exec(t)![0].length)) : 0;
  return texts
    .map((t, i) => (i === 0 ? t.trim() : t.slice(indent).replace(/\s+$/, '')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function pos(file: string, l: DocLine): SourcePosition {
  return { file, line: l.line, column: l.column };
}

/** Read a doc block. `file` is the path used in positions. */
export function readDoc(block: DocBlock, file: string, reporter: Reporter): ItemDoc {
  const sections: Section[] = [];
  let current: Section | undefined;
  let inFeatures = false;
  let symbol: string | undefined;
  const lines = block.lines;
  let k = 0;
  while (k < lines.length && lines[k]!.text.trim() === '') k++;
  const first = lines[k];
  if (first) {
    const m = /^@([A-Za-z0-9_.+-]+)\s*:?\s*(.*)$/.exec(first.text);
    if (m) {
      symbol = m[1]!;
      k++;
      if (m[2]!.trim()) {
        current = { kind: 'body', lines: [{ ...first, text: m[2]! }], start: first };
        sections.push(current);
      }
    }
  }
  const open = (s: Section) => {
    current = s;
    sections.push(s);
  };
  let blankBefore = false;
  for (; k < lines.length; k++) {
    const l = lines[k]!;
    const text = l.text;
    if (text.trim() === '') {
      if (current) current.lines.push(l);
      blankBefore = true;
      continue;
    }
    const unindented = !/^\s/.test(text);
    const tag = unindented ? TAG.exec(text) : null;
    const atName = unindented ? AT_NAME.exec(text) : null;
    const directive = unindented ? DIRECTIVE.exec(text) : null;
    if (tag) {
      const word = tag[1]!;
      const rest = tag[2]!;
      const kind: SectionKind =
        word === 'Features' ? 'body' : word.startsWith('Return') ? 'returns' : word.startsWith('Error') ? 'errors' : word === 'Since' ? 'since' : word.startsWith('Note') ? 'notes' : word === 'TODO' ? 'todo' : 'example';
      if (word === 'Features') {
        inFeatures = true;
        current = undefined;
        blankBefore = false;
        continue;
      }
      open({ kind, lines: rest ? [{ ...l, text: rest, column: l.column + text.length - rest.length }] : [], start: l });
    } else if (directive) {
      const name = directive[1]!;
      const rest = directive[2]!;
      if (name === 'qmp-example') open({ kind: 'qmp-example', lines: [], start: l });
      else if (name === 'note' || name === 'admonition' || name === 'caution' || name === 'warning' || name === 'important') {
        open({ kind: 'notes', lines: rest ? [{ ...l, text: rest, column: l.column + text.length - rest.length }] : [], start: l });
      } else open({ kind: 'body', lines: [l], start: l });
    } else if (atName && (current === undefined || current.kind === 'member' || current.kind === 'feature' || current.kind === 'body' || inFeatures || blankBefore)) {
      const rest = atName[2]!;
      open({
        kind: inFeatures ? 'feature' : 'member',
        name: atName[1]!,
        lines: rest ? [{ ...l, text: rest, column: l.column + text.length - rest.length }] : [],
        start: l,
      });
    } else if (
      current &&
      (current.kind === 'notes' || current.kind === 'example' || current.kind === 'qmp-example' || current.kind === 'todo' || !blankBefore || !unindented)
    ) {
      current.lines.push(l);
    } else {
      // unindented text after a blank line that ends a member/returns/since section: description
      inFeatures = false;
      open({ kind: 'body', lines: [l], start: l });
    }
    blankBefore = false;
  }

  const doc: ItemDoc = {
    ...(symbol !== undefined ? { symbol } : {}),
    description: '',
    members: new Map(),
    features: new Map(),
    notes: [],
    examples: [],
    position: { file, line: block.pos.line, column: block.pos.column },
  };
  const body: string[] = [];
  const errors: string[] = [];
  const returns: string[] = [];
  for (const s of sections) {
    switch (s.kind) {
      case 'body': {
        const t = linesText(s.lines);
        if (t) body.push(t);
        break;
      }
      case 'member':
      case 'feature': {
        const map = s.kind === 'member' ? doc.members : doc.features;
        if (map.has(s.name!)) {
          reporter.report('qapi-doc-duplicate', `@${s.name} is described twice in one doc comment; the first description is kept`, pos(file, s.start));
        } else map.set(s.name!, { text: linesText(s.lines), position: pos(file, s.start) });
        break;
      }
      case 'returns': {
        const t = linesText(s.lines);
        if (t) returns.push(t);
        break;
      }
      case 'errors': {
        const t = linesText(s.lines);
        for (const item of t.split(/\n(?=- )/)) if (item.trim()) errors.push(item.replace(/^- /, '').trim());
        break;
      }
      case 'since': {
        const t = linesText(s.lines);
        if (t && doc.since === undefined) doc.since = t.replace(/\.$/, '').split('\n')[0]!.trim();
        break;
      }
      case 'notes':
      case 'todo': {
        const t = linesText(s.lines);
        if (t && s.kind === 'notes') doc.notes.push(t);
        break;
      }
      case 'example':
      case 'qmp-example': {
        const { lines: exLines, title } = s.kind === 'qmp-example' ? qmpExampleBody(s.lines) : { lines: s.lines.map(exampleLine), title: undefined };
        const examples = parseExamples(exLines, file, reporter);
        if (s.kind === 'qmp-example' && examples.length > 0) {
          // one directive is one example, whatever blank lines it holds
          const merged: Example = {
            ...(title ? { title } : {}),
            messages: examples.flatMap((e) => e.messages),
            position: pos(file, s.start),
          };
          doc.examples.push(merged);
        } else doc.examples.push(...examples);
        break;
      }
    }
  }
  doc.description = body.join('\n\n');
  if (returns.length) doc.returns = returns.join('\n\n');
  if (errors.length) doc.errors = errors;
  return doc;
}

function exampleLine(l: DocLine): ExampleLine {
  return { text: l.text, line: l.line, column: l.column };
}

const DIRECTIVE_OPTION = /^\s*:([a-z-]+):(?:\s+(.*))?$/;

/**
 * The body of a `.. qmp-example::` directive: its options (`:title: text`, `:annotated:`)
 * first, then the transcript. Without `:annotated:` the whole body is the transcript. With it,
 * the body is reStructuredText: paragraphs at the body's indentation are prose (each literal
 * block is introduced by a paragraph ending in `::`), and only the deeper-indented literal
 * blocks are transcript lines; the prose becomes the example's title when `:title:` gives none.
 */
function qmpExampleBody(lines: readonly DocLine[]): { lines: ExampleLine[]; title?: string } {
  const options = new Map<string, string>();
  let k = 0;
  for (; k < lines.length; k++) {
    const m = DIRECTIVE_OPTION.exec(lines[k]!.text);
    if (!m) break;
    options.set(m[1]!, (m[2] ?? '').trim());
  }
  const body = lines.slice(k);
  let title = options.get('title') || undefined;
  if (!options.has('annotated')) return { lines: body.map(exampleLine), ...(title ? { title } : {}) };
  const indents = body.filter((l) => l.text.trim() !== '').map((l) => /^\s*/.exec(l.text)![0].length);
  const base = indents.length ? Math.min(...indents) : 0;
  if (!indents.some((n) => n > base)) return { lines: body.map(exampleLine), ...(title ? { title } : {}) };
  const transcript: ExampleLine[] = [];
  const prose: string[] = [];
  for (const l of body) {
    if (l.text.trim() !== '' && /^\s*/.exec(l.text)![0].length === base) prose.push(l.text.trim());
    else transcript.push(exampleLine(l));
  }
  if (!title) {
    // rST: `text::` ends a paragraph that introduces a literal block, shown as `text:`;
    // `text ::` as `text`; a lone `::` vanishes.
    const text = prose
      .map((t) => (t === '::' ? '' : t.endsWith(' ::') ? t.slice(0, -3) : t.endsWith('::') ? t.slice(0, -1) : t))
      .filter((t) => t !== '')
      .join(' ');
    title = text.replace(/:$/, '').trim() || undefined;
  }
  return { lines: transcript, ...(title ? { title } : {}) };
}

/** The first paragraph of a description, for one-line summaries. */
export function firstParagraph(text: string): string {
  return (text.split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}
