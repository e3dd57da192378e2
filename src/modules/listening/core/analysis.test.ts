import { describe, expect, it } from 'vitest';
import { countSentiments, netSentiment, shareOfVoice, topPhrases, topTerms } from './analysis.ts';

describe('analysis', () => {
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
});
