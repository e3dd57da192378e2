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
  it('reads what a camel-case hashtag says', () => {
    expect(label('Otra vez lo mismo #PromesasIncumplidas', 'es')).toBe('negative');
    expect(label('Day three of the strike #NotHappy', 'en')).toBe('negative');
    expect(score('Otra vez lo mismo #promesasincumplidas', 'es')).toBe(0);
  });

  it('reads emojis and emoticons', () => {
    expect(label('😍😍', 'es')).toBe('positive');
    expect(label('otra vez 😡', 'es')).toBe('negative');
    expect(label('see you :(', 'en')).toBe('negative');
  });
  it('maps sums to scores and labels like VADER', () => {
    expect(compoundScore(0)).toBe(0);
    expect(compoundScore(4)).toBeCloseTo(4 / Math.sqrt(31), 6);
    expect(labelForScore(0.04, 0.05)).toBe('neutral');
    expect(labelForScore(-0.05, 0.05)).toBe('negative');
    expect(labelForScore(0.2)).toBe('neutral'); // default band ±0.25: one mild word is not an opinion
    expect(labelForScore(-0.3)).toBe('negative');
  });
  it('keeps negation and boosters within their clause', () => {
    expect(label('No. Me encanta', 'es')).toBe('positive');
    expect(label('No, I love it', 'en')).toBe('positive');
    expect(label('No me encanta', 'es')).toBe('negative');
  });
  it('ignores handles and weakens questions', () => {
    expect(score('gracias @Desastre_Total', 'es')).toBe(score('gracias', 'es'));
    expect(Math.abs(score('¿Es bueno?', 'es'))).toBeLessThan(Math.abs(score('Es bueno.', 'es')));
    expect(Math.abs(score('would you recommend it?', 'en'))).toBeLessThan(Math.abs(score('I recommend it.', 'en')));
  });
  it('reads Spanish superlatives and leaves function words alone', () => {
    expect(score('carísimo', 'es')).toBeLessThan(score('caro', 'es'));
    expect(score('buenísima', 'es')).toBeGreaterThan(score('buena', 'es'));
    expect(score('para', 'es')).toBe(0); // shares the stem "par" with "paro" (unemployment)
    expect(label('El pedido llega para el martes', 'es')).toBe('neutral');
  });
  it('reads Spanish inflections, set phrases and negative prefixes', () => {
    expect(label('La piscina estaba sucia', 'es')).toBe('negative'); // sucio, feminine
    expect(label('Una tela de muy mala calidad', 'es')).toBe('negative'); // malo, feminine
    expect(label('La dependienta fue encantadora', 'es')).toBe('positive'); // encantador
    expect(label('El spa merece la pena', 'es')).toBe('positive'); // "pena" alone is sorrow
    expect(label('El spa no merece la pena', 'es')).toBe('negative'); // a negator flips the phrase
    expect(label('El trato dejó mucho que desear', 'es')).toBe('negative');
    expect(label('Las camas eran incómodas', 'es')).toBe('negative'); // in- + cómodo
    expect(label('El baño estaba sucísimo', 'es')).toBe('negative'); // superlative of sucio
    expect(label('Los auriculares dejaron de funcionar', 'es')).toBe('negative');
  });
  it('offers a 2-class mode with a zero neutral band', () => {
    const twoClass = createLexiconSentiment({ neutralBand: Number.MIN_VALUE });
    expect(twoClass.analyze('está bien', 'es').label).not.toBe('neutral');
    expect(twoClass.analyze('El pedido llega el martes', 'es').label).toBe('neutral');
  });
});
