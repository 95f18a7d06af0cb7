import { describe, expect, it } from 'vitest';
import { assignStems, MAX_STEM_BYTES, safeFileStem } from '../../generator/layout/filenames.js';

describe('safeFileStem', () => {
  it.each([
    ['query-block', 'query-block'],
    ['system_reset', 'system_reset'],
    ['BLOCK_IO_ERROR', 'BLOCK_IO_ERROR'],
    ['__com.redhat_drive-mirror', '__com.redhat_drive-mirror'],
    ['x-frob.v2', 'x-frob.v2'],
    ['', '%'],
    ['.', '%2E'],
    ['..', '%2E.'],
    ['.hidden', '%2Ehidden'],
    ['../../etc/passwd', '%2E.%2F..%2Fetc%2Fpasswd'],
    ['a\\b', 'a%5Cb'],
    ['50%', '50%25'],
    ['a b', 'a%20b'],
    ['tab\there', 'tab%09here'],
    ['nul\u0000', 'nul%00'],
    ['ü', '%C3%BC'],
    ['CON', '%43ON'],
    ['nul', '%6Eul'],
    ['com1.x', '%63om1.x'],
    ['console', 'console'],
    ['a~b', 'a%7Eb'],
  ])('%j → %j', (name, stem) => {
    expect(safeFileStem(name)).toBe(stem);
  });

  it('is injective over a batch of awkward names', () => {
    const names = ['a/b', 'a%2Fb', 'a%252Fb', 'a b', 'a%20b', '', '%', '.', '%2E', 'CON', '%43ON'];
    const stems = names.map(safeFileStem);
    expect(new Set(stems).size).toBe(names.length);
  });
});

describe('long names fit every common file system (255 bytes per name)', () => {
  const long = [
    'x'.repeat(300),
    `${'x'.repeat(300)}-b`,
    '命'.repeat(30),
    `${'命'.repeat(30)}x`,
    'é'.repeat(200),
    `a${'%'.repeat(100)}`,
    'y'.repeat(MAX_STEM_BYTES),
    'y'.repeat(MAX_STEM_BYTES + 1),
  ];
  it.each(long.map((n) => [n.slice(0, 12), n]))('%j…: the longest file made from it is ≤ 255 bytes', (_, name) => {
    const stem = safeFileStem(name);
    for (const suffix of ['.response.json', '.request.json', '.md', '~9.response.json']) {
      expect(Buffer.byteLength(stem + suffix, 'utf8')).toBeLessThanOrEqual(255);
    }
    expect(stem).not.toMatch(/%[0-9A-F]?~h/); // never cut inside an escape
  });

  it('keeps long names distinct (short hash), and short ones unchanged', () => {
    const stems = long.map(safeFileStem);
    expect(new Set(stems).size).toBe(long.length);
    expect(safeFileStem('y'.repeat(MAX_STEM_BYTES))).toBe('y'.repeat(MAX_STEM_BYTES));
    expect(safeFileStem('x'.repeat(300))).toMatch(/^x+~h[0-9a-f]{10}$/);
  });
});

describe('assignStems', () => {
  it('suffixes names that differ only in case, whatever the input order', () => {
    for (const order of [['Frob', 'frob', 'FROB', 'other'], ['other', 'FROB', 'frob', 'Frob']]) {
      const { stems, collisions } = assignStems(order);
      expect(Object.fromEntries(stems)).toEqual({ FROB: 'FROB', Frob: 'Frob~2', frob: 'frob~3', other: 'other' });
      expect(collisions).toEqual([
        { name: 'Frob', stem: 'Frob~2', clashesWith: 'FROB' },
        { name: 'frob', stem: 'frob~3', clashesWith: 'FROB' },
      ]);
    }
  });
});
