/**
 * Doc text and names are untrusted. A model full of hostile strings must give a package in
 * which (1) every file parses, (2) the payload appears only inside comments and string
 * literals — never as code, (3) JSDoc has no tags but the emitter's own, (4) identifiers are
 * plain ASCII, (5) the README has no raw HTML and intact lists, and (6) it all type-checks.
 */
import path from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import ts from 'typescript';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleMessage, Model, TypeRef } from '../../generator/model/types.js';
import { emitPackage, type Emitted, packageCompilerOptions, tempDir, typecheck, writeTree } from './helpers.js';
import { command, event, member, model } from './models.js';

const P = 'PWNED';
/** Ways text could try to leave a comment or a string, each carrying the payload. */
const HOSTILE = [
  `*/ ${P}(); /*`,
  `\u2028${P}(); //`,
  `\u2029*/${P}()`,
  `\`\${${P}()}\``,
  `'); ${P}(); ('`,
  `"); ${P}(); ("`,
  `\n@param ${P} injected tag`,
  `text @returns ${P}`,
  `\r\n */ ${P} /**`,
  `</script><script>${P}()</script>`,
  `\u202E${P}\u202C reversed`,
  `\\u002a/${P}`,
  `x\u0000${P}\u001b[31m`,
  `| ${P} | table | cell |`,
];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;

function message(direction: 'client' | 'server', role: ExampleMessage['role'], value: unknown, raw: string): ExampleMessage {
  return { direction, role, raw, value, repairs: [], elided: false, position: { file: 'evil.txt', line: 1, column: 1 } };
}

function evilModel(): Model {
  let n = 0;
  const text = () => hostile(n++);
  const enumOf = (): TypeRef => ({ kind: 'enum', values: HOSTILE.map((h, i) => ({ name: `${h}${i}`, description: text() })) });
  const members = () => [
    member(`cpu-${text()}`, { kind: 'string' }, { description: text(), default: text() }),
    member(text(), enumOf(), { optional: true, description: text() }),
    member('nested', { kind: 'object', open: true, members: [member(text(), { kind: 'int' }, { description: text() })] }, { description: text() }),
  ];
  const cmds = HOSTILE.map((h, i) =>
    command(`${h}-cmd${i}`, {
      summary: text(),
      description: `${text()}\n\n${text()}`,
      notes: [text(), text()],
      arguments: { kind: 'object', open: i % 2 === 0, members: members() },
      returns: { kind: 'array', items: { kind: 'object', open: false, members: members() } },
      examples: [
        {
          title: text(),
          position: { file: 'evil.txt', line: 1, column: 1 },
          messages: [
            message('client', 'request', { execute: `${h}-cmd${i}`, arguments: { [text()]: text() } }, text()),
            message('server', 'reply', { return: [{ [text()]: text() }] }, text()),
          ],
        },
      ],
    }),
  );
  cmds.push(
    command('plain-cmd', {
      summary: text(),
      description: text(),
      examples: [{ position: { file: 'evil.txt', line: 1, column: 1 }, messages: [message('client', 'request', undefined, text())] }],
    }),
  );
  const evs = HOSTILE.map((h, i) =>
    event(`${h}_EVENT${i}`, {
      summary: text(),
      description: text(),
      data: { kind: 'object', open: false, members: members() },
      examples: [{ position: { file: 'evil.txt', line: 1, column: 1 }, messages: [message('server', 'event', { event: h, data: { x: text() } }, text())] }],
    }),
  );
  return model({
    sources: [{ path: `docs/${hostile(0)}\n${hostile(1)}.txt`, role: 'commands', format: 'txt', sha256: 'c'.repeat(64) }],
    commands: cmds,
    events: evs,
    types: [{ kind: 'enum', name: `${hostile(3)}Type`, description: text(), values: [{ name: text() }], origin: 'docs' }],
  });
}

/** Text of every token that is neither a comment nor a string literal. */
function codeOutsideCommentsAndStrings(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (
      kind === ts.SyntaxKind.SingleLineCommentTrivia ||
      kind === ts.SyntaxKind.MultiLineCommentTrivia ||
      kind === ts.SyntaxKind.StringLiteral
    ) {
      continue;
    }
    out.push(scanner.getTokenText());
  }
  return out.join(' ');
}

const EMITTER_TAGS = new Set(['default', 'since', 'deprecated', 'remarks', 'example']);

