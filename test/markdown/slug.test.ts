import { describe, expect, it } from 'vitest';
import { Slugger, slug } from '../../generator/emit/shared/slug.js';

describe('slug: GitHub heading anchors', () => {
  it.each([
    ['Arguments', 'arguments'],
    ['Regular commands', 'regular-commands'],
    ['frob-widget', 'frob-widget'],
    ['WIDGET_FROBBED', 'widget_frobbed'],
    ['arguments.knobs[]', 'argumentsknobs'],
    ['return[].parts[].kind values', 'returnpartskind-values'],
    ['What? (really!) #1', 'what-really-1'],
    ['a  b', 'a--b'],
    ['Grüße, Welt', 'grüße-welt'],
    ['`code` & <b>', 'code--b'],
    ['', ''],
  ])('%j → %j', (heading, expected) => {
    expect(slug(heading)).toBe(expected);
  });

  it('numbers repeats in document order, as GitHub does', () => {
    const s = new Slugger();
    expect(['Notes', 'Notes', 'notes-1', 'Notes'].map((h) => s.next(h))).toEqual(['notes', 'notes-1', 'notes-1-1', 'notes-2']);
  });
});
