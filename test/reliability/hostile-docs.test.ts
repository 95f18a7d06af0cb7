/**
 * Hostile documents, end to end: an inline legacy-format document (invented wording) whose
 * names and text carry code, comment terminators, template holes, HTML, table pipes, control
 * characters, path traversal and prototype names goes through the real CLI `main()` into a
 * temporary folder. Then: nothing lands outside --out; the TypeScript package type-checks
 * under --strict and carries the payload only inside comments and string literals; every JSON
 * Schema compiles under ajv 2020 strict; Markdown parses back with no HTML and no links or
 * headings made from the payload.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import ts from 'typescript';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { packageCompilerOptions, typecheck } from '../typescript/helpers.js';

const P = 'PWNED';
/** Text payloads; each carries the marker so that we can find where it went. */
const TEXT = [
  `*/ ${P}(); /*`,
  `\`\${${P}()}\``,
  `</script><script>${P}()</script>`,
  `<img src=x onerror="${P}()">`,
  `| ${P} | cell | break |`,
  `[${P}](javascript:${P}()) and <https://${P}.example>`,
  `# ${P} heading?`,
  `'); ${P}(); ('`,
  `"); ${P}(); ("`,
  `\\u002a/ ${P}`,
  `x\u0007\u001b[31m${P}\u0000`,
  `\u2028${P}(); //`,
  `\u202E${P}\u202C`,
  `@param ${P} injected`,
];
/** Names that are paths, prototype members, reserved words or look-alikes. */
const NAMES = ['../../x-escape', '__proto__', 'constructor', 'toString', 'default', 'class', 'qu\u0435ry-status', 'query-status', `${P}*/`, 'a/b\\c'];

function commandsDoc(): string {
  const out: string[] = ['Hostile test reference', '======================', '', '1. Odd Commands', '==============', ''];
  NAMES.forEach((name, i) => {
    const t = (k: number) => TEXT[(i + k) % TEXT.length]!;
    out.push(
      name,
      '-'.repeat(Math.max(3, name.length)),
      '',
      `Does something with ${t(0)} and ${t(1)}.`,
      '',
      'Arguments:',
      '',
      `- "${NAMES[(i + 1) % NAMES.length]}": ${t(2)} (json-string)`,
      `- "speed-${i}": how fast, ${t(3)} (json-int, optional)`,
      `- "mode": ${t(4)} (json-string, optional)`,
      '    - Possible values: "fast", "' + t(5).replace(/"/g, "'") + '"',
      '',
      `Return a json-object with ${t(6)}:`,
      '',
      `- "${NAMES[(i + 2) % NAMES.length]}": ${t(7)} (json-bool)`,
      '',
      'Example:',
      '',
      `-> { "execute": ${JSON.stringify(name)}, "arguments": { ${JSON.stringify(NAMES[(i + 1) % NAMES.length])}: ${JSON.stringify(t(8))} } }`,
      `<- { "return": { ${JSON.stringify(NAMES[(i + 2) % NAMES.length])}: true } }`,
      '',
      `Note: ${t(9)} ${t(10)}`,
      '',
    );
  });
  return out.join('\n');
}

function eventsDoc(): string {
  const out: string[] = ['Hostile events', '==============', ''];
  ['__PROTO__', 'CONSTRUCTOR', `${P}*/;EVENT`, '../../EVIL', 'DEFAULT'].forEach((name, i) => {
    const t = (k: number) => TEXT[(i * 3 + k) % TEXT.length]!;
    out.push(
      name,
      '-'.repeat(name.length),
      '',
      `Emitted when ${t(0)} ${t(1)}.`,
      '',
      'Data:',
      '',
      `- "${NAMES[i]}": ${t(2)} (json-string)`,
      `- "count": ${t(3)} (json-int, optional)`,
      '',
      'Example:',
      '',
      `{ "event": ${JSON.stringify(name)}, "data": { ${JSON.stringify(NAMES[i])}: ${JSON.stringify(t(4))} },`,
      '  "timestamp": { "seconds": 1, "microseconds": 2 } }',
      '',
    );
  });
  return out.join('\n');
}

/** Every file under `dir`, relative, sorted. */
function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function codeOutsideCommentsAndStrings(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia || kind === ts.SyntaxKind.StringLiteral) continue;
    if (kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) continue;
    out.push(scanner.getTokenText());
  }
  return out.join(' ');
}

