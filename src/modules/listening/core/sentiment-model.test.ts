import { describe, expect, it } from 'vitest';
import { createLexiconSentiment } from './sentiment.ts';
import { createModelSentiment, modelFeatures, predict, trainModel, type SentimentModel } from './sentiment-model.ts';

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