describe('hostile documentation text and names', () => {
  let out: Emitted;
  let code: Array<{ path: string; contents: string }>;
  beforeAll(async () => {
    out = await emitPackage(evilModel());
    code = out.files.filter((f) => /\.(ts|js)$/.test(f.path) && !f.path.includes('/runtime/'));
  });

  it('emits all of it (renaming what it must)', () => {
    expect(code.map((f) => f.path).sort()).toEqual(
      [
        'dist/client.d.ts', 'dist/client.js', 'dist/index.d.ts', 'dist/index.js', 'dist/names.d.ts', 'dist/names.js',
        'dist/shell.d.ts', 'dist/shell.js', 'dist/types.d.ts', 'dist/types.js',
        'src/client.ts', 'src/index.ts', 'src/names.ts', 'src/shell.ts', 'src/types.ts',
      ],
    );
    expect(out.byPath.get('src/client.ts')!.match(/\): Promise</g)).toHaveLength(HOSTILE.length + 1);
  });

  it('every file parses', () => {
    const files = new Map(code.map((f) => [`/pkg/${f.path}`, f.contents]));
    const host = ts.createCompilerHost({});
    host.fileExists = (name) => files.has(name);
    host.readFile = (name) => files.get(name);
    host.getSourceFile = (name, version) => {
      const text = files.get(name);
      return text === undefined ? undefined : ts.createSourceFile(name, text, version);
    };
    const program = ts.createProgram({ rootNames: [...files.keys()], options: { noLib: true, noResolve: true, types: [] }, host });
    for (const name of files.keys()) {
      const diagnostics = program.getSyntacticDiagnostics(program.getSourceFile(name));
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')), name).toEqual([]);
    }
  });

  it('the payload never appears outside comments and string literals', () => {
    for (const f of code) {
      // the shell bin holds no model text: it imports the names from names.ts
      if (!f.path.includes('shell.')) {
        expect(f.contents, `${f.path} should contain the payload somewhere (else this test proves nothing)`).toContain(P);
      }
      expect(codeOutsideCommentsAndStrings(f.contents), f.path).not.toContain(P);
      expect(f.contents, f.path).not.toMatch(/[\u2028\u2029\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });

  it('identifiers are plain ASCII and JSDoc has only the emitter tags', () => {
    for (const f of code) {
      const sf = ts.createSourceFile(f.path, f.contents, ts.ScriptTarget.ES2022, true);
      const bad: string[] = [];
      const walk = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(node.text)) bad.push(`identifier ${JSON.stringify(node.text)}`);
        for (const tag of ts.getJSDocTags(node)) {
          const name = tag.tagName.text;
          // the emitter's own @param tags name only its own two parameters
          const ok = ts.isJSDocParameterTag(tag) ? ['args', 'options'].includes(tag.name.getText()) : EMITTER_TAGS.has(name);
          if (!ok) bad.push(`@${name} ${tag.getText().slice(0, 40)}`);
        }
        ts.forEachChild(node, walk);
      };
      walk(sf);
      expect(bad, f.path).toEqual([]);
    }
  });

  it('the README keeps its structure: no raw HTML, one list item per command and event', () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(out.byPath.get('README.md')!) as Root;
    const html: string[] = [];
    visit(tree, 'html', (node) => {
      html.push(node.value);
    });
    expect(html).toEqual([]);
    // the lists under "## Commands" and "## Events reference": every item starts with the name in code
    const lists: number[] = [];
    visit(tree, 'list', (node) => {
      const first = node.children[0]?.children[0];
      if (first?.type === 'paragraph' && first.children[0]?.type === 'inlineCode' && node.children.length > 2) lists.push(node.children.length);
    });
    expect(lists).toEqual([HOSTILE.length + 1, HOSTILE.length]);
  });

  describe('type checking', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeAll(() => {
      tmp = tempDir('qmp-ts-evil-');
    });
    afterAll(() => tmp.remove());

    it('the hostile package still type-checks', () => {
      writeTree(tmp.dir, out.files);
      const roots = out.files.filter((f) => f.path.startsWith('src/')).map((f) => path.join(tmp.dir, f.path));
      expect(typecheck(roots, packageCompilerOptions(out.byPath.get('tsconfig.json')!), tmp.dir)).toEqual([]);
    });
  });
});
