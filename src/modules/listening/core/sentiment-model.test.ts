import { describe, expect, it } from 'vitest';
import { createLexiconSentiment } from './sentiment.ts';
import {
  createDefaultSentiment,
  createModelSentiment,
  LITOTES_FEATURE,
  modelFeatures,
  predict,
  rewriteLitotes,
  trainModel,
  type SentimentModel,
} from './sentiment-model.ts';

describe('trained sentiment model', () => {
  it('marks negation scope, folds accents and hides handles and numbers', () => {
    const features = modelFeatures('No me gustó NADA el envío de @TiendaX, 3 días tarde', -0.5);
    expect(features.has('w:no')).toBe(true);
    expect(features.has('w:not_me')).toBe(true);
    expect(features.has('w:not_gusto')).toBe(true); // accent folded, inside the scope of "no"
    expect(features.has('w:@user')).toBe(true);
    expect(features.has('w:0')).toBe(true);
    expect(features.get('lex:score')).toBe(-0.5);
    expect(features.has('lex:negative')).toBe(true);
  });

  it('learns from examples and predicts probabilities that sum to one', () => {
    const lexicon = createLexiconSentiment();
    const texts: Array<[string, 'positive' | 'neutral' | 'negative']> = [];
    for (let i = 0; i < 20; i++) {
      texts.push([`la sala ${i} tenía ventanas al jardín`, 'positive']);
      texts.push([`la sala ${i} abre a las nueve`, 'neutral']);
      texts.push([`la sala ${i} daba a un patio oscuro`, 'negative']);
    }
    const examples = texts.map(([text, label]) => ({ features: modelFeatures(text, lexicon.analyze(text, 'es').score), label }));
    const model = trainModel(examples, { epochs: 10, minCount: 1 });
    const provider = createModelSentiment(lexicon, model);
    expect(provider.analyze('la sala 99 daba a un patio oscuro', 'es').label).toBe('negative');
    expect(provider.analyze('la sala 99 tenía ventanas al jardín', 'es').label).toBe('positive');
    expect(provider.analyze('la sala 99 abre a las nueve', 'es').label).toBe('neutral');
    const p = predict(model, modelFeatures('la sala abre', 0));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('leaves other languages to the lexicon', () => {
    const lexicon = createLexiconSentiment();
    const alwaysNeutral: SentimentModel = { version: 1, lang: 'es', bias: [0, 10, 0], weights: {} };
    const provider = createModelSentiment(lexicon, alwaysNeutral);
    expect(provider.analyze('I love this phone', 'en')).toEqual(lexicon.analyze('I love this phone', 'en'));
    expect(provider.analyze('Me encanta este móvil', 'es').label).toBe('neutral');
  });
});

describe('double negation (litotes)', () => {
  const provider = createDefaultSentiment();
  const lexicon = createLexiconSentiment();
  it.each([
    'No está nada mal',
    'no está nada mal',
    'El café no está nada mal',
    'No está nada mal, la verdad',
    'no es nada malo',
    'No es malo',
    'no está mal',
    'No está mal la tarta',
    'Nada mal',
    'nada mal el café de hoy',
    'no estuvo nada mal la cena',
  ])('reads "%s" as positive (default provider and lexicon)', (text) => {
    expect(provider.analyze(text, 'es').label).toBe('positive');
    expect(lexicon.analyze(text, 'es').label).toBe('positive');
  });
  it.each(['not bad', 'not bad at all', 'Not bad!', "it's not bad"])('reads "%s" as positive', (text) => {
    expect(provider.analyze(text, 'en').label).toBe('positive');
  });
  it('still reads a denied positive word as negative', () => {
    for (const text of ['No está nada bien', 'no está bien', 'No es nada bueno', 'Nada bueno', 'No me gusta nada'])
      expect(provider.analyze(text, 'es').label).toBe('negative');
    expect(provider.analyze('not good at all', 'en').label).toBe('negative');
  });
  it('rewrites the denial into what it means for the model, leaving other texts untouched', () => {
    expect(rewriteLitotes(['no', 'esta', 'nada', 'mal'])).toEqual(['esta', 'muy', 'bien']);
    expect(rewriteLitotes(['no', 'es', 'malo'])).toEqual(['es', 'bueno']);
    expect(rewriteLitotes(['nada', 'mal'])).toEqual(['muy', 'bien']);
    const plain = ['me', 'sento', 'mal', 'la', 'cena'];
    expect(rewriteLitotes(plain)).toBe(plain);
    // A negator far from "mal", across other words, is not a litotes.
    expect(rewriteLitotes(['no', 'vuelvo', 'porque', 'me', 'trataron', 'mal'])).toEqual([
      'no',
      'vuelvo',
      'porque',
      'me',
      'trataron',
      'mal',
    ]);
    expect(modelFeatures('No está nada mal', 0.37).has(LITOTES_FEATURE)).toBe(true);
    expect(modelFeatures('Me sentó mal', -0.3).has(LITOTES_FEATURE)).toBe(false);
  });
  it('keeps a plain complaint with "mal" negative', () => {
    expect(provider.analyze('Me trataron muy mal', 'es').label).toBe('negative');
    expect(provider.analyze('No vuelvo, me trataron mal', 'es').label).toBe('negative');
  });
});
