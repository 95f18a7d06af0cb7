import { describe, expect, it } from 'vitest';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { brokenLinks, context } from './helpers.js';
import { widgetModel } from './models.js';

describe('links follow the outputs of the run', () => {
  it.each([
    [['markdown'], false],
    [['markdown', 'schema'], true],
    [undefined, true],
  ] as const)('emitted %j → schema links %s, and none dangle', (emitted, schemaLinks) => {
    const files = emitMarkdown(widgetModel, { ...context(), ...(emitted ? { emitted } : {}) });
    const text = files.map((f) => f.contents).join('\n');
    expect(text.includes('/schema/')).toBe(schemaLinks);
    if (!schemaLinks) expect(brokenLinks(files)).toEqual([]);
  });
});
