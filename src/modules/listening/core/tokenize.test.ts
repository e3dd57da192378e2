import { describe, expect, it } from 'vitest';
import {
  collapseElongation,
  expandHashtags,
  foldText,
  foldTextReference,
  isElongated,
  normalizePost,
  normalizeQueryWords,
  siteKeys,
} from './tokenize.ts';

describe('tokenize', () => {
  it('spells out camel-case hashtags for sentiment, leaving other tags alone', () => {
    expect(expandHashtags('Ya está bien #SanidadNoSeVende')).toBe('Ya está bien #SanidadNoSeVende sanidad no se vende');
    expect(expandHashtags('#NuncaMás y #ElÚltimoTurno')).toBe('#NuncaMás nunca más y #ElÚltimoTurno el último turno');
    expect(expandHashtags('#PGE2021 #SMI #pleno sin cambios')).toBe('#PGE2021 #SMI #pleno sin cambios');
    expect(expandHashtags('no tags here')).toBe('no tags here');
  });

  it('folds case, width, accents and ñ', () => {
    expect(foldText('Música ESPAÑA Ｃａｆé')).toBe('musica espana cafe');
    expect(normalizeQueryWords('¡Qué BUENOOO!')).toEqual(['que', 'buenoo']);
  });
  it('keeps # and @, emits hashtag words and elongation variants with positions', () => {
    const post = normalizePost({
      text: 'Graciaaaas @Acme por #Verano https://www.shop.acme.com/x?y=1.',
      author: '@Ana',
      network: 'Bluesky',
    });
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
  it('folds like the Unicode reference on random mixed text', () => {
    // Plain letters, accents (precomposed and combining), compatibility forms, final sigma,
    // Hangul jamo, ligatures, emojis with modifiers and selectors, astral letters, symbols.
    const pool = [
      'a',
      'Z',
      ' ',
      '#',
      '@',
      '1',
      'é',
      'Ñ',
      'ü',
      'Ç',
      'ß',
      'İ',
      'ı',
      'ĳ',
      'ǅ',
      '\u0301',
      '\u0303',
      'e\u0301',
      'Ｃ',
      'ａ',
      '½',
      '™',
      '…',
      '‼',
      'Σ',
      'σ',
      'ς',
      'Ω',
      'Ω',
      'ᄀ',
      'ᅡ',
      'ᆨ',
      '가',
      'ﬁ',
      '😍',
      '👍🏽',
      '❤️',
      '👩‍💻',
      '🄰',
      '𝐁',
      '𝒶',
      'Ж',
      'ё',
      'ά',
      'ǆ',
      '\u200d',
      '\ufe0f',
      '¿',
      '¡',
      '€',
      'ª',
      'º',
      '²',
      'Ⅻ',
      'ｶ',
      '한',
    ];
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 12);
      for (let i = 0; i < length; i++) text += pool[Math.floor(next() * pool.length)];
      expect(foldText(text)).toBe(foldTextReference(text));
    }
  });
  it('finds elongated words without regular expressions on the common path', () => {
    expect(isElongated('goooood')).toBe(true);
    expect(isElongated('good')).toBe(false);
    expect(isElongated('𝒶𝒶𝒶')).toBe(true);
    expect(isElongated('!!!')).toBe(false);
    expect(collapseElongation('siiiiii')).toBe('sii');
  });
});
