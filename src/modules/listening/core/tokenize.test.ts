import { describe, expect, it } from 'vitest';
import { foldText, normalizePost, normalizeQueryWords, siteKeys } from './tokenize.ts';

describe('tokenize', () => {
  it('folds case, width, accents and ñ', () => {
    expect(foldText('Música ESPAÑA Ｃａｆé')).toBe('musica espana cafe');
    expect(normalizeQueryWords('¡Qué BUENOOO!')).toEqual(['que', 'buenoo']);
  });
  it('keeps # and @, emits hashtag words and elongation variants with positions', () => {
    const post = normalizePost({ text: 'Graciaaaas @Acme por #Verano https://www.shop.acme.com/x?y=1.', author: '@Ana', network: 'Bluesky' });
    expect(post.tokens).toEqual(['graciaas', '@acme', 'por', '#verano']);
    expect(post.positions.get('gracias')).toEqual([0]);
    expect(post.positions.get('verano')).toEqual([3]);
    expect(post.positions.has('acme')).toBe(false);
    expect(post.sites).toEqual(['shop.acme.com', 'acme.com']);
    expect(post.author).toBe('ana');
    expect(post.network).toBe('bluesky');
    expect(post.elongated).toEqual([true, false, false, false]);
  });
  it('lists a host and its parent domains', () => {
    expect(siteKeys('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
  });
});