describe('hostile documents through the CLI', () => {
  let parent: string;
  let outDir: string;
  let exit: number;
  let stderr = '';
  let files: string[];
  const read = (rel: string) => readFileSync(path.join(outDir, rel), 'utf8');

  beforeAll(async () => {
    parent = mkdtempSync(path.join(tmpdir(), 'qmp-rel-hostile-'));
    mkdirSync(path.join(parent, 'in'));
    writeFileSync(path.join(parent, 'in/cmds.txt'), commandsDoc());
    writeFileSync(path.join(parent, 'in/events.txt'), eventsDoc());
    outDir = path.join(parent, 'deep/out');
    exit = await main(['-c', 'in/cmds.txt', '-e', 'in/events.txt', '-o', 'deep/out'], {
      cwd: parent,
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
    });
    files = listAll(outDir);
  }, 300_000);
  afterAll(() => {
    if (process.env.QMP_KEEP_TMP) console.log('kept', parent);
    else rmSync(parent, { recursive: true, force: true });
  });

  it('finishes with diagnostics, not a crash, and generates every kind', () => {
    expect(stderr).not.toMatch(/internal error|    at /);
    expect([0, 1]).toContain(exit);
    expect(files.some((f) => f.startsWith('schema/'))).toBe(true);
    expect(files.some((f) => f.startsWith('src/'))).toBe(true);
    expect(files.some((f) => f.startsWith('docs/'))).toBe(true);
  });

  it('writes nothing outside --out', () => {
    const all = listAll(parent);
    const outside = all.filter((f) => !f.startsWith('deep/out/') && !f.startsWith('in/'));
    expect(outside).toEqual([]);
    expect(all.filter((f) => f.startsWith('in/'))).toEqual(['in/cmds.txt', 'in/events.txt']);
    for (const f of files) expect(f.split('/').every((seg) => seg !== '..' && !/[\u0000-\u001f\\]/.test(seg)), f).toBe(true);
  });

  it('the TypeScript package type-checks under --strict, payload only in comments and strings', () => {
    const code = files.filter((f) => /^(src|dist)\/.*\.(ts|js)$/.test(f) && !f.includes('/runtime/'));
    expect(code.length).toBeGreaterThan(3);
    const carrying = code.filter((f) => read(f).includes(P));
    expect(carrying.length, 'the payload reached the package (else this proves nothing)').toBeGreaterThan(0);
    for (const f of code) expect(codeOutsideCommentsAndStrings(read(f)), f).not.toContain(P);
    const options = { ...packageCompilerOptions(read('tsconfig.json')), strict: true, noEmit: true };
    const roots = files.filter((f) => /^src\/.*\.ts$/.test(f)).map((f) => path.join(outDir, f));
    expect(typecheck(roots, options, outDir)).toEqual([]);
  });

  it('every JSON Schema compiles under ajv 2020 strict', () => {
    const schemas = files.filter((f) => f.startsWith('schema/') && f.endsWith('.json'));
    expect(schemas.length).toBeGreaterThan(NAMES.length);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const f of schemas) {
      const schema = JSON.parse(read(f)) as object;
      expect(() => ajv.compile(schema), f).not.toThrow();
    }
    expect(JSON.stringify(Object.getPrototypeOf({}))).toBe('{}'); // no prototype pollution on the way
  });

  it('Markdown shows the text literally: no HTML, no payload links or headings, intact tables', () => {
    const pages = files.filter((f) => f.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(NAMES.length);
    let sawPayload = false;
    for (const f of pages) {
      const text = read(f);
      if (text.includes(P)) sawPayload = true;
      const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
      const bad: string[] = [];
      visit(tree, (node) => {
        if (node.type === 'html') bad.push(`html ${(node as { value: string }).value}`);
        // the emitter's own relative links may name a hostile file (percent-encoded); a link
        // made from the payload would have a scheme (javascript:, https:)
        const url = node.type === 'link' ? (node as { url: string }).url : '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(url) && url.includes(P)) bad.push(`link ${url}`);
        if (/javascript:/i.test(url)) bad.push(`link ${url}`);
        if (node.type === 'heading' && JSON.stringify(node).includes(`${P} heading`)) bad.push('heading from payload');
        if (node.type === 'table') {
          const rows = (node as { children: Array<{ children: unknown[] }> }).children;
          const width = rows[0]?.children.length;
          for (const r of rows) if (r.children.length !== width) bad.push(`table row of ${r.children.length} cells, header ${width}`);
        }
      });
      expect(bad, f).toEqual([]);
    }
    expect(sawPayload).toBe(true);
  });
});
