import { describe, expect, it } from 'vitest';
import { canonicalUrl, createDeduplicator, estimatedSimilarity, minHashSignature } from './dedupe.ts';
import { normalizePost } from './tokenize.ts';

const tokens = (text: string) => normalizePost({ text }).tokens;

describe('de-duplication', () => {
  it('canonicalizes URLs', () => {
    expect(canonicalUrl('https://WWW.Acme.com/a/?utm_source=x&b=2&a=1#top')).toBe('acme.com/a?a=1&b=2');
  });
  it('finds the same URL and near-duplicate text, not different text', () => {
    const d = createDeduplicator();
    expect(d.check('1', tokens('El nuevo móvil de Acme tiene una batería que dura muy poco, qué decepción'), 'https://acme.com/p?utm_medium=a')).toEqual({});
    expect(d.check('2', tokens('otra cosa'), 'https://www.acme.com/p')).toEqual({ duplicateOf: '1', reason: 'url' });
    expect(d.check('3', tokens('RT El nuevo móvil de Acme tiene una batería que dura muy poco, qué decepción')).duplicateOf).toBe('1');
    expect(d.check('4', tokens('Acme abre una tienda nueva en Madrid este sábado con descuentos')).duplicateOf).toBeUndefined();
  });
  it('forgets beyond its window', () => {
    const d = createDeduplicator({ windowSize: 2 });
    const text = tokens('one two three four five six seven');
    d.check('a', text);
    d.check('b', tokens('uno dos tres cuatro cinco seis siete'));
    d.check('c', tokens('eins zwei drei vier funf sechs sieben'));
    expect(d.size).toBe(2);
    expect(d.check('d', text).duplicateOf).toBeUndefined();
  });
  it('estimates Jaccard similarity', () => {
    const a = minHashSignature('a b c d e f g h i j'.split(' '));
    expect(estimatedSimilarity(a, a)).toBe(1);
    expect(estimatedSimilarity(a, minHashSignature('k l m n o p q r s t'.split(' ')))).toBeLessThan(0.2);
  });
});
