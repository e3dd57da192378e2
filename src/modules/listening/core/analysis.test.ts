import { describe, expect, it } from 'vitest';
import { countSentiments, netSentiment, shareOfVoice, TERM_STOP_WORDS, topPhrases, topTerms, writtenFormOf } from './analysis.ts';

describe('analysis', () => {
  it('labels folded keys (trending terms) by their most frequent written form', () => {
    const written = writtenFormOf(['Un CAFÉ riquísimo', 'el café de hoy', 'cafe frio', 'Café con leche']);
    expect(written('cafe')).toBe('café');
    expect(written('riquisimo')).toBe('riquísimo');
    expect(written('nunca')).toBe('nunca');
  });

  it('computes share of voice and net sentiment (neutral included)', () => {
    expect(shareOfVoice(30, [50, 20])).toBe(30);
    expect(shareOfVoice(0, 0)).toBe(0);
    expect(netSentiment({ positive: 5, neutral: 3, negative: 2 })).toBe(30);
    expect(netSentiment(countSentiments(['positive', 'negative', 'neutral', 'neutral']))).toBe(0);
  });
  it('finds top terms and phrases without stop words', () => {
    const texts = [
      'El servicio al cliente de Acme',
      'servicio al cliente lento https://x.com',
      'atención al cliente y servicio técnico @acme',
    ];
    expect(topTerms(texts, 2)).toEqual([
      { term: 'cliente', count: 3 },
      { term: 'servicio', count: 3 },
    ]);
    expect(topPhrases(texts, 1)).toEqual([{ term: 'cliente lento', count: 1 }]);
    expect(topPhrases(['servicio tecnico malo', 'el servicio tecnico'], 1)).toEqual([{ term: 'servicio tecnico', count: 2 }]);
  });
  it('shows terms as people wrote them, in lower case with their accents', () => {
    const texts = ['El Café de Aroma', 'Qué buen café', 'cafe con leche', 'CAFÉ!!', 'Mañana más café y pastelería', 'la pasteleria'];
    const terms = topTerms(texts, 3);
    expect(terms[0]).toEqual({ term: 'café', count: 5 }); // "cafe" once, "café" four times: one term, shown with its accent
    expect(terms.map((t) => t.term)).toContain('pastelería'); // a 1–1 tie: the accented spelling wins
    expect(topPhrases(['Servicio Técnico lento', 'servicio técnico malo', 'servicio tecnico'], 1)).toEqual([
      { term: 'servicio técnico', count: 3 },
    ]);
  });
  it('leaves Spanish and English stop words out', () => {
    const texts = [
      'Ayer fui al café y han cambiado la carta',
      'Fui con mis amigos, han puesto música',
      'We were there and they would have stayed',
      'estábamos allí y nosotras también',
    ];
    const terms = topTerms(texts, 50).map((t) => t.term);
    for (const stop of ['fui', 'han', 'we', 'were', 'there', 'they', 'would', 'have', 'estábamos', 'allí', 'nosotras', 'también', 'y'])
      expect(terms).not.toContain(stop);
    expect(terms).toEqual(expect.arrayContaining(['café', 'carta', 'amigos', 'música', 'stayed']));
    expect(TERM_STOP_WORDS.has('fui')).toBe(true);
    expect(TERM_STOP_WORDS.has('estabamos')).toBe(true); // folded, as terms are compared
  });
});
