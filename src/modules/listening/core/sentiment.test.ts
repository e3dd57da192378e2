import { describe, expect, it } from 'vitest';
import { compoundScore, createLexiconSentiment, labelForScore } from './sentiment.ts';

const provider = createLexiconSentiment();
const label = (text: string, lang: string) => provider.analyze(text, lang).label;
const score = (text: string, lang: string) => provider.analyze(text, lang).score;

describe('lexicon sentiment', () => {
  it('labels plain Spanish and English', () => {
    expect(label('Me encanta este producto', 'es')).toBe('positive');
    expect(label('El servicio es pésimo', 'es')).toBe('negative');
    expect(label('I love this phone', 'en')).toBe('positive');
    expect(label('This is terrible', 'en')).toBe('negative');
    expect(label('El pedido llega el martes', 'es')).toBe('neutral');
  });
  it('handles negation', () => {
    expect(label('No me gusta', 'es')).toBe('negative');
    expect(label('not bad at all', 'en')).toBe('positive');
    expect(label("I don't like it", 'en')).toBe('negative');
  });
  it('handles intensifiers, elongation, caps and exclamations', () => {
    expect(score('muy bueno', 'es')).toBeGreaterThan(score('bueno', 'es'));
    expect(score('buenooooo', 'es')).toBeGreaterThan(score('bueno', 'es'));
    expect(score('the food was GOOD', 'en')).toBeGreaterThan(score('the food was good', 'en'));
    expect(score('good!!!', 'en')).toBeGreaterThan(score('good', 'en'));
    expect(score('algo bueno', 'es')).toBeLessThan(score('bueno', 'es'));
  });
  it('weights what follows pero / but', () => {
    expect(label('Bonito pero horrible', 'es')).toBe('negative');
    expect(label('The screen is bad but the battery is great', 'en')).toBe('positive');
  });
  it('reads emojis and emoticons', () => {
    expect(label('😍😍', 'es')).toBe('positive');
    expect(label('otra vez 😡', 'es')).toBe('negative');
    expect(label('see you :(', 'en')).toBe('negative');
  });
  it('maps sums to scores and labels like VADER', () => {
    expect(compoundScore(0)).toBe(0);
    expect(compoundScore(4)).toBeCloseTo(4 / Math.sqrt(31), 6);
    expect(labelForScore(0.04)).toBe('neutral');
    expect(labelForScore(-0.05)).toBe('negative');
  });
});
